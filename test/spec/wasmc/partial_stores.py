#!/usr/bin/env python3
"""Writes partial_stores.wast: stores that straddle the end of memory, which must trap without
writing any of their bytes (spec#438; memory_trap.wast's cases never read them back). With guard
pages such a store is one machine store that faults on its second page, and AArch64 and RISC-V
may write the bytes on the first page before faulting (qemu-user's RISC-V does), so on those
targets a store that may straddle is preceded by a load of the same bytes
(lower/EmitMemory.cpp, `storeMayTear`).

Every store operator (integer, float, v128, v128 lanes) at each address where it straddles the
end of one page of memory, and where it just fits and where it is wholly outside, with and
without a static offset; the same after memory.grow; a 64-bit memory; and loops whose last store
straddles (all stores before it done, none of its bytes): the last 48 bytes of memory are hashed
after each case. Expectations come from a model below; when wast2json and spectest-interp (wabt)
are installed the written script is also run through them, which must pass it.

usage: partial_stores.py OUTPUT.wast
"""

import os
import struct
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import HASH_FUNCTION, PAGE, MemoryModel, Trap, u32, write_script  # noqa: E402

# name, bytes, wasm parameter type, the store's instruction (with `offset=K` inserted for the
# offset variant), how the argument is written, its little-endian bytes.
STORES = [
    ('i32.store', 4, 'i32', 'i32.store{o}', lambda v: f'(i32.const {u32(v)})', lambda v: v & 0xffffffff),
    ('i64.store', 8, 'i64', 'i64.store{o}', lambda v: f'(i64.const {v})', lambda v: v),
    ('i32.store16', 2, 'i32', 'i32.store16{o}', lambda v: f'(i32.const {u32(v)})', lambda v: v & 0xffff),
    ('i64.store16', 2, 'i64', 'i64.store16{o}', lambda v: f'(i64.const {v})', lambda v: v & 0xffff),
    ('i64.store32', 4, 'i64', 'i64.store32{o}', lambda v: f'(i64.const {v})', lambda v: v & 0xffffffff),
    ('f32.store', 4, 'f32', 'f32.store{o}', lambda v: f'(f32.const {float32(v)!r})',
     lambda v: struct.unpack('<I', struct.pack('<f', float32(v)))[0]),
    ('f64.store', 8, 'f64', 'f64.store{o}', lambda v: f'(f64.const {float64(v)!r})',
     lambda v: struct.unpack('<Q', struct.pack('<d', float64(v)))[0]),
    ('v128.store', 16, 'v128', 'v128.store{o}',
     lambda v: f'(v128.const i64x2 {v} {v ^ 0x0f0f0f0f0f0f0f0f})',
     lambda v: v | ((v ^ 0x0f0f0f0f0f0f0f0f) << 64)),
    ('v128.store32_lane', 4, 'v128', 'v128.store32_lane{o} 1',
     lambda v: f'(v128.const i64x2 {v} {v ^ 0x0f0f0f0f0f0f0f0f})', lambda v: (v >> 32) & 0xffffffff),
    ('v128.store64_lane', 8, 'v128', 'v128.store64_lane{o} 1',
     lambda v: f'(v128.const i64x2 {v} {v ^ 0x0f0f0f0f0f0f0f0f})', lambda v: v ^ 0x0f0f0f0f0f0f0f0f),
]

OFFSET = 5
TAIL = 48


def float32(v):
    # A normal, non-NaN value from the seed: floats go through the script as decimal literals.
    return struct.unpack('<f', struct.pack('<f', -1.5 - (v % 1000) / 8))[0]


def float64(v):
    return -1.25e300 - (v % 1000) * 1e290


def value(name, address):
    return (0x8172635445362718 ^ (address * 0x9e3779b97f4a7c15) ^ sum(name.encode())) & 0x7fffffffffffffff


def store_functions(address_type='i32'):
    lines = []
    for name, _, param, instruction, _, _ in STORES:
        for suffix, offset in (('', ''), ('_offset', f' offset={OFFSET}')):
            lines.append(f'  (func (export "{name}{suffix}") (param $p {address_type}) (param $v {param})\n'
                         f'    ({instruction.format(o=offset)} (local.get $p) (local.get $v)))')
    return '\n'.join(lines)


def reset_function(address_type='i32'):
    index = '(local.get $i)' if address_type == 'i32' else '(i32.wrap_i64 (local.get $i))'
    return f'''  (func $reset (export "reset")
    (local $i {address_type})
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul {index} (i32.const 7)) (i32.const 3)))
      (local.set $i ({address_type}.add (local.get $i) ({address_type}.const 1)))
      (br_if $l ({address_type}.lt_u (local.get $i) ({address_type}.const 0x10000)))))
  (start $reset)'''


