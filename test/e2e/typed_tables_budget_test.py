#!/usr/bin/env python3
"""Typed tables' size budget (lower/StaticTables.h, kMaxTypedArrayEntries): a fixed table of
4,096 elements gets a constant array per signature called through it while the table's elements
have at most 16 signatures (4,096 x 16 entries), and none with 17; the array ends at the last
element of its signature."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wasm_builder import END, I32, Module, body, functype, limits, name, uleb, vec, i32_const  # noqa: E402

TABLE_SIZE = 4096


def table_module(signatures):
    """Function k (k = 0..signatures-1) takes k i32s and returns k; the table holds function
    i % signatures at element i; `caller` (of type 1) calls element x through type 0."""
    m = Module()
    m.add(1, vec([functype([I32] * k, [I32]) for k in range(signatures)]), 'type')
    m.add(3, vec([uleb(k) for k in range(signatures)] + [uleb(1)]), 'function')
    m.add(4, vec([b'\x70' + limits(TABLE_SIZE, TABLE_SIZE)]), 'table')
    m.add(7, vec([name('caller') + b'\x00' + uleb(signatures)]), 'export')
    elements = vec([uleb(i % signatures) for i in range(TABLE_SIZE)])
    m.add(9, vec([uleb(0) + i32_const(0) + END + elements]), 'elem')
    caller = b'\x20\x00' + b'\x11\x00\x00' + END  # local.get 0; call_indirect type 0, table 0
    m.add(10, vec([body([], i32_const(k) + END) for k in range(signatures)] + [body([], caller)]), 'code')
    return m.serialise()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--wasmc', required=True)
    options = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory(prefix='wasmc-typed-tables-') as work:
        for signatures, expected in ((16, TABLE_SIZE - 16 + 1), (17, None)):
            wasm = os.path.join(work, f'{signatures}.wasm')
            with open(wasm, 'wb') as f:
                f.write(table_module(signatures))
            ir = wasm + '.ll'
            p = subprocess.run([options.wasmc, 'build', '-O2', '--emit', 'llvm-ir', wasm, '-o', ir],
                               capture_output=True, text=True, timeout=300)
            if p.returncode != 0:
                print(f'FAIL {signatures} signatures: wasmc failed: {p.stderr}')
                failures += 1
                continue
            with open(ir) as f:
                arrays = [int(n) for n in re.findall(r'^@wasm_table0_type\d+ = .*constant \[(\d+) x ptr\]',
                                                     f.read(), re.M)]
            ok = arrays == ([] if expected is None else [expected])
            print(f'{"ok  " if ok else "FAIL"} {signatures} signatures x {TABLE_SIZE} elements: '
                  f'arrays {arrays}, expected {[] if expected is None else [expected]}')
            failures += not ok
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
