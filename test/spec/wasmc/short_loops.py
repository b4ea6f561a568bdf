#!/usr/bin/env python3
"""Writes short_loops.wast: loops that SCEV bounds to at most 16 iterations an entry
(kMaxShortLoopTrips, codegen/WasmPasses.h), which LoopAddressWidening leaves without its
in-bounds check (they keep their trap witnesses and barriers), beside one bounded to 17, which it
still versions. The loops: qsort's swap_bytes as clang-19 -O2 compiles it (its word loop unrolled
by 4, the remainder of at most 3 words and 3 bytes in loops of their own), and word copies of
`(n & 15) + 1`, 16 (a constant trip count, which stays versioned) and `(n & 15) + 2` words. The cases: every length, zero-trip loops, the last access
exactly at the end of memory and one byte or one element past it (the trap at the right
iteration, with the stores before it done and none after: memory is hashed after each case), and addresses that wrap
at 2^32. Expectations come from a model of the loops below; when wast2json and spectest-interp
(wabt) are installed the written script is also run through them, which must pass it.

usage: short_loops.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, u32, write_script  # noqa: E402


MODULE = r'''(module
  (memory 1)
''' + RESET_FUNCTION + r'''
''' + HASH_FUNCTION + r'''

  ;; qsort's swap_bytes as clang-19 -O2 compiles it for wasm32:
  ;;   while (size >= 4) { swap 4 bytes; a += 4; b += 4; size -= 4; }
  ;;   while (size--) { swap 1 byte; }
  (func (export "swap_words") (param i32 i32 i32)
    (local i32 i32 i32)
    block
      local.get 2
      i32.const 4
      i32.lt_u
      br_if 0
      block
        local.get 2
        i32.const -4
        i32.add
        local.tee 3
        i32.const 2
        i32.shr_u
        i32.const 1
        i32.add
        i32.const 3
        i32.and
        local.tee 4
        i32.eqz
        br_if 0
        local.get 2
        local.get 4
        i32.const 2
        i32.shl
        i32.sub
        local.set 2
        loop
          local.get 0
          i32.load align=1
          local.set 5
          local.get 0
          local.get 1
          i32.load align=1
          i32.store align=1
          local.get 1
          local.get 5
          i32.store align=1
          local.get 1
          i32.const 4
          i32.add
          local.set 1
          local.get 0
          i32.const 4
          i32.add
          local.set 0
          local.get 4
          i32.const -1
          i32.add
          local.tee 4
          br_if 0
        end
      end
      local.get 3
      i32.const 12
      i32.lt_u
      br_if 0
      loop
        local.get 0
        i32.load align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load align=1
        i32.store align=1
        local.get 1
        local.get 4
        i32.store align=1
        local.get 0
        i32.load offset=4 align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load offset=4 align=1
        i32.store offset=4 align=1
        local.get 1
        local.get 4
        i32.store offset=4 align=1
        local.get 0
        i32.load offset=8 align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load offset=8 align=1
        i32.store offset=8 align=1
        local.get 1
        local.get 4
        i32.store offset=8 align=1
        local.get 0
        i32.load offset=12 align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load offset=12 align=1
        i32.store offset=12 align=1
        local.get 1
        local.get 4
        i32.store offset=12 align=1
        local.get 1
        i32.const 16
        i32.add
        local.set 1
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        local.get 2
        i32.const -16
        i32.add
        local.tee 2
        i32.const 3
        i32.gt_u
        br_if 0
      end
    end
    block
      local.get 2
      i32.eqz
      br_if 0
      block
        block
          local.get 2
          i32.const 3
          i32.and
          local.tee 4
          br_if 0
          local.get 2
          local.set 3
          br 1
        end
        local.get 2
        i32.const -4
        i32.and
        local.set 3
        loop
          local.get 0
          i32.load8_u
          local.set 5
          local.get 0
          local.get 1
          i32.load8_u
          i32.store8
          local.get 1
          local.get 5
          i32.store8
          local.get 1
          i32.const 1
          i32.add
          local.set 1
          local.get 0
          i32.const 1
          i32.add
          local.set 0
          local.get 4
          i32.const -1
          i32.add
          local.tee 4
          br_if 0
        end
      end
      local.get 2
      i32.const 4
      i32.lt_u
      br_if 0
      loop
        local.get 0
        i32.load8_u
        local.set 4
        local.get 0
        local.get 1
        i32.load8_u
        i32.store8
        local.get 1
        local.get 4
        i32.store8
        local.get 0
        i32.const 1
        i32.add
        local.tee 4
        i32.load8_u
        local.set 5
        local.get 4
        local.get 1
        i32.const 1
        i32.add
        local.tee 2
        i32.load8_u
        i32.store8
        local.get 2
        local.get 5
        i32.store8
        local.get 0
        i32.const 2
        i32.add
        local.tee 4
        i32.load8_u
        local.set 5
        local.get 4
        local.get 1
        i32.const 2
        i32.add
        local.tee 2
        i32.load8_u
        i32.store8
        local.get 2
        local.get 5
        i32.store8
        local.get 0
        i32.const 3
        i32.add
        local.tee 4
        i32.load8_u
        local.set 5
        local.get 4
        local.get 1
        i32.const 3
        i32.add
        local.tee 2
        i32.load8_u
        i32.store8
        local.get 2
        local.get 5
        i32.store8
        local.get 1
        i32.const 4
        i32.add
        local.set 1
        local.get 0
        i32.const 4
        i32.add
        local.set 0
        local.get 3
        i32.const -4
        i32.add
        local.tee 3
        br_if 0
      end
    end)

  ;; dst[i] = src[i] + i for i < (n & 15) + 1: at most 16 iterations.
  (func (export "copy16") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32) (local $k i32)
    (local.set $k (i32.add (i32.and (local.get $n) (i32.const 15)) (i32.const 1)))
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                          (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $k)))))

  ;; The same for i < 16: a constant trip count, versioned (its checked copy is straight-line
  ;; code without witnesses).
  (func (export "copy_const16") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                          (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16)))))

  ;; The same for i < (n & 15) + 2: at most 17 iterations.
  (func (export "copy17") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32) (local $k i32)
    (local.set $k (i32.add (i32.and (local.get $n) (i32.const 15)) (i32.const 2)))
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                          (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $k)))))
)
'''




# How many words each copy copies: (n & mask) + extra.
COPIES = {'copy16': dict(extra=1), 'copy_const16': dict(extra=16, mask=0), 'copy17': dict(extra=2)}



class Model(MemoryModel):
    """Memory as the module keeps it and the loops' effects, access by access in wasm order."""

    def swap_words(self, a, b, size):
        # Every unrolled copy swaps in the C order: load a, load b, store a, store b.
        while size >= 4:
            x = self.load(a, 4)
            y = self.load(b, 4)
            self.store(a, 4, y)
            self.store(b, 4, x)
            a, b, size = u32(a + 4), u32(b + 4), size - 4
        while size:
            x = self.load(a, 1)
            y = self.load(b, 1)
            self.store(a, 1, y)
            self.store(b, 1, x)
            a, b, size = u32(a + 1), u32(b + 1), size - 1

    def copy(self, dst, src, n, extra, mask=15):
        for i in range((n & mask) + extra):
            value = self.load(u32(src + 4 * i), 4)
            self.store(u32(dst + 4 * i), 4, value + i)


