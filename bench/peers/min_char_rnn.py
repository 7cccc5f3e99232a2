#!/usr/bin/env python3
"""The classic numpy baseline for the `neural` bench suite: a vanilla character RNN trained with Adagrad in the style of
Karpathy's min-char-rnn (hidden 100, sequence 25, batch 1, learning rate 0.1, gradients clipped to [-5, 5]),
written out here from its equations. Prints one JSON line with characters/second and peak memory.
"""
import argparse, json, resource, sys, time

import numpy as np

from blas_core import describe


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--seq", type=int, default=25)
    ap.add_argument("--steps", type=int, default=2000)
    a = ap.parse_args()
    text = open(a.data, encoding="utf-8").read()
    chars = sorted(set(text))
    ix = {c: i for i, c in enumerate(chars)}
    V, H, T = len(chars), a.hidden, a.seq
    rng = np.random.default_rng(1)
    Wxh = rng.standard_normal((H, V)) * 0.01
    Whh = rng.standard_normal((H, H)) * 0.01
    Why = rng.standard_normal((V, H)) * 0.01
    bh, by = np.zeros((H, 1)), np.zeros((V, 1))
    params = [Wxh, Whh, Why, bh, by]
    mem = [np.zeros_like(p) for p in params]

    def loss_fun(inputs, targets, hprev):
        xs, hs, ps = {}, {-1: np.copy(hprev)}, {}
        loss = 0.0
        for t in range(len(inputs)):
            xs[t] = np.zeros((V, 1)); xs[t][inputs[t]] = 1
            hs[t] = np.tanh(Wxh @ xs[t] + Whh @ hs[t - 1] + bh)          # h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)
            y = Why @ hs[t] + by
            e = np.exp(y - np.max(y)); ps[t] = e / np.sum(e)               # softmax
            loss += -np.log(ps[t][targets[t], 0])
        grads = [np.zeros_like(p) for p in params]
        dWxh, dWhh, dWhy, dbh, dby = grads
        dhnext = np.zeros_like(hs[0])
        for t in reversed(range(len(inputs))):
            dy = np.copy(ps[t]); dy[targets[t]] -= 1
            dWhy += dy @ hs[t].T; dby += dy
            dh = Why.T @ dy + dhnext
            dz = (1 - hs[t] * hs[t]) * dh
            dbh += dz; dWxh += dz @ xs[t].T; dWhh += dz @ hs[t - 1].T
            dhnext = Whh.T @ dz
        for g in grads:
            np.clip(g, -5, 5, out=g)
        return loss, grads, hs[len(inputs) - 1]

    data = [ix[c] for c in text]
    p, h = 0, np.zeros((H, 1))
    t0, c0 = time.perf_counter(), time.process_time()
    loss = 0.0
    for n in range(a.steps):
        if p + T + 1 >= len(data):
            p, h = 0, np.zeros((H, 1))
        inputs, targets = data[p:p + T], data[p + 1:p + T + 1]
        loss, grads, h = loss_fun(inputs, targets, h)
        for param, g, m in zip(params, grads, mem):
            m += g * g
            param += -0.1 * g / np.sqrt(m + 1e-8)                          # Adagrad
        p += T
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"peer": "numpy-min-char-rnn", "numpy": np.__version__, "blas": describe(), "hidden": H,
                      "chars_per_s": a.steps * T / dt, "cpu_s": cpu, "chars_per_cpu_s": a.steps * T / cpu,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                      "loss_per_char": loss / T}))


if __name__ == "__main__":
    sys.exit(main())
