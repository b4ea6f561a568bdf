#!/bin/bash
# The bundled samples end to end for one target: each samples/*.c (built to wasm by the build)
# is compiled by wasmc for TARGET, run (under EMULATOR for a cross target, "-" for none) and
# checked: hello's greeting and arguments, wordcount's counts of a known text, filecopy copying
# a file inside its granted directory (and refused one outside it), trap's trap message,
# backtrace and exit status 134.
#
#   run_samples.sh WASMC SAMPLES_DIR TARGET EMULATOR
set -u
wasmc=$1 samples=$2 target=$3 emulator=$4
run=()
[ "$emulator" != "-" ] && run=("$emulator")
work=$(mktemp -d "${TMPDIR:-/tmp}/wasmc-samples.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

build() { # name [grants...]
  local name=$1
  shift
  if ! "$wasmc" build "$samples/$name.wasm" --target "$target" -o "$work/$name" "$@" \
      > "$work/$name.build" 2>&1; then
    fail "wasmc build $name for $target:"; cat "$work/$name.build"
    return 1
  fi
}

# hello: its greeting, its arguments (spaces kept), status 0.
if build hello; then
  out=$("${run[@]}" "$work/hello" one "two words" 2>&1); status=$?
  expected=$'Hello from WebAssembly, compiled ahead of time by wasmc!\nargument 1: one\nargument 2: two words'
  if [ "$out" = "$expected" ] && [ $status = 0 ]; then pass hello
  else fail "hello: status $status, output:"; echo "$out"; fi
fi

# wordcount: counts of a text whose answer is known.
if build wordcount; then
  out=$(printf 'the cat and the dog\nThe end, the END.\n' | "${run[@]}" "$work/wordcount"); status=$?
  expected=$'2 lines, 9 words, 38 bytes, 5 distinct words\n     4 the\n     2 end\n     1 and\n     1 cat\n     1 dog'
  if [ "$out" = "$expected" ] && [ $status = 0 ]; then pass wordcount
  else fail "wordcount: status $status, output:"; echo "$out"; fi
fi

# filecopy: granted its working directory as /data; copies a file there, cannot reach outside.
mkdir -p "$work/data"
head -c 100000 /dev/urandom > "$work/data/in.bin"
echo secret > "$work/outside.txt"
if build filecopy --dir "$work/data::/data"; then
  out=$(cd "$work/data" && "${run[@]}" "$work/filecopy" /data/in.bin /data/out.bin 2>&1); status=$?
  if [ $status = 0 ] && cmp -s "$work/data/in.bin" "$work/data/out.bin" &&
     [ "$out" = "copied 100000 bytes from /data/in.bin to /data/out.bin" ]; then pass filecopy
  else fail "filecopy: status $status, output:"; echo "$out"; fi
  out=$(cd "$work/data" && "${run[@]}" "$work/filecopy" ../outside.txt /data/stolen.txt 2>&1)
  status=$?
  if [ $status = 1 ] && [ ! -e "$work/data/stolen.txt" ]; then pass "filecopy outside its grant"
  else fail "filecopy reached outside its grant: status $status, output:"; echo "$out"; fi
fi

# trap: divides by zero; the trap, a backtrace of wasm function names, status 134.
if build trap; then
  "${run[@]}" "$work/trap" > "$work/trap.out" 2> "$work/trap.err"; status=$?
  if [ $status = 134 ] && grep -qx "dividing 1000 by 0" "$work/trap.out" &&
     grep -qx "wasm trap: integer divide by zero" "$work/trap.err" &&
     grep -q "^  [0-9]*: report$" "$work/trap.err" && grep -q "^  [0-9]*: main$" "$work/trap.err"
  then pass trap
  else fail "trap: status $status, stdout and stderr:"; cat "$work/trap.out" "$work/trap.err"; fi
  out=$("${run[@]}" "$work/trap" 4 2>&1); status=$?
  if [ $status = 0 ] && [ "$out" = $'dividing 1000 by 4\naverage: 250' ]; then pass "trap, no trap"
  else fail "trap 4: status $status, output:"; echo "$out"; fi
fi

echo "$failures failure(s)"
[ $failures = 0 ]
