#!/usr/bin/env bash
# run-benchmarks.sh BUILD_DIR REPORT [COMMIT]: runs every benchmark of a release build
# (the bench_* programs under tests/; each prints `name value unit` lines, some
# side by side with a peer on the same input: PHP's tokenizer, grep) and writes
# their figures, with the machine and the commit they ran on, to REPORT
# (Markdown). Figures, not pass/fail: a benchmark that fails is reported as
# such and the others still run. Called by `packaging/dockmaster bench`.
set -uo pipefail
# bench_console keeps its token in a real Secret Service, as the app does: a
# private D-Bus session with an unlocked GNOME Keyring around every benchmark.
if [ -z "${DOCKMASTER_BENCH_SESSION:-}" ]; then
    export DOCKMASTER_BENCH_SESSION=1
    export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/dm-bench-rt.XXXXXX)}
    chmod 700 "$XDG_RUNTIME_DIR"
    exec dbus-run-session -- bash -c '
        printf "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || echo "warning: no gnome-keyring" >&2
        exec "$0" "$@"' "$0" "$@"
fi
build=${1:?build folder}
report=${2:?report file}
commit=${3:-unknown}
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false'
work=$(mktemp -d /tmp/dm-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# What each one measures, for the report's reader.
declare -A about=(
    [bench_riskscanner]="Review: the risk scanner and PHP's own lexer (token_get_all) on the same synthetic release; a 20 MB release reviewed as the app does it, with the UI thread's stalls; how soon a cancelled scan stops."
    [bench_logs]="Live logs: parsing, the ring store, filtering a million lines (with grep on the same text), and painting."
    [bench_render]="Rendering and checking one environment's configuration, and each real validator per file."
    [bench_sync]="Sync: a first sync of 1,000, 3,000 and 10,000 apps against the emulator (requests, time, peak memory); of 3,000 apps at 50 ms a request over HTTP/1.1 straight to the emulator and over HTTP/2 through GitLab's front (nginx, TLS) with 6 and 16 requests at once; an unchanged sync, a first sync of 10,000 apps at 80 ms a request under GitLab.com's 2,000 requests a minute, and the Applications panel's cold start from the cache."
    [bench_console]="The whole console (as \`dockmaster --profile\` runs it) on a normal profile against the emulator behind GitLab's front (nginx: TLS and HTTP/2, or plain HTTP/1.1), which counts its requests: a cold start's first sync of 1,000 and 3,000 apps at 0 and 50 ms a request, then a warm start."
    [bench_editor]="The config editor opening a 1 MB and a 10 MB file of an environment branch (clone, open, the UI thread's longest stall)."
    [bench_health]="Live health: 10,000 containers on 50 emulated Docker hosts dying and starting again, with the UI thread's stalls."
    [bench_emulator]="The GitLab emulator itself (so the sync figures can tell its cost apart)."
)
order=(bench_riskscanner bench_logs bench_render bench_sync bench_console bench_editor bench_health bench_emulator)

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo "# Performance"
    echo
    echo "Written by \`packaging/dockmaster bench\` (release build, RelWithDebInfo) at commit $commit on $(date -u +%Y-%m-%d):"
    echo "${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) of memory,"
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg) when it started. Figures from one machine at one time:"
    echo "compare them with a run on the same machine, not across machines."
    echo
} > "$work/report.md"

status=0
for bench in "${order[@]}"; do
    program=$(find -L "$build/tests" -name "$bench" -type f -perm -u+x | head -1)
    {
        echo "## $bench"
        echo
        echo "${about[$bench]}"
        echo
    } >> "$work/report.md"
    if [ -z "$program" ]; then
        echo "Not built." >> "$work/report.md"
        echo >> "$work/report.md"
        status=1
        continue
    fi
    echo "== $bench" >&2
    started=$(date +%s)
    "$program" > "$work/$bench.out" 2> "$work/$bench.err"
    code=$?
    seconds=$(($(date +%s) - started))
    {
        echo "| Figure | Value | Unit |"
        echo "|---|---:|---|"
        # `name value unit...`: anything else the program printed is left out.
        awk 'NF >= 2 && $2 ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/ {
                 unit = ""; for (i = 3; i <= NF; i++) unit = unit (i > 3 ? " " : "") $i
                 printf "| `%s` | %s | %s |\n", $1, $2, unit
             }' "$work/$bench.out"
        echo
        if [ $code -ne 0 ]; then
            echo "**It stopped with exit code $code** after $seconds s; the last lines it wrote to stderr:"
            echo
            echo '```'
            tail -n 15 "$work/$bench.err"
            echo '```'
            status=1
        else
            echo "Ran for $seconds s."
        fi
        echo
    } >> "$work/report.md"
    cat "$work/$bench.out" >&2
done
cp "$work/report.md" "$report"
echo "report: $report" >&2
exit $status
