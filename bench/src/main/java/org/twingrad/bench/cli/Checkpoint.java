package org.twingrad.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.twingrad.data.MalformedDataException;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.nn.ModelFile;
import org.twingrad.tensor.nn.MLP;
import org.twingrad.tensor.train.Trainer;

/**
 * {@code checkpoint.twg}: everything a training run needs to continue bit for bit after it was killed, in the model
 * file format ({@link ModelFile}: magic, version, description, tensors, CRC-32; never Java serialization).
 *
 * <p>The description holds, one per line: {@code twingrad-checkpoint}, {@code epoch=E}, {@code momentum=yes|no},
 * {@code stepped=yes|no}, {@code model=} the model's description ({@link ModelSpec}), then {@code arg=} once per
 * command-line argument the run was started with. The tensors are the network's parameters, then (with momentum)
 * their velocities, then the weights before the last step (where the trainer goes back to if the next loss is not
 * finite; {@code stepped=no} in older files meant they are the parameters themselves), then every step's loss, then the
 * finished epochs' figures as rows of 7.
 */
record Checkpoint(int epoch, ModelSpec model, List<String> args, List<double[]> parameters, List<double[]> velocity,
                  double[] beforeLastStep, Trainer.Result soFar) {
    static final String FILE = "checkpoint.twg";
    private static final int EPOCH_FIELDS = 7;

    /** Writes the checkpoint of the state after {@code soFar}'s last epoch, atomically. */
    static void save(Path dir, ModelSpec spec, List<String> args, MLP net, List<double[]> velocity,
                     double[] beforeLastStep, Trainer.Result soFar) throws IOException {
        boolean momentum = velocity.get(0) != null;
        StringBuilder d = new StringBuilder("twingrad-checkpoint\nepoch=" + soFar.epochs().size() + "\nmomentum="
                + (momentum ? "yes" : "no") + "\nstepped=yes\nmodel=" + spec.describe() + "\n");
        for (String a : args) {
            d.append("arg=").append(a.replace('\n', ' ')).append('\n');
        }
        List<Tensor> tensors = new ArrayList<>(net.parameters());
        if (momentum) {
            for (double[] v : velocity) {
                tensors.add(Tensor.constant(v, v.length));
            }
        }
        int at = 0;
        for (Tensor p : net.parameters()) {
            tensors.add(Tensor.constant(Arrays.copyOfRange(beforeLastStep, at, at += p.size()), p.size()));
        }
        tensors.add(Tensor.constant(soFar.stepLosses(), soFar.stepLosses().length));
        double[] e = new double[soFar.epochs().size() * EPOCH_FIELDS];
        for (int i = 0; i < soFar.epochs().size(); i++) {
            Trainer.Epoch x = soFar.epochs().get(i);
            System.arraycopy(new double[] {x.epoch(), x.trainLoss(), x.trainAccuracy(), x.testLoss(), x.testAccuracy(),
                    x.seconds(), x.samplesPerSecond()}, 0, e, i * EPOCH_FIELDS, EPOCH_FIELDS);
        }
        tensors.add(Tensor.constant(e, soFar.epochs().size(), EPOCH_FIELDS));
        ModelFile.save(dir.resolve(FILE), d.toString(), tensors);
    }

    /** Reads a checkpoint; anything but one written by {@link #save} is a one-line error naming the file. */
    static Checkpoint load(Path file) throws IOException {
        ModelFile.Contents c = ModelFile.load(file);
        if (c.version() != ModelFile.VERSION) {
            throw new MalformedDataException(file.toString(), "byte offset 8",
                    "a checkpoint of format version " + ModelFile.VERSION,
                    "version " + c.version() + ", from an older twingrad (weights [in, out]): start the run again");
        }
        String[] lines = c.description().split("\n");
        if (lines.length < 5 || !lines[0].equals("twingrad-checkpoint")) {
            throw new MalformedDataException(file.toString(), "byte offset 12", "a twingrad training checkpoint",
                    "a file of another kind (description '" + lines[0] + "')");
        }
        try {
            int epoch = Integer.parseInt(value(lines[1], "epoch"));
            boolean momentum = value(lines[2], "momentum").equals("yes");
            boolean stepped = value(lines[3], "stepped").equals("yes");
            ModelSpec spec = ModelSpec.parse(value(lines[4], "model"), file.toString());
            List<String> args = new ArrayList<>();
            for (int i = 5; i < lines.length; i++) {
                args.add(value(lines[i], "arg"));
            }
            int params = 2 * (spec.hidden().length + 1);
            List<double[]> v = c.values();
            int at = 0;
            List<double[]> weights = new ArrayList<>(v.subList(at, at += params));
            List<double[]> velocity = momentum ? new ArrayList<>(v.subList(at, at += params))
                    : new ArrayList<>(Arrays.asList(new double[params][]));
            double[] beforeLast = (stepped ? v.subList(at, at + params) : weights).stream().flatMapToDouble(Arrays::stream)
                    .toArray();
            at += params;
            double[] steps = v.get(at++);
            double[] e = v.get(at++);
            if (at != v.size()) {
                throw new IllegalStateException();
            }
            List<Trainer.Epoch> epochs = new ArrayList<>();
            for (int i = 0; i < e.length / EPOCH_FIELDS; i++) {
                double[] x = Arrays.copyOfRange(e, i * EPOCH_FIELDS, (i + 1) * EPOCH_FIELDS);
                epochs.add(new Trainer.Epoch((int) x[0], x[1], x[2], x[3], x[4], x[5], x[6]));
            }
            return new Checkpoint(epoch, spec, args, weights, velocity, beforeLast, new Trainer.Result(epochs, steps, null));
        } catch (RuntimeException e) {
            throw new MalformedDataException(file.toString(), "byte offset 12", "a twingrad training checkpoint",
                    "a description or tensors that do not fit one");
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + "=")) {
            throw new IllegalStateException();
        }
        return line.substring(key.length() + 1);
    }

    /** The checkpoint in {@code dir}, or in the {@code .partial} folder of a run's {@code --out dir}. */
    static Path find(Path dir) throws IOException {
        for (Path p : new Path[] {dir.resolve(FILE), RunFolder.partialOf(dir).resolve(FILE)}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--resume " + dir + ": expected a folder with a checkpoint.twg (a run writes one"
                + " into its --out folder's .partial sibling after every epoch), found none there or in " + RunFolder.partialOf(dir));
    }

    /** Puts the network's weights back. */
    void restoreInto(MLP net) {
        for (int t = 0; t < parameters.size(); t++) {
            System.arraycopy(parameters.get(t), 0, net.parameters().get(t).data(), 0, parameters.get(t).length);
        }
    }
}