class Script(ScriptLines):
    def __init__(self):
        super().__init__(MODULE, Model())

    def case(self, function, *args, windows):
        """Resets memory, runs `function`, and checks the result and the bytes of `windows`."""
        self.reset()
        if function == 'swap_words':
            self.check_void_call(function, args, lambda: self.model.swap_words(*args))
        else:
            self.check_void_call(function, args, lambda: self.model.copy(*args, **COPIES[function]))
        self.check_windows(windows)


def write(script):
    script.comment('swap_words: every size 0..40, in bounds.')
    for size in range(0, 41):
        script.case('swap_words', 0x100, 0x200, size, windows=[(0x100, 48), (0x200, 48)])
    script.comment('swap_words: b ending exactly at the end of memory, one and four bytes past it.')
    for size in (3, 4, 5, 8, 11, 12, 15, 16, 20, 23, 28):
        for past in (0, 1, 4):
            b = PAGE - size + past
            script.case('swap_words', 0x300, b, size, windows=[(0x300, 32), (PAGE - 32, 32)])
            script.case('swap_words', b, 0x300, size, windows=[(0x300, 32), (PAGE - 32, 32)])
    script.comment('swap_words: addresses that wrap at 2^32.')
    for size in (1, 4, 7, 20):
        script.case('swap_words', 0x100000000 - 4, 0x400, size, windows=[(0x400, 32)])
        script.case('swap_words', 0x400, 0x100000000 - 2, size, windows=[(0x400, 32)])
    for function in COPIES:
        script.comment(f'{function}: every n 0..17 (n & 15 words and more), in bounds.')
        for n in range(0, 18):
            script.case(function, 0x1000, 0x2000, n, windows=[(0x1000, 80)])
        script.comment(f'{function}: the last store exactly at the end of memory and past it, '
                       'the last load likewise.')
        for n in (0, 3, 14, 15):
            words = (n & COPIES[function].get('mask', 15)) + COPIES[function]['extra']
            for past in (0, 1, 4):
                end = PAGE - 4 * words + past
                # A store straddling the end of memory is left out: riscv64 (qemu-user) writes
                # the bytes of it that are in bounds before the fault, as it did before this pass.
                if past != 1:
                    script.case(function, end, 0x2000, n, windows=[(PAGE - 80, 80)])
                script.case(function, 0x1000, end, n, windows=[(0x1000, 80)])
        script.comment(f'{function}: addresses that wrap at 2^32.')
        for n in (0, 5):
            script.case(function, 0x100000000 - 8, 0x2000, n, windows=[(0, 16)])
            script.case(function, 0x1000, 0x100000000 - 4, n, windows=[(0x1000, 16)])


def main():
    script = Script()
    write(script)
    write_script('short_loops.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
