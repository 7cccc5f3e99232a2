#!/usr/bin/env python3
"""PyTorch CPU peer for the `neural` bench suite: a character-level RNN/LSTM/GRU language model on tinyshakespeare,
the same model and step as the kit's (embedding -> 1 recurrent layer -> linear -> cross-entropy, Adam, clip by norm),
timed over a number of training steps. Prints one JSON line.

Run with OPENBLAS_NUM_THREADS=1 (set below before torch is imported) and 2 torch threads: otherwise OpenBLAS's and
torch's thread pools fight over the 2 cores and torch runs 3-4x slower.
"""
import argparse, json, os, resource, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "2")
import torch  # noqa: E402
from blas_core import describe  # noqa: E402


def blas_info():
    """Which BLAS torch really runs: its build setting plus the BLAS libraries mapped into this process."""
    cfg = torch.__config__.show()
    build = next((part.strip() for part in cfg.replace(",", "\n").splitlines() if "BLAS_INFO" in part), "BLAS_INFO=?")
    torch.mm(torch.ones(8, 8), torch.ones(8, 8))  # make sure the BLAS is loaded
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if "blas" in path or "lapack" in path or "mkl" in path:
                libs.add(os.path.realpath(path))
    return build + "; loaded: " + (", ".join(sorted(libs)) or "none") + "; " + describe()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--cell", default="lstm", choices=["lstm", "gru", "rnn"])
    ap.add_argument("--emb", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--seq", type=int, default=100)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    text = open(a.data, encoding="utf-8").read()
    chars = sorted(set(text))
    lookup = {c: i for i, c in enumerate(chars)}
    ids = torch.tensor([lookup[c] for c in text], dtype=torch.long)
    V = len(chars)
    rnn_cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[a.cell]

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = torch.nn.Embedding(V, a.emb)
            self.rnn = rnn_cls(a.emb, a.hidden)
            self.out = torch.nn.Linear(a.hidden, V)

        def forward(self, x, h):
            y, h = self.rnn(self.emb(x), h)
            return self.out(y), h

    model = Model()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    stream = (len(ids) - 1) // a.batch
    data = ids[: stream * a.batch + 1]
    inputs = data[:-1].view(a.batch, stream).t().contiguous()  # [stream, batch], time-major
    targets = data[1:].view(a.batch, stream).t().contiguous()
    h = None
    windows = stream // a.seq

    def step(w):
        nonlocal h
        x = inputs[w * a.seq:(w + 1) * a.seq]
        y = targets[w * a.seq:(w + 1) * a.seq]
        if h is not None:
            h = tuple(t.detach() for t in h) if isinstance(h, tuple) else h.detach()
        logits, h = model(x, h)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, V), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        return loss.item()

    for w in range(a.warmup):
        step(w % windows)
    t0 = time.perf_counter()
    c0 = time.process_time()  # CPU time of all the process's threads: comparable under load, unlike the wall time
    loss = 0.0
    for w in range(a.steps):
        loss = step((a.warmup + w) % windows)
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"peer": "pytorch", "torch": torch.__version__, "cell": a.cell, "hidden": a.hidden,
                      "chars_per_s": a.steps * a.seq * a.batch / dt,
                      "cpu_s": cpu, "chars_per_cpu_s": a.steps * a.seq * a.batch / cpu, "peak_rss_mb": rss_mb, "loss": loss,
                      "threads": torch.get_num_threads(), "blas": blas_info()}))


if __name__ == "__main__":
    sys.exit(main())
