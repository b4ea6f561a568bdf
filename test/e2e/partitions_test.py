#!/usr/bin/env python3
"""A module large enough to be compiled in several partitions (lower::planPartitions): built
with any number of threads, with and without the object cache, the executable is the same to the
bit; a second build takes every partition from the cache; after a change to one function, a
rebuild compiles only the partitions that changed, and the executable computes the new result.
The same with the baseline tier (-O0 on x86-64), whose objects the cache holds too, apart from
those of builds without it (WASMC_BASELINE=0).
Exit status: 0 all passed, 1 a failure."""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wasm_builder as wb  # noqa: E402
from wasm_builder import END, I32, uleb, name, vec, body, functype, limits, i32_const  # noqa: E402

FUNCTIONS = 2500
TERMS = 24  # i32.const + i32.add per term: a body of about 150 bytes


def constant(function, term, changed):
    value = (function * 7919 + term * 104729) % 100000
    return value + 1 if (function, term) == changed else value


def big_module(changed=None):
    """_start calls every function and exits with the sum of their results, mod 256."""
    m = wb.Module()
    m.add(1, vec([functype([I32], []), functype([], []), functype([], [I32])]), 'type')
    m.add(2, vec([name(wb.WASI) + name('proc_exit') + b'\x00' + uleb(0)]), 'import')
    m.add(3, vec([uleb(1)] + [uleb(2)] * FUNCTIONS), 'function')
    m.add(5, vec([limits(1)]), 'memory')
    m.add(7, vec([name('memory') + b'\x02' + uleb(0), name('_start') + b'\x00' + uleb(1)]), 'export')
    start = i32_const(0)
    for f in range(FUNCTIONS):
        start += b'\x10' + uleb(2 + f) + b'\x6a'  # call f; i32.add
    start += i32_const(255) + b'\x71' + b'\x10' + uleb(0) + END  # & 255; proc_exit
    bodies = [body([], start)]
    for f in range(FUNCTIONS):
        code = i32_const(f)
        for t in range(TERMS):
            code += i32_const(constant(f, t, changed)) + b'\x6a'
        bodies.append(body([], code + END))
    m.add(10, vec(bodies), 'code')
    return m.serialise()[0]


def expected_status(changed=None):
    total = sum(f + sum(constant(f, t, changed) for t in range(TERMS)) for f in range(FUNCTIONS))
    return total % (1 << 32) & 255


class Checker:
    def __init__(self, wasmc, work):
        self.wasmc, self.work, self.failures = wasmc, work, 0
        self.env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'cache'))

    def report(self, label, ok, detail=''):
        print(f'{"ok  " if ok else "FAIL"} {label}' + ('' if ok else f': {detail}'))
        self.failures += not ok
        return ok

    def build(self, wasm, out, *extra, tier=None):
        """-> (the executable's bytes, partitions, partitions from the cache, functions the
        baseline tier compiled) or None. tier: True or False sets WASMC_BASELINE (the tier is
        -O0's default on x86-64), None leaves the environment as it is."""
        env = self.env if tier is None else dict(self.env, WASMC_BASELINE='1' if tier else '0')
        p = subprocess.run([self.wasmc, 'build', wasm, '-o', out, '-v', *extra], env=env,
                           capture_output=True, text=True, timeout=900)
        counts = re.search(r'(\d+) partition\(s\), (\d+) from the cache', p.stderr)
        if p.returncode != 0 or not counts:
            self.report(f'build {" ".join(extra)}', False, p.stderr.strip())
            return None
        baseline = re.search(r'baseline tier: (\d+) of', p.stderr)
        with open(out, 'rb') as f:
            return (f.read(), int(counts.group(1)), int(counts.group(2)),
                    int(baseline.group(1)) if baseline else 0)

    def run(self, exe, label, want):
        status = subprocess.run([exe], timeout=60).returncode
        self.report(label, status == want, f'exit status {status}, expected {want}')


def check_baseline_tier(c, wasm, work):
    """The cache with the tier: same bytes from it, with any threads; apart from LLVM's -O0."""
    first = c.build(wasm, os.path.join(work, 'tier-a'), '-O0', tier=True)
    if not first:
        return
    c.report('tier: the tier compiles the functions', first[3] >= FUNCTIONS, f'{first[3]} function(s)')
    c.report('tier: a first build finds nothing in the cache', first[2] == 0, f'{first[2]} from the cache')
    c.run(os.path.join(work, 'tier-a'), 'tier: the executable computes the sum', expected_status())
    again = c.build(wasm, os.path.join(work, 'tier-b'), '-O0', tier=True)
    if again:
        c.report('tier: a second build takes every partition from the cache', again[2] == again[1],
                 f'{again[2]} of {again[1]}')
    outputs = {'from the cache': again[0] if again else None}
    for threads in ('1', '2', '3'):
        built = c.build(wasm, os.path.join(work, f'tier-t{threads}'), '-O0', '--no-cache',
                        '--threads', threads, tier=True)
        outputs[f'--threads {threads}, no cache'] = built[0] if built else None
    for label, output in outputs.items():
        c.report(f'tier: the same executable: {label}', output == first[0])
    llvm_only = c.build(wasm, os.path.join(work, 'llvm-O0'), '-O0', tier=False)
    if llvm_only:
        c.report('-O0 without the tier takes nothing from its entries', llvm_only[2] == 0,
                 f'{llvm_only[2]} of {llvm_only[1]}')
        c.report('-O0 without the tier: its own executable', llvm_only[0] != first[0])


