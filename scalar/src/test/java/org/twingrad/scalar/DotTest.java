package org.twingrad.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graphviz export: the text always; a real rendering when {@code dot} is installed. */
class DotTest {
    @TempDir
    Path dir;

    @Test
    void dotTextHasOneBoxPerNodeOneOvalPerOpAndTheEdges() {
        Value a = Value.of(2, "a");
        Value b = Value.of(-3, "b");
        Value y = a.mul(b).label("y");
        y.backward();
        String dot = Dot.of(y);
        assertTrue(dot.startsWith("digraph twingrad {"));
        assertTrue(dot.contains("[shape=record, label=\"{ a | data 2.0000 | grad -3.0000 }\"]"), dot);
        assertTrue(dot.contains("[shape=record, label=\"{ y | data -6.0000 | grad 1.0000 }\"]"), dot);
        assertTrue(dot.contains("n2_op [shape=ellipse, label=\"*\"]"), dot);
        assertTrue(dot.contains("n0 -> n2_op;") && dot.contains("n1 -> n2_op;") && dot.contains("n2_op -> n2;"), dot);
        assertEquals(1, dot.split("shape=ellipse", -1).length - 1);
    }

    @Test
    void dotRendersWithGraphvizWhenInstalled() throws Exception {
        boolean hasDot = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "dot")));
        Value x = Value.of(0.5, "x{1}");
        Value y = x.tanh().mul(x).label("y|out");
        y.backward();
        Path file = Files.writeString(dir.resolve("g.dot"), Dot.of(y));
        if (!hasDot) {
            // No Graphviz: check the special characters are escaped, which is what would break rendering.
            assertTrue(Files.readString(file).contains("x\\{1\\}") && Files.readString(file).contains("y\\|out"));
            return;
        }
        Path svg = dir.resolve("g.svg");
        Process p = new ProcessBuilder("dot", "-Tsvg", file.toString(), "-o", svg.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        assertTrue(Files.readString(svg).contains("<svg"));
    }
}
