package org.twingrad.tensor.nn;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.twingrad.data.MalformedDataException;
import org.twingrad.tensor.CrashPoints;
import org.twingrad.tensor.Tensor;

/**
 * Saves and loads a model's parameters in twingrad's own binary format (never Java serialization).
 *
 * <p>Format, version 2, all numbers big-endian:
 * <pre>
 *   bytes 0–7   magic "TWINGRAD"
 *   int32       format version (2: a layer's weights are [out, in]; 1, read too: they were [in, out])
 *   int32 + UTF-8 bytes   a description of the model, free text (the CLI writes its architecture here)
 *   int32       number of tensors T
 *   T times:    int32 rank, rank × int32 dimensions, then the values as IEEE-754 float64
 *   int64       CRC-32 of every byte before it
 * </pre>
 *
 * {@link #save} writes to a temporary file in the same folder, forces it to disk and renames it over the target, so a
 * crash leaves either the old file or the new one, never half of one. {@link #load} checks the magic number, the
 * version, the checksum and, with {@link #loadInto}, every shape.
 *
 * <pre>{@code
 * ModelFile.save(Path.of("model.twg"), "784-256-10 sigmoid", net.parameters());
 * ModelFile.loadInto(Path.of("model.twg"), net);
 * }</pre>
 */
public final class ModelFile {
    private static final byte[] MAGIC = "TWINGRAD".getBytes(StandardCharsets.US_ASCII);
    /** The version this code writes; it reads version 1 too, whose weight matrices were stored [in, out]. */
    public static final int VERSION = 2;

    /**
     * What a model file holds.
     *
     * @param version     the format version it was written in
     * @param description the free text saved with it
     * @param shapes      each tensor's shape
     * @param values      each tensor's values, row-major
     */
    public record Contents(int version, String description, List<int[]> shapes, List<double[]> values) {
    }

    private ModelFile() {}

    /**
     * Writes the tensors atomically (temporary file, then rename). The temporary file is named
     * {@code <file name><digits>.tmp} in the same folder ({@code model.twg8123456.tmp}); a crash can leave one behind,
     * which {@link #removeStaleTemporaries} removes. The bytes are streamed to it with the checksum computed on the way,
     * so a model needs no second copy of itself in memory.
     */
    public static void save(Path file, String description, List<Tensor> tensors) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                CRC32 crc = new CRC32();
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                        new java.util.zip.CheckedOutputStream(java.nio.channels.Channels.newOutputStream(ch), crc), 1 << 16));
                write(out, description, tensors);
                out.flush();
                out.writeLong(crc.getValue());      // the checksum of every byte before it; not itself checksummed
                out.flush();
                ch.force(true);
            }
            CrashPoints.reached("temp-written:" + target.getFileName());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporary files an interrupted {@link #save} left in {@code dir}: only names of save's own pattern,
     * {@code <name>.twg<digits>.tmp}, so nothing of the user's is touched.
     *
     * @return the files removed
     */
    public static List<Path> removeStaleTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> removed = files.filter(p -> p.getFileName().toString().matches(".+\\.twg\\d+\\.tmp")
                    && Files.isRegularFile(p)).toList();
            for (Path p : removed) {
                Files.delete(p);
            }
            return removed;
        }
    }

    private static void write(DataOutputStream out, String description, List<Tensor> tensors) throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        byte[] desc = description.getBytes(StandardCharsets.UTF_8);
        out.writeInt(desc.length);
        out.write(desc);
        out.writeInt(tensors.size());
        for (Tensor t : tensors) {
            int[] shape = t.shape();
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            // A leaf's own array, not a copy: a model's largest matrix need not be in memory twice.
            for (double v : t.op().isEmpty() ? t.data() : t.values()) {
                out.writeDouble(v);
            }
        }
    }

    /** Reads a model file, checking magic number, version and checksum. */
    public static Contents load(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String name = file.toString();
        if (all.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new MalformedDataException(name, "byte offset 0", "a twingrad model file (magic \"TWINGRAD\")",
                    all.length < MAGIC.length ? "only " + all.length + " bytes" : "other bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(all);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION && version != 1) {
            throw new MalformedDataException(name, "byte offset 8", "format version 1 or " + VERSION, "version " + version);
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new MalformedDataException(name, "byte offset " + (all.length - 8),
                    String.format("checksum %08x of the contents", crc.getValue()),
                    String.format("%08x: the file is damaged or truncated", stored));
        }
        try {
            byte[] desc = new byte[in.getInt()];
            in.get(desc);
            int count = in.getInt();
            List<int[]> shapes = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                int[] shape = new int[in.getInt()];
                long size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.getInt();
                    size *= shape[d];
                }
                if (shape.length < 1 || shape.length > 3 || size <= 0 || size * 8 > in.remaining()) {
                    throw new MalformedDataException(name, "byte offset " + in.position(), "a tensor shape of rank 1-3 that fits the file",
                            Arrays.toString(shape));
                }
                double[] v = new double[(int) size];
                in.asDoubleBuffer().get(v);
                in.position(in.position() + v.length * 8);
                shapes.add(shape);
                values.add(v);
            }
            if (in.remaining() != 8) {
                throw new MalformedDataException(name, "byte offset " + in.position(), "the checksum", in.remaining() + " more bytes");
            }
            return new Contents(version, new String(desc, StandardCharsets.UTF_8), shapes, values);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new MalformedDataException(name, "byte offset " + in.position(), "more model data", "the end of the file");
        }
    }

    /**
     * Loads a file into a network's parameters, which must match in number and shape. A version 1 file's weight
     * matrices, stored [in, out], are transposed to the [out, in] of {@link Linear}.
     *
     * @return the file's description
     */
    public static String loadInto(Path file, MLP model) throws IOException {
        Contents c = load(file);
        List<Tensor> params = model.parameters();
        if (c.shapes().size() != params.size()) {
            throw new IllegalArgumentException(file + " holds " + c.shapes().size() + " tensors, the network has "
                    + params.size() + " parameters");
        }
        List<double[]> values = new ArrayList<>(c.values());
        for (int t = 0; t < params.size(); t++) {
            int[] shape = c.shapes().get(t);
            if (c.version() == 1 && shape.length == 2) {
                values.set(t, Tensor.constant(values.get(t), shape).transpose().values());
                shape = new int[] {shape[1], shape[0]};
            }
            if (!Arrays.equals(shape, params.get(t).shape())) {
                throw new IllegalArgumentException(file + ": tensor " + t + " has shape " + Arrays.toString(shape)
                        + ", the network expects " + Arrays.toString(params.get(t).shape()));
            }
        }
        for (int t = 0; t < params.size(); t++) {
            System.arraycopy(values.get(t), 0, params.get(t).data(), 0, values.get(t).length);
        }
        return c.description();
    }
}
