#!/usr/bin/env python3
"""Writes overwritten_loads.wast: read-modify-writes of linear memory (`p[i] += x`, a histogram's
`count[byte]++`), whose load loses its trap witness at -O2 because the store right after it
writes the same bytes (codegen/OverwrittenLoadWitnesses.cpp) and x86 makes one instruction of
the three. The store must trap exactly where the load would: at the last bytes of memory (no
trap), straddling its end and past it (a trap, memory unchanged), at address sums that wrap at
2^32 to the start of memory (no trap) and a static offset that does not (a trap), and in a histogram loop whose k-th index lands past the end (the
k-1 increments before it done, none after: memory is hashed and the increments made are counted
after each case). A read-modify-write
whose loaded value is also returned, one that subtracts, an i64 one, an i16 one and an `or` (which keeps its witness: the DAG would narrow it) are there
too.
Expectations come from a model below; when wast2json and spectest-interp (wabt) are installed the
written script is also run through them, which must pass it.

usage: overwritten_loads.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, PAGE, MemoryModel, Trap, s32, u32, write_script  # noqa: E402


MODULE = r'''(module
  (memory 1)
  ;; Increments the histogram has made (a global write in its loop, so that the loop keeps its
  ;; witnesses until the end of the pipeline, as wordfreq's does).
  (global $made (mut i32) (i32.const 0))
  (func (export "made") (result i32) (global.get $made))
  (func $reset (export "reset")
    (local $i i32)
    (global.set $made (i32.const 0))
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 0x10000)))))
  (start $reset)
''' + HASH_FUNCTION + r'''

  (func (export "add32") (param $p i32) (param $x i32)
    (i32.store offset=3 (local.get $p) (i32.add (i32.load offset=3 (local.get $p)) (local.get $x))))
  (func (export "sub32") (param $p i32) (param $x i32)
    (i32.store (local.get $p) (i32.sub (i32.load (local.get $p)) (local.get $x))))
  ;; The old value, returned as well.
  (func (export "fetch_add32") (param $p i32) (param $x i32) (result i32)
    (local $old i32)
    (i32.store (local.get $p) (i32.add (local.tee $old (i32.load (local.get $p))) (local.get $x)))
    (local.get $old))
  (func (export "add64") (param $p i32) (param $x i64)
    (i64.store (local.get $p) (i64.add (i64.load (local.get $p)) (local.get $x))))
  (func (export "add16") (param $p i32) (param $x i32)
    (i32.store16 (local.get $p) (i32.add (i32.load16_u (local.get $p)) (local.get $x))))
  (func (export "or32") (param $p i32) (param $x i32)
    (i32.store (local.get $p) (i32.or (i32.load (local.get $p)) (i32.const 0x100))))

  ;; count[src[i]] += 1 for i < n, count = base + 4 * byte (the sum wraps at 2^32).
  (func (export "histogram") (param $base i32) (param $src i32) (param $n i32)
    (local $i i32) (local $at i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $at (i32.add (local.get $base)
                                (i32.shl (i32.load8_u (i32.add (local.get $src) (local.get $i)))
                                         (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (global.set $made (i32.add (global.get $made) (i32.const 1)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
)
'''




class Model(MemoryModel):
    def reset(self):
        super().reset()
        self.made = 0

    def rmw(self, address, size, update):
        old = self.load(address, size)
        self.store(address, size, update(old))
        return old

    def run(self, function, args):
        p = args[0]
        if function == 'add32':
            self.rmw(p + 3, 4, lambda v: v + args[1])
        elif function == 'sub32':
            self.rmw(p, 4, lambda v: v - args[1])
        elif function == 'fetch_add32':
            return s32(self.rmw(p, 4, lambda v: v + args[1]))
        elif function == 'add64':
            self.rmw(p, 8, lambda v: v + args[1])
        elif function == 'add16':
            self.rmw(p, 2, lambda v: v + args[1])
        elif function == 'or32':
            self.rmw(p, 4, lambda v: v | 0x100)
        elif function == 'histogram':
            base, src, n = args
            for i in range(n):
                byte = self.load(u32(src + i), 1)
                self.rmw(u32(base + 4 * byte), 4, lambda v: v + 1)
                self.made += 1
        return None


class Script(ScriptLines):
    def __init__(self):
        super().__init__(MODULE, Model())

    def case(self, function, *args, windows, result_type='i32'):
        self.reset()
        types = ['i64' if function == 'add64' and k == 1 else 'i32' for k in range(len(args))]
        invoke = (f'(invoke "{function}" ' +
                  ' '.join(f'({t}.const {s32(a) if t == "i32" else a})' for t, a in zip(types, args)) + ')')
        try:
            result = self.model.run(function, args)
            expected = '' if result is None else f' (i32.const {result})'
            self.lines.append(f'(assert_return {invoke}{expected})')
        except Trap:
            self.lines.append(f'(assert_trap {invoke} "out of bounds memory access")')
        if function == 'histogram':
            self.lines.append(f'(assert_return (invoke "made") (i32.const {self.model.made}))')
        self.check_windows(windows)


def write(script):
    end = [(PAGE - 32, 32)]
    script.comment('Single read-modify-writes in the middle, at the last bytes of memory, straddling '
                   'its end and past it.')
    for function, size, offset in (('add32', 4, 3), ('sub32', 4, 0), ('fetch_add32', 4, 0),
                                   ('add64', 8, 0), ('add16', 2, 0), ('or32', 4, 0)):
        for at in (0x100, PAGE - size - offset, PAGE - size - offset + 1, PAGE - offset - 1,
                   PAGE - offset, PAGE, 0xffffffff - offset):
            script.case(function, at, 0x01010101 if function != 'add64' else 0x0101010101010101,
                        windows=[(0xf0, 32)] + end)
    script.comment('A static offset does not wrap at 2^32: past the end of memory.')
    script.case('add32', 0xfffffffd, 5, windows=[(0, 16)])
    script.comment('Histograms: in bounds, with repeated bytes, and with the k-th counter past the end.')
    for n in (0, 1, 2, 17, 300):
        script.case('histogram', 0x8000, 0x100, n, windows=[(0x8000, 1024)])
    # Counters from PAGE - 1024 + 4 * byte: the byte at src + k picks one past the end for some k.
    for base in (PAGE - 1024, PAGE - 1023, PAGE - 1020, PAGE - 900):
        for n in (5, 40, 200):
            script.case('histogram', base, 0x100, n, windows=[(PAGE - 1024, 1024)])
    script.comment('Counters whose sums wrap at 2^32 to the start of memory.')
    script.case('histogram', 0x100000000 - 0x200, 0x100, 300, windows=[(0, 1024)])


def main():
    script = Script()
    write(script)
    write_script('overwritten_loads.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
