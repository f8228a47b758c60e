#!/usr/bin/env bash
# Prints "SOURCE KEY" for each translation unit a built folder compiled, where
# KEY hashes the source, every project header it includes (from ninja's
# dependency log) and the text on stdin (the tool's version and settings).
# run-clang-tidy.sh and run-clazy.sh skip a file whose key passed before, so a
# CI run re-checks only what changed since the last clean run on the machine.
# Usage: echo SETTINGS | lint-keys.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
salt=$(sha256sum | cut -c1-64)
up=$(realpath --relative-to="$build" .)
# The system headers are part of the key only through the Qt version.
salt="$salt $(sed -n 's/^Qt6Core_VERSION:.*=//p; s/^CMAKE_CXX_COMPILER:.*=//p' "$build/CMakeCache.txt" | paste -sd' ')"
ninja -C "$build" -t deps | awk -v up="$up/" '
    # An object, then its inputs indented; the first input is the source.
    /^[^ ]/ { if (src != "") print src "\t" deps; src = ""; deps = ""; first = 1; next }
    /^    / {
        dep = $1
        if (first) { first = 0; if (index(dep, up) != 1) { skip = 1; next } skip = 0 }
        if (skip || index(dep, up) != 1) next
        dep = substr(dep, length(up) + 1)
        if (dep ~ /^build\//) next
        if (src == "") src = dep
        deps = deps " " dep
    }
    END { if (src != "") print src "\t" deps }' |
    while IFS=$'\t' read -r src deps; do
        # shellcheck disable=SC2086 # deps is a list of paths without spaces
        printf '%s %s\n' "$src" "$({ echo "$salt"; cat $deps; } | sha256sum | cut -c1-64)"
    done
