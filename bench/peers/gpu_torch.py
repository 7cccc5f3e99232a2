#!/usr/bin/env python3
"""PyTorch peer for the `gpu` bench suite: SGEMM (torch.matmul -> cuBLAS) and char-LSTM training (nn.LSTM -> cuDNN).

Usage:
  gpu_torch.py gemm 1024 2048 ...                 -> one JSON line per size: {"size", "ms", "gflops", "device"}
  gpu_torch.py lstm V E H B T STEPS [H B ...]     -> one JSON line per (H, B): {"hidden", "batch", "chars_per_s", "device"}
Runs on CUDA when torch sees a GPU, otherwise on the CPU (2 threads) and says so in "device".
The LSTM model is the kit's GpuCharLstm: embedding -> 1-layer LSTM -> linear -> mean cross-entropy, clip 5, Adam 2e-3.
"""
import json
import sys
import time

import torch


def device():
    if torch.cuda.is_available():
        return torch.device("cuda"), torch.cuda.get_device_name(0)
    torch.set_num_threads(2)
    return torch.device("cpu"), "cpu"


def sync(dev):
    if dev.type == "cuda":
        torch.cuda.synchronize()


def gemm(sizes):
    dev, name = device()
    torch.backends.cuda.matmul.allow_tf32 = False  # fp32 SGEMM, as the kit's kernels
    for n in sizes:
        a = torch.rand(n, n, device=dev)
        b = torch.rand(n, n, device=dev)
        torch.matmul(a, b)
        sync(dev)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            torch.matmul(a, b)
            sync(dev)
            best = min(best, time.perf_counter() - start)
        print(json.dumps({"size": n, "ms": best * 1e3, "gflops": 2 * n ** 3 / best / 1e9, "device": name}), flush=True)


class CharLstm(torch.nn.Module):
    def __init__(self, v, e, h):
        super().__init__()
        self.embedding = torch.nn.Embedding(v, e)
        self.lstm = torch.nn.LSTM(e, h)
        self.decoder = torch.nn.Linear(h, v)

    def forward(self, x, state):
        out, state = self.lstm(self.embedding(x), state)
        return self.decoder(out), state


def lstm(v, e, t, steps, configs):
    dev, name = device()
    torch.backends.cudnn.enabled = True
    for h, b in configs:
        torch.manual_seed(0)
        model = CharLstm(v, e, h).to(dev)
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        x = torch.randint(0, v, (t, b), device=dev)
        y = torch.randint(0, v, (t, b), device=dev)
        state = None

        def step(state):
            logits, state = model(x, state)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, v), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            return tuple(s.detach() for s in state)

        state = step(state)
        sync(dev)
        start = time.perf_counter()
        for _ in range(steps):
            state = step(state)
        sync(dev)
        elapsed = time.perf_counter() - start
        print(json.dumps({"hidden": h, "batch": b, "chars_per_s": steps * t * b / elapsed, "device": name}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "gemm":
        gemm([int(s) for s in sys.argv[2:]])
    else:
        v, e, t, steps = (int(s) for s in sys.argv[2:6])
        rest = [int(s) for s in sys.argv[6:]]
        lstm(v, e, t, steps, list(zip(rest[0::2], rest[1::2])))
