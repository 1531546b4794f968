package org.twingrad.verify;

import org.quicktheories.QuickTheory;

/**
 * Every property runs with a fixed seed, so a red CI run replays exactly. Change the seed or the number of examples
 * from the command line:
 * <pre>
 * mvn -B -pl verify -am verify -Dtest=TwinAgreementTest -Dsurefire.failIfNoSpecifiedTests=false -Dverify.seed=7 -Dverify.examples=20000
 * </pre>
 * On failure QuickTheories prints the shrunk counterexample and the seed.
 */
final class Props {
    /** The default seed of every property. */
    static final long SEED = 20261124L;

    private Props() {}

    /**
     * Runs {@code check}; if it fails, the failure message gets the whole case appended, so QuickTheories' report of
     * the smallest falsifying example shows the network and data, not only what differed.
     */
    static void about(Object counterexample, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ncounterexample:\n" + counterexample, e);
        }
    }

    /** QuickTheories with the fixed (or given) seed and {@code examples} tries (or the given number). */
    static QuickTheory qt(int examples) {
        long seed = Long.getLong("verify.seed", SEED);
        int n = Integer.getInteger("verify.examples", examples);
        return QuickTheory.qt().withFixedSeed(seed).withExamples(n).withShrinkCycles(2000);
    }
}