def check_emitted_object(c, wasm, work):
    """`--emit obj` of a split module is one relocatable object holding every partition's code
    (and at -O0 the tier's): linked the way wasmc links an executable, it computes the sum."""
    lld = shutil.which('ld.lld-19') or shutil.which('ld.lld')
    runtime = os.path.join(os.path.dirname(os.path.abspath(c.wasmc)), 'lib', 'wasmc', 'x86_64-linux')
    if platform.machine() != 'x86_64' or not lld or not os.path.isdir(runtime):
        print('note: --emit obj is not linked here (needs x86-64, ld.lld and the build tree\'s runtime)')
        return
    for level in ('-O2', '-O0'):
        obj = os.path.join(work, f'big{level}.o')
        p = subprocess.run([c.wasmc, 'build', wasm, level, '--emit', 'obj', '-o', obj], env=c.env,
                           capture_output=True, text=True, timeout=900)
        if not c.report(f'--emit obj {level}', p.returncode == 0, p.stderr.strip()):
            continue
        with open(obj, 'rb') as f:
            data = f.read()
        c.report(f'--emit obj {level} is one ELF object', data.startswith(b'\x7fELF') and data.count(b'\x7fELF') == 1)
        exe = os.path.join(work, f'linked{level}')
        file = lambda name: os.path.join(runtime, name)  # noqa: E731
        link = [lld, '-m', 'elf_x86_64', '-static', '-o', exe, '--eh-frame-hdr', file('crt1.o'), file('crti.o'),
                file('crtbeginT.o'), obj, file('libwasmc_main.a'), file('libwasmc_wasi.a'), file('libwasmc_rt.a'),
                '--start-group', file('libm.a'), file('libc.a'), file('libgcc.a'), file('libgcc_eh.a'),
                '--end-group', file('crtend.o'), file('crtn.o')]
        p = subprocess.run(link, capture_output=True, text=True, timeout=300)
        if c.report(f'--emit obj {level}: the object links into an executable', p.returncode == 0,
                    p.stderr.strip()[:2000]):
            c.run(exe, f'--emit obj {level}: the linked executable computes the sum', expected_status())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--wasmc', required=True)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix='wasmc-partitions-') as work:
        c = Checker(options.wasmc, work)
        original, changed = os.path.join(work, 'big.wasm'), os.path.join(work, 'changed.wasm')
        with open(original, 'wb') as f:
            f.write(big_module())
        with open(changed, 'wb') as f:
            f.write(big_module(changed=(FUNCTIONS // 2, 3)))

        first = c.build(original, os.path.join(work, 'a'))
        if not first:
            return 1
        c.report('the module is split', first[1] > 2, f'{first[1]} partition(s)')
        c.report('a first build finds nothing in the cache', first[2] == 0, f'{first[2]} from the cache')
        c.run(os.path.join(work, 'a'), 'the executable computes the sum', expected_status())
        again = c.build(original, os.path.join(work, 'b'))
        if again:
            c.report('a second build takes every partition from the cache', again[2] == again[1],
                     f'{again[2]} of {again[1]}')
        outputs = {'first build': first[0], 'from the cache': again[0] if again else None}
        for threads in ('1', '2', '3'):
            built = c.build(original, os.path.join(work, f't{threads}'), '--no-cache', '--threads', threads)
            outputs[f'--threads {threads}, no cache'] = built[0] if built else None
        reference = outputs['first build']
        for label, output in outputs.items():
            c.report(f'the same executable: {label}', output == reference)

        rebuilt = c.build(changed, os.path.join(work, 'c'))
        if rebuilt:
            compiled = rebuilt[1] - rebuilt[2]
            # The partition holding the changed function, and the primary one (whole-module hash).
            c.report('after a change to one function, at most two partitions are compiled', compiled <= 2,
                     f'{compiled} of {rebuilt[1]} compiled')
            c.run(os.path.join(work, 'c'), 'the rebuilt executable computes the new sum',
                  expected_status(changed=(FUNCTIONS // 2, 3)))
        check_baseline_tier(c, original, work)
        check_emitted_object(c, original, work)
        return 1 if c.failures else 0


if __name__ == '__main__':
    sys.exit(main())
