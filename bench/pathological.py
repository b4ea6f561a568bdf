#!/usr/bin/env python3
"""Compile time and memory of wasmc on legal but pathological modules (issue 12, finding 13).

Generates each module of test/pathological/pathological_modules.py at the sizes of the issue
(a 10,000/20,000/50,000-long i64.load8_u + i64.add chain, 100k locals, 10k nested blocks, 30k
nested ifs, a 100k-entry br_table, a 1M-instruction body, an element segment of 20,000 functions,
50k data segments), compiles it with `wasmc build` at each level under a time limit, records wall
time, CPU time and peak RSS (getrusage of the compiler process; the limit is on CPU time), runs
the executable and checks its output.

    python3 bench/pathological.py --wasmc build/wasmc [--levels 0,2] [--timeout 600]
                                  [--only load-chain,locals] [--output bench/PATHOLOGICAL.md]

A compile that crashes or times out is recorded as such; the run goes on.
"""

import argparse
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WALL_FACTOR = 6  # the wall-clock backstop, in multiples of the CPU limit
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'test', 'pathological'))
import pathological_modules  # noqa: E402
from run import run_process  # noqa: E402


def measure(argv, timeout):
    """(exit status or None on timeout, wall seconds, CPU seconds, peak RSS in MiB, stderr tail).
    The limit is on CPU time (all threads), so that a busy machine does not change the verdict;
    the wall clock only backs it up."""
    r = run_process(argv, timeout=timeout * WALL_FACTOR, cpu_limit=timeout)
    if r['rc'] is None:
        raise OSError(r['error'])  # not started
    cpu = r['utime'] + r['stime']
    # SIGXCPU comes only from the CPU limit; SIGKILL from its hard limit, or from elsewhere.
    out_of_time = r['timed_out'] or r['rc'] == -signal.SIGXCPU or (
        r['rc'] == -signal.SIGKILL and cpu >= timeout)
    tail = r['stderr'].decode(errors='replace').strip().splitlines()[-1:]
    return (None if out_of_time else r['rc']), r['time'], cpu, r['maxrss_kb'] / 1024, ' '.join(tail)


def run_one(wasmc, kind, size, level, timeout, work, generated):
    wasm, length, expected = generated  # pathological_modules.write's
    exe = os.path.join(work, f'{kind}-{size}-O{level}')
    # --no-cache: every run compiles (wasmc build keeps compiled partitions of large modules).
    code, wall, cpu, rss, tail = measure([wasmc, 'build', '--no-cache', f'-O{level}', wasm, '-o', exe],
                                         timeout)
    row = {'kind': kind, 'size': size, 'bytes': length, 'level': level, 'wall': wall,
           'cpu': cpu, 'rss': rss}
    if code is None:
        row['result'] = f'time limit (> {timeout} s CPU)'
    elif code < 0:
        row['result'] = f'crash ({signal.Signals(-code).name})'
    elif code != 0:
        row['result'] = 'refused: ' + tail.removeprefix('error: ').replace(work + '/', '')[:100]
    else:
        try:
            p = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            row['result'] = 'ok' if (p.returncode, p.stdout) == (0, expected) else (
                f'wrong result (status {p.returncode}, stdout {p.stdout.hex()}, expected {expected.hex()})')
        except subprocess.TimeoutExpired:
            row['result'] = 'the executable timed out'
    return row


def write_table(rows, args, path):
    lines = [
        '# Pathological modules: compile time and memory',
        '',
        f'`python3 bench/pathological.py --levels {",".join(map(str, args.levels))} --timeout '
        f'{args.timeout}`, {time.strftime("%Y-%m-%d")}, {os.cpu_count()} cores '
        f'({platform.processor() or platform.machine()}). Modules: '
        '`test/pathological/pathological_modules.py`. Wall and CPU time (user + system, all '
        'threads) and peak RSS of `wasmc build`; the time limit is on CPU time. "ok": the '
        'executable printed the value the generator computed independently.',
        '',
    ]
    if args.note:
        lines += [args.note, '']
    lines += [
        '| module | size | wasm bytes | level | wall (s) | CPU (s) | peak RSS (MiB) | result |',
        '| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |',
    ]
    for r in rows:
        lines.append(f'| {r["kind"]} | {r["size"]:,} | {r["bytes"]:,} | -O{r["level"]} | '
                     f'{r["wall"]:.1f} | {r["cpu"]:.1f} | {r["rss"]:.0f} | {r["result"]} |')
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--wasmc', default=os.path.join(HERE, '..', 'build', 'wasmc'))
    parser.add_argument('--levels', default='0,2')
    parser.add_argument('--timeout', type=int, default=600, help='CPU seconds per compile')
    parser.add_argument('--only', help='comma-separated kinds (default: all)')
    parser.add_argument('--output', help='write a Markdown table here')
    parser.add_argument('--note', help='a paragraph for the table (e.g. how busy the machine was)')
    args = parser.parse_args()
    args.levels = [int(level) for level in args.levels.split(',')]
    only = set(args.only.split(',')) if args.only else None
    rows = []
    with tempfile.TemporaryDirectory(prefix='wasmc-pathological-') as work:
        for kind, size in pathological_modules.LARGE:
            if only and kind not in only:
                continue
            generated = pathological_modules.write(kind, size, work)
            for level in args.levels:
                row = run_one(os.path.abspath(args.wasmc), kind, size, level, args.timeout, work,
                              generated)
                rows.append(row)
                print(f'{kind:16} {size:>9,} -O{level}: {row["wall"]:7.1f} s wall, {row["cpu"]:7.1f} s '
                      f'CPU, {row["rss"]:7.0f} MiB: {row["result"]}', flush=True)
    if args.output:
        write_table(rows, args, args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
