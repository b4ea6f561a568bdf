#!/usr/bin/env python3
"""Writes narrowed_compares.wast: unsigned compares of a masked value, `(x & M) <u C` and
`(x & M) >u C`, which NarrowMaskedComparesPass (codegen/NarrowMaskedCompares.cpp) turns into
compares of x truncated to 8, 16 or 32 bits at -O2 when M keeps the bits k..W-1 of x and C (C + 1
for `>u`) is a multiple of 2^k below 2^W; and those it must leave alone: a bound that is not such
a multiple (where `& 254` and the truncated compare differ at one odd value), masks that skip a
bit (0x7f) or reach above the width (0x1fe). wordfreq's letter test,
`(((c | 32) + 159) & 255) <u 26` (InstCombine clears the mask's low bit), is there as values and
in wordfreq's loop over memory that counts letters into a histogram (load8_s, as clang's wasm
build loads a char), which traps at the end of memory with the counts before made. Each value function is called with every low byte (or the 16-bit
values around its bounds) under high bits of 0, 1 and all ones, so a compare that looks at the
wrong bits or at one bit too few fails. Expectations come from a model below; when wast2json and
spectest-interp (wabt) are installed the written script is also run through them, which must
pass it.

usage: narrowed_compares.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, Trap, s32, u32, write_script  # noqa: E402

M64 = (1 << 64) - 1


def s64(value):
    value &= M64
    return value - (1 << 64) if value >> 63 else value


def s8(value):
    value &= 0xff
    return value - 0x100 if value & 0x80 else value


def letter(c):
    """wordfreq's test of a char (sign-extended byte) c."""
    return int((u32((c | 32) + 159) & 255) < 26)


# name, wasm body over (local.get $x), model, whether the pass narrows it (a comment only)
FUNCTIONS32 = [
    ('letter', '(i32.lt_u (i32.and (i32.add (i32.or (local.get $x) (i32.const 32)) (i32.const 159)) '
     '(i32.const 255)) (i32.const 26))', lambda x: letter(x), 'narrowed'),
    ('lt255_odd', '(i32.lt_u (i32.and (i32.add (local.get $x) (i32.const 3)) (i32.const 255)) (i32.const 27))',
     lambda x: int((u32(x + 3) & 255) < 27), 'narrowed'),
    ('lt254_odd', '(i32.lt_u (i32.and (local.get $x) (i32.const 254)) (i32.const 27))',
     lambda x: int((x & 254) < 27), 'not narrowed as it is (27 odd)'),
    ('gt248', '(i32.gt_u (i32.and (local.get $x) (i32.const 248)) (i32.const 39))',
     lambda x: int((x & 248) > 39), 'narrowed (40 a multiple of 8)'),
    ('gt248_no', '(i32.gt_u (i32.and (local.get $x) (i32.const 248)) (i32.const 41))',
     lambda x: int((x & 248) > 41), 'not narrowed as it is (42 not a multiple of 8)'),
    ('lt7f', '(i32.lt_u (i32.and (local.get $x) (i32.const 0x7f)) (i32.const 26))',
     lambda x: int((x & 0x7f) < 26), 'not narrowed (bit 7 masked off)'),
    ('lt1fe', '(i32.lt_u (i32.and (local.get $x) (i32.const 0x1fe)) (i32.const 26))',
     lambda x: int((x & 0x1fe) < 26), 'not narrowed (bit 8 kept)'),
]
FUNCTIONS16 = [
    ('lt16', '(i32.lt_u (i32.and (i32.sub (local.get $x) (i32.const 0x1234)) (i32.const 0xffff)) (i32.const 0x300))',
     lambda x: int((u32(x - 0x1234) & 0xffff) < 0x300), 'narrowed to i16'),
    ('lt16_high', '(i32.lt_u (i32.and (local.get $x) (i32.const 0xff00)) (i32.const 0x1200))',
     lambda x: int((x & 0xff00) < 0x1200), 'narrowed to i16 (k = 8)'),
    ('gt16_high_no', '(i32.gt_u (i32.and (local.get $x) (i32.const 0xff00)) (i32.const 0x1200))',
     lambda x: int((x & 0xff00) > 0x1200), 'not narrowed (0x1201 not a multiple of 256)'),
]
FUNCTIONS64 = [
    ('letter64', '(i64.lt_u (i64.and (i64.add (local.get $x) (i64.const 159)) (i64.const 255)) (i64.const 26))',
     lambda x: int(((x + 159) & 255) < 26), 'narrowed to i8'),
    ('lt64_low32', '(i64.lt_u (i64.and (local.get $x) (i64.const 0xffffffff)) (i64.const 0x80000000))',
     lambda x: int((x & 0xffffffff) < 0x80000000), 'narrowed to i32'),
    ('gt64_16', '(i64.gt_u (i64.and (local.get $x) (i64.const 0xfff0)) (i64.const 0x7fef))',
     lambda x: int((x & 0xfff0) > 0x7fef), 'narrowed to i16 (0x7ff0 a multiple of 16)'),
]


