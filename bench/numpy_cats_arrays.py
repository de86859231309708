"""Runs the course-MLP peer (../shared/reference/peers/numpy_cats.py, its own train() and
accuracy()) on arrays packed once, so that a Python without Pillow (the default python3 with
numpy 2.x) can be the peer too.

  /usr/bin/python3 bench/numpy_cats_arrays.py pack CATS_ROOT OUT.npz   # the peer's folder() reader
  python3 bench/numpy_cats_arrays.py run OUT.npz [iterations] [dims]   # prints the peer's line

The arrays are exactly what numpy_cats.py builds (float64, pixels / 255, cat = 1).
"""
import os
import sys
import time
import types

import numpy as np

PEERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "reference", "peers")
sys.path.insert(0, os.environ.get("AUGREG_PEERS", PEERS))
if len(sys.argv) > 1 and sys.argv[1] == "run":
    sys.modules.setdefault("PIL", types.ModuleType("PIL"))  # the peer imports it; run never reads images
    sys.modules["PIL"].Image = None
import numpy_cats  # noqa: E402  (the peer)

if __name__ == "__main__":
    if sys.argv[1] == "pack":
        root, out = sys.argv[2], sys.argv[3]
        tx, ty = numpy_cats.folder(os.path.join(root, "train"))
        vx, vy = numpy_cats.folder(os.path.join(root, "test"))
        np.savez(out, tx=tx, ty=ty, vx=vx, vy=vy)
    else:
        d = np.load(sys.argv[2])
        tx, ty, vx, vy = d["tx"], d["ty"], d["vx"], d["vy"]
        iters = int(sys.argv[3]) if len(sys.argv) > 3 else 2500
        hidden = [int(v) for v in sys.argv[4].split(",")] if len(sys.argv) > 4 else [20, 7, 5]
        dims = [tx.shape[0]] + hidden + [1]
        t = time.perf_counter()
        P = numpy_cats.train(tx, ty, dims, iters=iters)
        dt = time.perf_counter() - t
        print("dims=%s iterations=%d train_acc=%.4f test_acc=%.4f seconds=%.2f" % (
            dims, iters, numpy_cats.accuracy(tx, ty, P), numpy_cats.accuracy(vx, vy, P), dt))
