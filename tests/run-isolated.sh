#!/usr/bin/env bash
# ctest runs every test through this: the test gets its own PID namespace, so
# when it ends — normally, by a crash, or killed on a timeout — the kernel
# kills every process it started, however far they detached (nginx and
# php-fpm workers, pdns_server, podman's service, conmon and the containers).
# bash stays PID 1 in the namespace: it reaps the orphans that end up there and
# passes on the test's exit status. Without root there is no namespace and the
# test runs as is, relying on its own clean-up.
if [ "$(id -u)" -eq 0 ] && unshare --pid --fork --kill-child --mount-proc true 2>/dev/null; then
    exec unshare --pid --fork --kill-child --mount-proc -- bash -c '"$@"; status=$?; exit $status' _ "$@"
fi
exec "$@"
