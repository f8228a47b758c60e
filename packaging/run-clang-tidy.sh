#!/usr/bin/env bash
# clang-tidy (the root .clang-tidy, every warning an error) over Dockmaster's
# own sources, in parallel. Needs a built folder: the compile database, moc's
# output and ninja's dependency log. Run inside the build environment, after a
# build:
#   packaging/dockmaster run packaging/run-clang-tidy.sh [BUILD_DIR] [path regex]
# A file that passed with the same source, headers and settings is not checked
# again (packaging/lint-keys.sh; DOCKMASTER_LINT_FRESH=1 checks everything).
# Files named in packaging/lint-exclusions.txt are skipped (temporarily).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/asan}
keep=${2:-^(app|core|models|views|sandbox|tests)/}
exclusions=$(grep -v -e '^#' -e '^$' packaging/lint-exclusions.txt | paste -sd'|')
# The compile database is gcc's; clang also warns on libgit2's GIT_*_INIT
# macros, which leave trailing fields to zero on purpose.
tool=(clang-tidy -p "$build" --quiet --extra-arg=-Wno-missing-field-initializers --exclude-header-filter="${exclusions//^//}")
name=clang-tidy
settings() { clang-tidy --version; cat .clang-tidy; }
source "$(dirname "$0")/lint-run.sh"
