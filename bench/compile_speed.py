#!/usr/bin/env python3
"""Compile speed of wasmc on big real modules, generated ones and the bench kernels (issue 13),
against wasm2c + clang-19 -O2 as the peer.

Real modules come from the npm registry by package and version (`npm pack`, cached in
--cache-dir), so anyone can fetch the same bytes. For each module and level: wall and CPU time
(user + system, all threads) and peak RSS of `wasmc build --no-cache`, with every core and with
one thread (--threads 1); and of `wasm2c` followed by `clang-19 -O2 -c` on its output (one
process: clang has no threads). The executables are not run here (bench/run.py measures code
speed).

    python3 bench/compile_speed.py --wasmc build/wasmc [--levels 0,2] [--set default|large]
                                   [--only nextpnr-ice40,...] [--no-wasm2c] [--timeout 1800]
                                   [--output bench/COMPILE_SPEED.md]

A C++ program against libc++ (bench/tools/cpp_program.cpp) is included where Debian's
libc++-19-dev-wasm32 and libc++abi-19-dev-wasm32 are installed, and a Go program
(bench/tools/go_program) where Go 1.23 is (bookworm-backports' golang-1.23-go). The `large` set adds yosys's 31 MB module and @yowasp/clang's llvm.wasm (tens of CPU-minutes
each at -O2).
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'test', 'pathological'))
import pathological_modules  # noqa: E402
from pathological import measure  # noqa: E402
from run import KERNEL_DIR, WASM_CONFIG, wasm_section_sizes  # noqa: E402

# (name, npm package@version, path of the module inside the package)
NPM_MODULES = {
    'default': [
        ('nextpnr-ice40', '@yowasp/nextpnr-ice40@0.8.621', 'package/gen/nextpnr-ice40.core.wasm'),
    ],
    'large': [
        ('yosys', '@yowasp/yosys@0.55.944', 'package/gen/yosys.core.wasm'),
        ('clang (llvm.wasm)', '@yowasp/clang@21.1.4-3', 'package/gen/llvm.core.wasm'),
    ],
}
# (name, generator kind, size): shapes real programs have at their extreme
GENERATED = [
    ('100k small functions in a table', 'element-segment', 100000),
    ('50k data segments', 'data-segments', 50000),
    ('a 100k-entry dispatch br_table', 'br-table', 100000),
]


def fetch_npm(spec, inner, cache_dir):
    """The path of `inner` in the npm package `spec`, downloaded once into cache_dir."""
    target = os.path.join(cache_dir, spec.replace('/', '_').replace('@', ''))
    module = os.path.join(target, inner)
    if os.path.exists(module):
        return module
    os.makedirs(target, exist_ok=True)
    packed = subprocess.run(['npm', 'pack', '--silent', spec], cwd=target, check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(os.path.join(target, packed)) as archive:
        archive.extractall(target, filter='data')
    if not os.path.exists(module):
        raise FileNotFoundError(f'{spec} has no {inner}')
    return module


def kernel_modules(clang, work):
    modules = []
    for source in sorted(os.listdir(KERNEL_DIR)):
        if not source.endswith('.c'):
            continue
        wasm = os.path.join(work, source[:-2] + '.wasm')
        subprocess.run([clang, f'--config={WASM_CONFIG}', '-O2', '-I', KERNEL_DIR,
                        os.path.join(KERNEL_DIR, source), '-o', wasm, '-lm'], check=True)
        modules.append(('kernel ' + source[:-2], wasm))
    return modules


def cpp_program(work):
    """bench/tools/cpp_program.cpp against libc++ for wasm32 (Debian's libc++-19-dev-wasm32,
    libc++abi-19-dev-wasm32), or None where that is not installed."""
    if not os.path.exists('/usr/lib/wasm32-wasi/libc++.a'):
        print('note: libc++-19-dev-wasm32 is not installed: the C++ program is left out',
              file=sys.stderr)
        return None
    wasm = os.path.join(work, 'cpp_program.wasm')
    subprocess.run(['clang++-19', '--target=wasm32-wasi', '-O2', '-fno-exceptions',
                    os.path.join(HERE, 'tools', 'cpp_program.cpp'), '-o', wasm], check=True)
    return ('C++ program with libc++ (bench/tools/cpp_program.cpp)', wasm)


def go_program(work):
    """bench/tools/go_program built for GOOS=wasip1 by Go 1.23 (Debian bookworm-backports'
    golang-1.23-go; about 2 MB of code, 35k data segments), or None without it."""
    go = shutil.which('go') or '/usr/lib/go-1.23/bin/go'
    if not os.path.exists(go):
        print('note: Go 1.23 is not installed: the Go program is left out', file=sys.stderr)
        return None
    wasm = os.path.join(work, 'go_program.wasm')
    env = dict(os.environ, GOOS='wasip1', GOARCH='wasm', GOFLAGS='-mod=mod',
               GOCACHE=os.path.join(work, 'gocache'), GOPATH=os.path.join(work, 'gopath'))
    subprocess.run([go, 'build', '-o', wasm, '.'], cwd=os.path.join(HERE, 'tools', 'go_program'),
                   env=env, check=True)
    return ('Go program (bench/tools/go_program, GOOS=wasip1)', wasm)


def wasm2c_row(wasm, clang, timeout, work):
    """wasm2c, then clang -O2 -c on its output: (wall, CPU, peak RSS of the larger, result)."""
    stem = os.path.join(work, 'w2c')
    code, wall1, cpu1, rss1, tail = measure(['wasm2c', wasm, '-n', 'm', '-o', stem + '.c'], timeout)
    if code != 0:
        return wall1, cpu1, rss1, f'wasm2c failed: {tail}'
    include = next((d for d in ('/usr/share/wabt/wasm2c', '/usr/src/wasm2c')
                    if os.path.exists(os.path.join(d, 'wasm-rt.h'))), '/usr/include')
    code, wall2, cpu2, rss2, tail = measure(
        [clang, '-O2', '-w', '-c', '-I', include, stem + '.c', '-o', stem + '.o'], timeout)
    result = 'ok' if code == 0 else ('time limit' if code is None else f'clang failed: {tail}')
    return wall1 + wall2, cpu1 + cpu2, max(rss1, rss2), result


def wasmc_row(wasmc, wasm, level, threads, timeout, work):
    argv = [wasmc, 'build', '--no-cache', f'-O{level}', wasm, '-o', os.path.join(work, 'out')]
    if threads:
        argv[2:2] = ['--threads', str(threads)]
    code, wall, cpu, rss, tail = measure(argv, timeout)
    result = 'ok' if code == 0 else ('time limit' if code is None else f'failed: {tail}')
    return wall, cpu, rss, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--wasmc', default=os.path.join(HERE, '..', 'build', 'wasmc'))
    parser.add_argument('--clang', default='clang-19')
    parser.add_argument('--levels', default='0,2')
    parser.add_argument('--set', choices=['default', 'large'], default='default')
    parser.add_argument('--only', help='comma-separated module names (a prefix is enough)')
    parser.add_argument('--no-wasm2c', action='store_true')
    parser.add_argument('--no-kernels', action='store_true')
    parser.add_argument('--timeout', type=int, default=1800, help='CPU seconds per compile')
    parser.add_argument('--cache-dir', default=os.path.join(HERE, 'build', 'npm'))
    parser.add_argument('--output')
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(',')]
    wasmc = os.path.abspath(args.wasmc)

    with tempfile.TemporaryDirectory(prefix='wasmc-compile-speed-') as work:
        modules = []
        sets = ['default'] + (['large'] if args.set == 'large' else [])
        for which in sets:
            for name, spec, inner in NPM_MODULES[which]:
                modules.append((f'{name} (npm {spec})', fetch_npm(spec, inner, args.cache_dir)))
        for program in (cpp_program(work), go_program(work)):
            if program:
                modules.append(program)
        for name, kind, size in GENERATED:
            modules.append((name, pathological_modules.write(kind, size, work)[0]))
        if not args.no_kernels:
            modules += kernel_modules(args.clang, work)
        if args.only:
            wanted = args.only.split(',')
            modules = [m for m in modules if any(m[0].startswith(w) for w in wanted)]

        rows = []
        for name, wasm in modules:
            size = wasm_section_sizes(wasm).get(10, 0)  # the code section
            for level in levels:
                for threads in (0, 1):
                    wall, cpu, rss, result = wasmc_row(wasmc, wasm, level, threads, args.timeout,
                                                       work)
                    rows.append((name, size, f'wasmc -O{level}',
                                 f'{os.cpu_count()}' if threads == 0 else '1', wall, cpu, rss,
                                 result))
                    print(rows[-1], flush=True)
            if not args.no_wasm2c and shutil.which('wasm2c'):
                wall, cpu, rss, result = wasm2c_row(wasm, args.clang, args.timeout, work)
                rows.append((name, size, 'wasm2c + clang -O2', '1', wall, cpu, rss, result))
                print(rows[-1], flush=True)

    lines = [
        '# Compile speed',
        '',
        f'`python3 bench/compile_speed.py {" ".join(sys.argv[1:])}`, '
        f'{time.strftime("%Y-%m-%d")}, {os.cpu_count()} cores '
        f'({platform.processor() or platform.machine()}), load average before the run '
        f'{os.getloadavg()[0]:.1f}. Wall and CPU time (user + system, all threads) and peak RSS; '
        'wasmc with --no-cache.',
        '',
        '| module | code bytes | compiler | threads | wall (s) | CPU (s) | code MB/s (wall) | '
        'peak RSS (MiB) | result |',
        '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ]
    for name, size, compiler, threads, wall, cpu, rss, result in rows:
        lines.append(f'| {name} | {size:,} | {compiler} | {threads} | {wall:.1f} | {cpu:.1f} | '
                     f'{size / 1e6 / wall:.2f} | {rss:.0f} | {result} |')
    text = '\n'.join(lines) + '\n'
    if args.output:
        with open(args.output, 'w') as f:
            f.write(text)
    print(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
