#!/usr/bin/env python3
"""Writes memory_idioms.wast: wasi-libc's memcpy, memmove and memset as wasm32-wasi programs get
them (clang-19 with the project's toolchain file, Debian's wasi-libc), which wasmc recognises
(lower/MemoryIdioms.h) and gives the host's operation when the range is in bounds
(codegen/MemoryIdioms.cpp), and the cases that tell the two apart: every length 0..64 and longer
ones at several alignments, overlapping ranges both ways (memcpy's own order decides what those
end up holding), ranges ending at the end of memory and one byte past it in the destination or
the source (the C code's stores before the trap must be there, and no others), sums that wrap at
2^32, lengths of 2^32-1, and a range past the end that memory.grow makes valid. Each case resets
a window of memory to a pattern, runs the function (exported, or called from a wasm function that
-O2 inlines it into) and hashes the window. The expected hashes and which cases trap are those of
wabt's spectest-interp on the same script.

usage: memory_idioms.py OUTPUT.wast   (needs clang-19, wasm2wat, wast2json, spectest-interp)
"""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'cmake', 'toolchains', 'wasm32-wasi.cfg'))
PAGE = 0x10000
PROGRAM = r'''
#include <string.h>
char a[64], b[64];
int main(int argc, char **argv) {
  memcpy(a, b + argc, argc); memmove(a + argc, a, argc); memset(b, argc, argc);
  return a[1] + b[2];
}
'''


def libc_functions(work):
    source = os.path.join(work, 'p.c')
    wasm = os.path.join(work, 'p.wasm')
    with open(source, 'w') as f:
        f.write(PROGRAM)
    subprocess.run(['clang-19', f'--config={CONFIG}', '-O2', source, '-o', wasm, '-Wl,--strip-debug'],
                   check=True)
    wat = subprocess.run(['wasm2wat', wasm], check=True, capture_output=True, text=True).stdout
    functions = {}
    for name in ('memcpy', 'memmove', 'memset'):
        lines, inside = [], False
        for line in wat.splitlines():
            if line.startswith(f'  (func ${name} '):
                inside = True
            elif inside and line.startswith('  ('):
                break
            if inside:
                lines.append(line)
        head = lines[0]
        assert '(param i32 i32 i32) (result i32)' in head, head
        lines[0] = re.sub(r'\(type \d+\)', f'(export "{name}") (type $t)', head)
        functions[name] = '\n'.join(lines)
    return functions


MODULE = '''(module
  (type $t (func (param i32 i32 i32) (result i32)))
  (memory $m 1)
  ;; A 64-bit memory beside memory 0: the functions work on memory 0, whose bounds are checked.
  (memory $m64 i64 1)
  (func (export "reset") (param $at i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (local.get $n)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (i32.store8 (local.get $at)
          (i32.add (i32.mul (local.get $at) (i32.const 7)) (i32.const 3)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $l))))
  ;; FNV-1a of [at, at + n).
  (func (export "hash") (param $at i32) (param $n i32) (result i32)
    (local $h i32) (local $end i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $end (i32.add (local.get $at) (local.get $n)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $at)))
                               (i32.const 0x01000193)))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br $l)))
    (local.get $h))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "store64") (param i64 i32) (i32.store8 $m64 (local.get 0) (local.get 1)))
  ;; The same functions called from wasm code, where -O2 inlines their check and host operation.
  (func (export "call") (param $which i32) (param $d i32) (param $s i32) (param $n i32) (result i32)
    (block $set
      (block $move
        (block $copy
          (br_table $copy $move $set (local.get $which)))
        (return (call $memcpy (local.get $d) (local.get $s) (local.get $n))))
      (return (call $memmove (local.get $d) (local.get $s) (local.get $n))))
    (call $memset (local.get $d) (local.get $s) (local.get $n)))
%s
%s
)
'''

# Lengths of the callers with a constant length ("memcpy_c8"), where -O2 inlines the check and
# the host operation becomes a few moves.
CONSTANT_LENGTHS = (0, 1, 3, 4, 8, 16, 33, 100)


def constant_callers():
    return '\n'.join(
        f'  (func (export "{name}_c{n}") (param $d i32) (param $s i32) (result i32)\n'
        f'    (call ${name} (local.get $d) (local.get $s) (i32.const {n})))'
        for name in WHICH for n in CONSTANT_LENGTHS)

WHICH = {'memcpy': 0, 'memmove': 1, 'memset': 2}


