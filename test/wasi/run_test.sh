#!/bin/bash
# Runs one WASI test program: compiles its .wasm with wasmc (granting a fresh temporary
# directory as /sandbox, plus any other grants), runs it there and compares its standard
# output with the expected file and its exit status with the expected one.
#
#   run_test.sh WASMC WASM EXPECTED EXIT STDIN LISTEN [GRANT...] -- [ARG...]
#
# STDIN is a file or "-" for /dev/null. LISTEN=1 grants a listening socket on 127.0.0.1 and
# plays the client: connects, sends "ping\n", expects "pong: ping\n" back.
# With WASMC_TEST_FILE_SIZE_LIMIT set, the program runs under `ulimit -f` of that many KiB, with
# WASMC_TEST_STACK_LIMIT under `ulimit -s`.
# With WASMC_TEST_TARGET set, the program is built for that target and run under
# WASMC_TEST_EMULATOR (qemu-user).
set -u
wasmc=$1 wasm=$2 expected=$3 want_exit=$4 stdin=$5 listen=$6
shift 6
grants=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do grants+=("$1"); shift; done
[ $# -gt 0 ] && shift

work=$(mktemp -d "${TMPDIR:-/tmp}/wasmc-wasi-test.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir "$work/sandbox"
[ "$stdin" = "-" ] && stdin=/dev/null
target=() run=()
[ -n "${WASMC_TEST_TARGET:-}" ] && target=(--target "$WASMC_TEST_TARGET")
[ -n "${WASMC_TEST_EMULATOR:-}" ] && run=("$WASMC_TEST_EMULATOR")

run_once() {
  local port=$1
  shift
  local listen_grant=()
  [ "$listen" = 1 ] && listen_grant=(--listen "127.0.0.1:$port")
  if ! "$wasmc" build "$wasm" -o "$work/prog" --dir "$work/sandbox::/sandbox" \
      "${grants[@]}" "${listen_grant[@]}" "${target[@]}" > "$work/build.log" 2>&1; then
    echo "wasmc build failed:"; cat "$work/build.log"; return 99
  fi
  if [ "$listen" != 1 ]; then
    (cd "$work/sandbox" && ulimit -f "${WASMC_TEST_FILE_SIZE_LIMIT:-unlimited}" &&
     { [ -z "${WASMC_TEST_STACK_LIMIT:-}" ] || ulimit -s "$WASMC_TEST_STACK_LIMIT"; } &&
     "${run[@]}" "$work/prog" "$@" < "$stdin" > "$work/stdout" 2> "$work/stderr")
    return $?
  fi
  (cd "$work/sandbox" && exec "${run[@]}" "$work/prog" "$@" < "$stdin" > "$work/stdout" 2> "$work/stderr") &
  local pid=$! reply="" tries
  for tries in $(seq 1 50); do
    if exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      printf 'ping\n' >&3
      reply=$(timeout 10 cat <&3)
      exec 3>&-
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  wait "$pid"
  local status=$?
  if [ "$reply" != "pong: ping" ]; then
    echo "client got '$reply' instead of 'pong: ping'" >> "$work/stderr"
    [ $status = 0 ] && status=98
  fi
  return $status
}

status=0
for attempt in 1 2 3 4 5; do
  port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  run_once "$port" "$@"
  status=$?
  # Another process held the port: try another one.
  if [ "$listen" = 1 ] && grep -q "in use" "$work/stderr" 2>/dev/null; then continue; fi
  break
done
[ $status = 99 ] && exit 1

failed=0
if ! diff -u "$expected" "$work/stdout"; then
  echo "stdout differs from $expected"; failed=1
fi
if [ "$status" != "$want_exit" ]; then
  echo "exit status $status, expected $want_exit"; failed=1
fi
if [ $failed = 1 ]; then
  echo "--- stderr:"; cat "$work/stderr"
fi
exit $failed
