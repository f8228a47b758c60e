#!/usr/bin/env bash
# The packages as a user gets them (label `packaging`; see the README).
#   installed-package.sh PACKAGE_DIR OUTPUT_DIR
# PACKAGE_DIR holds dockmaster_*.deb and dockmaster-sandbox_*.deb from
# `packaging/dockmaster package`. OUTPUT_DIR receives the screenshots of the
# installed app (installed-en.png, installed-zh_CN.png) and the lintian report.
#
# 1. the files: desktop-file-validate, appstreamcli validate --pedantic, the
#    SVG icon renders, man -l renders the page without warnings, the console
#    carries no sandbox code;
# 2. lintian on both packages: no errors;
# 3. a clean Debian 13 (debootstrap minbase, cached under the Dockmaster cache
#    folder like the build sysroot but never the build sysroot itself; every
#    run works on a throw-away overlay of it): apt-get install ./dockmaster_*.deb
#    resolves the dependencies from the archive, then, as a normal user,
#    --version, the window offscreen in English and Chinese with a screenshot
#    each, --check-profile on a missing profile, and apt-get remove leaves
#    nothing of Dockmaster in /usr.
# Needs root (chroot, mounts) and the network the first time (debootstrap, apt).
# `installed-package.sh --prepare-root` only makes the clean root.
set -euo pipefail
cache=${DOCKMASTER_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dockmaster}
readonly SUITE=trixie
readonly CLEAN_ROOT="$cache/cleanroot-$SUITE"
readonly ARCHIVES="$cache/cleanroot-archives" # downloaded .debs, so warm runs download nothing

