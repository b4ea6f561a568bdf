#!/usr/bin/env python3
"""Writes byte_compare_short.wast: the short words of codegen/ByteCompareWidening.cpp (a compare of
fewer than 8 bytes as one masked word at each side, and the bytes after the last whole word as a
word overlapping the one before) against the byte loops they stand for, wasi-libc's memcmp as
clang-19 -O2 compiles it and a scan that leaves with its pointers and count. The cases: every
length 1..17 with the first difference at each position, and a difference just past the compared
bytes, which must not count (the masked-off and never-read bytes); compares ending exactly at the
end of memory (where a whole word would fault but the byte loop does not) and one byte past it,
with and without a difference before the end (the byte loop stops there, no trap); addresses that
wrap at 2^32; and a range past the end that memory.grow makes valid. Expectations come from a
model of the byte loops below; when wast2json and spectest-interp (wabt) are installed the
written script is also run through them, which must pass it.

usage: byte_compare_short.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, s32, write_script  # noqa: E402

PAGE = 0x10000
HALF = 0x8000
SCAN_OFFSET = 5

MODULE = r'''(module
  (memory 1)
  ;; [0, 0x8000) holds a pattern and [0x8000, 0x10000) a copy of it.
  (func $fill
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (i32.store8 offset=0x8000 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 0x8000)))))
  (start $fill)
  (func (export "poke") (param $at i32) (param $value i32)
    (i32.store8 (local.get $at) (local.get $value)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))

  ;; wasi-libc's memcmp as clang-19 -O2 compiles it.
  (func (export "memcmp") (param i32 i32 i32) (result i32)
    (local i32 i32 i32)
    i32.const 0
    local.set 3
    block
      local.get 2
      i32.eqz
      br_if 0
      block
        loop
          local.get 0
          i32.load8_u
          local.tee 4
          local.get 1
          i32.load8_u
          local.tee 5
          i32.ne
          br_if 1
          local.get 1
          i32.const 1
          i32.add
          local.set 1
          local.get 0
          i32.const 1
          i32.add
          local.set 0
          local.get 2
          i32.const -1
          i32.add
          local.tee 2
          br_if 0
          br 2
        end
      end
      local.get 4
      local.get 5
      i32.sub
      local.set 3
    end
    local.get 3)

  ;; Where the scan stopped and how many bytes were left, for both ways out of the loop; the
  ;; bytes read are 5 past the pointers (a static offset).
  (func (export "scan") (param $l i32) (param $r i32) (param $n i32) (result i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (block $differ
        (loop $next
          (br_if $differ (i32.ne (i32.load8_u offset=5 (local.get $l))
                                 (i32.load8_u offset=5 (local.get $r))))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (br $done))
      (return (i32.add (i32.mul (local.get $n) (i32.const 0x100000)) (local.get $l))))
    (i32.sub (i32.const 0) (local.get $l)))
)
'''



class Model:
    """Memory as the module keeps it, and the byte loops' results (None: the loop traps)."""

    def __init__(self):
        self.memory = bytearray(PAGE)
        for i in range(HALF):
            self.memory[i] = self.memory[HALF + i] = (i * 7 + 3) & 0xff

    def byte(self, address):
        if address >= len(self.memory):
            return None
        return self.memory[address]

    def memcmp(self, left, right, n):
        for i in range(n):
            a, b = self.byte(left + i), self.byte(right + i)
            if a is None or b is None:
                return None
            if a != b:
                return s32(a - b)
        return 0

    def scan(self, left, right, n):
        for i in range(n):
            a = self.byte(((left + i) & 0xffffffff) + SCAN_OFFSET)
            b = self.byte(((right + i) & 0xffffffff) + SCAN_OFFSET)
            if a is None or b is None:
                return None
            if a != b:
                return s32((n - i) * 0x100000 + left + i)
        return s32(-(left + n))


