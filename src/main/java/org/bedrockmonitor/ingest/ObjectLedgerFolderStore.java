package org.bedrockmonitor.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Ledger entries as files in a local folder (local profile, tests); creation is atomic per file. */
public final class ObjectLedgerFolderStore implements ObjectLedgerStore {

    private final Path folder;

    public ObjectLedgerFolderStore(Path folder) {
        this.folder = folder;
    }

    @Override
    public boolean createIfAbsent(String name, String content) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(folder.resolve(name), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(String name, String content) {
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".entry", ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
