#!/usr/bin/env python3
"""Thread start-up cost: wasi-threads' thread-spawn in a wasmc executable (spawn.wat) against
pthread_create in a native program (pthread_spawn.c, clang-19 -O2), both measured from just
before the call to the first instruction of the new thread, 2000 threads one after the other
per run; prints the median, 10th and 90th percentiles of all samples, in microseconds.

    python3 bench/threads/run.py --wasmc build/wasmc [--runs 5]
"""

import argparse
import os
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def samples(command, runs):
    values = []
    for _ in range(runs):
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        values += [int(line) for line in output.split()]
    return values


def summary(values):
    deciles = statistics.quantiles(values, n=10)
    return statistics.median(values) / 1000, deciles[0] / 1000, deciles[-1] / 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wasmc", required=True)
    parser.add_argument("--wat2wasm", default="wat2wasm")
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wasmc-bench-threads-") as scratch:
        wasm = os.path.join(scratch, "spawn.wasm")
        wasi = os.path.join(scratch, "spawn")
        native = os.path.join(scratch, "pthread_spawn")
        subprocess.run([args.wat2wasm, "--enable-threads", os.path.join(HERE, "spawn.wat"),
                        "-o", wasm], check=True)
        subprocess.run([args.wasmc, "build", wasm, "-o", wasi], check=True)
        subprocess.run([args.clang, "-O2", os.path.join(HERE, "pthread_spawn.c"), "-o", native,
                        "-lpthread"], check=True)
        rows = [("wasmc thread-spawn", summary(samples([wasi], args.runs))),
                ("native pthread_create", summary(samples([native], args.runs)))]
    base = rows[1][1][0]
    print("| start-up (spawn to first instruction) | median µs | p10 µs | p90 µs | median / native |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (median, p10, p90) in rows:
        print(f"| {name} | {median:.1f} | {p10:.1f} | {p90:.1f} | {median / base:.2f}x |")


if __name__ == "__main__":
    main()
