#!/usr/bin/env bash
# ctest runs every test through this.
#
# A home of its own: each test gets an empty HOME and XDG folders, so no
# test reads what another test, an earlier run or another build left in the
# real home (a cache file of a newer schema, settings, profiles).
#
# A PID namespace of its own: when the test ends — normally, by a crash, or
# killed on a timeout — the kernel kills every process it started, however far
# they detached (nginx and php-fpm workers, pdns_server, podman's service,
# conmon and the containers). bash stays PID 1 in the namespace: it reaps the
# orphans that end up there and passes on the test's exit status. Without root
# there is no namespace and the test runs as is, relying on its own clean-up.
home=$(mktemp -d "${TMPDIR:-/tmp}/dockmaster-test-home.XXXXXX")
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state"
if [ "$(id -u)" -eq 0 ] && unshare --pid --fork --kill-child --mount-proc true 2>/dev/null; then
    exec unshare --pid --fork --kill-child --mount-proc -- \
        bash -c '"$@"; status=$?; rm -rf "$HOME"; exit $status' _ "$@"
fi
"$@"
status=$?
rm -rf "$home"
exit $status
