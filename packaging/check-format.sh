#!/usr/bin/env bash
# clang-format --dry-run --Werror (the root .clang-format) over every C++
# source and header. Run inside the build environment:
#   packaging/dockmaster run packaging/check-format.sh          # check
#   packaging/dockmaster run packaging/check-format.sh --fix    # rewrite in place
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(--dry-run --Werror)
[ "${1:-}" = --fix ] && mode=(-i)
started=$(date +%s)
status=0
find app core models views sandbox tests \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z |
    xargs -0 -P "$(nproc)" -n 20 clang-format "${mode[@]}" || status=$?
echo "clang-format: $(find app core models views sandbox tests \( -name '*.cpp' -o -name '*.h' \) | wc -l) files in $(($(date +%s) - started)) s, $([ $status -eq 0 ] && echo clean || echo FAILED)"
exit $status
