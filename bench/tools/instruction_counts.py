#!/usr/bin/env python3
"""Instruction counts (valgrind --tool=cachegrind --cache-sim=no, `I refs`) of every bench kernel
under each wasmc given, the kernels built smaller than bench/run.py builds them (the sizes of
bench/RESULTS.md's "Issue 16, stop 24"): clang-19 --config=cmake/toolchains/wasm32-wasi.cfg -O2,
then `wasmc build --no-cache`. The first wasmc is the reference of the percentages; a row is
marked when the variants' outputs differ. Prints a Markdown table.

    python3 bench/tools/instruction_counts.py main=/work/main/build-dev/wasmc new=build/wasmc \
        [--filter REGEX] [--work DIR]
"""
import os
import re
import subprocess
import sys

BENCH = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
CFG = os.path.normpath(os.path.join(BENCH, '..', 'cmake', 'toolchains', 'wasm32-wasi.cfg'))
DEFINES = {
 'arraycopy': ['-DROUNDS=1000'], 'base64': ['-DBUFSIZE=(3u<<20)', '-DROUNDS=6'],
 'binarytrees': ['-DMAXDEPTH=14'], 'crc32': ['-DBUFSIZE=(4u<<20)', '-DPASSES=4'],
 'fannkuch': ['-DNPERM=9', '-DROUNDS=2'], 'fft': ['-DLOGN=16', '-DROUNDS=2'], 'floyd': ['-DNV=400'],
 'gemm': ['-DNI=200', '-DNJ=220', '-DNK=240'], 'gemver': ['-DN=1000', '-DROUNDS=10'],
 'hashtable': ['-DNOPS=1000000'], 'heat3d': ['-DN=60', '-DSTEPS=30'], 'interp': ['-DSCALE=1'],
 'jacobi2d': ['-DN=500', '-DSTEPS=40'], 'lcs': ['-DLA=3000', '-DLB=3000', '-DROUNDS=1'],
 'lu': ['-DN=300', '-DROUNDS=2'], 'lz77': ['-DROUNDS=1'], 'mandelbrot': ['-DW=400', '-DH=300', '-DMAXIT=256'],
 'matmul': ['-DN=300', '-DROUNDS=1'], 'nbody': ['-DSTEPS=1000000'], 'qsort': ['-DNREC=200000', '-DROUNDS=1'],
 'sha256': ['-DBUFSIZE=(2u<<20)', '-DPASSES=4'], 'sieve': ['-DLIMIT=40000000u'], 'spectralnorm': ['-DN=1000'],
 'stencil': ['-DN=512', '-DSTEPS=100'], 'stencil1d': ['-DSTEPS=1600'], 'syr2k': ['-DN=400', '-DM=300'],
 'trisolv': ['-DN=1000', '-DR=100'], 'wordfreq': ['-DTEXTSIZE=(4u<<20)', '-DPASSES=4'],
}
work = sys.argv[sys.argv.index('--work') + 1] if '--work' in sys.argv else '/tmp/wasmc-instruction-counts'
os.makedirs(work, exist_ok=True)
variants = [(name, os.path.abspath(path)) for name, path in
            (a.split('=', 1) for a in sys.argv[1:] if '=' in a)]
filt = re.compile(sys.argv[sys.argv.index('--filter') + 1]) if '--filter' in sys.argv else None
if not variants:
    sys.exit(__doc__)

def irefs(exe):
    r = subprocess.run(['valgrind', '--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', exe],
                       capture_output=True, text=True)
    m = re.search(r'I\s+refs:\s+([\d,]+)', r.stderr)
    return int(m.group(1).replace(',', '')), r.stdout

print('| kernel | ' + ' | '.join(n for n, _ in variants) + ' |')
print('|---|' + '---:|' * len(variants))
for k, d in DEFINES.items():
    if filt and not filt.search(k):
        continue
    wasm = f'{work}/{k}.wasm'
    subprocess.run(['clang-19', f'--config={CFG}', '-O2', *d, f'{BENCH}/kernels/{k}.c', '-lm', '-o', wasm], check=True)
    counts, outs = [], set()
    for name, wasmc in variants:
        exe = f'{work}/{k}.{name}'
        subprocess.run([wasmc, 'build', '--no-cache', wasm, '-o', exe], check=True, capture_output=True)
        c, out = irefs(exe)
        counts.append(c); outs.add(out)
    base = counts[0]
    cells = [f'{c / 1e6:.1f}M' + ('' if i == 0 else f' ({(c - base) / base * 100:+.2f}%)') for i, c in enumerate(counts)]
    print(f'| {k} | ' + ' | '.join(cells) + ' |' + ('' if len(outs) == 1 else ' OUTPUT DIFFERS'), flush=True)
