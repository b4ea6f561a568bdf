#!/usr/bin/env bash
# Runs the ThreadSanitizer stress test of the runtime and the WASI shim for a bounded time.
#
#   test/tsan/run.sh [SECONDS]      (default 20 s)
#
# Builds only the runtime's and the shim's sources and the driver (stress.cpp), with clang++-19
# and -fsanitize=thread, in a separate directory (WASMC_TSAN_DIR, default ../build-tsan beside
# the source tree), then runs eight threads on one shared memory and one WASI context for
# SECONDS. The WASI calls run in a jail directory (the WASI fuzzer's) in a temporary directory
# on /dev/shm when it is writable, removed afterwards. Exits non-zero on any TSan report
# (halt_on_error) or a violated invariant of the driver.
#
# To see it fail, build a copy of the tree with a lock taken out, e.g. the bucket lock of
# wasmc_rt_memory_atomic_notify (runtime/src/atomics.cpp): TSan reports the race on the
# waiters' queue. See README.md.
set -euo pipefail

seconds=${1:-20}
[[ $# -gt 0 ]] && shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${WASMC_TSAN_DIR:-$root/../build-tsan}
cxx=${WASMC_TSAN_CXX:-clang++-19}

generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
cmake -S "$here" -B "$work/build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build "$work/build" --target wasmc_tsan_stress -j"${WASMC_TSAN_JOBS:-$(nproc)}"

shm=/dev/shm
[[ -d $shm && -w $shm ]] || shm=$work
TMPDIR=$(mktemp -d "$shm/wasmc-tsan.XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:${TSAN_OPTIONS:-}" \
  "$work/build/wasmc_tsan_stress" "$seconds" "$@"