class Script(ScriptLines):
    def __init__(self):
        super().__init__(MODULE, Model())

    def poke(self, address, value):
        self.model.memory[address] = value & 0xff
        self.lines.append(f'(assert_return (invoke "poke" (i32.const {address:#x}) (i32.const {value & 0xff:#x})))')

    def restore(self, address):
        self.poke(address, (((address % HALF) * 7) + 3) & 0xff)

    def call(self, function, left, right, n):
        result = getattr(self.model, function)(left, right, n)
        invoke = f'(invoke "{function}" (i32.const {s32(left)}) (i32.const {s32(right)}) (i32.const {n}))'
        if result is None:
            self.lines.append(f'(assert_trap {invoke} "out of bounds memory access")')
        else:
            self.lines.append(f'(assert_return {invoke} (i32.const {result}))')


def write(script):
    model = script.model
    script.comment('Every length 1..17, the first difference at each position and just past the end.')
    base = 0x1000
    for n in range(1, 18):
        script.call('memcmp', base, HALF + base, n)
        script.call('scan', base - SCAN_OFFSET, HALF + base - SCAN_OFFSET, n)
        for at in range(0, n + 9):
            script.poke(HALF + base + at, model.memory[base + at] ^ (0x80 if at % 2 else 0x01))
            script.call('memcmp', base, HALF + base, n)
            if at % 3 == 0:
                script.call('memcmp', HALF + base, base, n)
                script.call('scan', base - SCAN_OFFSET, HALF + base - SCAN_OFFSET, n)
            # A later difference in the same word must not hide the first.
            if at + 2 < n:
                script.poke(HALF + base + at + 2, 0)
                script.call('memcmp', base, HALF + base, n)
                script.restore(HALF + base + at + 2)
            script.restore(HALF + base + at)
        base += 0x40

    script.comment('Ending exactly at the end of memory, and one byte past it, either side.')
    for n in range(1, 17):
        end_left = PAGE - n
        twin = end_left - HALF
        script.call('memcmp', end_left, twin, n)
        script.call('memcmp', twin, end_left, n)
        script.call('scan', end_left - SCAN_OFFSET, twin - SCAN_OFFSET, n)
        script.call('memcmp', end_left + 1, twin + 1, n)
        script.call('memcmp', twin + 1, end_left + 1, n)
        script.call('scan', end_left - SCAN_OFFSET + 1, twin - SCAN_OFFSET + 1, n)
        # A difference before the end: the byte loop stops there, and so must the wide one.
        script.poke(PAGE - 1 - (n > 1), 0xee)
        script.call('memcmp', end_left + 1, twin + 1, n)
        script.call('memcmp', twin + 1, end_left + 1, n)
        script.call('scan', end_left - SCAN_OFFSET + 1, twin - SCAN_OFFSET + 1, n)
        script.call('memcmp', end_left, twin, n)
        script.restore(PAGE - 1 - (n > 1))

    script.comment('Addresses that wrap at 2^32.')
    for n in (1, 3, 7, 8, 9):
        script.call('memcmp', 0x100000000 - n, 0, n)
        script.call('memcmp', 0, 0x100000000 - n, n)
        script.call('memcmp', 0xffffffff, 0x10, n)
        script.call('scan', 0xfffffffb - n + 1, 0x10, n)

    script.comment('memory.grow makes a range past the old end valid.')
    script.call('memcmp', PAGE - 2, HALF - 2, 5)
    script.lines.append('(assert_return (invoke "grow") (i32.const 1))')
    model.memory.extend(bytes(PAGE))
    script.call('memcmp', PAGE - 2, HALF - 2, 5)
    script.call('memcmp', PAGE, PAGE + 8, 7)
    script.call('memcmp', 2 * PAGE - 7, PAGE, 7)
    script.call('memcmp', 2 * PAGE - 6, PAGE, 7)


def main():
    script = Script()
    write(script)
    write_script('byte_compare_short.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
