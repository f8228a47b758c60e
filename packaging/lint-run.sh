# The shared body of run-clang-tidy.sh and run-clazy.sh (sourced; they set
# build, keep, tool, name and settings). Runs the tool on each of our
# translation units in parallel, prints what it says about the ones that fail,
# and remembers the ones that pass by key (lint-keys.sh).
jobs=${DOCKMASTER_LINT_JOBS:-$(nproc)}
cache=${DOCKMASTER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dockmaster}/lint/$name
mkdir -p "$cache"
[ "${DOCKMASTER_LINT_FRESH:-}" = 1 ] && rm -f "$cache"/*
declare -A keys
while read -r source key; do keys[$source]=$key; done < <({ settings; echo "$exclusions"; } | packaging/lint-keys.sh "$build")
todo=()
passed_before=0
while read -r file; do
    key=${keys[$file]:-none}
    if [ "$key" != none ] && [ -e "$cache/$key" ]; then
        passed_before=$((passed_before + 1))
    else
        todo+=("$file" "$key")
    fi
done < <(packaging/sources.sh "$build" "$keep" | grep -Ev "$exclusions")
started=$(date +%s)
status=0
if [ "${#todo[@]}" -gt 0 ]; then
    printf '%s\0' "${todo[@]}" | xargs -0 -P "$jobs" -n 2 bash -c '
        cache=$0 args=("$@")
        file=${args[-2]} key=${args[-1]}
        out=$("${args[@]:0:${#args[@]}-2}" "$file" 2>&1) && ! printf "%s\n" "$out" | grep -q "warning:\|error:" && {
            [ "$key" = none ] || touch "$cache/$key"
            exit 0
        }
        printf "%s\n" "$out" | grep -v -e "warnings\? generated" -e "^Suppressed" -e "^Use -header-filter" \
            -e "^$" >&2
        exit 1' "$cache" "${tool[@]}" || status=$?
fi
echo "$name: $((${#todo[@]} / 2)) files checked in $(($(date +%s) - started)) s ($passed_before unchanged since they" \
    "passed), $([ $status -eq 0 ] && echo clean || echo FAILED)"
exit $status
