#!/usr/bin/env python3
"""PyTorch CPU peer for the `transformer` bench suite: a causal character Transformer language model on tinyshakespeare,
the same model and step as the kit's TransformerLanguageModel (token + learned position embeddings, pre-norm
nn.TransformerEncoderLayer blocks with GELU and no dropout, final LayerNorm, linear head, mean cross-entropy, Adam),
timed over a number of training steps. Prints one JSON line.

The suite runs this with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from the environment, so that OpenBLAS detects
this CPU's own kernels, and once with OPENBLAS_NUM_THREADS=1 (torch's own threads only) and once with OpenBLAS's
threads too, and with one torch thread and OpenBLAS's threads; it reports the fastest. It also measures torch.mm's
float32 peak with the same thread settings, so the suite can state the machine's GEMM peak as the best of both libraries.
"""
import argparse, json, os, resource, sys, time

import torch  # noqa: E402
from blas_core import describe  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class TinyTransformerLM(nn.Module):
    """Also in tests/DeepNlp.Tests/fixtures/transformer/make.py, which checks the kit against it in float64."""

    def __init__(self, vocab, d_model, nhead, layers, dim_ff, max_len):
        super().__init__()
        self.tok_emb = nn.Embedding(vocab, d_model)
        self.pos_emb = nn.Embedding(max_len, d_model)
        self.layers = nn.ModuleList([nn.TransformerEncoderLayer(d_model, nhead, dim_ff, dropout=0.0, activation="gelu",
                                                                batch_first=True, norm_first=True) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab)

    def forward(self, ids):
        T = ids.shape[1]
        x = self.tok_emb(ids) + self.pos_emb(torch.arange(T))
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1)
        for layer in self.layers:
            x = layer(x, src_mask=mask)
        return self.head(self.ln_f(x))


def blas_info():
    cfg = torch.__config__.show()
    build = next((part.strip() for part in cfg.replace(",", "\n").splitlines() if "BLAS_INFO" in part), "BLAS_INFO=?")
    torch.mm(torch.ones(8, 8), torch.ones(8, 8))
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if "blas" in path or "lapack" in path or "mkl" in path:
                libs.add(os.path.realpath(path))
    return build + "; loaded: " + (", ".join(sorted(libs)) or "none") + "; " + describe()


def gemm_peak():
    """Best float32 torch.mm GFLOP/s over a few large squares, with this process's thread settings."""
    best = 0.0
    for n in (512, 1024, 1536):
        a, b = torch.rand(n, n), torch.rand(n, n)
        torch.mm(a, b)
        reps = max(2, int(4e9 / (2 * n ** 3)))
        for _ in range(3):
            t0 = time.perf_counter()
            for _ in range(reps):
                torch.mm(a, b)
            best = max(best, reps * 2 * n ** 3 / (time.perf_counter() - t0) / 1e9)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--model", type=int, default=128)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--ff", type=int, default=512)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    text = open(a.data, encoding="utf-8").read()
    chars = sorted(set(text))
    lookup = {c: i for i, c in enumerate(chars)}
    ids = torch.tensor([lookup[c] for c in text], dtype=torch.long)
    V = len(chars)
    model = TinyTransformerLM(V, a.model, a.heads, a.layers, a.ff, a.seq)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    stream = (len(ids) - 1) // a.batch
    inputs = ids[: stream * a.batch].view(a.batch, stream)       # [batch, stream], as the kit's StreamBatches
    targets = ids[1: stream * a.batch + 1].view(a.batch, stream)
    windows = stream // a.seq

    def step(w):
        x = inputs[:, w * a.seq:(w + 1) * a.seq]
        y = targets[:, w * a.seq:(w + 1) * a.seq]
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    for w in range(a.warmup):
        step(w % windows)
    t0 = time.perf_counter()
    c0 = time.process_time()
    loss = 0.0
    for w in range(a.steps):
        loss = step((a.warmup + w) % windows)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    chars = a.steps * a.seq * a.batch
    print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "chars_per_s": chars / dt, "chars_per_cpu_s": chars / cpu,
                      "step_s": dt / a.steps, "peak_rss_mb": rss_mb, "loss": loss, "threads": torch.get_num_threads(),
                      "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "(default)"), "gemm_peak_gflops": gemm_peak(),
                      "blas": blas_info()}))


if __name__ == "__main__":
    sys.exit(main())
