#!/usr/bin/env python3
"""Runs the NumPy reference, twingrad's JMH suite and the NumPy reference again, and prints one table: figure,
twingrad, NumPy, ratio. Also writes it to bench/target/performance.md.

  mvn -B -q package -DskipTests && python3 bench/compare.py           # the full suite, about 10 minutes on 2 cores
  python3 bench/compare.py --quick                                     # smoke run: 1 fork, 1 warm-up, 2 short iterations

Ratios are "how many times faster twingrad is": NumPy's time ÷ twingrad's time, or twingrad's GFLOP/s ÷ NumPy's.
"""
import datetime
import json
import os
import platform
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "bench", "target", "benchmarks.jar")
JSON = os.path.join(ROOT, "bench", "target", "jmh.json")
NETWORKS = ["2-16-16-1:1", "784-32-10:1", "784-32-10:50"]
MICROGRAD_NODES_PER_SECOND = 0.47e6   # the figure for micrograd on this graph; micrograd is not run here


def run(cmd):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout


def machine():
    cpu = platform.processor() or "?"
    flags = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                if line.startswith("flags"):
                    have = set(line.split(":", 1)[1].split())
                    flags = " ".join(x for x in ["avx2", "fma", "avx512f", "avx512dq", "avx512vl"] if x in have)
                    break
    except OSError:
        pass
    java = subprocess.run(["java", "-version"], stderr=subprocess.PIPE, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores, {cpu}, flags: {flags}; {java}"


def micrograd_nodes(widths):
    """Nodes micrograd's MLP builds for one sample: per neuron of n inputs, n products and n sums, the weights and the
    bias as leaves, a fresh leaf for every plain-number input it multiplies (first layer), and a ReLU node on hidden
    layers. The loss is left out."""
    total = 0
    for layer, (n, units) in enumerate(zip(widths[:-1], widths[1:])):
        per = 3 * n + 1 + (n if layer == 0 else 0) + (1 if layer < len(widths) - 2 else 0)
        total += units * per
    return total


def main():
    quick = "--quick" in sys.argv
    args = ["java", "-jar", JAR, "-rf", "json", "-rff", JSON, "-prof", "gc"]
    if quick:
        args += ["-f", "1", "-wi", "1", "-i", "2", "-w", "1s", "-r", "1s"]
    # NumPy runs before and after the JMH suite, and each figure keeps its better value: like JMH's two forks, its
    # rounds then span minutes, so one noisy stretch of this shared machine does not decide a side's figure.
    numpy = {}

    def run_numpy():
        for line in run([sys.executable, os.path.join("bench", "numpy", "mlp_reference.py")]).splitlines():
            if line and not line.startswith("#"):
                name, value, unit = line.split("\t")
                better = max if unit == "GFLOP/s" else min
                numpy[name] = better(float(value), numpy.get(name, float(value)))

    run_numpy()
    run(args)
    run_numpy()
    results = json.load(open(JSON))
    nodes = dict(l.split("\t") for l in run(["java", "-cp", JAR, "org.twingrad.bench.jmh.Networks"] + NETWORKS).split("\n") if l)

    def find(bench, **params):
        for r in results:
            if r["benchmark"].endswith(bench) and all(r.get("params", {}).get(k) == str(v) for k, v in params.items()):
                return r
        raise KeyError(bench + str(params))

    def to_us(value, unit):
        return value * {"us/op": 1, "ms/op": 1e3, "s/op": 1e6, "ns/op": 1e-3}[unit]

    def score_us(r):
        return to_us(r["primaryMetric"]["score"], r["primaryMetric"]["scoreUnit"])

    def best_rate(r):
        """The best iteration of a throughput benchmark, in its unit (ops/us)."""
        return max(x for fork in r["primaryMetric"]["rawData"] for x in fork)

    def best_us(r):
        # The best JMH iteration (each the mean over its second or two): the same statistic as NumPy's figures,
        # the best of several timed rounds, so that neither side is charged for the other's bad moments.
        raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        return to_us(min(raw), r["primaryMetric"]["scoreUnit"])

    # The FMA ceiling: vector FMAs per µs × 2 flops × lanes. Matmul's "2 threads" is compared with the all-threads
    # ceiling scaled to 2 of its threads (the same thing on a 2-core machine).
    lanes = int(run(["java", "--add-modules", "jdk.incubator.vector", "-cp", JAR,
                     "org.twingrad.bench.jmh.FmaCeilingBenchmark"]).strip())
    all_threads = find("FmaCeilingBenchmark.allThreads")
    ceiling = {1: best_rate(find("FmaCeilingBenchmark.oneThread")) * 2 * lanes / 1e3,
               2: best_rate(all_threads) * 2 * lanes / 1e3 * min(2, all_threads["threads"]) / all_threads["threads"]}
    rows = [(f"FMA ceiling, Vector API ({lanes} lanes), GFLOP/s (1 thread \\| {all_threads['threads']} threads)",
             f"{ceiling[1]:.1f} \\| {best_rate(all_threads) * 2 * lanes / 1e3:.1f}", "—", "—")]
    shapes = [("50x784x256", "matmul 50x784 * 784x256", 2 * 50 * 784 * 256),
              ("200x784x256", "matmul 200x784 * 784x256", 2 * 200 * 784 * 256),
              ("50x784T50x256", "matmul (50x784)T * 50x256", 2 * 784 * 50 * 256),
              ("256x256x256", "matmul 256x256 * 256x256", 2 * 256 ** 3),
              ("1024x1024x1024", "matmul 1024x1024 * 1024x1024", 2 * 1024 ** 3)]
    for shape, name, flops in shapes:
        one = flops / best_us(find("MatMulBenchmark.multiply", shape=shape, threads=1)) / 1e3
        two = flops / best_us(find("MatMulBenchmark.multiply", shape=shape, threads=2)) / 1e3
        rows.append((name + ", GFLOP/s (1 thread \\| 2 threads; share of the FMA ceiling)",
                     f"{one:.1f} \\| {two:.1f} ({one / ceiling[1]:.0%} \\| {two / ceiling[2]:.0%})",
                     f"{numpy[name]:.1f}", f"{max(one, two) / numpy[name]:.2f}×"))
    for net, name in [("784-256-10-sigmoid", "epoch CMU (a) 784-256-10 sigmoid, batch 50"),
                      ("784-384-256-10-relu", "epoch 784-384-256-10 relu, batch 50")]:
        r = find("TrainingBenchmark.epoch", network=net)
        ms = best_us(r) / 1e3
        rows.append((f"{name} on MNIST-4000, ms (JMH mean {score_us(r) / 1e3:.1f})", f"{ms:.1f}", f"{numpy[name]:.1f}",
                     f"{numpy[name] / ms:.2f}×"))
    for bench, name, unit in [("sgdStepBatch1", "SGD step 784-300-10 sigmoid, batch 1", "us"),
                              ("evaluation", "evaluation CMU (a), train + test", "ms")]:
        r = find("StepAndEvaluationBenchmark." + bench)
        per = 1e3 if unit == "ms" else 1
        value = best_us(r) / per
        rows.append((f"{name}, {unit.replace('us', 'µs')} (JMH mean {score_us(r) / per:.1f})", f"{value:.1f}",
                     f"{numpy[name]:.1f}", f"{numpy[name] / value:.2f}×"))

    engine_rows = []
    for net in NETWORKS:
        s = score_us(find("ScalarVsTensorBenchmark.scalar", network=net))
        t = score_us(find("ScalarVsTensorBenchmark.tensor", network=net))
        widths = [int(w) for w in net.split(":")[0].split("-")]
        batch = int(net.split(":")[1])
        own = int(nodes[net]) / s * 1e6
        micro = micrograd_nodes(widths) * batch / s * 1e6
        engine_rows.append((net.replace(":", ", batch "), f"{s:,.1f} µs", f"{t:,.1f} µs", f"{s / t:,.0f}×",
                            f"{own / 1e6:.1f} M/s ({int(nodes[net]):,} nodes)",
                            f"{micro / 1e6:.1f} M/s, {micro / MICROGRAD_NODES_PER_SECOND:.0f}× micrograd"))

    graph_rows = []
    for shape in ["chain", "wideSum"]:
        for n in [1000, 100000, 1000000]:
            r = find("ScalarGraphBenchmark.buildAndBackward", nodes=n, shape=shape)
            us = score_us(r)
            alloc = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
            graph_rows.append((shape, f"{n:,}", f"{us / 1e3:,.2f} ms", f"{us * 1e3 / n:.0f} ns", f"{alloc / n:.0f} B"))

    out = []
    out.append(f"Measured {datetime.date.today()} in one run of `python3 bench/compare.py{' --quick' if quick else ''}`"
               f" on {machine()}; NumPy {run([sys.executable, '-c', 'import numpy; print(numpy.__version__)']).strip()}"
               f" (float64, its default threads). Both sides: the best of repeated timed rounds (JMH's best iteration of"
               f" 2 forks; NumPy's best of 5 rounds, run before and after JMH); the epoch, step and evaluation rows"
               f" also give JMH's mean. The FMA ceiling: FmaCeilingBenchmark, 12 independent chains of vector FMAs.\n")
    out.append("| figure | twingrad | NumPy | twingrad vs NumPy |\n|---|---|---|---|")
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    out.append("\nScalar engine vs tensor engine, forward + backward of the same network and batch:\n")
    out.append("| network | scalar | tensor | tensor speed-up | scalar nodes/s | micrograd-equivalent nodes/s |\n|---|---|---|---|---|---|")
    out += ["| " + " | ".join(r) + " |" for r in engine_rows]
    out.append("\nScalar graphs, build + backward (bytes per node: JMH's gc.alloc.rate.norm ÷ nodes):\n")
    out.append("| graph | nodes | time | per node | allocated per node |\n|---|---|---|---|---|")
    out += ["| " + " | ".join(r) + " |" for r in graph_rows]
    text = "\n".join(out) + "\n"
    with open(os.path.join(ROOT, "bench", "target", "performance.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
