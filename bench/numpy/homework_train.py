#!/usr/bin/env python3
"""The NumPy side of bench/endtoend.py: `twingrad train` as a homework solution writes it, a whole process.

Loads the bundled MNIST-4000 CSVs, initializes the MLP as twingrad does (np.random.seed(seed), then Xavier uniform
in (fan_in, fan_out) order, biases 0: the same weights bit for bit), trains with unshuffled minibatch SGD on softmax
cross-entropy, and after every epoch evaluates train and test and prints one line, in twingrad's format. Same
numbers as twingrad's run up to rounding; nothing is written to disk.

  python3 bench/numpy/homework_train.py                                      # CMU (a): 784-256-10 sigmoid, 50 epochs
  python3 bench/numpy/homework_train.py --hidden 300 --batch 1 --epochs 1    # per-instance SGD, 3000 steps

Run from the repository root.
"""
import argparse
import os
import sys
import time

import numpy as np

sys.dont_write_bytecode = True   # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlp_reference import evaluate, load_mnist4000, sigmoid, train_epoch  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--hidden", type=int, default=256)
parser.add_argument("--batch", type=int, default=50)
parser.add_argument("--epochs", type=int, default=50)
parser.add_argument("--lr", type=float, default=0.01)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()

start = time.perf_counter()
x_train, y_train = load_mnist4000("train")
x_test, y_test = load_mnist4000("test")
np.random.seed(args.seed)
layers = []
for fan_in, fan_out in [(784, args.hidden), (args.hidden, 10)]:
    a = np.sqrt(6 / (fan_in + fan_out))
    layers.append((np.random.uniform(-a, a, (fan_in, fan_out)), np.zeros(fan_out)))

for epoch in range(1, args.epochs + 1):
    t0 = time.perf_counter()
    train_epoch(x_train, y_train, layers, sigmoid, lr=args.lr, batch=args.batch)
    seconds = time.perf_counter() - t0
    train_loss, train_acc = evaluate(x_train, y_train, layers, sigmoid)
    test_loss, test_acc = evaluate(x_test, y_test, layers, sigmoid)
    print(f"epoch {epoch}/{args.epochs}  train loss {train_loss:.4f} acc {train_acc:.2%}  "
          f"test loss {test_loss:.4f} acc {test_acc:.2%}  {len(y_train) / seconds:,.0f} samples/s", flush=True)
print(f"{args.epochs} epoch(s) in {time.perf_counter() - start:.1f} s")
