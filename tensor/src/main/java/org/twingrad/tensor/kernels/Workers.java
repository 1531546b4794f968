package org.twingrad.tensor.kernels;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/** The helper threads the kernels split work across; the calling thread always does part 0 itself. */
public final class Workers {
    private static volatile int threads = defaultThreads();
    private static Helper[] helpers = new Helper[0];

    private Workers() {}

    private static int defaultThreads() {
        String p = System.getProperty("twingrad.threads");
        return p != null ? Math.max(1, Integer.parseInt(p)) : Runtime.getRuntime().availableProcessors();
    }

    /** Threads work is split across (default: the number of cores, or {@code -Dtwingrad.threads}). */
    public static int threads() {
        return threads;
    }

    /** Sets the thread count; results do not depend on it. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
    }

    /** Runs part 0 on the calling thread and parts 1 … parts−1 on helper threads, and returns when all are done. */
    public static void inParallel(int parts, IntConsumer part) {
        if (parts <= 1) {
            part.accept(0);
            return;
        }
        Helper[] h = helpers(parts - 1);
        for (int i = 1; i < parts; i++) {
            int index = i;
            h[i - 1].start(() -> part.accept(index));
        }
        try {
            part.accept(0);
        } finally {
            for (int i = 1; i < parts; i++) {
                h[i - 1].await();
            }
        }
    }

    /** The body of a loop over [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs a loop over [0, n) whose iterations are independent, one contiguous range per thread when n is at least
     * {@link Tuning#PARALLEL_ELEMENTS}, else on this thread alone. As each iteration writes only its own elements, the
     * result does not depend on the split.
     */
    public static void forRanges(int n, Range body) {
        int parts = (int) Math.min(threads, Math.max(1, (long) n / Tuning.PARALLEL_ELEMENTS));
        int per = (n + parts - 1) / parts;
        inParallel(parts, part -> body.run(part * per, Math.min(n, (part + 1) * per)));
    }

    private static synchronized Helper[] helpers(int count) {
        if (helpers.length < count) {
            Helper[] more = Arrays.copyOf(helpers, count);
            for (int i = helpers.length; i < count; i++) {
                more[i] = new Helper(i + 1);
            }
            helpers = more;
        }
        return helpers;
    }

    /**
     * A helper thread that takes one part at a time. Between parts it spins for {@link Tuning#SPIN_NANOS} before it
     * parks; a spinning helper sees a new task by itself and is not unparked.
     */
    private static final class Helper extends Thread {
        private volatile Runnable task;
        private volatile boolean busy;
        private volatile boolean parked;
        private volatile Throwable failure;

        Helper(int index) {
            super("twingrad-kernel-" + index);
            setDaemon(true);
            start();
        }

        void start(Runnable r) {
            busy = true;
            task = r;
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        void await() {
            while (busy) {
                Thread.onSpinWait();
            }
            Throwable f = failure;
            if (f != null) {
                failure = null;
                throw new IllegalStateException("kernel helper thread failed: " + f, f);
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable r = task;
                long idleSince = System.nanoTime();
                while (r == null) {
                    if (System.nanoTime() - idleSince < Tuning.SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (task == null) {     // checked after announcing it: a task set since is not missed
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                    r = task;
                }
                task = null;
                try {
                    r.run();
                } catch (Throwable e) {
                    failure = e;
                }
                busy = false;
            }
        }
    }
}
