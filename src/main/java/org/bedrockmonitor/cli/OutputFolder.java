package org.bedrockmonitor.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bedrockmonitor.config.UserError;

/** The folder a command writes into (--out): a file in its place, or a path that cannot be a folder, is named. */
final class OutputFolder {

    private OutputFolder() {
    }

    /** Creates the folder when it is missing; {@code option} names the flag it came from. */
    static Path create(String option, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UserError(option + " " + folder + " is a file, not a folder");
        }
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            String reason = e instanceof FileSystemException failed && failed.getReason() != null
                    ? failed.getReason() : "a part of the path is a file or cannot be written";
            throw new UserError(option + " " + folder + " cannot be created as a folder: " + reason);
        }
    }
}
