#!/bin/sh
# Obtain the SQLite amalgamation (sqlite3.c, shell.c) for the benchmark suite.
#
# The `sqlite3` npm package bundles deps/sqlite-autoconf-<ver>.tar.gz; we fetch
# the package with `npm pack` (no install scripts run) and unpack the tarball.
#
#   bench/sqlite/fetch.sh [DEST]      (default: /tmp/wasmc-bench/sqlite-src)
#
# Prints the directory holding sqlite3.c and shell.c on its last line.
# Environment: SQLITE_NPM_SPEC (default "sqlite3@6.0.1"; set to "sqlite3" for latest).
set -eu
DEST=${1:-/tmp/wasmc-bench/sqlite-src}
SPEC=${SQLITE_NPM_SPEC:-sqlite3@6.0.1}
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)

existing=$(ls -d "$DEST"/sqlite-autoconf-*/ 2>/dev/null | head -n1 || true)
if [ -n "$existing" ] && [ -f "$existing/sqlite3.c" ] && [ -f "$existing/shell.c" ]; then
  echo "${existing%/}"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "$SPEC" >/dev/null )
pkg=$(ls "$tmp"/sqlite3-*.tgz | head -n1)
[ -n "$pkg" ] || { echo "fetch.sh: npm pack produced no tarball" >&2; exit 1; }
inner=$(tar tzf "$pkg" | grep -E '^package/deps/sqlite-autoconf-[0-9]+\.tar\.gz$' | head -n1)
[ -n "$inner" ] || { echo "fetch.sh: no deps/sqlite-autoconf-*.tar.gz in $pkg" >&2; exit 1; }
tar xzf "$pkg" -C "$tmp" "$inner"
tar xzf "$tmp/$inner" -C "$DEST"
dir=$(ls -d "$DEST"/sqlite-autoconf-*/ | head -n1)
dir=${dir%/}
[ -f "$dir/sqlite3.c" ] && [ -f "$dir/shell.c" ] || { echo "fetch.sh: amalgamation missing in $dir" >&2; exit 1; }
echo "$dir"
