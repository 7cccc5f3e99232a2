#!/bin/bash
# fastText peer for the word-vector benchmark (bench/DeepNlp.Bench/WordVectors).
# Usage: w2v_fasttext.sh CORPUS OUT_PREFIX EPOCHS THREADS [DIM WINDOW NEG SAMPLE MIN_COUNT]
# Runs Debian's `fasttext skipgram` as plain word2vec (no character n-grams: -minn 0 -maxn 0, negative sampling,
# lr 0.025 as word2vec), writes OUT_PREFIX.vec (word2vec text format) and prints one JSON line with the wall time of
# the whole run (vocabulary reading included), its CPU time (user + system, all threads) and fastText's own last
# words/sec/thread figure.
set -euo pipefail
corpus=$1; out=$2; epochs=$3; threads=$4
dim=${5:-100}; window=${6:-5}; neg=${7:-5}; sample=${8:-1e-4}; mincount=${9:-5}
log=$(mktemp)
start=$(date +%s.%N)
fasttext skipgram -input "$corpus" -output "$out" -dim "$dim" -ws "$window" -neg "$neg" -t "$sample" \
  -minCount "$mincount" -epoch "$epochs" -thread "$threads" -lr 0.025 -loss ns -minn 0 -maxn 0 -wordNgrams 1 \
  -verbose 2 > "$log" 2>&1
end=$(date +%s.%N)
times > "$log.times"      # in this shell: a $(times) subshell would report its own (empty) children
cpu=$(tail -1 "$log.times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
wps=$(tr '\r' '\n' < "$log" | grep -o 'words/sec/thread: *[0-9]*' | tail -1 | grep -o '[0-9]*$' || echo 0)
rm -f "$out.bin" "$log" "$log.times"
echo "{\"tool\": \"fasttext\", \"train_seconds\": $(echo "$end - $start" | bc), \"cpu_seconds\": $cpu, \"self_reported_words_per_sec_thread\": ${wps:-0}}"
