package org.twingrad.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twingrad.data.Activation;
import org.twingrad.data.MalformedDataException;
import org.twingrad.data.NumpyRandom;
import org.twingrad.data.WeightInit;
import org.twingrad.tensor.Tensor;
import org.twingrad.tensor.optim.Sgd;

/** Building networks, counting parameters, initializers, momentum, saving and loading. */
class NetworkTest {
    @TempDir
    Path dir;

    @Test
    void tdt4265_784_64_10Has50890Parameters() {
        MLP net = MLP.random(784, new int[] {64}, 10, Activation.SIGMOID, WeightInit.uniform(1), new NumpyRandom(0));
        assertEquals(50_890, net.parameterCount());
        MLP deep = MLP.random(784, new int[] {64, 64, 64, 64, 64, 64, 64, 64, 64, 64}, 10, Activation.RELU,
                WeightInit.he(), new NumpyRandom(0));
        assertEquals(11, deep.layers().size(), "ten hidden layers and the output layer");
        assertEquals(784 * 64 + 64 + 9 * (64 * 64 + 64) + 64 * 10 + 10, deep.parameterCount());
    }

    @Test
    void initializersReplayNumpyStarterSeeds() {
        MLP net = MLP.random(4, new int[] {10}, 3, Activation.RELU, WeightInit.normal(0.1), new NumpyRandom(0));
        NumpyRandom rng = new NumpyRandom(0);
        double[] w1 = rng.randn(40);        // HLCV: W1 = 0.1 * np.random.randn(4, 10)
        assertEquals(0.1 * w1[0], net.layers().get(0).weight().values()[0]);
        assertEquals(0.1 * w1[39], net.layers().get(0).weight().values()[39]);
        assertEquals(0.1 * rng.randn(), net.layers().get(1).weight().values()[0], "then W2 = 0.1 * randn(10, 3)");
        assertArrayEquals(new double[12], WeightInit.zeros().sample(3, 4, new NumpyRandom(0)));
        double[] fanIn = WeightInit.fanIn().sample(400, 100, new NumpyRandom(1));
        double var = 0;
        for (double v : fanIn) {
            var += v * v;
        }
        assertEquals(1.0 / 400, var / fanIn.length, 0.0002, "fan-in init: variance 1/fan_in");
        double a = Math.sqrt(6.0 / (400 + 100));
        for (double v : WeightInit.xavier().sample(400, 100, new NumpyRandom(2))) {
            assertTrue(Math.abs(v) <= a);
        }
        assertEquals("uniform:0.5", WeightInit.parse("uniform:0.5").toString());
        assertThrows(IllegalArgumentException.class, () -> WeightInit.parse("lecun"));
    }

    @Test
    void momentumFollowsTheFrameworksConvention() {
        Tensor w = Tensor.of(new double[] {1.0}, 1);
        Sgd sgd = new Sgd(List.of(w), 0.1, 0.9);
        double v = 0;
        double expected = 1.0;
        for (int t = 0; t < 3; t++) {
            sgd.zeroGrad();
            w.sumOfSquares().backward();          // g = 2w
            v = 2 * expected + 0.9 * v;          // Δw(t) = g + γ·Δw(t−1)
            expected -= 0.1 * v;                  // w ← w − α·Δw(t)
            sgd.step();
            assertEquals(expected, w.values()[0], 1e-15);
        }
    }