class Script:
    def __init__(self):
        self.commands = []  # text; expected values filled in later
        self.case = 0

    def i32(self, v):
        return f'(i32.const {v & 0xffffffff})'

    def op(self, name, d, s, n, window, constant=False):
        lo, hi = window
        self.commands.append(f'(invoke "reset" {self.i32(lo)} {self.i32(hi - lo)})')
        args = f'{self.i32(d)} {self.i32(s)} {self.i32(n)}'
        if constant:
            call = f'(invoke "{name}_c{n}" {self.i32(d)} {self.i32(s)})'
        elif self.case % 2:
            call = f'(invoke "call" {self.i32(WHICH[name])} {args})'
        else:
            call = f'(invoke "{name}" {args})'
        self.case += 1
        # RESULT: filled in as assert_return of d, or assert_trap, from the interpreter.
        self.commands.append(('op', call, d))
        self.commands.append(('hash', f'(invoke "hash" {self.i32(lo)} {self.i32(hi - lo)})'))

    def render(self, results):
        out = []
        k = 0
        for command in self.commands:
            if isinstance(command, str):
                out.append(command)
                continue
            value = results[k] if results else None
            k += 1
            if command[0] == 'op':
                if value == 'trap':
                    out.append(f'(assert_trap {command[1]} "out of bounds memory access")')
                else:
                    out.append(f'(assert_return {command[1]} {self.i32(command[2])})')
            else:
                out.append(f'(assert_return {command[1]} {self.i32(value or 0)})')
        return out


def window(size, *ranges):
    lo = min(start for start, _ in ranges)
    hi = max(start + n for start, n in ranges)
    return max(0, lo - 16), min(size, hi + 16)


