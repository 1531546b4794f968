package org.twingrad.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The values NumPy printed, from {@code numpy-reference.txt} (made by {@code data/tools/numpy_reference.py}). */
final class NumpyReference {
    private static Map<String, String[]> lines;

    private NumpyReference() {}

    static synchronized String[] get(String name) {
        if (lines == null) {
            lines = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    NumpyReference.class.getResourceAsStream("numpy-reference.txt"), StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.startsWith("#")) {
                        String[] parts = line.split(" ");
                        lines.put(parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String[] v = lines.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no reference line " + name);
        }
        return v;
    }

    static double[] doubles(String name) {
        String[] s = get(name);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Double.parseDouble(s[i]);
        }
        return out;
    }

    static long[] longs(String name) {
        String[] s = get(name);
        long[] out = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Long.parseLong(s[i]);
        }
        return out;
    }
}