    @Test
    void anOptimizerRestoredFromItsStateContinuesBitForBit() {
        Tensor a = Tensor.of(new double[] {0.3, -0.7}, 2);
        Tensor b = Tensor.of(new double[] {0.3, -0.7}, 2);
        Sgd first = new Sgd(List.of(a), 0.1, 0.9);
        for (int i = 0; i < 3; i++) {
            first.zeroGrad();
            a.sumOfSquares().backward();
            first.step();
        }
        System.arraycopy(a.values(), 0, b.data(), 0, 2);
        Sgd second = new Sgd(List.of(b), 0.1, 0.9);
        second.restoreVelocity(first.velocity());
        for (Sgd s : new Sgd[] {first, second}) {
            s.zeroGrad();
            (s == first ? a : b).sumOfSquares().backward();
            s.step();
        }
        assertArrayEquals(a.values(), b.values(), 0.0, "the velocity came along");
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(b), 0.1).restoreVelocity(first.velocity()),
                "a state with momentum does not fit an optimizer without");
    }

    @Test
    void staleTemporaryFilesOfSavesOwnNamingAreRemovedAndNothingElse() throws IOException {
        Path stale = Files.writeString(dir.resolve("model.twg8123456789.tmp"), "half a model");
        Path mine = Files.writeString(dir.resolve("notes.tmp"), "the user's");
        Path model = Files.writeString(dir.resolve("model.twg"), "x");
        assertEquals(List.of(stale), ModelFile.removeStaleTemporaries(dir));
        assertTrue(Files.exists(mine) && Files.exists(model) && !Files.exists(stale));
    }

    private MLP small(long seed) {
        return MLP.random(5, new int[] {4}, 3, Activation.TANH, WeightInit.xavier(), new NumpyRandom(seed));
    }

    @Test
    void saveAndLoadRoundTripBitForBit() throws IOException {
        MLP a = small(1);
        Path f = dir.resolve("m.twg");
        ModelFile.save(f, "5-4-3 tanh", a.parameters());
        MLP b = small(2);
        assertEquals("5-4-3 tanh", ModelFile.loadInto(f, b));
        for (int t = 0; t < a.parameters().size(); t++) {
            assertArrayEquals(a.parameters().get(t).values(), b.parameters().get(t).values(), 0.0);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aVersion1FileWithWeightsInOutIsReadTransposed() throws IOException {
        MLP a = small(1);
        List<Tensor> old = new java.util.ArrayList<>();
        for (Tensor p : a.parameters()) {
            old.add(p.shape().length == 2 ? p.transpose() : p);   // version 1 stored W as [in, out]
        }
        Path f = dir.resolve("old.twg");
        ModelFile.save(f, "5-4-3 tanh", old);
        byte[] bytes = Files.readAllBytes(f);
        java.nio.ByteBuffer.wrap(bytes).putInt(8, 1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        java.nio.ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        Files.write(f, bytes);
        MLP b = small(2);
        ModelFile.loadInto(f, b);
        for (int t = 0; t < a.parameters().size(); t++) {
            assertArrayEquals(a.parameters().get(t).values(), b.parameters().get(t).values(), 0.0);
        }
    }

    @Test
    void aDamagedOrTruncatedFileIsAClearError() throws IOException {
        Path f = dir.resolve("m.twg");
        ModelFile.save(f, "x", small(1).parameters());
        byte[] bytes = Files.readAllBytes(f);
        bytes[40] ^= 1;
        Files.write(dir.resolve("flipped.twg"), bytes);
        String m = assertThrows(MalformedDataException.class, () -> ModelFile.load(dir.resolve("flipped.twg"))).getMessage();
        assertTrue(m.contains("the file is damaged or truncated"), m);
        Files.write(dir.resolve("short.twg"), java.util.Arrays.copyOf(Files.readAllBytes(f), 60));
        assertThrows(MalformedDataException.class, () -> ModelFile.load(dir.resolve("short.twg")));
        Files.writeString(dir.resolve("text.twg"), "hello, this is not a model file at all");
        String t = assertThrows(MalformedDataException.class, () -> ModelFile.load(dir.resolve("text.twg"))).getMessage();
        assertTrue(t.contains("expected a twingrad model file"), t);
    }

    @Test
    void loadingIntoANetworkOfAnotherShapeNamesBothShapes() throws IOException {
        Path f = dir.resolve("m.twg");
        ModelFile.save(f, "x", small(1).parameters());
        MLP other = MLP.random(5, new int[] {6}, 3, Activation.TANH, WeightInit.xavier(), new NumpyRandom(0));
        String m = assertThrows(IllegalArgumentException.class, () -> ModelFile.loadInto(f, other)).getMessage();
        assertTrue(m.endsWith("tensor 0 has shape [4, 5], the network expects [6, 5]"), m);
    }
}
