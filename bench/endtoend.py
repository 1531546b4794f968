#!/usr/bin/env python3
"""Times twingrad and the homework-style NumPy script (bench/numpy/homework_train.py) as whole processes, side by
side: N alternating rounds (the side that goes first swaps every round), medians of wall time, CPU time (user + sys
of the child and its children, from os.wait4) and peak memory (ru_maxrss), with twingrad ÷ NumPy ratios. Jobs:

  (a) the README's first command's run, after the build: `twingrad train` with its defaults (CMU (a): 784-256-10
      sigmoid, 50 epochs, batch 50, lr 0.01, unshuffled, Xavier seed 0; train and test evaluated after every epoch;
      it writes its run folder, here to a temporary directory);
  (b) per-instance SGD: 784-300-10 sigmoid, batch 1, one epoch of the 3000 training rows, i.e. 3000 steps (then
      one evaluation of train and test, as in (a)); steps/s as each program times its own training loop, and
      3000 ÷ the wall time;
  and, for the breakdown, (a) with --epochs 1: per further epoch = (wall(E) − wall(1)) / (E − 1), the fixed cost
  before the first epoch and after the last = wall(1) − per epoch.

Each program's stderr is a pseudo-terminal, so twingrad draws its progress bars as at the README's command.
Both sides print the same per-epoch line; their last lines are compared (they agree to the printed digit when both
compute the same thing). Writes the tables to bench/target/endtoend.md.

  mvn -B -q package -DskipTests && python3 bench/endtoend.py       # 5 rounds of 50 epochs, about 2 minutes
  python3 bench/endtoend.py --quick                                 # 2 rounds, 2 epochs: a smoke test
  python3 bench/endtoend.py --twingrad "java -jar bench/target/twingrad.jar"   # another way to start twingrad
"""
import argparse
import datetime
import os
import pty
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TWINGRAD = "bench/twingrad"   # the README's command: the launcher with its JVM options
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NUMPY = [sys.executable, os.path.join("bench", "numpy", "homework_train.py")]
STEPS = 3000   # MNIST-4000's training rows: one epoch at batch 1
# "train epoch 3/50  train loss 2.0467 acc 58.07%  test loss ...  16,704 samples/s", and the NumPy script's "epoch ..."
EPOCH_LINE = re.compile(r"epoch (\d+)/\d+\s+(train loss .*%)\s+([\d,]+) samples/s")


