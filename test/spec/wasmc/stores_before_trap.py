#!/usr/bin/env python3
"""Writes stores_before_trap.wast: consecutive stores near the end of memory, where a later one
traps and the earlier ones must have been written. Combined into one wider store (by the SLP
vectoriser, or by code generation's store merging), they would fault as a whole and none would
be written: every store to linear memory keeps its trap barrier unless it cannot fault
(codegen/ReleaseTrapWitnesses.cpp).

Straight-line stores of constants, of parameters, of loaded values (a copy), of bytes, of i64 and
f64 pairs, in reverse order; and loops whose iterations store several consecutive words (a
read-modify-write unrolled by four, a fill of two words an iteration), at each start address
whose stores straddle or cross the end of one page of memory. The last 48 bytes of memory are
hashed after each case. Expectations come from a model below; when wast2json and spectest-interp
(wabt) are installed the written script is also run through them, which must pass it.

usage: stores_before_trap.py OUTPUT.wast
"""

import os
import struct
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, Trap, u32, write_script  # noqa: E402

MODULE = r'''(module
  (memory 1)
''' + RESET_FUNCTION + r'''
''' + HASH_FUNCTION + r'''
  (func (export "const2") (param $p i32)
    (i32.store (local.get $p) (i32.const 0x11111111))
    (i32.store offset=4 (local.get $p) (i32.const 0x22222222)))
  (func (export "param4") (param $p i32) (param $a i32)
    (i32.store (local.get $p) (local.get $a))
    (i32.store offset=4 (local.get $p) (i32.add (local.get $a) (i32.const 1)))
    (i32.store offset=8 (local.get $p) (i32.add (local.get $a) (i32.const 2)))
    (i32.store offset=12 (local.get $p) (i32.add (local.get $a) (i32.const 3))))
  (func (export "copy2") (param $d i32) (param $s i32)
    (i32.store (local.get $d) (i32.load (local.get $s)))
    (i32.store offset=4 (local.get $d) (i32.load offset=4 (local.get $s))))
  (func (export "bytes8") (param $p i32)
    (i32.store8 offset=0 (local.get $p) (i32.const 0xa0))
    (i32.store8 offset=1 (local.get $p) (i32.const 0xa1))
    (i32.store8 offset=2 (local.get $p) (i32.const 0xa2))
    (i32.store8 offset=3 (local.get $p) (i32.const 0xa3))
    (i32.store8 offset=4 (local.get $p) (i32.const 0xa4))
    (i32.store8 offset=5 (local.get $p) (i32.const 0xa5))
    (i32.store8 offset=6 (local.get $p) (i32.const 0xa6))
    (i32.store8 offset=7 (local.get $p) (i32.const 0xa7)))
  (func (export "i64pair") (param $p i32) (param $a i64)
    (i64.store (local.get $p) (local.get $a))
    (i64.store offset=8 (local.get $p) (i64.xor (local.get $a) (i64.const -1))))
  (func (export "f64pair") (param $p i32)
    (f64.store (local.get $p) (f64.const 1.5))
    (f64.store offset=8 (local.get $p) (f64.const -2.25)))
  (func (export "reversed2") (param $p i32)
    (i32.store offset=4 (local.get $p) (i32.const 0x33333333))
    (i32.store (local.get $p) (i32.const 0x44444444)))
  ;; p[j] = p[j] * 3 + 1 for j < 4n, four words an iteration.
  (func (export "scale4") (param $p i32) (param $n i32)
    (local $j i32) (local $end i32) (local $a i32)
    (local.set $end (i32.mul (local.get $n) (i32.const 16)))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $a (i32.add (local.get $p) (local.get $j)))
        (i32.store offset=0 (local.get $a) (i32.add (i32.mul (i32.load offset=0 (local.get $a)) (i32.const 3)) (i32.const 1)))
        (i32.store offset=4 (local.get $a) (i32.add (i32.mul (i32.load offset=4 (local.get $a)) (i32.const 3)) (i32.const 1)))
        (i32.store offset=8 (local.get $a) (i32.add (i32.mul (i32.load offset=8 (local.get $a)) (i32.const 3)) (i32.const 1)))
        (i32.store offset=12 (local.get $a) (i32.add (i32.mul (i32.load offset=12 (local.get $a)) (i32.const 3)) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $l (i32.ne (local.get $j) (local.get $end))))))
  ;; p[2i] = v, p[2i + 1] = v + 1 for i < n.
  (func (export "fill2") (param $p i32) (param $n i32) (param $v i32)
    (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (i32.store (local.get $p) (local.get $v))
        (i32.store offset=4 (local.get $p) (i32.add (local.get $v) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.ne (local.get $i) (local.get $n))))))
)'''

