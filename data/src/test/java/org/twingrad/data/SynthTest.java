package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** DLVU's load_synth, row for row against the course's NumPy code. */
class SynthTest {

    @Test
    void loadSynth1000And200MatchesNumpyRowForRow() {
        Split s = Synth.load(1000, 200, 0);
        long[] inexact = NumpyReference.longs("synth1000_200.x.libm_inexact");
        NumpyRandomTest.assertBitsEqual(NumpyReference.doubles("synth1000_200.train_x"), s.train().features(), inexact, 0, "train x");
        NumpyRandomTest.assertBitsEqual(NumpyReference.doubles("synth1000_200.val_x"), s.test().features(), inexact, 2000, "val x");
        assertArrayEquals(NumpyReference.longs("synth1000_200.train_y"), Arrays.stream(s.train().labels()).asLongStream().toArray());
        assertArrayEquals(NumpyReference.longs("synth1000_200.val_y"), Arrays.stream(s.test().labels()).asLongStream().toArray());
    }

    @Test
    void loadSynthDefaultsGive60000And10000RowsWithNumpysClassCounts() {
        Split s = Synth.load();
        assertEquals(60_000, s.train().rows());
        assertEquals(10_000, s.test().rows());
        assertEquals(NumpyReference.longs("synth_default.train_y_sum")[0], Arrays.stream(s.train().labels()).sum());
        assertEquals(NumpyReference.longs("synth_default.val_y_sum")[0], Arrays.stream(s.test().labels()).sum());
    }
}