def module():
    functions = []
    for name, body, _, note in FUNCTIONS32 + FUNCTIONS16:
        functions.append(f'  ;; {note}\n  (func (export "{name}") (param $x i32) (result i32)\n    {body})')
    for name, body, _, note in FUNCTIONS64:
        functions.append(f'  ;; {note}\n  (func (export "{name}") (param $x i64) (result i32)\n    {body})')
    return r'''(module
  (memory 1)
''' + RESET_FUNCTION + r'''
''' + HASH_FUNCTION + r'''

''' + '\n'.join(functions) + r'''

  ;; wordfreq's letter histogram over bytes [p, p + n) (load8_s, as clang's wasm build loads a
  ;; char): counts[c | 32 is a letter ? (c | 32) - 97 : 26]++, i32 counters at q. The or'ed byte
  ;; is used whole too, so InstCombine leaves its test in i32. Traps past the end of memory,
  ;; with the counts before made.
  (func (export "histogram") (param $p i32) (param $n i32) (param $q i32)
    (local $a i32) (local $slot i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $a (i32.or (i32.load8_s (local.get $p)) (i32.const 32)))
        (local.set $slot
          (i32.add (local.get $q)
                   (i32.shl (select (i32.sub (local.get $a) (i32.const 97)) (i32.const 26)
                                    (i32.lt_u (i32.and (i32.add (local.get $a) (i32.const 159))
                                                       (i32.const 255))
                                              (i32.const 26)))
                            (i32.const 2))))
        (i32.store (local.get $slot) (i32.add (i32.load (local.get $slot)) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))

  ;; Writes bytes [p, p + 256) as 0..255 (letters among them), so that histogram sees every
  ;; byte value; traps if they do not fit.
  (func (export "fill_bytes") (param $p i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (local.get $i))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256)))))
)'''


def values8():
    """Every low byte under high bits of 0 and all ones; the bytes around the bounds under others."""
    edges = [0, 1, 25, 26, 27, 28, 38, 39, 40, 41, 42, 64, 65, 90, 91, 96, 97, 122, 123, 127, 128,
             159, 160, 255]
    out = [b for b in range(256)] + [0xffffff00 | b for b in range(256)]
    out += [high | b for high in (0x100, 0x200, 0x7fffff00, 0x80000000) for b in edges]
    return out


def values16():
    lows = sorted({v & 0xffff for base in (0, 0x1234, 0x1534, 0x1200, 0x1300, 0xff00, 0xffff)
                   for v in range(base - 3, base + 4)} | {0x11ff, 0x1200, 0x12ff, 0x1300, 0x1301})
    return [high | low for high in (0, 0x10000, 0xffff0000) for low in lows]


def values64():
    lows = [0, 1, 25, 26, 96, 97, 122, 123, 0xff, 0x100, 0x7fef, 0x7ff0, 0x7fff, 0x8000, 0xfff0, 0xffff,
            0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff]
    return [(high | low) & M64 for high in (0, 1 << 32, 0xffffffff00000000, 0x8000000000000000) for low in lows]


class Model(MemoryModel):
    def fill_bytes(self, p):
        for i in range(256):
            self.store(u32(p + i), 1, i)

    def histogram(self, p, n, q):
        for _ in range(n):
            a = s8(self.load(p, 1)) | 32
            slot = u32(q + 4 * (a - 97 if letter(a) else 26))
            self.store(slot, 4, self.load(slot, 4) + 1)
            p = u32(p + 1)


def write(lines):
    model = lines.model
    for functions, values, kind in ((FUNCTIONS32, values8(), 'i32'), (FUNCTIONS16, values16(), 'i32'),
                                    (FUNCTIONS64, values64(), 'i64')):
        for name, _, compute, note in functions:
            lines.comment(f'{name}: {note}.')
            for x in values:
                argument = f'(i64.const {s64(x)})' if kind == 'i64' else f'(i32.const {s32(x)})'
                lines.lines.append(f'(assert_return (invoke "{name}" {argument}) (i32.const {compute(x)}))')

    lines.comment('histogram over every byte value, over none, from the last byte of memory, '
                  'running past its end (a trap, the counts before it made); from the top of the '
                  '32-bit space (a trap: no wrap to address 0); counters at the end of memory (the '
                  'last, for non-letters, one byte past it: a trap at the first non-letter).')
    for p, n, fill, q in ((0x1000, 256, 0x1000, 0x2000), (0x1000, 0, 0x1000, 0x2000),
                          (0x1010, 100, 0x1000, 0x2000), (PAGE - 256, 256, PAGE - 256, 0x2000),
                          (PAGE - 1, 1, PAGE - 256, 0x2000), (PAGE - 100, 101, PAGE - 256, 0x2000),
                          (PAGE - 256, 257, PAGE - 256, 0x2000), (0xffffffff, 2, 0x1000, 0x2000),
                          (0x1000 + 97, 30, 0x1000, PAGE - 108), (0x1000 + 90, 30, 0x1000, PAGE - 108),
                          (0x1000 + 97, 30, 0x1000, PAGE - 107)):
        lines.reset()
        model.fill_bytes(fill)
        lines.lines.append(f'(assert_return {lines.invocation("fill_bytes", [fill])})')
        lines.check_void_call('histogram', [p, n, q], lambda: model.histogram(p, n, q))
        lines.check_windows([(fill, 256), (min(q, PAGE - 108), 108)])


def main():
    lines = ScriptLines(module(), Model())
    write(lines)
    write_script('narrowed_compares.py', __doc__, lines.lines)


if __name__ == '__main__':
    main()
