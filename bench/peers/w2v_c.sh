#!/bin/bash
# word2vec C tool (tmikolov/word2vec 20c129a, built from ../shared/peers by the bench) for the word-vector benchmark.
# Usage: w2v_c.sh WORD2VEC_BINARY CORPUS OUT_PREFIX EPOCHS THREADS [DIM WINDOW NEG SAMPLE MIN_COUNT]
# Runs skip-gram with negative sampling (-cbow 0 -hs 0, alpha 0.025, the tool's skip-gram default) on the same
# tokenized file as the other tools, writes OUT_PREFIX.vec (word2vec text format) and prints one JSON line with the
# wall time of the whole run (its vocabulary pass included, as for fastText), its CPU time (user + system, all
# threads) and the tool's own last words/thread/sec figure.
set -euo pipefail
bin=$1; corpus=$2; out=$3; epochs=$4; threads=$5
dim=${6:-100}; window=${7:-5}; neg=${8:-5}; sample=${9:-1e-4}; mincount=${10:-5}
log=$(mktemp)
start=$(date +%s.%N)
"$bin" -train "$corpus" -output "$out.vec" -cbow 0 -hs 0 -size "$dim" -window "$window" -negative "$neg" -sample "$sample" \
  -min-count "$mincount" -iter "$epochs" -threads "$threads" -alpha 0.025 -binary 0 > "$log" 2>&1
end=$(date +%s.%N)
times > "$log.times"
cpu=$(tail -1 "$log.times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
wps=$(tr '\r' '\n' < "$log" | grep -o 'Words/thread/sec: *[0-9.]*k' | tail -1 | grep -o '[0-9.]*' || echo 0)
rm -f "$log" "$log.times"
echo "{\"tool\": \"word2vec.c\", \"train_seconds\": $(echo "$end - $start" | bc), \"cpu_seconds\": $cpu, \"self_reported_words_per_sec_thread\": $(echo "${wps:-0} * 1000" | bc)}"
