#!/bin/bash
# A program that makes its stdin non-blocking and clears APPEND on its stdout (shared_stdio.c)
# runs between a shell's own uses of the same pipe and `>>` file:
#   (sleep 1; echo data) | { ./prog; cat; echo shell; } >> out
# `cat` must still block for its input (not fail with EAGAIN) and the shell's writes must still
# append (not overwrite the start of `out`).
#
#   shared_stdio.sh WASMC WASM
set -u
wasmc=$1 wasm=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/wasmc-shared-stdio.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
if ! "$wasmc" build "$wasm" -o "$work/prog" > "$work/build.log" 2>&1; then
  echo "wasmc build failed:"; cat "$work/build.log"; exit 1
fi

printf 'start\n' > "$work/out"
(sleep 1; echo data) | {
  "$work/prog"; echo "prog: $?" >&2
  cat; echo "cat: $?" >&2
  echo shell
} >> "$work/out" 2> "$work/log"

failed=0
cat "$work/log"
for want in "prog: 0" "cat: 0"; do
  grep -qx "$want" "$work/log" || { echo "FAIL: expected '$want'"; failed=1; }
done
if [ "$(cat "$work/out")" != "$(printf 'start\ndata\nshell')" ]; then
  echo "FAIL: the >> file holds:"; cat "$work/out"; failed=1
fi
exit $failed
