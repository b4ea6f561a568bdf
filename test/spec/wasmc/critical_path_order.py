#!/usr/bin/env python3
"""Writes critical_path_order.wast: single-block loops whose instructions CriticalPathOrderPass
(codegen/CriticalPathOrder.cpp) puts in another order at -O2, longest dependency chain first. Two
chains of rotates, xors and adds (sha256's rounds: the short one first in the wasm order, as
clang's wasm build leaves it) around a load, a store and a load of the stored word (or another) per iteration: only the pure arithmetic
may move, so every load and store must happen, or trap, where the wasm order has it. The cases:
loads and stores in bounds, at the last bytes of memory, straddling its end at the k-th
iteration (a trap, with the k stores before it made and none after), address sums that wrap at
2^32 to the start of memory (no trap), ranges where each store writes the word the next
iteration loads (the load must see it) and where it writes the word just loaded, zero
iterations. An i64 loop with a static offset (which does not wrap: a trap) and a loop that
divides by a loaded byte (a trap at the zero byte, after the stores before it) are there too.
Memory is hashed after each case. Expectations come from a model below; when wast2json and
spectest-interp (wabt) are installed the written script is also run through them, which must
pass it.

usage: critical_path_order.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, Trap, s32, u32, write_script  # noqa: E402


MODULE = r'''(module
  (memory 1)
''' + RESET_FUNCTION + r'''
''' + HASH_FUNCTION + r'''

  ;; For i in [start, start + n): w = load(p + 4i); t2 = S0(a) + (a & b), the short chain, first;
  ;; t1 = h + w + Ch(e, f, h) + S1(e), the long one; store(q + 4i, t1); the state rotates, a
  ;; taking (t1 + t2) ^ load(r + 4i).
  (func (export "rounds") (param $p i32) (param $start i32) (param $n i32) (param $q i32) (param $r i32)
    (result i32)
    (local $i i32) (local $end i32) (local $a i32) (local $b i32) (local $e i32) (local $f i32)
    (local $h i32) (local $w i32) (local $t1 i32) (local $t2 i32)
    (local.set $a (i32.const 0x6a09e667))
    (local.set $b (i32.const 0xbb67ae85))
    (local.set $e (i32.const 0x510e527f))
    (local.set $f (i32.const 0x9b05688c))
    (local.set $h (i32.const 0x5be0cd19))
    (local.set $i (local.get $start))
    (local.set $end (i32.add (local.get $start) (local.get $n)))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $t2
          (i32.add (i32.xor (i32.xor (i32.rotl (local.get $a) (i32.const 30))
                                     (i32.rotl (local.get $a) (i32.const 19)))
                            (i32.rotl (local.get $a) (i32.const 10)))
                   (i32.and (local.get $a) (local.get $b))))
        (local.set $w (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $t1
          (i32.add (i32.add (i32.add (local.get $h) (local.get $w))
                            (i32.xor (i32.and (local.get $e) (local.get $f))
                                     (i32.and (i32.xor (local.get $e) (i32.const -1)) (local.get $h))))
                   (i32.xor (i32.xor (i32.rotl (local.get $e) (i32.const 26))
                                     (i32.rotl (local.get $e) (i32.const 21)))
                            (i32.rotl (local.get $e) (i32.const 7)))))
        (i32.store (i32.add (local.get $q) (i32.shl (local.get $i) (i32.const 2))) (local.get $t1))
        (local.set $h (local.get $f))
        (local.set $f (local.get $e))
        (local.set $e (i32.add (local.get $b) (local.get $t1)))
        (local.set $b (local.get $a))
        ;; With a word at r + 4i, the one just stored when r = q (a load that must not move above
        ;; the store, though the longest chain, which comes first, needs it).
        (local.set $a (i32.xor (i32.add (local.get $t1) (local.get $t2))
                               (i32.load (i32.add (local.get $r) (i32.shl (local.get $i) (i32.const 2))))))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $end)))))
    (i32.xor (i32.xor (local.get $a) (local.get $e)) (local.get $h)))

  ;; The same shape in i64, loading p + 8i + 8 (a static offset) and storing the low half at q + 4i.
  (func (export "rounds64") (param $p i32) (param $n i32) (param $q i32) (result i64)
    (local $i i32) (local $a i64) (local $e i64) (local $w i64) (local $t1 i64) (local $t2 i64)
    (local.set $a (i64.const 0x6a09e667f3bcc908))
    (local.set $e (i64.const 0x510e527fade682d1))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $t2 (i64.xor (i64.rotl (local.get $a) (i64.const 36))
                                (i64.rotl (local.get $a) (i64.const 30))))
        (local.set $w (i64.load offset=8 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $t1 (i64.add (i64.add (local.get $w) (local.get $a))
                                (i64.xor (i64.xor (i64.rotl (local.get $e) (i64.const 50))
                                                  (i64.rotl (local.get $e) (i64.const 46)))
                                         (i64.rotl (local.get $e) (i64.const 23)))))
        (i32.store (i32.add (local.get $q) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.wrap_i64 (local.get $t1)))
        (local.set $e (i64.add (local.get $e) (local.get $t1)))
        (local.set $a (i64.add (local.get $t1) (local.get $t2)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
    (i64.xor (local.get $a) (local.get $e)))

  ;; s = rotl(s, 5) + 0x7fffffff / byte[p + i]; store(q + 4i, s): traps at a zero byte.
  (func (export "divide") (param $p i32) (param $n i32) (param $q i32) (result i32)
    (local $i i32) (local $s i32)
    (local.set $s (i32.const 0x12345678))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 5))
                               (i32.div_u (i32.const 0x7fffffff)
                                          (i32.load8_u (i32.add (local.get $p) (local.get $i))))))
        (i32.store (i32.add (local.get $q) (i32.shl (local.get $i) (i32.const 2))) (local.get $s))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
    (local.get $s))
)
'''


def rotl32(x, k):
    x = u32(x)
    return u32((x << k) | (x >> (32 - k)))


def rotl64(x, k):
    x &= (1 << 64) - 1
    return ((x << k) | (x >> (64 - k))) & ((1 << 64) - 1)


class DivideByZero(Exception):
    pass


class Model(MemoryModel):
    def rounds(self, p, start, n, q, r):
        a, b, e, f, h = 0x6a09e667, 0xbb67ae85, 0x510e527f, 0x9b05688c, 0x5be0cd19
        for i in range(start, start + n):
            t2 = u32((rotl32(a, 30) ^ rotl32(a, 19) ^ rotl32(a, 10)) + (a & b))
            w = self.load(u32(p + u32(i << 2)), 4)
            t1 = u32(h + w + ((e & f) ^ (~e & h)) + (rotl32(e, 26) ^ rotl32(e, 21) ^ rotl32(e, 7)))
            self.store(u32(q + u32(i << 2)), 4, t1)
            back = self.load(u32(r + u32(i << 2)), 4)
            h, f, e, b, a = f, e, u32(b + t1), a, u32(t1 + t2) ^ back
        return s32(a ^ e ^ h)

    def rounds64(self, p, n, q):
        mask = (1 << 64) - 1
        a, e = 0x6a09e667f3bcc908, 0x510e527fade682d1
        for i in range(n):
            t2 = rotl64(a, 36) ^ rotl64(a, 30)
            w = self.load(u32(p + u32(i << 3)) + 8, 8)  # the static offset does not wrap
            t1 = (w + a + (rotl64(e, 50) ^ rotl64(e, 46) ^ rotl64(e, 23))) & mask
            self.store(u32(q + u32(i << 2)), 4, t1)
            e, a = (e + t1) & mask, (t1 + t2) & mask
        value = a ^ e
        return value - (1 << 64) if value >> 63 else value

    def divide(self, p, n, q):
        s = 0x12345678
        for i in range(n):
            byte = self.load(u32(p + i), 1)
            if byte == 0:
                raise DivideByZero()
            s = u32(rotl32(s, 5) + 0x7fffffff // byte)
            self.store(u32(q + u32(i << 2)), 4, s)
        return s32(s)


class Script(ScriptLines):
    def __init__(self):
        super().__init__(MODULE, Model())

    def case(self, function, *args, windows):
        self.reset()
        invoke = self.invocation(function, args)
        result_type = 'i64' if function == 'rounds64' else 'i32'
        try:
            result = getattr(self.model, function)(*args)
            self.lines.append(f'(assert_return {invoke} ({result_type}.const {result}))')
        except Trap:
            self.lines.append(f'(assert_trap {invoke} "out of bounds memory access")')
        except DivideByZero:
            self.lines.append(f'(assert_trap {invoke} "integer divide by zero")')
        self.check_windows(windows)


def write(script):
    end = (PAGE - 256, 256)
    script.comment('rounds in bounds, and zero iterations.')
    for n in (0, 1, 2, 7, 64, 200):
        script.case('rounds', 0x100, 0, n, 0x2000, 0x2000, windows=[(0x2000, 1024)])
    script.comment('Loads up to the last bytes of memory, and the k-th one straddling its end or past it '
                   '(the stores of the iterations before it made, none after).')
    for k in (0, 1, 5, 31):
        for beyond in (0, 1, 2, 4):
            p = PAGE - 4 * k - 4 + beyond
            script.case('rounds', p, 0, 40, 0x2000, 0x2000, windows=[(0x2000, 256)])
    script.comment('Stores up to the last bytes of memory, and the k-th one straddling its end.')
    for k in (0, 3, 17):
        for beyond in (0, 1, 3):
            q = PAGE - 4 * k - 4 + beyond
            script.case('rounds', 0x100, 0, 30, q, q, windows=[end])
    script.comment('Address sums that wrap at 2^32 to the start of memory: the base, and the shifted index.')
    script.case('rounds', 0x100000000 - 0x100, 0x40, 50, 0x100000000 - 0x80, 0x100000000 - 0x80,
                windows=[(0, 1024)])
    script.case('rounds', 0x200, 0x40000000 - 8, 30, 0x3000, 0x3000, windows=[(0x1e0, 64), (0x2fe0, 256)])
    script.case('rounds', 0x100000000 - 0x10, 0, 20, 0x3000, 0x3000, windows=[(0x3000, 128)])
    script.comment('Each store writes the word the next iteration loads (it must see it), '
                   'or the word just loaded.')
    script.case('rounds', 0x400, 0, 100, 0x404, 0x404, windows=[(0x400, 512)])
    script.case('rounds', 0x400, 0, 100, 0x400, 0x400, windows=[(0x400, 512)])
    script.case('rounds', 0x404, 0, 100, 0x400, 0x400, windows=[(0x400, 512)])
    script.comment('The word read back is the next one to be stored, or the one the next iteration loads; '
                   'and the k-th read-back past the end of memory (after its store).')
    script.case('rounds', 0x400, 0, 100, 0x800, 0x804, windows=[(0x800, 512)])
    script.case('rounds', 0x400, 0, 100, 0x800, 0x404, windows=[(0x400, 512), (0x800, 512)])
    for k in (0, 6):
        script.case('rounds', 0x400, 0, 20, 0x800, PAGE - 4 * k - 2, windows=[(0x800, 128)])
    script.comment('i64 rounds: in bounds, the static offset past the end (it does not wrap), the k-th '
                   'load straddling the end, the store before it.')
    for p, n, q in ((0x100, 50, 0x3000), (0x100, 0, 0x3000), (0xfffffff8, 3, 0x3000),
                    (PAGE - 8 * 6 - 8, 10, 0x3000), (PAGE - 8 * 6 - 5, 10, 0x3000),
                    (0x100, 20, PAGE - 4 * 9)):
        script.case('rounds64', p, n, q, windows=[(0x3000, 128), end])
    script.comment('A division by a loaded byte: the byte at 219 is 0 (219 * 7 + 3 = 1536).')
    for p, n in ((200, 10), (200, 19), (200, 20), (200, 40), (PAGE - 5, 5), (PAGE - 5, 6)):
        script.case('divide', p, n, 0x3000, windows=[(0x3000, 256)])


def main():
    script = Script()
    write(script)
    write_script('critical_path_order.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
