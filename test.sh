#!/usr/bin/env bash
# Runs every test of Adrn.Engine: restores, builds (Release) and runs each test project, then
# prints one closing line "N passed, N failed, N skipped". Exit code 0 only when nothing failed.
# Anything the tests need that the machine may lack is installed by scripts/test-prerequisites.sh.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/.test-work/results"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -x scripts/test-prerequisites.sh ]; then
  scripts/test-prerequisites.sh || { echo "test prerequisites failed"; echo "0 passed, 1 failed"; exit 1; }
fi

echo "== restore and build (Release)"
dotnet build Adrn.Engine.sln -c Release -nologo -v:q > "$results/build.log" 2>&1
build_rc=$?
grep -E " error |Time Elapsed" "$results/build.log" | sort -u | head -40
if [ "$build_rc" -ne 0 ]; then
  echo "Build failed (see $results/build.log)."
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test"
{ dotnet test Adrn.Engine.sln -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" 2>&1
  echo $? > "$results/test.rc"; } \
  | tee "$results/test.log" | grep --line-buffered -E "^\s+Failed |Total tests|Passed!|Failed!|error " || true
test_rc=$(cat "$results/test.rc" 2>/dev/null || echo 1)

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
projects=$(dotnet sln Adrn.Engine.sln list | grep -c '\.Tests\.csproj')
if [ "$files" -lt "$projects" ]; then
  echo "Only $files of $projects test projects produced results (a test host crashed?): counted as failures."
  failed=$((failed + projects - files))
fi
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited $test_rc without a failing test being recorded: counted as one failure."
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
