#!/usr/bin/env bash
# Prints, one a line, Dockmaster's own translation units as a configured build
# folder compiles them (its compile_commands.json), without generated code
# (moc, rcc). The static checks (run-clang-tidy.sh, run-clazy.sh) share it.
# Usage: sources.sh BUILD_DIR [path regex to keep]
set -euo pipefail
db=$1/compile_commands.json
keep=${2:-.}
[ -f "$db" ] || { echo "sources.sh: no $db (configure and build first)" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$db" | grep -v -e '_autogen/' -e '/qrc_' -e '/build/' |
    sed "s|^$root/||" | grep -E "$keep" | sort -u
