#!/bin/bash
# Builds the word2vec C tool (tmikolov/word2vec 20c129a) with one fix, for the word-vector benchmark's fair peer.
# Usage: w2v_c_eoffix.sh PEERS_SRC_DIR BUILD_DIR   (PEERS_SRC_DIR holds word2vec-*.tar.gz, as ../shared/peers does)
# Prints word2vec_eoffix=PATH. Idempotent: a second call only prints the path.
#
# The fix: 20c129a's TrainModelThread never resets its `eof` flag when it starts the next epoch (it resets word_count,
# last_word_count and sentence_length and seeks back, but not eof). The thread whose share ends at the end of the file
# (the last thread; with -threads 1 the only one) therefore sees eof at once in every later epoch and trains only the
# first: with -iter 10 -threads 2 half of the corpus is trained once, with -threads 1 the whole run is one epoch, and
# alpha never decays past the share of words actually seen. The one added line sets eof = 0 at that reset; the first
# epoch, and so any -iter 1 run, is unchanged. The pristine source in PEERS_SRC_DIR is not touched.
set -euo pipefail
src=$1; dir=$2
out="$dir/word2vec-eoffix"
if [ ! -x "$out/word2vec" ]; then
  rm -rf "$out.tmp"; mkdir -p "$out.tmp"
  tar -xzf "$src"/word2vec-*.tar.gz -C "$out.tmp" --strip-components=1
  # Insert `eof = 0;` after the epoch reset's `sentence_length = 0;` (the one followed by the seek back); fail if the
  # source is not the expected one.
  perl -0pi -e 's/(\n      sentence_length = 0;\n)(      fseek\(fi, file_size)/$1      eof = 0;  \/\/ deepnlp bench: reset at each epoch (20c129a does not)\n$2/ or die "patch point not found\n"' "$out.tmp/word2vec.c"
  [ "$(grep -c 'eof = 0;  // deepnlp bench' "$out.tmp/word2vec.c")" = 1 ]
  (cd "$out.tmp" && gcc word2vec.c -o word2vec -lm -pthread -O3 -march=native -Wall -funroll-loops -Wno-unused-result >&2)
  rm -rf "$out"; mv "$out.tmp" "$out"
fi
echo "word2vec_eoffix=$out/word2vec"
