#!/usr/bin/env python3
"""Counts the loops LLVM's loop vectoriser vectorises in each benchmark kernel, native against
wasmc, from LLVM's remarks ("vectorized loop"): clang-19 -O2 -Rpass=loop-vectorize on the kernel's
own file, and `wasmc build` with WASMC_LLVM_ARGS=-pass-remarks=loop-vectorize on the kernel's
wasm32-wasi module, counting only the remarks of the functions the kernel's file defines (wasmc
names the function of each remark; wasi-libc's loops are left out on both sides).

    python3 bench/tools/vectorised_loops.py --wasmc build/wasmc [--baseline-wasmc OTHER]
        [--filter REGEX]

Prints a Markdown table (the one in bench/RESULTS.md)."""

import argparse
import os
import re
import subprocess
import sys
import tempfile

TOOLS_DIR = os.path.dirname(os.path.abspath(__file__))
BENCH_DIR = os.path.dirname(TOOLS_DIR)
KERNEL_DIR = os.path.join(BENCH_DIR, "kernels")
WASM_CONFIG = os.path.normpath(os.path.join(BENCH_DIR, "..", "cmake", "toolchains", "wasm32-wasi.cfg"))
VECTORIZED = re.compile(r"vectorized loop \(vectorization width")


def run(cmd, env=None):
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr.strip()}")
    return result


def native_count(clang, source):
    remarks = run([clang, "-O2", "-c", source, "-o", os.devnull, "-Rpass=loop-vectorize"]).stderr
    return sum(1 for line in remarks.splitlines() if VECTORIZED.search(line))


def kernel_functions(clang, nm, source, work):
    """The functions the kernel's file defines, as the wasm module's name section names them."""
    obj = os.path.join(work, "kernel.o")
    run([clang, "--config=" + WASM_CONFIG, "-O2", "-c", source, "-o", obj])
    names = set()
    for line in run([nm, "--defined-only", obj]).stdout.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[1] in ("T", "t"):
            names.add(fields[2])
    return names


def wasmc_count(wasmc, wasm, functions, work):
    env = dict(os.environ, WASMC_LLVM_ARGS="-pass-remarks=loop-vectorize")
    remarks = run([wasmc, "build", wasm, "--no-cache", "-o", os.path.join(work, "exe")], env).stderr
    count = 0
    for line in remarks.splitlines():
        # remark: wasm_f<index>_<name>: loop-vectorize: vectorized loop (...)
        match = re.match(r"remark: wasm_f\d+_(.*?): loop-vectorize: ", line)
        if match and match.group(1) in functions and VECTORIZED.search(line):
            count += 1
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wasmc", required=True)
    parser.add_argument("--baseline-wasmc", help="a second wasmc, for a before/after column")
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--nm", default="llvm-nm-19")
    parser.add_argument("--filter", help="only the kernels whose name matches this regex")
    args = parser.parse_args()
    kernels = sorted(f[:-2] for f in os.listdir(KERNEL_DIR) if f.endswith(".c"))
    if args.filter:
        kernels = [k for k in kernels if re.search(args.filter, k)]
    header = "| kernel | native | wasmc |" + (" wasmc (baseline) |" if args.baseline_wasmc else "")
    print(header)
    print("|---|---:|---:|" + ("---:|" if args.baseline_wasmc else ""))
    totals = [0, 0, 0]
    with tempfile.TemporaryDirectory(prefix="vectorised-loops-") as work:
        for kernel in kernels:
            source = os.path.join(KERNEL_DIR, kernel + ".c")
            wasm = os.path.join(work, kernel + ".wasm")
            run([args.clang, "--config=" + WASM_CONFIG, "-O2", source, "-lm", "-Wl,--strip-debug", "-o", wasm])
            functions = kernel_functions(args.clang, args.nm, source, work)
            counts = [native_count(args.clang, source), wasmc_count(args.wasmc, wasm, functions, work)]
            if args.baseline_wasmc:
                counts.append(wasmc_count(args.baseline_wasmc, wasm, functions, work))
            for i, count in enumerate(counts):
                totals[i] += count
            print(f"| {kernel} | " + " | ".join(str(c) for c in counts) + " |", flush=True)
    print("| **total** | " + " | ".join(f"**{t}**" for t in totals[:2 + bool(args.baseline_wasmc)]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
