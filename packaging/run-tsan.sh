#!/usr/bin/env bash
# Builds the threaded tests under ThreadSanitizer (the `tsan` preset) and runs
# them; exits non-zero on any failure or any TSan report. Run it inside the
# build environment: packaging/dockmaster run packaging/run-tsan.sh
#
# Which tests: those labelled cache, logs or health (the cache thread, the log
# workers, the health probes), plus gitworkspace (the libgit2 worker),
# syncengine (the sync writing through the cache thread) and keyspacebrowser
# (Valkey calls on the pool); there is no git or sync label. Widget tests (label ui) are left out: they need the whole views
# library built a third time, and their threads are the same services.
# Only these targets are built, not the whole tree, to keep CI inside its time.
# Usage: run-tsan.sh [extra ctest args]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/tsan
labels='cache|logs|health'
named='gitworkspace|syncengine|keyspacebrowser'
started=$(date +%s)

cmake --preset tsan >/dev/null
mapfile -t tests < <({
    ctest --test-dir "$build" -N -L "$labels" -LE '^ui$'
    ctest --test-dir "$build" -N -R "^($named)\$"
} | sed -n 's/^ *Test *#[0-9]*: *//p' | sort -u)
[ "${#tests[@]}" -gt 0 ] || { echo "run-tsan: no test selected" >&2; exit 1; }
targets=()
for t in "${tests[@]}"; do targets+=("tst_$t"); done
echo "run-tsan: building ${targets[*]}"
cmake --build "$build" -j "${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" --target "${targets[@]}"
built=$(date +%s)

regex="^($(IFS='|'; echo "${tests[*]}"))\$"
export DOCKMASTER_TEST_REGEX="$regex"
unset DOCKMASTER_TEST_LABEL
status=0
"$(dirname "$0")/run-suite.sh" tsan "$@" || status=$?
echo "run-tsan: build $((built - started)) s, tests $(($(date +%s) - built)) s"
exit $status