def cases(script):
    sizes = list(range(0, 65)) + [65, 100, 127, 128, 255, 256, 1000, 4096]
    # Disjoint ranges at every length, at alignments of destination and source.
    for name in ('memcpy', 'memmove', 'memset'):
        for n in sizes:
            for da, sa in ((0, 0), (1, 3), (2, 0), (3, 1), (4, 2)):
                d, s = 0x1000 + da, 0x3000 + sa
                if name == 'memset':
                    s = (n * 13 + da) | (0x1200 if da == 1 else 0)  # the byte, and upper bits
                    script.op(name, d, s, n, window(PAGE, (d, n)))
                else:
                    script.op(name, d, s, n, window(PAGE, (d, n), (s, n)))
    # Overlapping ranges, each way.
    for name in ('memcpy', 'memmove'):
        for k in (1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 32, 33):
            for n in (1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 100, 300):
                for d, s in ((0x5000 + k, 0x5000), (0x5000, 0x5000 + k)):
                    script.op(name, d, s, n, window(PAGE, (d, n), (s, n)))
        script.op(name, 0x5000, 0x5000, 40, window(PAGE, (0x5000, 40)))
    # At the end of memory, and one byte past it (destination or source).
    end = PAGE
    for n in list(range(0, 65)) + [100, 1000]:
        for past in (0, 1):
            at = end - n + past
            for name in ('memcpy', 'memmove'):
                script.op(name, at, 0x3000 + (n & 3), n, window(PAGE, (at, n), (0x3000, n + 3)))
                script.op(name, 0x3000 + (n & 3), at, n, window(PAGE, (at, n), (0x3000, n + 3)))
            # memmove with overlapping ranges at the end: backwards and forwards.
            script.op('memmove', at, at - 5, n, window(PAGE, (at - 5, n + 5)))
            script.op('memmove', at - 5, at, n, window(PAGE, (at - 5, n + 5)))
            script.op('memset', at, n + 1, n, window(PAGE, (at, n)))
    # Zero-length ranges past the end; sums that wrap at 2^32; lengths of 2^32 - 1.
    for name in ('memcpy', 'memmove', 'memset'):
        for d, s, n in ((end, 0x3000, 0), (end + 1, 0x3000, 0), (0x3000, end + 1, 0),
                        (0xfffffff0, 0x3000, 0x20), (0x3000, 0xfffffff0, 0x20),
                        (0xffffffff, 0x3000, 1), (0x3000, 0x3100, 0xffffffff),
                        (end - 0x100, 0x3000, 0xffffffff)):
            if name == 'memset':
                s = 0x5a
            script.op(name, d, s, n, window(PAGE, (min(d, PAGE - 64), 64), (0x3000, 0x140)))
    # Constant lengths (the check inlined into the caller): disjoint, overlapping each way, at
    # the end of memory and one byte past it, past the end with length 0, wrapping at 2^32.
    for name in ('memcpy', 'memmove', 'memset'):
        for n in CONSTANT_LENGTHS:
            byte = 0x5a if name == 'memset' else None
            pairs = [(0x1001, 0x3003)]
            if byte is None:
                pairs += [(0x5000 + k, 0x5000) for k in (1, 4, max(1, n // 2))]
                pairs += [(0x5000, 0x5000 + k) for k in (1, 4, max(1, n // 2))]
            for past in (0, 1):
                at = end - n + past
                pairs += [(at, 0x3000), (0x3000, at)] if byte is None else [(at, 0)]
            pairs += [(0xfffffff0, 0x3000), (0xffffffff, 0x3000), (end + 1, 0x3000)]
            if byte is None:
                pairs += [(0x3000, 0xfffffff0), (0x3000, end + 1)]
            for d, src in pairs:
                covered = [(min(d, PAGE - 64), 64), (0x3000, 0x140)]
                if byte is None and src < PAGE:
                    covered.append((src, n))
                if d < PAGE:
                    covered.append((d, min(n, PAGE - d)))
                script.op(name, d, byte if byte is not None else src, n, window(PAGE, *covered),
                          constant=True)
    # A range past the end is in bounds once memory has grown.
    script.commands.append('(assert_return (invoke "grow") (i32.const 1))')
    script.commands.append('(assert_return (invoke "store64" (i64.const 0xffff) (i32.const 1)))')
    size = 2 * PAGE
    for name in ('memcpy', 'memmove'):
        script.op(name, PAGE - 8, 0x3000, 64, window(size, (PAGE - 8, 64), (0x3000, 64)))
        script.op(name, 0x3000, PAGE - 8, 64, window(size, (PAGE - 8, 64), (0x3000, 64)))
        script.op(name, size - 63, 0x3000, 64, window(size, (size - 63, 63), (0x3000, 64)))
    script.op('memset', PAGE - 8, 7, 64, window(size, (PAGE - 8, 64)))
    for name in ('memcpy', 'memmove'):
        script.op(name, PAGE - 8, 0x3000, 33, window(size, (PAGE - 8, 33), (0x3000, 33)),
                  constant=True)
        script.op(name, size - 32, 0x3000, 33, window(size, (size - 32, 32), (0x3000, 33)),
                  constant=True)
    script.op('memset', size - 63, 7, 64, window(size, (size - 63, 63)))


HEADER = ''';; wasi-libc's memcpy, memmove and memset as clang-19 builds them for wasm32-wasi (without bulk
;; memory), which wasmc recognises by their code and gives the host's memcpy/memmove/memset when
;; the whole range is in bounds; otherwise the C code runs, with its stores before a trap. Every
;; length 0..64 and longer ones at several alignments, overlapping ranges each way, ranges at the
;; end of memory and one byte past it, sums that wrap at 2^32, and a range made valid by
;; memory.grow; each case hashes the window of memory around it. Then a function exported as memset
;; that differs from wasi-libc's in one constant, and runs as it is. Written by memory_idioms.py; the
;; expectations are wabt's spectest-interp's.
'''


# wasi-libc's memset but for one constant (`n < 3` is `n < 2`), under the same export name: not
# recognised, it runs as its own code, which for n = 2 also stores the byte before the range.
def impostor(memset):
    changed = memset.replace('      i32.const 3\n      i32.lt_u\n', '      i32.const 2\n      i32.lt_u\n', 1)
    assert changed != memset
    return f'''
;; A function exported as memset that is not wasi-libc's (one constant differs) runs as it is.
(module
  (type $t (func (param i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
{changed}
)
(assert_return (invoke "memset" (i32.const 0x100) (i32.const 0x5a) (i32.const 2)) (i32.const 0x100))
(assert_return (invoke "load8" (i32.const 0xff)) (i32.const 0x5a))
(assert_return (invoke "load8" (i32.const 0x101)) (i32.const 0x5a))
(assert_return (invoke "load8" (i32.const 0x102)) (i32.const 0x5a))
'''


def run_interp(work, text):
    path = os.path.join(work, 'memory_idioms.wast')
    with open(path, 'w') as f:
        f.write(text)
    json = os.path.join(work, 'memory_idioms.json')
    subprocess.run(['wast2json', '--enable-all', path, '-o', json], check=True)
    run = subprocess.run(['spectest-interp', '--enable-all', json], capture_output=True, text=True)
    return run.stdout + run.stderr


def main():
    output = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        functions = libc_functions(work)
        module = MODULE % ('\n'.join(functions[name] for name in ('memcpy', 'memmove', 'memset')),
                           constant_callers())
        script = Script()
        cases(script)
        # First run: every op expected to return, every hash 0; the interpreter says otherwise.
        lines = script.render(None)
        tail = impostor(functions['memset'])
        text = HEADER + module + '\n'.join(lines) + '\n' + tail
        first_line = text.count('\n', 0, len(HEADER + module)) + 1
        report = run_interp(work, text)
        line_of = {}  # line number -> index in results order
        k = 0
        for i, command in enumerate(script.commands):
            if not isinstance(command, str):
                line_of[first_line + i] = k
                k += 1
        results = [None] * k
        for match in re.finditer(r'memory_idioms\.wast:(\d+): (.*)', report):
            line, message = int(match.group(1)), match.group(2)
            index = line_of[line]
            got = re.search(r'got i32:(\d+)', message)
            if got:
                results[index] = int(got.group(1))
            elif 'trap' in message:
                results[index] = 'trap'
            else:
                raise SystemExit(f'unexpected: {match.group(0)}')
        text = HEADER + module + '\n'.join(script.render(results)) + '\n' + tail
        report = run_interp(work, text)
        if not re.search(r'^(\d+)/\1 tests passed', report, re.M):
            raise SystemExit('the interpreter disagrees with the written script:\n' + report[-2000:])
    with open(output, 'w') as f:
        f.write(text)


if __name__ == '__main__':
    main()
