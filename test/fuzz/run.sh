#!/usr/bin/env bash
# Runs a libFuzzer target with ASan and UBSan for a bounded time.
#
#   test/fuzz/run.sh [--target decode_validate|wasi] [SECONDS] [libFuzzer options...]
#       e.g. test/fuzz/run.sh 600 -jobs=4;  test/fuzz/run.sh --target wasi 60
#
# Targets: decode_validate (the default), the decoder and the validator; wasi, the WASI shim
# (random sequences of WASI calls against a jail directory, fuzz_wasi.cpp).
#
# Builds only the libraries under test and the fuzzers with clang++-19 in a separate directory
# (WASMC_FUZZ_DIR, default ../build-fuzz beside the source tree) and keeps each target's corpus
# there between runs. The decoder's corpus is seeded with the modules of the spec test suite
# (WASMC_SPEC_TESTSUITE, converted with wast2json) on its first run. The WASI fuzzer's jails
# live in a temporary directory on /dev/shm when it is writable (the jail is rebuilt for every
# input), removed afterwards. Exits non-zero when the fuzzer finds a crash, a leak, a timeout or
# a violated property; the reproducer is left in $WASMC_FUZZ_DIR/artifacts.
set -euo pipefail

target=decode_validate
if [[ ${1:-} == --target ]]; then
  target=$2
  shift 2
fi
case $target in
  decode_validate | wasi) ;;
  *) echo "run.sh: unknown target '$target' (decode_validate or wasi)" >&2; exit 2 ;;
esac
seconds=${1:-60}
[[ $# -gt 0 ]] && shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${WASMC_FUZZ_DIR:-$root/../build-fuzz}
testsuite=${WASMC_SPEC_TESTSUITE:-$root/../shared/spec-testsuite}
cxx=${WASMC_FUZZ_CXX:-clang++-19}

generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
cmake -S "$here" -B "$work/build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$work/build" --target "wasmc_fuzz_$target"

corpus=$work/corpus
[[ $target == wasi ]] && corpus=$work/corpus-wasi
mkdir -p "$corpus" "$work/artifacts"
cleanup=()
trap 'rm -rf "${cleanup[@]}"' EXIT
if [[ $target == decode_validate && -z $(ls -A "$corpus") ]]; then
  if command -v wast2json > /dev/null && [[ -d $testsuite ]]; then
    seeds=$(mktemp -d)
    cleanup+=("$seeds")
    for wast in "$testsuite"/*.wast; do
      name=$(basename "$wast" .wast)
      wast2json --enable-all "$wast" -o "$seeds/$name.json" > /dev/null 2>&1 || true
    done
    cp "$seeds"/*.wasm "$corpus"/ 2> /dev/null || true
    echo "seeded the corpus with $(ls "$corpus" | wc -l) modules of the spec test suite"
  else
    echo "warning: no wast2json or no spec test suite: starting from an empty corpus" >&2
  fi
fi
if [[ $target == wasi ]]; then
  shm=/dev/shm
  [[ -d $shm && -w $shm ]] || shm=$work
  TMPDIR=$(mktemp -d "$shm/wasmc-fuzz-wasi.XXXXXX")
  export TMPDIR
  cleanup+=("$TMPDIR")
fi

status=0
"$work/build/wasmc_fuzz_$target" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" "$corpus" ||
  status=$?
exit $status
