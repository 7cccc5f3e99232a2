#!/usr/bin/env bash
# The `gpu` bench suite as one script for a lent accelerator machine (CUDA and PyTorch there, but no .NET).
#
#   bench/gpu.sh publish   # here, with .NET: one self-contained single file into bench/.gpu-publish/ (git-ignored;
#                          # ~48 MB, checked below against the 64 MiB the device tool carries)
#   bench/gpu.sh run       # there, from the repository root: SGEMM against cuBLAS and the char-LSTM step against
#                          # cuDNN through PyTorch (bench/peers/gpu_torch.py), in one run; extra arguments go to the suite
#
# With the device tool: run `bench/gpu.sh publish` here, then run `bench/gpu.sh run` with carry ["bench/.gpu-publish"].
# The suite finds bench/peers/gpu_torch.py by walking up from the published binary, so run it inside the checkout.
# Peers run with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE removed (bench/DeepNlp.Bench/Peers/FairEnvironment.cs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/.gpu-publish"
limit=$((64 * 1024 * 1024))
case "${1:-}" in
  publish)
    rm -rf "$out"
    # TreatWarningsAsErrors=false: single-file publishing warns (IL3000) about the engine's Assembly.Location; the gpu
    # suite does not use the engine.
    dotnet publish "$root/bench/DeepNlp.Bench" -c Release -r linux-x64 --self-contained true \
      -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
      -p:TreatWarningsAsErrors=false -p:DebugType=none -o "$out" >&2
    rm -f "$out"/*.pdb
    size=$(du -sb "$out" | cut -f1)
    echo "published $out: $((size / 1024 / 1024)) MiB"
    if [ "$size" -gt "$limit" ]; then echo "too large for the device tool's 64 MiB carry" >&2; exit 1; fi
    ;;
  run)
    shift
    [ -x "$out/DeepNlp.Bench" ] || { echo "no $out/DeepNlp.Bench: run 'bench/gpu.sh publish' on a machine with .NET first" >&2; exit 2; }
    command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi not found"
    cd "$root"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'available', torch.cuda.is_available())" || echo "python3 with torch not found: peer columns will be empty"
    DOTNET_gcServer=0 "$out/DeepNlp.Bench" gpu "$@"
    ;;
  *) echo "usage: bench/gpu.sh publish|run [suite options]" >&2; exit 2 ;;
esac
