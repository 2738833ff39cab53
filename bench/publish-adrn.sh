#!/usr/bin/env bash
# Publishes the deployment build of adrn that the benchmarks time: ReadyToRun (precompiled) for this machine's
# runtime, into bench/adrn-publish/ (or $1), except Adrn.Linkage's hot loops, which the JIT compiles better
# (engine/Adrn.Cli/Adrn.Cli.csproj). The plain `dotnet build` output runs the same code but JIT-compiles all of it
# at start (docs/benchmarks.md says how much that costs). Prints the path of adrn.dll.
set -euo pipefail
out="$(realpath -m "${1:-$(dirname "$0")/adrn-publish}")"
cd "$(dirname "$0")/.."
# A previous publish is removed first: publishing over it keeps files the build no longer produces as they were (an
# assembly precompiled then and left to the JIT now would stay precompiled).
if [ -f "$out/adrn.dll" ]; then rm -rf "$out"; fi
rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)"
dotnet publish engine/Adrn.Cli -c Release -r "${rid:-linux-x64}" --self-contained false -p:PublishReadyToRun=true \
  -o "$out" -nologo -v q >&2
echo "$out/adrn.dll"
