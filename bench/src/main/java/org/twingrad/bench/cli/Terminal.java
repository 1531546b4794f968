package org.twingrad.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal, which Java 17 cannot ask directly ({@code System.console()} looks at stdin and stdout). */
final class Terminal {
    private Terminal() {}

    /**
     * On Linux, file descriptor 2 links to {@code /dev/pts/N} or {@code /dev/ttyN} when it is a terminal; elsewhere,
     * the best guess is whether the JVM has a console at all.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
