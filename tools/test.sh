#!/usr/bin/env bash
# Runs the whole test suite against the build in build/ (made by tools/setup.sh):
#   1. CTest: unit tests, end-to-end tests, WASI tests, the spec testsuites (Wasm 2.0: every core
#      .wast file at -O1 and -O2; Wasm 3.0: the scripts of what wasmc implements at -O0 and -O2);
#   2. the decoder/validator fuzzer and the WASI shim fuzzer, each for a bounded time; the
#      runtime's and the shim's threads under ThreadSanitizer, for a bounded time;
#   3. the compiler and unit tests built with AddressSanitizer and UBSan, run on the unit tests,
#      malformed inputs and a part of the spec testsuite.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "== $* ($(date +%H:%M:%S), ${SECONDS}s into $(basename "$0"))"; }
jobs=$(nproc)

step ctest
ctest --test-dir build -j"$jobs" --output-on-failure --timeout 900

step "fuzzing the decoder and validator"
test/fuzz/run.sh "${WASMC_FUZZ_SECONDS:-60}"

step "fuzzing the WASI shim"
test/fuzz/run.sh --target wasi "${WASMC_WASI_FUZZ_SECONDS:-60}"

step "threads under ThreadSanitizer"
test/tsan/run.sh "${WASMC_TSAN_SECONDS:-20}"

step "sanitizers (ASan + UBSan)"
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWASMC_SANITIZE=ON >/dev/null
cmake --build build-sanitize
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-sanitize -j"$jobs" --output-on-failure --timeout 1800 \
  -R "${WASMC_SANITIZE_TESTS:-^(unit|e2e: malformed|e2e: cli|spec: (binary|i32|f64|call_indirect|br_table|memory_grow|linking)|spec3: core/(return_call_indirect|type-equivalence|local_init|table)\.wast)}"
