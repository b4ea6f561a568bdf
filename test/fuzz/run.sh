#!/usr/bin/env bash
# Fuzzes the decoder and the validator with libFuzzer, ASan and UBSan for a bounded time.
#
#   test/fuzz/run.sh [SECONDS] [libFuzzer options...]      e.g. test/fuzz/run.sh 600 -jobs=4
#
# Builds only the binary-format library and the fuzzer with clang++-19 in a separate directory
# (WASMC_FUZZ_DIR, default ../build-fuzz beside the source tree), seeds the corpus with the
# modules of the spec test suite (WASMC_SPEC_TESTSUITE, converted with wast2json) on the first
# run, and keeps the corpus between runs. Exits non-zero when the fuzzer finds a crash, a leak,
# a timeout or a violated property; the reproducer is left in $WASMC_FUZZ_DIR/artifacts.
set -euo pipefail

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
cmake --build "$work/build" --target wasmc_fuzz_decode_validate

corpus=$work/corpus
mkdir -p "$corpus" "$work/artifacts"
if [[ -z $(ls -A "$corpus") ]]; then
  if command -v wast2json > /dev/null && [[ -d $testsuite ]]; then
    seeds=$(mktemp -d)
    trap 'rm -rf "$seeds"' EXIT
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

exec "$work/build/wasmc_fuzz_decode_validate" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" "$corpus"
