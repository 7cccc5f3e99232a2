#!/usr/bin/env python3
"""numpy float32 GEMM rates for the shapes the `gemm` suite measures: one JSON line per shape with GFLOP/s (best of
several timed products after warm-up, by wall clock and by process CPU time), run with the OpenBLAS thread count the caller sets in OPENBLAS_NUM_THREADS.

Arguments: NAME:M:N:K:TA:TB ... (TA/TB 0 or 1: A stored [k, m], B stored [n, k]). Each product is C = op(A) @ op(B),
written into a preallocated C (numpy.matmul out=), as the kit overwrites C.
"""
import json, sys, time

from blas_core import openblas_core

import numpy as np  # noqa: E402


def main():
    rng = np.random.default_rng(1)
    lib, core, threads = openblas_core()
    for spec in sys.argv[1:]:
        name, m, n, k, ta, tb = spec.split(":")
        m, n, k, ta, tb = int(m), int(n), int(k), ta == "1", tb == "1"
        a = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
        b = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
        opa, opb = (a.T if ta else a), (b.T if tb else b)
        c = np.empty((m, n), dtype=np.float32)
        flop = 2.0 * m * n * k
        reps = max(3, int(1e9 / flop))
        np.matmul(opa, opb, out=c)
        best, best_cpu = float("inf"), float("inf")
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in range(reps):
                np.matmul(opa, opb, out=c)
            best = min(best, (time.perf_counter() - t0) / reps)
            best_cpu = min(best_cpu, (time.process_time() - c0) / reps)
        print(json.dumps({"name": name, "gflops": flop / best / 1e9, "gflops_cpu": flop / best_cpu / 1e9, "seconds": best, "core": core,
                          "openblas_threads": threads}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
