package org.twingrad.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.twingrad.data.Cifar10Reader;
import org.twingrad.data.CsvFormat;
import org.twingrad.data.CsvReader;
import org.twingrad.data.Mnist;
import org.twingrad.data.MnistIdxReader;
import org.twingrad.data.Split;

/**
 * The {@code --data} option: {@code mnist4000} (3000 train, 1000 test), {@code mnist10k} (8000 train,
 * 2000 test, drawn by a seeded permutation: {@link Mnist#mnist10kSplit}), {@code idx:DIR} (MNIST IDX files), {@code csv:TRAIN,TEST} (CSV, header and pixel scale detected,
 * label last unless {@code --label-first}) or {@code cifar:DIR} (CIFAR-10 binary batches).
 */
final class DataSpec {
    private DataSpec() {}

    static Split load(String spec, boolean labelFirst) throws IOException {
        String s = spec.trim();
        if (s.equals("mnist4000")) {
            return Mnist.mnist4000();
        }
        if (s.equals("mnist10k")) {
            return Mnist.mnist10kSplit(8000);
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        switch (kind) {
            case "idx" -> {
                return MnistIdxReader.readDirectory(Path.of(requireArg(spec, arg)));
            }
            case "cifar" -> {
                return Cifar10Reader.readDirectory(Path.of(requireArg(spec, arg)));
            }
            case "csv" -> {
                String[] files = requireArg(spec, arg).split(",");
                Experiment.require(files.length == 2, "--data csv:TRAIN,TEST needs two files separated by a comma, got '" + arg + "'");
                CsvFormat f = new CsvFormat(labelFirst, CsvFormat.Header.AUTO, CsvFormat.DETECT, 10);
                return new Split(CsvReader.read(Path.of(files[0]), f), CsvReader.read(Path.of(files[1]), f));
            }
            default -> throw new IllegalArgumentException("unknown --data '" + spec
                    + "': expected mnist4000, mnist10k, idx:DIR, csv:TRAIN,TEST or cifar:DIR");
        }
    }

    private static String requireArg(String spec, String arg) {
        Experiment.require(!arg.isEmpty(), "--data " + spec + " needs a path after the colon");
        return arg;
    }

    /** {@code --limit}: 0 for all rows, else a positive number of rows. */
    static void checkLimit(int rows) {
        Experiment.require(rows >= 0, "--limit must be 0 (all rows) or a positive number of training rows, got " + rows);
    }

    /** One line for the start of a run: how many rows each file gave, so a dropped or extra row shows. */
    static String rowsRead(Split s) {
        return String.format("read %,d rows from %s and %,d rows from %s", s.train().rows(), s.train().name(),
                s.test().rows(), s.test().name());
    }

    /** The first {@code rows} rows of each part (all if rows is 0): for quick runs. */
    static Split limit(Split s, int rows) {
        checkLimit(rows);
        if (rows == 0) {
            return s;
        }
        return new Split(s.train().slice(0, Math.min(rows, s.train().rows())),
                s.test().slice(0, Math.min(Math.max(rows / 3, 10), s.test().rows())));
    }
}
