package org.twingrad.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads a whole file into memory, un-gzipping it when it starts with the gzip magic bytes 1f 8b. */
final class DataFiles {
    private DataFiles() {}

    static byte[] readAll(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a folder, expected a data file");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        return maybeGunzip(Files.readAllBytes(file), file.toString());
    }

    static byte[] readAll(InputStream in, String source) throws IOException {
        return maybeGunzip(in.readAllBytes(), source);
    }

    private static byte[] maybeGunzip(byte[] bytes, String source) throws IOException {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return gz.readAllBytes();
            } catch (ZipException | java.io.EOFException e) {
                throw new MalformedDataException(source, "(gzip stream)", "a complete gzip stream",
                        "a damaged or truncated one (" + e.getMessage() + ")");
            }
        }
        return bytes;
    }
}