step() { printf '\n== %s\n' "$*"; }
fail() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}
mirror() {
    local url
    url=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        sed -e 's/#.*//' | grep -Eo '(https?|file)://[^ ]+/debian/?' | grep -v security | head -n1 || true)
    echo "${DOCKMASTER_MIRROR:-${url:-http://deb.debian.org/debian}}"
}
# The clean root is rebuilt when what makes it changes (this function).
make_clean_root() {
    local target="$CLEAN_ROOT.new"
    rm -rf "$target"
    debootstrap --variant=minbase "$SUITE" "$target" "$(mirror)" >"$cache/cleanroot-debootstrap.log" 2>&1 ||
        fail "debootstrap failed; see $cache/cleanroot-debootstrap.log"
    printf '#!/bin/sh\nexit 101\n' >"$target/usr/sbin/policy-rc.d"
    chmod 755 "$target/usr/sbin/policy-rc.d"
    rm -f "$target"/var/cache/apt/archives/*.deb
    cp -f /etc/resolv.conf "$target/etc/resolv.conf"
    chroot "$target" apt-get update -qq || fail "apt-get update in the clean root failed"
}
stamp=$({
    echo "$SUITE"
    declare -f make_clean_root
} | sha256sum | cut -d' ' -f1)
ensure_clean_root() {
    [ "$(cat "$CLEAN_ROOT/.dockmaster-stamp" 2>/dev/null)" = "$stamp" ] && return
    echo "creating the clean root $CLEAN_ROOT (debootstrap minbase, once)"
    mkdir -p "$cache"
    make_clean_root
    echo "$stamp" >"$CLEAN_ROOT.new/.dockmaster-stamp"
    rm -rf "$CLEAN_ROOT"
    mv "$CLEAN_ROOT.new" "$CLEAN_ROOT"
}

if [ "${1:-}" = --prepare-root ]; then
    ensure_clean_root
    exit 0
fi
package_dir=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)

shopt -s nullglob
debs=("$package_dir"/dockmaster_*.deb)
sandbox_debs=("$package_dir"/dockmaster-sandbox_*.deb)
[ ${#debs[@]} -eq 1 ] && [ ${#sandbox_debs[@]} -eq 1 ] ||
    fail "expected one dockmaster and one dockmaster-sandbox package in $package_dir: run 'packaging/dockmaster package' first"
deb=${debs[0]}
sandbox_deb=${sandbox_debs[0]}
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot)"

work=$(mktemp -d "${TMPDIR:-/tmp}/dockmaster-packaging.XXXXXX")
cleanup() {
    umount -R "$work/root" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

step "1. the files"
dpkg-deb -x "$deb" "$work/files"
dpkg-deb -x "$sandbox_deb" "$work/files"
files=$work/files/usr
app_id=$(basename "$files"/share/applications/*.desktop .desktop)
for f in bin/dockmaster bin/dockmaster-sandbox share/applications/$app_id.desktop \
    share/metainfo/$app_id.metainfo.xml share/icons/hicolor/scalable/apps/$app_id.svg \
    share/icons/hicolor/48x48/apps/$app_id.png share/man/man1/dockmaster.1.gz \
    share/doc/dockmaster/copyright share/doc/dockmaster/changelog.Debian.gz; do
    [ -e "$files/$f" ] || fail "the packages lack /usr/$f"
done
desktop-file-validate "$files/share/applications/$app_id.desktop"
echo "desktop-file-validate: ok"
# --no-net: the screenshot and homepage URLs are not fetched (CI has no
# business depending on them); everything else is checked, pedantically.
appstreamcli validate --pedantic --no-net --explain "$files/share/metainfo/$app_id.metainfo.xml" ||
    fail "appstreamcli validate --pedantic found issues"
rsvg-convert -w 128 -h 128 -o "$work/icon.png" "$files/share/icons/hicolor/scalable/apps/$app_id.svg"
[ "$(head -c 8 "$work/icon.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the SVG icon did not render"
echo "icon renders: ok"
man_warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$files/share/man/man1/dockmaster.1.gz" 2>&1 >"$work/man.txt")
[ -z "$man_warnings" ] || fail "man -l warns: $man_warnings"
grep -q -- '--check-profile' "$work/man.txt" || fail "the man page does not render its options"
echo "man -l: ok ($(wc -l <"$work/man.txt") lines)"
# The console must not carry the emulator: the mangled type names of its
# classes stay in a stripped binary's RTTI (the plain names do not count:
# the embedded zh_CN catalog names every translation context). The sandbox
# build must show them, or this check would prove nothing.
sandbox_marks() { grep -c -a -E '10Dockmaster(14GitLabEmulator|15SandboxPlatform|14PowerDnsServer)' "$1" || true; }
[ "$(sandbox_marks "$files/bin/dockmaster-sandbox")" -gt 0 ] || fail "no sandbox marks in dockmaster-sandbox: the check is blind"
[ "$(sandbox_marks "$files/bin/dockmaster")" -eq 0 ] || fail "/usr/bin/dockmaster contains sandbox code"
echo "no sandbox code in /usr/bin/dockmaster: ok"
if dpkg-deb -f "$deb" Depends Recommends | grep -qi python; then
    fail "the console's dependencies name Python: $(dpkg-deb -f "$deb" Depends)"
fi
echo "Depends: $(dpkg-deb -f "$deb" Depends)"

step "2. lintian"
# Errors fail; warnings and below are printed (and kept in lintian.txt).
lintian --info --display-level '>=pedantic' --tag-display-limit 0 "$deb" "$sandbox_deb" 2>&1 | tee "$out/lintian.txt" || true
if grep -q '^E: ' "$out/lintian.txt"; then
    fail "lintian reports errors"
fi

step "3. a clean Debian 13"
ensure_clean_root

# A throw-away overlay: the cached root itself is never changed.
root=$work/root
mkdir -p "$root" "$work/upper" "$work/overlay-work" "$ARCHIVES/partial"
mount -t overlay overlay -o "lowerdir=$CLEAN_ROOT,upperdir=$work/upper,workdir=$work/overlay-work" "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
mount -t tmpfs tmpfs "$root/run"
mount --bind "$ARCHIVES" "$root/var/cache/apt/archives"
cp -f /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_user() {
    chroot --userspec="$user_ids" "$root" env -i PATH=/usr/bin:/bin HOME=/home/admin LANG=C.UTF-8 \
        XDG_RUNTIME_DIR=/tmp/runtime-admin QT_QPA_PLATFORM=offscreen "$@"
}

find "$root/usr" ! -type d | sed "s|^$root||" | sort >"$work/usr-before.txt"
cp "$deb" "$root/tmp/"
# Dependencies from the archive, the way a user installs it (Recommends included).
# The root's package lists date from its creation: refreshed only when the
# archive has moved on (a dependency's version is gone).
install_package() { in_root apt-get install -y -qq "/tmp/$(basename "$deb")" >"$out/apt-install.log" 2>&1; }
if ! install_package; then
    in_root apt-get update -qq
    install_package || { tail -30 "$out/apt-install.log"; fail "apt-get install ./$(basename "$deb") failed"; }
fi
echo "installed: $(in_root dpkg-query -W -f='${Package} ${Version}' dockmaster)"
in_root dpkg -L dockmaster >"$work/dockmaster-files.txt"
if in_root dpkg -l | awk '$1 == "ii" { print $2 }' | grep -E '^(python3?|libpython)'; then
    fail "installing Dockmaster pulled in Python"
fi
# A Chinese desktop has CJK fonts; the minimal root has none.
in_root apt-get install -y -qq fonts-wqy-microhei >>"$out/apt-install.log" 2>&1 || fail "installing a CJK font failed"
in_root useradd --create-home admin
user_ids="$(in_root id -u admin):$(in_root id -g admin)" # numeric: the names exist only inside the root
install -d -m 700 -o "${user_ids%:*}" "$root/tmp/runtime-admin"

version=$(as_user /usr/bin/dockmaster --version)
printf '%s\n' "$version"
for component in Dockmaster Qt 'KF6 SyntaxHighlighting' libgit2 QtKeychain; do
    grep -q "^$component [0-9]" <<<"$version" || fail "--version does not name $component"
done

for lang in en zh_CN; do
    as_user timeout 120 /usr/bin/dockmaster --lang "$lang" --screenshot "/tmp/installed-$lang.png" ||
        fail "the installed app did not start in $lang"
    cp "$root/tmp/installed-$lang.png" "$out/installed-$lang.png"
    echo "screenshot: $out/installed-$lang.png"
done

set +e
message=$(as_user /usr/bin/dockmaster --check-profile production 2>&1)
status=$?
set -e
echo "--check-profile production: exit $status: $message"
[ "$status" -eq 2 ] || fail "--check-profile on a missing profile exited with $status, not 2"
grep -q 'no profile named "production"' <<<"$message" || fail "--check-profile does not say the profile is missing"

# Removed as a user would; the libraries apt pulled in are the system's now
# (autoremove is the user's call), but nothing Dockmaster installed or made
# may stay: none of its files, no path naming it, and no cache the
# dependencies' triggers made (icon theme, MIME, GIO module caches: owned by
# no package) may still mention it.
in_root apt-get remove -y -qq dockmaster fonts-wqy-microhei >"$out/apt-remove.log" 2>&1 || fail "apt-get remove failed"
left=$(while read -r f; do if [ -e "$root$f" ] && [ ! -d "$root$f" ]; then echo "$f"; fi; done <"$work/dockmaster-files.txt")
[ -z "$left" ] || fail "apt-get remove left files of the package: $left"
find "$root/usr" ! -type d | sed "s|^$root||" | sort >"$work/usr-after.txt"
cat "$root"/var/lib/dpkg/info/*.list | sort -u >"$work/owned.txt"
comm -13 "$work/usr-before.txt" "$work/usr-after.txt" | comm -23 - "$work/owned.txt" >"$work/unowned.txt"
if grep -i dockmaster "$work/usr-after.txt"; then
    fail "apt-get remove left Dockmaster's files in /usr"
fi
mentions=$(sed "s|^|$root|" "$work/unowned.txt" | tr '\n' '\0' | xargs -0 -r grep -l -i -a dockmaster || true)
[ -z "$mentions" ] || fail "caches in /usr still mention Dockmaster after apt-get remove: $mentions"
echo "$(wc -l <"$work/unowned.txt") files in /usr made by the dependencies' triggers (owned by no package); none mentions Dockmaster"
echo "apt-get remove: nothing left in /usr"
echo "PASS"
