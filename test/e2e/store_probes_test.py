#!/usr/bin/env python3
"""Store probes (lower/EmitMemory.cpp, `storeMayTear`): on AArch64 and RISC-V, which may write the
first bytes of a store that faults on its second page, every store of more than one byte to a
guard-page memory is preceded by a load of the same bytes from the same address, at -O0 and
-O2; on x86-64 no store is. That the probes keep memory intact
is test/spec/wasmc/partial_stores.wast's, run on every target (qemu-user's AArch64 tears v128
stores); this test covers the scalar stores, which qemu does not tear.
Exit status: 0 all passed, 1 a failure."""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wasm_builder import END, I32, I64, Module, body, functype, limits, name, uleb, vec  # noqa: E402

# f(p, v): i64.store, i32.store, i64.store16, f64.store, v128.store and i64.store8 of v at p.
STORES = (b'\x20\x00\x20\x01\x37\x00\x00' +               # i64.store
          b'\x20\x00\x20\x01\xa7\x36\x02\x08' +           # i32.store offset=8 (i32.wrap_i64 v)
          b'\x20\x00\x20\x01\x3d\x01\x10' +               # i64.store16 offset=16
          b'\x20\x00\x20\x01\xbf\x39\x03\x18' +           # f64.store offset=24 (f64.reinterpret v)
          b'\x20\x00\x20\x01\xfd\x12\xfd\x0b\x04\x20' +   # v128.store offset=32 (i64x2.splat v)
          b'\x20\x00\x20\x01\x3c\x00\x30')                # i64.store8 offset=48
TEARABLE_STORES = 5


def stores_module():
    m = Module()
    m.add(1, vec([functype([I32, I64], [])]), 'type')
    m.add(3, vec([uleb(0)]), 'function')
    m.add(5, vec([limits(1)]), 'memory')
    m.add(7, vec([name('memory') + b'\x02' + uleb(0), name('f') + b'\x00' + uleb(0)]), 'export')
    m.add(10, vec([body([], STORES + END)]), 'code')
    return m.serialise()[0]


def probed_stores(ir):
    """The stores of the wasm function in the IR text that a load from the same pointer precedes,
    with no other store between them (optimisation may change the probe's type and drop its
    `!wasmc.store.probe`, as instcombine does to a v128 probe on RISC-V)."""
    function = re.search(r'^define [^\n]*@wasm_f0\(.*?^}', ir, re.M | re.S).group(0)
    loaded, probed = set(), 0
    for line in function.splitlines():
        load = re.search(r'= load [^,]+, ptr (%[\w.]+)', line)
        store = re.search(r'^\s*store [^,]+, ptr (%[\w.]+)', line)
        if load:
            loaded.add(load.group(1))
        elif store:
            probed += store.group(1) in loaded
            loaded.clear()
    return probed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--wasmc', required=True)
    options = parser.parse_args()
    failures = 0
    targets = subprocess.run([options.wasmc, 'targets'], capture_output=True, text=True).stdout

    with tempfile.TemporaryDirectory(prefix='wasmc-store-probes-') as work:
        wasm = os.path.join(work, 'stores.wasm')
        with open(wasm, 'wb') as f:
            f.write(stores_module())
        for target, expected in (('x86_64-linux', 0), ('aarch64-linux', TEARABLE_STORES),
                                 ('riscv64-linux', TEARABLE_STORES)):
            if target not in targets:
                print(f'FAIL {target}: not among `wasmc targets`')
                failures += 1
                continue
            for level in ('-O0', '-O2'):
                ir = os.path.join(work, f'{target}{level}.ll')
                p = subprocess.run([options.wasmc, 'build', wasm, level, '--target', target,
                                    '--emit', 'llvm-ir', '-o', ir], capture_output=True, text=True,
                                   timeout=120)
                if p.returncode != 0:
                    print(f'FAIL {target} {level}: --emit llvm-ir: {p.stderr}')
                    failures += 1
                    continue
                with open(ir) as f:
                    count = probed_stores(f.read())
                ok = count == expected
                print(f'{"ok  " if ok else "FAIL"} {target} {level}: {count} stores probed'
                      + ('' if ok else f', expected {expected}'))
                failures += not ok
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
