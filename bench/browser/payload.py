#!/usr/bin/env python3
"""What each part of the published live-site host weighs: raw bytes and brotli -q 11 per file, grouped.

Usage: payload.py WWWROOT   (the `wwwroot` folder `dotnet publish src/DeepNlp.Browser` writes). Prints one
"payload GROUP raw_bytes brotli_bytes files" line per group, then "payload total ...". Needs the `brotli` command.
Groups follow issue 22's list: runtime, framework, Roslyn, the kit, the charts stack (Plotly.NET, FSharp.Core and
what they need), ILGPU, other libraries, the `lib/` PE copies the notebooks' #r compiles against, and the host itself;
the assemblies the runtime needs at start are one file since issue 22's boot22b (`start-pack`), so the framework, Roslyn
and kit groups hold only what is fetched later.
"""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CHARTS = ("Plotly.NET", "FSharp.Core", "DynamicObj", "Giraffe.ViewEngine", "Fable.Core", "Newtonsoft.Json")


def group(rel: str) -> str:
    name = os.path.basename(rel)
    stem = name.split(".")[0]
    if rel.startswith("lib/"):
        return "lib-pe-copies-for-#r"
    if name.startswith("assemblies."):
        # The start assemblies in one file (framework at start, Roslyn, the kit; DeepNlp.Browser.csproj's PackStartAssemblies).
        return "start-pack"
    if name.startswith("dotnet.") or name.startswith("blazor.") or name.endswith(".json") or name.endswith(".js") and "_framework" in rel:
        return "runtime"
    if name.startswith("Microsoft.CodeAnalysis"):
        return "roslyn"
    if name.startswith("DeepNlp.Browser"):
        return "host"
    if name.startswith("DeepNlp"):
        return "kit"
    if any(name.startswith(c) for c in CHARTS):
        return "charts-stack"
    if name.startswith("ILGPU"):
        return "ilgpu"
    if name.startswith("System.") or name.startswith("Microsoft.") or stem in ("mscorlib", "netstandard", "WindowsBase"):
        return "framework"
    if "_framework" in rel:
        return "other-libraries"
    return "site-scripts"


def main() -> None:
    root = sys.argv[1]
    totals: dict[str, list[int]] = {}
    biggest = []
    paths = [os.path.join(folder, f) for folder, _, files in os.walk(root) for f in files]

    def brotli_size(path: str) -> int:
        return len(subprocess.run(["brotli", "-c", "-q", "11", path], check=True, capture_output=True).stdout)

    # One brotli process per core: -q 11 on Roslyn's 7 MB takes minutes on a loaded machine.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        sizes = list(pool.map(brotli_size, paths))
    for path, br in zip(paths, sizes):
        rel = os.path.relpath(path, root)
        raw = os.path.getsize(path)
        t = totals.setdefault(group(rel), [0, 0, 0])
        t[0] += raw; t[1] += br; t[2] += 1
        biggest.append((br, raw, rel))
    for name, (raw, br, n) in sorted(totals.items(), key=lambda kv: -kv[1][1]):
        print(f"payload {name} {raw} {br} {n}")
    print(f"payload total {sum(t[0] for t in totals.values())} {sum(t[1] for t in totals.values())} {sum(t[2] for t in totals.values())}")
    for br, raw, rel in sorted(biggest, reverse=True)[:15]:
        print(f"payload-file {rel} {raw} {br}")


if __name__ == "__main__":
    main()