def run(cmd):
    """
    Runs cmd from the repository root, its stderr on a pseudo-terminal (twingrad then draws its progress bars, as in
    a terminal; the NumPy script writes nothing there); returns wall and CPU seconds, peak MiB and the epoch lines.
    """
    master, slave = pty.openpty()
    err = []
    drain = threading.Thread(target=lambda: read_all(master, err))
    drain.start()
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=slave)
        os.close(slave)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode()
    drain.join()
    if p.returncode != 0:
        sys.exit(f"{shlex.join(cmd)} exited with {p.returncode}:\n{text}{b''.join(err).decode(errors='replace')}")
    epochs = [m for m in map(EPOCH_LINE.search, text.splitlines()) if m]
    if not epochs:
        sys.exit(f"{shlex.join(cmd)} printed no epoch line:\n{text}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss / 1024, "epochs": epochs}


def read_all(fd, chunks):
    """Reads a pseudo-terminal until its other side is closed (Linux then raises EIO), so the child never blocks."""
    try:
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
    except OSError:
        pass
    os.close(fd)


def twingrad_run(twingrad, args):
    out = tempfile.mkdtemp(prefix="endtoend-")
    try:
        return run(twingrad + ["train"] + args + ["--out", os.path.join(out, "run")])
    finally:
        shutil.rmtree(out, ignore_errors=True)


def train_pass(r):
    """Median seconds of one epoch's training pass, as the program timed it (epoch 1 left out if there are more)."""
    rates = [float(m.group(3).replace(",", "")) for m in r["epochs"]]
    return statistics.median(STEPS / s for s in (rates[1:] or rates))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--twingrad", default=TWINGRAD, help=f"how to start twingrad (default: {TWINGRAD})")
    parser.add_argument("--rounds", type=int, help="alternating rounds (default: 5, --quick: 2)")
    parser.add_argument("--epochs", type=int, help="epochs of job (a) (default: 50, --quick: 2)")
    parser.add_argument("--quick", action="store_true", help="a smoke test: 2 rounds, 2 epochs")
    opt = parser.parse_args()
    rounds = opt.rounds or (2 if opt.quick else 5)
    epochs = opt.epochs or (2 if opt.quick else 50)
    if epochs < 2:
        parser.error(f"--epochs must be at least 2 (the breakdown subtracts a 1-epoch run), got {epochs}")
    twingrad = shlex.split(opt.twingrad)
    per_instance = ["--hidden", "300", "--batch", "1", "--epochs", "1"]
    jobs = {  # name: (twingrad's train arguments, the NumPy script's)
        "a": ([] if epochs == 50 else ["--epochs", str(epochs)], ["--epochs", str(epochs)]),
        "b": (per_instance, per_instance),
        "a1": (["--epochs", "1"], ["--epochs", "1"]),
    }
    results = {(job, side): [] for job in jobs for side in ("twingrad", "numpy")}
    print("warm-up: twingrad train --epochs 1 (writes the launcher's class-data archive, as a first run does)",
          file=sys.stderr, flush=True)
    twingrad_run(twingrad, ["--epochs", "1"])
    for i in range(rounds):
        for job, (t_args, n_args) in jobs.items():
            sides = [("twingrad", lambda: twingrad_run(twingrad, t_args)), ("numpy", lambda: run(NUMPY + n_args))]
            for side, go in sides if i % 2 == 0 else reversed(sides):
                print(f"round {i + 1}/{rounds}, job {job}, {side}", file=sys.stderr, flush=True)
                results[job, side].append(go())

    def med(job, side, key):
        """The median over the rounds of a figure: a run's key, or a function of the run."""
        return statistics.median(key(r) if callable(key) else r[key] for r in results[job, side])

    def cells(job):
        t = [med(job, "twingrad", k) for k in ("wall", "cpu", "peak")]
        n = [med(job, "numpy", k) for k in ("wall", "cpu", "peak")]
        fmt = lambda v: f"{v[0]:.2f} s | {v[1]:.2f} s | {v[2]:.0f} MiB"
        return f"{fmt(t)} | {fmt(n)} | " + " | ".join(f"{a / b:.2f}×" for a, b in zip(t, n))

    title = {"a": f"(a) `twingrad train{'' if epochs == 50 else f' --epochs {epochs}'}`: 784-256-10 sigmoid, {epochs}"
                  " epochs, batch 50, train + test evaluated every epoch",
             "b": f"(b) per-instance SGD: 784-300-10 sigmoid, batch 1, one epoch of {STEPS:,} steps",
             "a1": "(a) with --epochs 1"}
    numpy_version = subprocess.run([sys.executable, "-c", "import numpy; print(numpy.__version__)"],
                                   stdout=subprocess.PIPE, text=True).stdout.strip()
    sys.dont_write_bytecode = True   # no __pycache__ in the repository
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    from compare import machine
    out = [f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} by `python3 bench/endtoend.py"
           f"{' --quick' if opt.quick else ''}` on {machine()}; NumPy {numpy_version} (its default threads). "
           f"twingrad is `{opt.twingrad}`. Medians of {rounds} alternating rounds; ratios are twingrad ÷ NumPy "
           f"(issue #15's targets: wall ≤ 0.6×, peak ≤ 2×).\n",
           "| job | twingrad wall | CPU | peak | NumPy wall | CPU | peak | wall ratio | CPU ratio | peak ratio |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    out += [f"| {title[job]} | {cells(job)} |" for job in jobs]

    loop = {s: STEPS / med("b", s, train_pass) for s in ("twingrad", "numpy")}
    whole = {s: STEPS / med("b", s, "wall") for s in ("twingrad", "numpy")}
    out += ["\nPer-instance SGD, steps per second (target: twingrad ≥ 3× NumPy):\n",
            "| (b) steps/s | twingrad | NumPy | twingrad ÷ NumPy |", "|---|---|---|---|",
            f"| in the training loop (each program's own timing) | {loop['twingrad']:,.0f} | {loop['numpy']:,.0f} | "
            f"{loop['twingrad'] / loop['numpy']:.2f}× |",
            f"| whole process ({STEPS:,} ÷ wall) | {whole['twingrad']:,.0f} | {whole['numpy']:,.0f} | "
            f"{whole['twingrad'] / whole['numpy']:.2f}× |"]

    rows = {}
    for s in ("twingrad", "numpy"):
        one = med("a1", s, "wall")
        epoch = (med("a", s, "wall") - one) / (epochs - 1)
        training = med("a", s, train_pass)
        rows[s] = [one, epoch, training, epoch - training, one - epoch]
    names = ["`--epochs 1`, wall", f"per further epoch: (wall({epochs}) − wall(1)) ÷ {epochs - 1}",
             "  of which the training pass (the program's own timing, median of epochs 2 on)",
             "  outside the training pass: evaluation, logging, progress (target ≤ 25% of the training pass)",
             "fixed cost before the first epoch and after the last: wall(1) − per epoch (target ≤ 0.4 s)"]
    out += [f"\nBreakdown of (a), medians (per-epoch figures: milliseconds):\n",
            "| (a) | twingrad | NumPy |", "|---|---|---|"]
    for i, name in enumerate(names):
        t, n = rows["twingrad"][i], rows["numpy"][i]
        if i in (1, 2, 3):
            share = {s: f" ({rows[s][3] / rows[s][2]:.0%})" if i == 3 else "" for s in rows}
            out.append(f"| {name} | {t * 1e3:.1f} ms{share['twingrad']} | {n * 1e3:.1f} ms{share['numpy']} |")
        else:
            out.append(f"| {name} | {t:.2f} s | {n:.2f} s |")

    last = {s: results["a", s][-1]["epochs"][-1].group(2) for s in ("twingrad", "numpy")}
    out.append("\nLast epoch of (a): " + (f"both sides print `{last['twingrad']}`." if last["twingrad"] == last["numpy"]
               else f"twingrad `{last['twingrad']}`, NumPy `{last['numpy']}` (they differ).") + "\n")
    text = "\n".join(out)
    os.makedirs(os.path.join(ROOT, "bench", "target"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "target", "endtoend.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
