#!/usr/bin/env bash
# Installs what is missing (Debian 12, as root), builds wasmc into build/, then compiles the
# bundled sample samples/hello.c to wasm with clang-19, to a native executable with wasmc, and
# runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "== $* ($(date +%H:%M:%S), ${SECONDS}s into $(basename "$0"))"; }

if [ "$(id -u)" = 0 ]; then
  ./tools/install-deps.sh
else
  echo "note: not root, assuming the packages of tools/install-deps.sh are installed" >&2
fi
step build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build

step "samples/hello.c -> hello.wasm (clang-19) -> hello (wasmc)"
mkdir -p build/demo
clang-19 --config=cmake/toolchains/wasm32-wasi.cfg -O2 samples/hello.c -o build/demo/hello.wasm
build/wasmc build build/demo/hello.wasm -o build/demo/hello
build/demo/hello from a native executable
