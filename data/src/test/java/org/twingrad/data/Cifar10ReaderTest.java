package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cifar10Reader on tiny batch files: a label byte then the R, G and B planes. */
class Cifar10ReaderTest {
    @TempDir
    Path dir;

    /** n records; record r has label r % 10, red plane all r, green 100, blue 255. */
    static byte[] batch(int n) {
        byte[] b = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            b[r * 3073] = (byte) (r % 10);
            Arrays.fill(b, r * 3073 + 1, r * 3073 + 1 + 1024, (byte) r);
            Arrays.fill(b, r * 3073 + 1 + 1024, r * 3073 + 1 + 2048, (byte) 100);
            Arrays.fill(b, r * 3073 + 1 + 2048, r * 3073 + 3073, (byte) 255);
        }
        return b;
    }

    @Test
    void readsLabelsAndPlanesInOrderScaledTo01() throws IOException {
        Path a = Files.write(dir.resolve("data_batch_1.bin"), batch(3));
        Dataset d = Cifar10Reader.read(a);
        assertEquals(3, d.rows());
        assertEquals(3072, d.cols());
        assertArrayEquals(new int[] {0, 1, 2}, d.labels());
        assertEquals(2 / 255.0, d.feature(2, 0));
        assertEquals(100 / 255.0, d.feature(2, 1024));
        assertEquals(1.0, d.feature(2, 3071));
    }

    @Test
    void readsTheStandardFolder() throws IOException {
        for (int i = 1; i <= 5; i++) {
            Files.write(dir.resolve("data_batch_" + i + ".bin"), batch(2));
        }
        Files.write(dir.resolve("test_batch.bin"), batch(1));
        Split s = Cifar10Reader.readDirectory(dir);
        assertEquals(10, s.train().rows());
        assertEquals(1, s.test().rows());
    }

    @Test
    void aTruncatedBatchNamesTheOffsetOfTheBrokenRecord() throws IOException {
        Path p = Files.write(dir.resolve("t.bin"), Arrays.copyOf(batch(2), 3073 + 100));
        String m = assertThrows(MalformedDataException.class, () -> Cifar10Reader.read(p)).getMessage();
        assertTrue(m.endsWith("t.bin byte offset 3073: expected a whole record of 3073 bytes (label + 3072 pixels), found 100 bytes: truncated"), m);
    }

    @Test
    void aLabelAbove9AndAnEmptyFileAreRejected() throws IOException {
        byte[] b = batch(2);
        b[3073] = 10;
        Path p = Files.write(dir.resolve("l.bin"), b);
        String m = assertThrows(MalformedDataException.class, () -> Cifar10Reader.read(p)).getMessage();
        assertTrue(m.endsWith("l.bin byte offset 3073: expected a class label 0..9, found 10"), m);
        Path e = Files.write(dir.resolve("e.bin"), new byte[0]);
        String em = assertThrows(MalformedDataException.class, () -> Cifar10Reader.read(e)).getMessage();
        assertTrue(em.endsWith("e.bin byte offset 0: expected CIFAR-10 records of 3073 bytes, found an empty file"), em);
    }
}
