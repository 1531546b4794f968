package org.twingrad.bench.cli;

import static org.twingrad.bench.cli.Experiment.require;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.twingrad.bench.explain.AnswerKey;
import org.twingrad.bench.explain.AnswerKeyJson;
import org.twingrad.bench.explain.AnswerKeyReport;
import org.twingrad.bench.explain.GraphSvg;
import org.twingrad.bench.explain.NetworkFile;
import org.twingrad.bench.explain.StepperPage;
import org.twingrad.bench.explain.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twingrad explain NETWORK}: the answer key of a hand-worked network (a shipped one or a JSON network file),
 * with its backward pass step by step, as text, Markdown or JSON, and its graph as a picture or a page to step through.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Print the answer key of a hand-worked network: forward values, loss, the backward step table, "
                + "gradients, and the weights after gradient steps.",
                "NETWORK is dlvu (DLVU A1 Q3), cmu (CMU 10-701 HW3 §1), cmu-zero (§2), cmu-mse (§3) or a network file (.json); "
                        + "'explain --print-file cmu' prints a shipped file to copy and edit."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NETWORK", description = "dlvu, cmu, cmu-zero, cmu-mse or FILE.json")
    String network;

    @Option(names = "--decimals", paramLabel = "D", description = "decimals printed, rounded half away from zero (default: the file's, else 4)")
    Integer decimals;

    @Option(names = "--steps", paramLabel = "N", description = "gradient steps to take (default: the file's 'steps')")
    Integer steps;

    @Option(names = "--vary", paramLabel = "SETTING=V1,V2,...",
            description = "compare the loss of variants: activation=relu,tanh,… (hidden layers), lr=0.1,0.01,… or steps=1,2,…; repeatable")
    List<String> vary = new ArrayList<>();

    @Option(names = "--no-trace", description = "leave the backward step table out of the text and Markdown (for big networks)")
    boolean noTrace;

    @Option(names = "--print-file", description = "print the network file itself (a shipped one: copy it to start your own)")
    boolean printFile;

    @Option(names = "--json", description = "print one JSON object instead of text (full precision, 0-based classes)")
    boolean json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the answer key as Markdown")
    Path markdown;

    @Option(names = "--svg", paramLabel = "FILE", description = "also draw the graph as SVG (no Graphviz needed)")
    Path svg;

    @Option(names = "--html", paramLabel = "FILE", description = "also write a page that steps through backward in a browser (offline, self-contained)")
    Path html;

    @Option(names = "--dot", paramLabel = "FILE", description = "also write the graph as Graphviz DOT")
    Path dot;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        NetworkFile f = NetworkFile.load(network);
        if (printFile) {
            o.print(f.json().endsWith("\n") ? f.json() : f.json() + "\n");
            return 0;
        }
        f = decimals == null ? f : f.withDecimals(checked("--decimals", decimals, 17));
        f = steps == null ? f : f.withSteps(checked("--steps", steps, 100_000));
        // Everything is checked and computed before anything is written: bad input leaves no file behind.
        for (String option : List.of("--markdown", "--svg", "--html", "--dot")) {
            checkWritable(spec.findOption(option).getValue(), option);
        }
        AnswerKey key = AnswerKey.of(f);
        List<Variants> variants = new ArrayList<>();
        for (String v : vary) {
            variants.add(Variants.of(f, v));
        }
        // With --vary, only the answer key's header above the comparison tables.
        Writeup text = new Writeup(Path.of("."));
        if (variants.isEmpty()) {
            AnswerKeyReport.render(key, text, !noTrace);
        } else {
            AnswerKeyReport.renderHeader(key, text);
        }
        for (Variants v : variants) {
            v.render(text, f.decimals());
        }
        NetworkFile file = f;
        Map<Path, Supplier<String>> asked = new LinkedHashMap<>();
        asked.put(markdown, text::markdown);
        asked.put(svg, () -> GraphSvg.of(key.graph(), file.decimals(), null).svg(true));
        asked.put(html, () -> StepperPage.of(file.name(), file.notes(), key.graph(), key.trace(), file.decimals()));
        asked.put(dot, key::dot);
        asked.remove(null);   // the options not given
        Map<Path, String> files = new LinkedHashMap<>();
        asked.forEach((p, content) -> files.put(p, content.get()));
        o.print(json ? AnswerKeyJson.of(key, variants) : text.text());
        PrintWriter notes = json ? spec.commandLine().getErr() : o;
        for (Map.Entry<Path, String> e : files.entrySet()) {
            write(e.getKey(), e.getValue());
            notes.println("wrote " + e.getKey() + (e.getKey().equals(html) ? " (open it in a browser: Next/Back or the arrow keys step through backward)"
                    : e.getKey().equals(dot) ? " (render with: dot -Tsvg " + e.getKey() + " -o graph.svg)" : ""));
        }
        return 0;
    }

    private static int checked(String option, int value, int max) {
        require(value >= 0 && value <= max, option + ": expected 0 to " + max + ", found " + value);
        return value;
    }

    private static void checkWritable(Path p, String option) {
        if (p != null) {
            Path dir = p.toAbsolutePath().getParent();
            require(!p.toString().isBlank(), option + ": expected a file name, found ''");
            require(!Files.isDirectory(p), option + " " + p + ": is a directory, expected a file to write");
            require(dir == null || Files.isDirectory(dir), option + " " + p + ": folder " + dir + " does not exist");
        }
    }

    /** Written beside the target and renamed over it, so a reader never sees half a file. */
    private static void write(Path p, String content) throws IOException {
        Path dir = p.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + p.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
