#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages wasmc needs that are missing. Run as root.
set -euo pipefail

packages=(
  # building wasmc: LLVM 19 and lld 19 as libraries, CLI11, Catch2 v2, CMake, Ninja
  llvm-19-dev lld-19 liblld-19-dev libcli11-dev catch2 cmake ninja-build g++ zlib1g-dev libzstd-dev
  # the compiler's allocator (faster than glibc's malloc for LLVM's many small objects)
  libmimalloc-dev
  # the static C library that executables are linked against
  libc6-dev
  # building wasm programs from C (samples, tests, benchmarks)
  clang-19 libclang-rt-19-dev libclang-rt-19-dev-wasm32 wasi-libc
  # the spec testsuite's converter and reference tools; node as a reference WASI engine
  wabt python3
  # C++ with wasm exception handling (em++ -fwasm-exceptions -sSTANDALONE_WASM: the e2e
  # programs/*.cpp)
  emscripten
  # real toolchains' own test suites (test/toolchains/): Rust's alloc and core tests for
  # wasm32-wasi, built by Debian's rustc from Debian's rust-src
  rustc libstd-rust-dev-wasm32 rust-src
  # cross targets and running them
  qemu-user libc6-dev-arm64-cross libgcc-12-dev-arm64-cross libc6-dev-riscv64-cross
  libgcc-12-dev-riscv64-cross
)

# Go 1.21 or later builds for GOOS=wasip1 (test/toolchains/): bookworm has 1.19, its backports 1.23.
backports=/etc/apt/sources.list.d/bookworm-backports.list
if ! dpkg-query -W -f='${Status}' golang-1.23-go 2>/dev/null | grep -q "install ok installed" &&
  ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "deb http://deb.debian.org/debian bookworm-backports main" >"$backports"
fi
packages+=(golang-1.23-go)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! command -v node >/dev/null 2>&1; then
  echo "note: node is not installed; the node-based reference checks will be skipped" >&2
fi
