#!/usr/bin/env bash
# clazy (Qt-specific checks: level 1 plus a few chosen ones) over Dockmaster's
# own sources, in parallel; any warning fails. Needs a built folder. Run inside
# the build environment, after a build:
#   packaging/dockmaster run packaging/run-clazy.sh [BUILD_DIR] [path regex]
# A file that passed with the same source, headers and settings is not checked
# again (packaging/lint-keys.sh; DOCKMASTER_LINT_FRESH=1 checks everything).
# Files named in packaging/lint-exclusions.txt are skipped (temporarily).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/asan}
keep=${2:-^(app|core|models|views|sandbox|tests)/}
exclusions=$(grep -v -e '^#' -e '^$' packaging/lint-exclusions.txt | paste -sd'|')
# Beyond level 1: copies in loops and detaching calls on members (real costs
# with Qt's implicit sharing), isEmpty over count, signals returning values,
# QString::arg with too many or too few placeholders.
checks=level1,container-inside-loop,detaching-member,isempty-vs-count,signal-with-return-value,qstring-varargs
# The compile database is gcc's; clang (under clazy and clang-tidy) also warns
# on libgit2's GIT_*_INIT macros, which leave trailing fields to zero on purpose.
tool=(clazy-standalone -p "$build" -checks="$checks" -header-filter="$(pwd)/(core|models|views|app|sandbox|tests/support)/"
      -extra-arg=-Wno-missing-field-initializers -ignore-dirs="$(pwd)/build/|${exclusions//^/$(pwd)/}")
name=clazy
settings() { clazy-standalone --version; echo "$checks"; }
source "$(dirname "$0")/lint-run.sh"
