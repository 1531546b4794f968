package org.twingrad.bench.cli;

/** How the command prints a loss, in one place for the console, report.md and {@code evaluate}. */
public final class Losses {
    private Losses() {}

    /**
     * A loss to 4 decimals, or in scientific notation when fixed point would not show it: a diverging run's 1e300
     * would otherwise print as a 301-digit number, and 3e-7 as 0.0000.
     */
    public static String format(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-4) && Double.isFinite(v) ? String.format("%.4e", v) : String.format("%.4f", v);
    }
}
