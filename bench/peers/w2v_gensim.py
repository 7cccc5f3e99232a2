#!/usr/bin/python3
"""gensim Word2Vec peer for the word-vector benchmark (bench/DeepNlp.Bench/WordVectors).

Usage: w2v_gensim.py CORPUS OUT_VEC EPOCHS THREADS [DIM WINDOW NEG SAMPLE MIN_COUNT [SEED [INIT]]]
Trains skip-gram with negative sampling from a whitespace-tokenized file (one sentence per line) through gensim's
corpus_file path (its fastest, Cython, mode), writes word2vec text vectors to OUT_VEC and prints one JSON line:
{"tool": "gensim", "train_seconds": ..., "cpu_seconds": ..., "vocab": ..., "words": ...} where words is the
in-vocabulary word count per epoch, train_seconds covers train() only (vocabulary building excluded) and cpu_seconds
is the process CPU time (all threads) over the same span.
INIT "gensim" (the default) keeps gensim 4's initial input vectors, uniform in [-1/d, 1/d) (keyedvectors.prep_vectors);
"c" halves them after build_vocab, which gives the word2vec C tool's range [-0.5/d, 0.5/d) (an experiment of issue 21).
"""
import json
import sys
import time

from gensim.models import Word2Vec

from blas_core import describe


def main(argv):
    corpus, out, epochs, threads = argv[1], argv[2], int(argv[3]), int(argv[4])
    dim, window, neg, sample, min_count = (int(argv[5]), int(argv[6]), int(argv[7]), float(argv[8]), int(argv[9])) \
        if len(argv) > 9 else (100, 5, 5, 1e-4, 5)
    seed = int(argv[10]) if len(argv) > 10 else 1
    init = argv[11] if len(argv) > 11 else "gensim"
    if init not in ("gensim", "c"):
        raise SystemExit(f"INIT must be gensim or c, not {init}")
    model = Word2Vec(vector_size=dim, window=window, negative=neg, hs=0, sg=1, sample=sample, min_count=min_count,
                     workers=threads, alpha=0.025, min_alpha=0.0001, seed=seed)
    model.build_vocab(corpus_file=corpus)
    if init == "c":
        model.wv.vectors *= 0.5  # uniform [-1/d, 1/d) -> [-0.5/d, 0.5/d): the C tool's range, same draws
    words = sum(model.wv.get_vecattr(w, "count") for w in model.wv.index_to_key)
    start, cpu = time.perf_counter(), time.process_time()
    model.train(corpus_file=corpus, total_words=model.corpus_total_words, total_examples=model.corpus_count, epochs=epochs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    model.wv.save_word2vec_format(out, binary=False)
    print(json.dumps({"tool": "gensim", "version": __import__("gensim").__version__, "train_seconds": seconds, "cpu_seconds": cpu,
                      "vocab": len(model.wv.index_to_key), "words": int(words), "init": init,
                      "blas": describe()}))


if __name__ == "__main__":
    main(sys.argv)
