#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz preset) and runs each one for a fixed
# time from its seeds, inside the build environment. Fails on any crash, hang
# (a run over 10 s), leak or sanitizer report; prints executions and coverage.
# Usage: run-fuzzers.sh [seconds per fuzzer, default 20] [fuzzer names...]
# Longer runs by hand: packaging/dockmaster run packaging/run-fuzzers.sh 600 riskscanner
set -euo pipefail
seconds=${1:-20}
shift || true
cd "$(dirname "$0")/.."
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target fuzzers
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    names=($(sed -n 's/^set(DOCKMASTER_FUZZERS \(.*\)/\1/p; /^ \+[a-z ]\+)$/p' tests/fuzz/CMakeLists.txt | tr -d ')'))
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
printf '%-16s %10s %8s %8s %s\n' fuzzer executions exec/s coverage result
for name in "${names[@]}"; do
    corpus=build/fuzz/corpus/$name
    mkdir -p "$corpus" build/fuzz/artifacts
    log=build/fuzz/$name.log
    # New inputs go to the first (build) folder; the seeds are only read.
    if build/fuzz/tests/fuzz/fuzz_"$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix=build/fuzz/artifacts/"$name"- \
        "$corpus" tests/fuzz/seeds/"$name" >"$log" 2>&1; then
        result=ok
    else
        result=FAILED
        failed+=("$name")
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    printf '%-16s %10s %8s %8s %s\n' "$name" "${runs:-?}" "${speed:-?}" "${cov:-?}" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
    for name in "${failed[@]}"; do
        echo "--- $name (build/fuzz/$name.log, input in build/fuzz/artifacts/) ---" >&2
        grep -A40 -m1 -E 'ERROR: |runtime error|deadly signal|Timeout|out-of-memory' "build/fuzz/$name.log" >&2 || tail -40 "build/fuzz/$name.log" >&2
    done
    exit 1
fi
