#!/bin/sh
# The full runs recorded in docs/benchmarks.md, one after another on an otherwise idle machine
# (about 25 minutes). BEFORE: a Release build of an earlier commit, for "before" figures of A.
set -u
cd "$(dirname "$0")"
ulimit -n 20000
out=${OUT:-/tmp/bench-full}
mkdir -p "$out"
BEFORE=${BEFORE:-}
{ date -u; nproc; free -h; lscpu | head -20; dotnet --version; node --version; uptime; } > "$out/machine.txt" 2>&1
node run.mjs renders > "$out/renders.log" 2>&1
BENCH_NO_BUILD=1 node run.mjs a > "$out/a.log" 2>&1
if [ -n "$BEFORE" ]; then
  BENCH_NO_BUILD=1 BENCH_APP_ROOT="$BEFORE" BENCH_APP_COMMIT=${BEFORE_COMMIT:-before} node run.mjs a > "$out/a-before.log" 2>&1
fi
BENCH_NO_BUILD=1 node run.mjs e > "$out/e.log" 2>&1
node run.mjs d > "$out/d.log" 2>&1
BENCH_NO_BUILD=1 node --max-old-space-size=8192 run.mjs c --firstStepMeetings=100 --stepMeetings=50 --budgetMinutes=10 > "$out/c.log" 2>&1
echo done > "$out/done"