TAIL = 48


class Script:
    def __init__(self):
        self.memory = MemoryModel()
        self.lines = []

    def case(self, invoke, stores):
        """`stores`: the (address, size, value) the call makes, in order, until one traps."""
        try:
            for address, size, value in stores:
                self.memory.store(address, size, value)
            self.lines.append(f'(assert_return {invoke})')
        except Trap:
            self.lines.append(f'(assert_trap {invoke} "out of bounds memory access")')
        self.lines.append(f'(assert_return (invoke "hash" (i32.const {PAGE - TAIL}) (i32.const {TAIL}))'
                          f' (i32.const {self.memory.hash(PAGE - TAIL, TAIL)}))')

    def load(self, address, size):
        return self.memory.load(address, size)


def f64_bits(value):
    return struct.unpack('<Q', struct.pack('<d', value))[0]


def main():
    s = Script()
    for p in range(PAGE - 12, PAGE + 1):
        s.case(f'(invoke "const2" (i32.const {p}))', [(p, 4, 0x11111111), (p + 4, 4, 0x22222222)])
    for p in range(PAGE - 20, PAGE + 1, 2):
        a = 0x01020304 + p
        s.case(f'(invoke "param4" (i32.const {p}) (i32.const {a}))',
               [(p + 4 * k, 4, u32(a + k)) for k in range(4)])
    for d in range(PAGE - 10, PAGE + 1):
        # The source (bytes 100-107) is far from the destination: its words are read as they are.
        s.case(f'(invoke "copy2" (i32.const {d}) (i32.const 100))',
               [(d, 4, s.load(100, 4)), (d + 4, 4, s.load(104, 4))])
    for p in range(PAGE - 9, PAGE + 1):
        s.case(f'(invoke "bytes8" (i32.const {p}))', [(p + k, 1, 0xa0 + k) for k in range(8)])
    for p in range(PAGE - 20, PAGE + 1, 3):
        a = 0x0123456789abcdef ^ p
        s.case(f'(invoke "i64pair" (i32.const {p}) (i64.const {a}))',
               [(p, 8, a), (p + 8, 8, a ^ 0xffffffffffffffff)])
    for p in range(PAGE - 20, PAGE + 1, 3):
        s.case(f'(invoke "f64pair" (i32.const {p}))', [(p, 8, f64_bits(1.5)), (p + 8, 8, f64_bits(-2.25))])
    for p in range(PAGE - 10, PAGE + 1):
        s.case(f'(invoke "reversed2" (i32.const {p}))', [(p + 4, 4, 0x33333333), (p, 4, 0x44444444)])
    for p, n in ((PAGE - 16 * 3 + 8, 3), (PAGE - 16 * 2 + 4, 2), (PAGE - 16 * 2 + 12, 2),
                 (PAGE - 16 * 4, 4), (PAGE - 16 + 2, 1), (PAGE - 16 * 3 + 1, 3)):
        model = s.memory
        try:
            for j in range(0, 16 * n, 4):
                model.store(p + j, 4, u32(model.load(p + j, 4) * 3 + 1))
            trapped = False
        except Trap:
            trapped = True
        # The model already holds the stores; record the call as their result.
        invoke = f'(invoke "scale4" (i32.const {p}) (i32.const {n}))'
        s.lines.append(f'(assert_trap {invoke} "out of bounds memory access")' if trapped
                       else f'(assert_return {invoke})')
        s.lines.append(f'(assert_return (invoke "hash" (i32.const {PAGE - TAIL}) (i32.const {TAIL}))'
                       f' (i32.const {model.hash(PAGE - TAIL, TAIL)}))')
    for p, n in ((PAGE - 8 * 3 + 4, 3), (PAGE - 8 * 4, 4), (PAGE - 8 * 2 + 2, 2), (PAGE - 8 * 5 + 6, 5)):
        v = 0x70000000 + p
        s.case(f'(invoke "fill2" (i32.const {p}) (i32.const {n}) (i32.const {v}))',
               [store for i in range(n) for store in ((p + 8 * i, 4, v), (p + 8 * i + 4, 4, v + 1))])
    write_script('stores_before_trap.py', __doc__.strip().splitlines()[-1], [MODULE] + s.lines)


if __name__ == '__main__':
    main()
