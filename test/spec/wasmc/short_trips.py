#!/usr/bin/env python3
"""Writes short_trips.wast: loops that LoopAddressWidening versions for bounds whose trip count is
a run-time value, which take the original copy (with its trap witnesses and barriers) when their
iterations make fewer accesses than the check has instructions (at most 16 iterations,
kMaxShortLoopTrips in codegen/WasmPasses.h; here 6, 12 and 7), tested before the rest of the
check (`wasm.short.trips`), and the checked copy otherwise. The loops: fannkuch's flip as
clang-19 -O2 compiles it (reverse p[0..k], k = p[0], two swaps an iteration and a remainder),
a word copy of n words (SCEV counts it) and a scaling loop `p += 4 until p == end` (SCEV does
not: the counter check of LoopAddressWidening). The cases: every trip count 0..40 around the
threshold, the last access exactly at the end of memory and one element past it, a trap midway
(the flip's back pointer wrapping through 0 to 2^32 - 8; the copy's source running off the end of
memory; the scaling loop running off the end when `end` is never met), with the stores before it
done and none after (memory is hashed after each case), and addresses that wrap at 2^32.
Expectations come from a model of the loops below; when wast2json and spectest-interp (wabt) are
installed the written script is also run through them, which must pass it.

usage: short_trips.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, s32, u32, write_script  # noqa: E402


MODULE = r'''(module
  (memory 1)
''' + RESET_FUNCTION + r'''
''' + HASH_FUNCTION + r'''
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))

  ;; fannkuch's flip, as clang-19 -O2 compiles it for wasm32:
  ;;   k = p[0]; for (i = 0; i < (k + 1) >> 1; i++) swap(p[i], p[k - i]);
  ;; unrolled by 2 (front and back pointers), then one more swap when (k + 1) & 2.
  (func (export "flip") (param $p i32)
    (local $k i32) (local $k1 i32) (local $half i32) (local $i i32) (local $m i32)
    (local $front i32) (local $back i32) (local $t i32)
    (local.set $k (i32.load (local.get $p)))
    (local.set $k1 (i32.add (local.get $k) (i32.const 1)))
    (local.set $half (i32.shr_s (local.get $k1) (i32.const 1)))
    (br_if 0 (i32.lt_s (local.get $half) (i32.const 1)))
    (block $pairs
      (br_if $pairs (i32.eq (local.get $half) (i32.const 1)))
      (local.set $m (i32.and (local.get $half) (i32.const 2147483646)))
      (local.set $back (i32.add (i32.add (local.get $p) (i32.const -4))
                                (i32.shl (local.get $k) (i32.const 2))))
      (local.set $front (local.get $p))
      (loop $l
        (local.set $t (i32.load (local.get $front)))
        (i32.store (local.get $front) (i32.load (i32.add (local.get $back) (i32.const 4))))
        (i32.store (i32.add (local.get $back) (i32.const 4)) (local.get $t))
        (local.set $t (i32.load (i32.add (local.get $front) (i32.const 4))))
        (i32.store (i32.add (local.get $front) (i32.const 4)) (i32.load (local.get $back)))
        (i32.store (local.get $back) (local.get $t))
        (local.set $back (i32.add (local.get $back) (i32.const -8)))
        (local.set $front (i32.add (local.get $front) (i32.const 8)))
        (br_if $l (i32.ne (local.get $m)
                          (local.tee $i (i32.add (local.get $i) (i32.const 2)))))))
    (if (i32.and (local.get $k1) (i32.const 2))
      (then
        (local.set $front (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $t (i32.load (local.get $front)))
        (local.set $back (i32.add (local.get $p)
                                  (i32.shl (i32.sub (local.get $k) (local.get $i)) (i32.const 2))))
        (i32.store (local.get $front) (i32.load (local.get $back)))
        (i32.store (local.get $back) (local.get $t)))))

  ;; dst[i] = src[i] + i for i < n (SCEV counts it: n - 1 back edges).
  (func (export "copy") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (br_if 0 (i32.eqz (local.get $n)))
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                          (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))

  ;; do { *p = *p * 3 + 1; p += 4; } while (p != end): SCEV does not count it (the counter check).
  (func (export "scale") (param $p i32) (param $end i32)
    (loop $l
      (i32.store (local.get $p) (i32.add (i32.mul (i32.load (local.get $p)) (i32.const 3))
                                         (i32.const 1)))
      (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 4))) (local.get $end)))))
)
'''


class Model(MemoryModel):
    """Memory as the module keeps it and the loops' effects, access by access in wasm order."""

    def swap(self, a, b):
        x = self.load(a, 4)
        self.store(a, 4, self.load(b, 4))
        self.store(b, 4, x)

    def flip(self, p):
        k = s32(self.load(p, 4))
        k1 = s32(k + 1)
        half = k1 >> 1
        if half < 1:
            return
        i = 0
        if half != 1:
            m = half & 0x7ffffffe
            back = u32(p - 4 + 4 * k)
            front = p
            while True:
                self.swap(front, u32(back + 4))
                self.swap(u32(front + 4), back)
                back, front = u32(back - 8), u32(front + 8)
                i = u32(i + 2)
                if i == m:
                    break
        if k1 & 2:
            self.swap(u32(p + 4 * i), u32(p + 4 * (k - i)))

    def copy(self, dst, src, n):
        for i in range(n):
            value = self.load(u32(src + 4 * i), 4)
            self.store(u32(dst + 4 * i), 4, value + i)

    def scale(self, p, end):
        while True:
            self.store(p, 4, self.load(p, 4) * 3 + 1)
            p = u32(p + 4)
            if p == end:
                return


