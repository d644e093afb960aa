package org.bedrockmonitor.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bedrockmonitor.util.Hashes;

/**
 * The store as a folder (local profile, analyze, tests). Writes go to a temporary file that is moved
 * into place, so a reader never sees half a value. Conditional writes hold a lock file of the folder
 * (shared by every process using it) while they compare and write; the version of a value is a hash of
 * its content, as S3's eTag is for a simple upload.
 */
public final class FolderStateStore implements StateStore {

    private static final String LOCK_FILE = ".store.lock";
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;
    private final Object processLock = new Object();

    public FolderStateStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<Versioned> get(String key) {
        try {
            byte[] content = Files.readAllBytes(file(key));
            return Optional.of(new Versioned(content, Hashes.sha256Hex(content, 32)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        write(file(key), content);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        Path target = file(key);
        return locked(() -> {
            if (Files.exists(target)) {
                return false;
            }
            write(target, content);
            return true;
        });
    }

    @Override
    public boolean putIfMatch(String key, byte[] content, String etag) {
        return locked(() -> {
            Optional<Versioned> current = get(key);
            if (current.isEmpty() || !current.get().etag().equals(etag)) {
                return false;
            }
            write(file(key), content);
            return true;
        });
    }

    @Override
    public List<String> folders(String prefix) {
        Path folder = file(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).map(child -> child.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Listed> list(String prefix) {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : file(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<Listed> listed = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            walk.forEach(path -> {
                String name = path.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) || name.equals(LOCK_FILE)) {
                    return;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    if (!attributes.isRegularFile()) {
                        return;
                    }
                    String key = root.relativize(path).toString().replace('\\', '/');
                    if (key.startsWith(prefix)) {
                        listed.add(new Listed(key, attributes.size() + "-" + attributes.lastModifiedTime().toMillis()));
                    }
                } catch (NoSuchFileException gone) {
                    // removed while the folder was walked: not listed
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot list " + start + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        listed.sort((a, b) -> a.key().compareTo(b.key()));
        return listed;
    }

    @Override
    public Optional<String> firstKey(String prefix) {
        return list(prefix).stream().findFirst().map(Listed::key);
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (DirectoryNotEmptyException e) {
            throw new IllegalArgumentException("not a key but a folder: " + key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(key) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean deleteIfMatch(String key, String etag) {
        return locked(() -> {
            Optional<Versioned> current = get(key);
            if (current.isEmpty() || !current.get().etag().equals(etag)) {
                return false;
            }
            delete(key);
            return true;
        });
    }

    @Override
    public String describe() {
        return root + "/";
    }

    private Path file(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || key.isEmpty()) {
            throw new IllegalArgumentException("not a key of the store: " + key);
        }
        return path;
    }

    private static void write(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
            try {
                Files.write(temp, content);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private interface Action {
        boolean run();
    }

    /** One conditional operation at a time, in this process and across processes sharing the folder. */
    private boolean locked(Action action) {
        synchronized (processLock) {
            try {
                Files.createDirectories(root);
                try (FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    return action.run();
                }
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the store " + root + ": " + e.getMessage(), e);
            }
        }
    }

}
