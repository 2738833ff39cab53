#!/usr/bin/env bash
# End-to-end benchmark: engine vs DuckDB SQL peer at 100k and 1M employee records (10k / 100k employers).
# Writes bench/results/benchmark-100000-1000000.md and prints it. Needs ~2 GB free memory, ~3 minutes on 2 cores.
# Kernel micro-benchmarks: dotnet run -c Release --project bench/Adrn.Linkage.Benchmarks -- --filter '*'
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Adrn.Bench -c Release -nologo -v q
# The process runs time adrn as deployed: published with ReadyToRun (bench/publish-adrn.sh). ADRN=path/adrn.dll overrides.
adrn="${ADRN:-$(bench/publish-adrn.sh)}"
dotnet bench/Adrn.Bench/bin/Release/net10.0/Adrn.Bench.dll \
  --records "${RECORDS:-100000,1000000}" --employers "${EMPLOYERS:-10000,100000}" \
  --threads "${THREADS:-1,2}" --adrn "$adrn" --out bench/results "$@"