def address_literal(address_type, address):
    return f'({address_type}.const {address})'


class Script:
    def __init__(self, memory, address_type='i32'):
        self.memory = memory
        self.address_type = address_type
        self.lines = []

    def check_tail(self):
        end = len(self.memory.memory)
        hash_value = self.memory.hash(end - TAIL, TAIL)
        self.lines.append(f'(assert_return (invoke "hash" (i32.const {end - TAIL}) (i32.const {TAIL}))'
                          f' (i32.const {hash_value}))')

    def store_cases(self):
        end = len(self.memory.memory)
        for name, size, _, _, literal, to_bytes in STORES:
            for suffix, offset in (('', 0), ('_offset', OFFSET)):
                for at in range(end - size, end + 1):
                    address = at - offset
                    v = value(name, at)
                    invoke = (f'(invoke "{name}{suffix}" {address_literal(self.address_type, address)}'
                              f' {literal(v)})')
                    try:
                        self.memory.store(at, size, to_bytes(v))
                        self.lines.append(f'(assert_return {invoke})')
                    except Trap:
                        self.lines.append(f'{invoke.replace("(invoke", "(assert_trap (invoke", 1)}'
                                          f' "out of bounds memory access")')
                    self.check_tail()


LOOPS = r'''
  ;; p[i] = v + i for i < n, 8 bytes apart.
  (func (export "fill64") (param $p i32) (param $n i32) (param $v i64)
    (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i64.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3)))
                   (i64.add (local.get $v) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))))
  ;; p[i] = v for i < 64, 4 bytes apart: a loop the vectoriser takes (when proved in bounds).
  (func (export "fill32x64") (param $p i32) (param $v i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (local.get $v))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 64)))))'''


def loop_cases(script, memory):
    end = PAGE
    for start, n in ((end - 8 * 3 + 3, 3), (end - 8 * 5 + 1, 5), (end - 8 * 4, 4), (end - 8 * 2 + 7, 1)):
        v = 0x0102030405060708 + start
        invoke = f'(invoke "fill64" (i32.const {start}) (i32.const {n}) (i64.const {v}))'
        try:
            for i in range(n):
                memory.store(start + 8 * i, 8, v + i)
            script.lines.append(f'(assert_return {invoke})')
        except Trap:
            script.lines.append(f'(assert_trap {invoke} "out of bounds memory access")')
        script.check_tail()
    for start in (end - 256 + 1, end - 256 + 2, end - 256 + 3, end - 256, end - 256 - 4):
        v = 0x5a000000 + start
        invoke = f'(invoke "fill32x64" (i32.const {start}) (i32.const {v}))'
        try:
            for i in range(64):
                memory.store(start + 4 * i, 4, v)
            script.lines.append(f'(assert_return {invoke})')
        except Trap:
            script.lines.append(f'(assert_trap {invoke} "out of bounds memory access")')
        script.check_tail()


def main():
    lines = ['(module',
             '  (memory 1)',
             reset_function(),
             HASH_FUNCTION,
             store_functions(),
             LOOPS,
             ')']
    memory = MemoryModel()
    script = Script(memory)
    script.store_cases()
    loop_cases(script, memory)
    lines += script.lines

    # After memory.grow: the end has moved one page up; the old end is in bounds.
    lines += ['', '(module', '  (memory 1 2)', reset_function(), HASH_FUNCTION, store_functions(),
              '  (func (export "grow") (result i32) (memory.grow (i32.const 1)))', ')']
    memory = MemoryModel()
    script = Script(memory)
    script.lines.append('(assert_return (invoke "grow") (i32.const 1))')
    memory.grow()
    script.store_cases()
    lines += script.lines

    # A 64-bit memory (its guard-page strategy clamps the address first).
    lines += ['', '(module', '  (memory i64 1)', reset_function('i64'), HASH_FUNCTION.replace(
        '(i32.load8_u (local.get $p))', '(i32.load8_u (i64.extend_i32_u (local.get $p)))'),
        store_functions('i64'), ')']
    memory = MemoryModel()
    script = Script(memory, 'i64')
    script.store_cases()
    lines += script.lines

    write_script('partial_stores.py', __doc__.strip().splitlines()[-1], lines,
                 features=('--enable-memory64',))


if __name__ == '__main__':
    main()
