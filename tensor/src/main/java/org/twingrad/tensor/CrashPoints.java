package org.twingrad.tensor;

/**
 * Named points where the crash tests stop the JVM dead, as {@code kill -9} or a power cut would: no shutdown hooks,
 * no {@code finally} blocks. A test starts a child JVM with {@code -Dtwingrad.crashAt=NAME}; when the program reaches
 * the point of that name, it halts with exit code {@link #EXIT_CODE}. Without the property this is one map lookup.
 *
 * <p>The points: {@code temp-written:FILE} (in {@link org.twingrad.tensor.nn.ModelFile#save}, after the temporary file
 * is on disk and before it is renamed over {@code FILE}), and those the command line names (a checkpoint written).
 */
public final class CrashPoints {
    /** The exit code of a JVM halted at a crash point. */
    public static final int EXIT_CODE = 137;

    private CrashPoints() {}

    /** Halts the JVM if the system property {@code twingrad.crashAt} names this point. */
    public static void reached(String point) {
        if (point.equals(System.getProperty("twingrad.crashAt"))) {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
