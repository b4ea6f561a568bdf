#!/bin/bash
# Runs one ported WASI conformance test the way its upstream harness does: compiles the .wasm
# with wasmc, granting a freshly made directory, runs it in a fresh temporary directory and
# checks its exit status (and its standard output, when the upstream test specifies it).
#
#   run_conformance.sh WASMC WASM LAYOUT FIXTURE EXIT STDOUT [GRANT...] -- [ARG...]
#
# LAYOUT, the pre-opened directories:
#   none      nothing
#   scratch   a fresh fs-tests.dir, seen as "fs-tests.dir"  (wasi-testsuite: "dirs")
#   root      a fresh fs-tests.dir, seen as "/"             (wasi-testsuite: "root")
#   dot       a fresh workspace, seen as "."                (Wasmtime's test harness)
# FIXTURE, what fs-tests.dir holds first: "none", or "c" (the files of wasi-testsuite's
# tests/c/testsuite/*/fs-tests.dir that the C tests read).
# EXIT is the expected exit status; STDOUT the exact expected standard output, or "-".
# Standard input is /dev/null. With WASMC_TEST_TARGET set, the program is built for that target
# and run under WASMC_TEST_EMULATOR (qemu-user). With WASMC_TEST_VIA_RUN set, it is run by
# `wasmc run` instead, the grants on its command line (they reach the program in WASMC_GRANTS),
# with a cache of its own.
set -u
wasmc=$1 wasm=$2 layout=$3 fixture=$4 want_exit=$5 want_stdout=$6
shift 6
grants=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do grants+=("$1"); shift; done
[ $# -gt 0 ] && shift

work=$(mktemp -d "${TMPDIR:-/tmp}/wasmc-conformance.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
work=$(cd "$work" && pwd -P)
dir="$work/fs-tests.dir"
mkdir "$dir"

case "$fixture" in
  none) ;;
  c)
    : > "$dir/file"
    printf '01234567' > "$dir/lseek.txt"
    printf 'pread-test' > "$dir/pread.txt"
    mkdir "$dir/writeable" "$dir/fopendir.dir"
    : > "$dir/fopendir.dir/file-0"
    : > "$dir/fopendir.dir/file-1"
    ;;
  *) echo "unknown fixture $fixture"; exit 1 ;;
esac

case "$layout" in
  none) dir_grants=() ;;
  scratch) dir_grants=(--dir "$dir::fs-tests.dir") ;;
  root) dir_grants=(--dir "$dir::/") ;;
  dot) dir_grants=(--dir "$dir::.") ;;
  *) echo "unknown layout $layout"; exit 1 ;;
esac

if [ -n "${WASMC_TEST_VIA_RUN:-}" ]; then
  (cd "$work" && XDG_CACHE_HOME="$work/cache" exec "$wasmc" run "${dir_grants[@]}" "${grants[@]}" \
     "$wasm" -- "$@" < /dev/null > "$work/stdout" 2> "$work/stderr")
  status=$?
else
  target=() run=()
  [ -n "${WASMC_TEST_TARGET:-}" ] && target=(--target "$WASMC_TEST_TARGET")
  [ -n "${WASMC_TEST_EMULATOR:-}" ] && run=("$WASMC_TEST_EMULATOR")
  if ! "$wasmc" build "$wasm" -o "$work/prog" "${dir_grants[@]}" "${grants[@]}" "${target[@]}" \
      > "$work/build.log" 2>&1; then
    echo "wasmc build failed:"; cat "$work/build.log"; exit 1
  fi
  (cd "$work" && exec "${run[@]}" "$work/prog" "$@" < /dev/null > "$work/stdout" 2> "$work/stderr")
  status=$?
fi

failed=0
if [ "$status" != "$want_exit" ]; then
  echo "exit status $status, expected $want_exit"; failed=1
fi
if [ "$want_stdout" != "-" ] && [ "$(cat "$work/stdout"; echo x)" != "${want_stdout}x" ]; then
  echo "stdout differs: expected '$want_stdout'"; failed=1
fi
if [ $failed = 1 ]; then
  echo "--- stdout:"; cat "$work/stdout"
  echo "--- stderr:"; cat "$work/stderr"
fi
exit $failed
