#!/usr/bin/env python3
"""NumPy reference for twingrad's benchmarks: the homework solution's way of doing the same work.

Measures, float64, on this machine:
  - matmul GFLOP/s at the shapes twingrad's JMH suite uses, with NumPy's default threads (OpenBLAS: all cores);
  - one epoch of the CMU 10-701 network (784-256-10 sigmoid, softmax cross-entropy, batch 50, lr 0.01, unshuffled)
    on the bundled MNIST-4000 training set (3000 rows), written as homework solutions write it;
  - the same for 784-384-256-10 ReLU;
  - one per-instance SGD step of 784-300-10 sigmoid (batch 1), and one evaluation pass of the CMU network (loss and
    accuracy on the 3000 training and 1000 test rows).
Prints one line per figure: name<TAB>value<TAB>unit, best of several repeats (as JMH reports averages of steady
state, the minimum here stands for NumPy's steady state).

Run from the repository root: python3 bench/numpy/mlp_reference.py
"""
import gzip
import sys
import time

import numpy as np

RESOURCES = "data/src/main/resources/org/twingrad/data/"


def load_mnist4000(part="train"):
    """The bundled CSV (784 pixels in [0, 1], then the label, no header), as pixels (N×784) and labels."""
    with gzip.open(RESOURCES + f"mnist4000-{part}.csv.gz", "rt") as f:
        data = np.loadtxt(f, delimiter=",")
    return data[:, :784].copy(), data[:, 784].astype(int)


def best_time(fn, repeats, min_seconds=0.3):
    """Best average seconds per call over `repeats` rounds, each at least min_seconds long."""
    fn()
    best = float("inf")
    for _ in range(repeats):
        n, t0 = 0, time.perf_counter()
        while True:
            fn()
            n += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= min_seconds:
                break
        best = min(best, elapsed / n)
    return best


def matmul_figures():
    rng = np.random.default_rng(0)
    shapes = {
        "matmul 50x784 * 784x256": ((50, 784), (784, 256), False),
        "matmul 200x784 * 784x256": ((200, 784), (784, 256), False),
        "matmul (50x784)T * 50x256": ((50, 784), (50, 256), True),
        "matmul 256x256 * 256x256": ((256, 256), (256, 256), False),
        "matmul 1024x1024 * 1024x1024": ((1024, 1024), (1024, 1024), False),
    }
    for name, (sa, sb, transpose_a) in shapes.items():
        a = rng.standard_normal(sa)
        b = rng.standard_normal(sb)
        if transpose_a:
            flops = 2.0 * sa[1] * sa[0] * sb[1]
            t = best_time(lambda: a.T @ b, 5)
        else:
            flops = 2.0 * sa[0] * sa[1] * sb[1]
            t = best_time(lambda: a @ b, 5)
        print(f"{name}\t{flops / t / 1e9:.2f}\tGFLOP/s")


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def relu(z):
    return np.maximum(z, 0.0)


def train_epoch(x, y, layers, activation, lr=0.01, batch=50):
    """One unshuffled epoch of minibatch SGD on mean softmax cross-entropy, as a homework solution writes it."""
    n = x.shape[0]
    for start in range(0, n, batch):
        xb, yb = x[start:start + batch], y[start:start + batch]
        # forward
        hs, zs = [xb], []
        for i, (w, b) in enumerate(layers):
            z = hs[-1] @ w + b
            zs.append(z)
            hs.append(z if i == len(layers) - 1 else activation(z))
        logits = hs[-1]
        logits = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        # backward: dL/dz = (p - y)/N at the output
        delta = p
        delta[np.arange(len(yb)), yb] -= 1.0
        delta /= len(yb)
        for i in range(len(layers) - 1, -1, -1):
            w, b = layers[i]
            dw = hs[i].T @ delta
            db = delta.sum(axis=0)
            if i > 0:
                dh = delta @ w.T
                if activation is sigmoid:
                    s = hs[i]
                    delta = dh * s * (1.0 - s)
                else:
                    delta = dh * (zs[i - 1] > 0)
            w -= lr * dw
            b -= lr * db


def evaluate(x, y, layers, activation):
    """Mean softmax cross-entropy and accuracy of the whole set in one forward pass, as a homework evaluates."""
    h = x
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < len(layers) - 1:
            h = activation(h)
    shifted = h - h.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_p[np.arange(len(y)), y].mean(), (h.argmax(axis=1) == y).mean()


def epoch_figures():
    x, y = load_mnist4000()
    rng = np.random.default_rng(0)

    def init(sizes):
        return [(rng.uniform(-np.sqrt(6 / (a + b)), np.sqrt(6 / (a + b)), (a, b)), np.zeros(b))
                for a, b in zip(sizes[:-1], sizes[1:])]

    cmu = init([784, 256, 10])
    t = best_time(lambda: train_epoch(x, y, cmu, sigmoid), 5, min_seconds=0.5)
    print(f"epoch CMU (a) 784-256-10 sigmoid, batch 50\t{t * 1000:.2f}\tms")
    deep = init([784, 384, 256, 10])
    t = best_time(lambda: train_epoch(x, y, deep, relu), 5, min_seconds=0.5)
    print(f"epoch 784-384-256-10 relu, batch 50\t{t * 1000:.2f}\tms")
    # One per-instance SGD step (784-300-10 sigmoid, batch 1): a 3000-step epoch ÷ 3000.
    wide = init([784, 300, 10])
    t = best_time(lambda: train_epoch(x, y, wide, sigmoid, batch=1), 3, min_seconds=0.5)
    print(f"SGD step 784-300-10 sigmoid, batch 1\t{t / len(y) * 1e6:.2f}\tus")
    # One evaluation pass of the CMU (a) network: loss and accuracy on train and test.
    xt, yt = load_mnist4000("test")
    t = best_time(lambda: (evaluate(x, y, cmu, sigmoid), evaluate(xt, yt, cmu, sigmoid)), 5)
    print(f"evaluation CMU (a), train + test\t{t * 1000:.2f}\tms")


if __name__ == "__main__":
    print(f"# numpy {np.__version__}, python {sys.version.split()[0]}")
    matmul_figures()
    epoch_figures()
