#!/usr/bin/env python3
"""Peer for the `ngram` benchmark suite: NLTK's nltk.lm Kneser-Ney on the same tokenised data.

Reads whitespace-tokenised sentences (one per line) written by the C# suite, fits
nltk.lm.KneserNeyInterpolated of the given order on the first --sentences training sentences, then scores the
first --test-tokens tokens of the test file. Prints one JSON line with the timings, so the suite can scale them
honestly (seconds per training token, test tokens per second).

Note: NLTK pads each sentence with order-1 <s> and </s> symbols and uses interpolated Kneser-Ney with one fixed
discount (0.1) rather than modified Kneser-Ney, so only the timings are comparable, not the perplexities.
"""
import argparse
import json
import math
import resource
import sys
import time


def read(path, limit):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            toks = line.split()
            if toks:
                out.append(toks)
            if limit and len(out) >= limit:
                break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--order", type=int, default=3)
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--test-tokens", type=int, default=300)
    a = ap.parse_args()
    try:
        import nltk
        from nltk.lm import KneserNeyInterpolated
        from nltk.lm.preprocessing import padded_everygram_pipeline, pad_both_ends
        from nltk.util import ngrams
    except ImportError as e:
        print(json.dumps({"error": f"nltk not importable: {e}"}))
        return 0

    train = read(a.train, a.sentences)
    test = read(a.test, 0)
    tokens = sum(len(s) + 1 for s in train)

    start, cpu_start = time.perf_counter(), time.process_time()
    grams, vocab = padded_everygram_pipeline(a.order, train)
    model = KneserNeyInterpolated(a.order)
    model.fit(grams, vocab)
    fit_s = time.perf_counter() - start
    fit_cpu_s = time.process_time() - cpu_start

    scored, total, zeros = 0, 0.0, 0
    start = time.perf_counter()
    for s in test:
        padded = list(pad_both_ends(s, n=a.order))
        for g in ngrams(padded, a.order):
            lp = model.logscore(g[-1], g[:-1])
            if math.isinf(lp):
                zeros += 1  # NLTK gives unseen words probability 0; kept out of the average
            else:
                total += lp
            scored += 1
            if scored >= a.test_tokens:
                break
        if scored >= a.test_tokens:
            break
    eval_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({
        "nltk": nltk.__version__, "order": a.order, "sentences": len(train), "train_tokens": tokens,
        "fit_s": fit_s, "fit_cpu_s": fit_cpu_s, "peak_rss_mb": peak_mb, "eval_tokens": scored, "eval_s": eval_s,
        "zero_prob_tokens": zeros,
        "perplexity_finite_tokens": (2 ** (-total / (scored - zeros))) if scored > zeros else None,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
