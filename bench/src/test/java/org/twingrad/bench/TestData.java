package org.twingrad.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small CSV files for the command's tests: three separable classes of 16 "pixels" in [0, 1], CMU's layout. */
final class TestData {
    private TestData() {}

    static Path csv(Path dir, String name, int rows, int pixels, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            int label = i % 3;
            for (int p = 0; p < pixels; p++) {
                double v = (p / 5 == label ? 0.7 : 0.1) + 0.2 * r.nextDouble();
                sb.append(String.format("%.3f,", v));
            }
            sb.append(label).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    /** train.csv (90 rows) and test.csv (30 rows) in {@code dir}, named relative to it: {@code csv:train.csv,test.csv}. */
    static String data(Path dir) throws IOException {
        csv(dir, "train.csv", 90, 16, 1);
        csv(dir, "test.csv", 30, 16, 2);
        return "csv:train.csv,test.csv";
    }
}
