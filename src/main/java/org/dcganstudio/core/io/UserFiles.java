package org.dcganstudio.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading files a user named, with errors that name the file in one line. */
public final class UserFiles {

    private UserFiles() {}

    /** All bytes of a file; a missing file is an error saying so, not a bare exception class name. */
    public static byte[] readAll(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
    }
}
