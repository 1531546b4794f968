"""Writes data/src/test/resources/org/twingrad/data/numpy-reference.txt: values NumPy's legacy
RandomState prints, which NumpyRandomTest replays bit for bit.

Run from the repository root:  python3 data/tools/numpy_reference.py
Each line: a name, then space-separated values (doubles in repr form, which round-trips exactly).
"""
import numpy as np

out = []

from decimal import Decimal, getcontext
import math
getcontext().prec = 40

def libm_inexact(seed, n):
    """Indices among the first n randn(seed) values whose pair came through a C-library log(r2) that is not
    correctly rounded (NumPy there differs from twingrad's correctly rounded log by about an ulp)."""
    rs = np.random.RandomState(seed)
    idx, i = [], 0
    while i < n:
        while True:
            x1 = 2.0 * rs.random_sample() - 1.0
            x2 = 2.0 * rs.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        if math.log(r2) != float(Decimal(r2).ln()):
            idx += [j for j in (i, i + 1) if j < n]
        i += 2
    return idx

def line(name, values):
    out.append(name + " " + " ".join(repr(float(v)) if isinstance(v, (float, np.floating)) else str(int(v)) for v in values))

np.random.seed(0); line("seed0.randn", np.random.randn(2000))
line("seed0.randn.libm_inexact", libm_inexact(0, 2000))
np.random.seed(0); line("seed0.random_sample", np.random.random_sample(1000))
np.random.seed(1); line("seed1.randn_5x4", np.random.randn(5, 4).ravel())
np.random.seed(123456789); line("seed123456789.randn", np.random.randn(501))
line("seed123456789.randn.libm_inexact", libm_inexact(123456789, 501))
line("seed1.randn_5x4.libm_inexact", libm_inexact(1, 20))
np.random.seed(4294967295); line("seedmax.random_sample", np.random.random_sample(100))
np.random.seed(7); line("seed7.uniform_-1_1", np.random.uniform(-1, 1, 500))
np.random.seed(7); line("seed7.randint_0_10", np.random.randint(0, 10, 500))
np.random.seed(7); line("seed7.randint_-5_1000", np.random.randint(-5, 1000, 500))
np.random.seed(3); line("seed3.permutation_100", np.random.permutation(100))
np.random.seed(3); a = np.arange(37); np.random.shuffle(a); line("seed3.shuffle_37", a)
np.random.seed(11)
mixed = [np.random.randn(), np.random.random_sample(), np.random.randn(), np.random.randn(), np.random.random_sample()]
line("seed11.mixed_randn_sample_randn_randn_sample", mixed)
assert not libm_inexact(11, 4), "the mixed sequence should not need a libm note"
np.random.seed(5); line("seed5.normal_3_2", np.random.normal(3.0, 2.0, 300))
line("seed5.normal_3_2.libm_inexact", libm_inexact(5, 300))

# DLVU's load_synth, as its starter code writes it (np.int is gone from NumPy 2, so int here).
def load_synth(num_train=60_000, num_val=10_000, seed=0):
    np.random.seed(seed)
    THRESHOLD = 0.6
    quad = np.asarray([[1, -0.05], [1, .4]])
    ntotal = num_train + num_val
    x = np.random.randn(ntotal, 2)
    q = np.einsum('bf, fk, bk -> b', x, quad, x)
    y = (q > THRESHOLD).astype(int)
    return (x[:num_train, :], y[:num_train]), (x[num_train:, :], y[num_train:]), 2
(xtr, ytr), (xva, yva), _ = load_synth(1000, 200, seed=0)
line("synth1000_200.train_x", xtr.ravel()); line("synth1000_200.train_y", ytr)
line("synth1000_200.x.libm_inexact", libm_inexact(0, 2400))
line("synth1000_200.val_x", xva.ravel()); line("synth1000_200.val_y", yva)
(xtr, ytr), (xva, yva), _ = load_synth()
line("synth_default.train_y_sum", [ytr.sum()]); line("synth_default.val_y_sum", [yva.sum()])

with open("data/src/test/resources/org/twingrad/data/numpy-reference.txt", "w") as f:
    f.write("# numpy " + np.__version__ + " legacy RandomState; made by data/tools/numpy_reference.py\n")
    f.write("\n".join(out) + "\n")
