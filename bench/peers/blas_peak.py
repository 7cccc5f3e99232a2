#!/usr/bin/env python3
"""The machine's float32 GEMM peak as numpy's BLAS reaches it, for the `neural` suite's header: a @ b with
a, b float32 [N x N] (default 2048), best of several timed products after warm-up, with the thread count the caller
gives in OPENBLAS_NUM_THREADS. Prints one JSON line with GFLOP/s, the BLAS library loaded into this process and the
core OpenBLAS chose at start-up (openblas_get_corename, read through ctypes).

The caller removes OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from this process's environment so that OpenBLAS picks its
kernels from the CPU itself, as it would for any user.
"""
import json, sys, time

from blas_core import openblas_core

import numpy as np  # noqa: E402  (OPENBLAS_NUM_THREADS must be set before this import: the caller sets it)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = np.random.default_rng(1)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = a @ b  # warm-up: loads the BLAS, spins up its threads
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        c = a @ b
        best = min(best, time.perf_counter() - t0)
    lib, core, threads = openblas_core()
    print(json.dumps({"n": n, "gflops": 2.0 * n ** 3 / best / 1e9, "seconds": best, "blas": lib, "core": core,
                      "openblas_threads": threads, "numpy": np.__version__, "check": float(c[0, 0])}))


if __name__ == "__main__":
    sys.exit(main())