class Script(ScriptLines):
    def __init__(self):
        super().__init__(MODULE, Model())

    def case(self, function, *args, windows, setup=()):
        """Resets memory, stores `setup` ((address, i32) pairs), runs `function`, and checks the
        result and the bytes of `windows`."""
        self.reset()
        for address, value in setup:
            self.model.store(address, 4, value)
            self.lines.append(f'(assert_return (invoke "store" (i32.const {address:#x}) '
                              f'(i32.const {s32(value)})))')
        self.check_void_call(function, args, lambda: getattr(self.model, function)(*args))
        self.check_windows(windows)


def write(script):
    script.comment('flip: every k 0..80 (0..40 swaps, 0..20 iterations of the loop), in bounds.')
    for k in range(0, 81):
        script.case('flip', 0x400, windows=[(0x400, 4 * 82)], setup=[(0x400, k)])
    script.comment('flip: k < 0 (no swap).')
    for k in (-1, -2, -0x80000000):
        script.case('flip', 0x400, windows=[(0x400, 16)], setup=[(0x400, u32(k))])
    script.comment('flip: p[k] exactly the last word of memory, and one word past it.')
    for k in (2, 3, 31, 32, 33, 34, 35, 40, 64, 65):
        for past in (0, 4):
            p = PAGE - 4 * (k + 1) + past
            script.case('flip', p, windows=[(PAGE - 4 * 70, 4 * 70)], setup=[(p, k)])
    script.comment('flip: the back pointer wraps through 0 to 2^32 - 8 midway (a trap after some '
                   'swaps), or starts past 2^32 (wrapping to a low address).')
    for back in (0x8, 0x40, 0x44, 0x80):
        p = 0x1000
        k = (0x100000000 + back - p) // 4
        script.case('flip', p, windows=[(0, 0x100), (p, 0x400)], setup=[(p, k)])
    for k in (0x3ffffc00, 0x3ffffc10, 0x3ffffc11):
        script.case('flip', 0x1000, windows=[(0, 0x100), (0x1000, 0x100)], setup=[(0x1000, k)])

    script.comment('copy: every n 0..40, in bounds.')
    for n in range(0, 41):
        script.case('copy', 0x1000, 0x2000, n, windows=[(0x1000, 4 * 42)])
    script.comment('copy: the last store or load exactly at the end of memory and one element past it '
                   '(for 16 and 17 words the trap midway, at the last word).')
    for n in (1, 15, 16, 17, 18, 33):
        for past in (0, 4):
            end = PAGE - 4 * n + past
            script.case('copy', end, 0x2000, n, windows=[(PAGE - 4 * 40, 4 * 40)])
            script.case('copy', 0x1000, end, n, windows=[(0x1000, 4 * 40)])
    script.comment('copy: short counts (below the test\'s bound and up to 17) whose element j is the '
                   'first past the end of memory, for every j: the trap midway, with the stores '
                   'of elements 0..j-1 done (a copy vectorised without witnesses loads a group of '
                   'elements before storing any).')
    for n in range(2, 18):
        for j in range(1, n):
            script.case('copy', 0x1000, PAGE - 4 * j, n, windows=[(0x1000, 4 * 20)])
            script.case('copy', PAGE - 4 * j, 0x2000, n, windows=[(PAGE - 4 * 20, 4 * 20)])
    script.comment('copy: addresses that wrap at 2^32.')
    for n in (5, 16, 17, 30):
        script.case('copy', 0x100000000 - 8, 0x2000, n, windows=[(0, 16)])
        script.case('copy', 0x1000, 0x100000000 - 4, n, windows=[(0x1000, 4 * 32)])
        script.case('copy', 0x1000, 0x100000000 - 4 * n, n, windows=[(0x1000, 4 * 32)])

    script.comment('scale: 1..40 words, in bounds.')
    for n in range(1, 41):
        script.case('scale', 0x1000, 0x1000 + 4 * n, windows=[(0x1000, 4 * 42)])
    script.comment('scale: ending exactly at the end of memory; an end it never meets (it runs '
                   'off the end of memory: a trap midway).')
    for n in (1, 16, 17, 40):
        script.case('scale', PAGE - 4 * n, PAGE, windows=[(PAGE - 4 * 42, 4 * 42)])
        script.case('scale', PAGE - 4 * n, PAGE + 2, windows=[(PAGE - 4 * 42, 4 * 42)])
        script.case('scale', PAGE - 4 * n + 2, PAGE, windows=[(PAGE - 4 * 42, 4 * 42)])
    script.comment('scale: addresses that wrap at 2^32 (from 2^32 - 4 * n to 0, and past 0).')
    for n in (1, 16, 17):
        script.case('scale', 0x100000000 - 4 * n, 0, windows=[(0, 16)])
        script.case('scale', 0x100000000 - 4 * n, 4 * n, windows=[(0, 4 * 20)])


def main():
    script = Script()
    write(script)
    write_script('short_trips.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
