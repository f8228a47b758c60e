#!/bin/bash
# The shipped binary carries no emulator or sandbox code. Arguments: the app
# built without the sandbox, then the app built with it. The second must show
# the symbols, or this check could not tell the difference.
set -euo pipefail
product=$1
with_sandbox=$2
pattern='Dockmaster::(GitLabEmulator|EmulatorServer|EmulatorStore|GitLabApi|GitHttpBackend|PipelineRunner|SandboxSeeder|SandboxPlatform|PodmanEngine|PowerDnsServer|HttpConnection)\b'
count() { nm --demangle --defined-only "$1" | grep -cE "$pattern" || true; }
in_product=$(count "$product")
in_sandbox=$(count "$with_sandbox")
echo "sandbox symbols: $in_product in $(basename "$product"), $in_sandbox in $(basename "$with_sandbox")"
if [ "$in_sandbox" -eq 0 ]; then
    echo "FAIL: the sandbox build shows none of the symbols; the pattern no longer matches anything" >&2
    exit 1
fi
if [ "$in_product" -ne 0 ]; then
    echo "FAIL: the product binary contains sandbox code:" >&2
    nm --demangle --defined-only "$product" | grep -E "$pattern" | head -20 >&2
    exit 1
fi
