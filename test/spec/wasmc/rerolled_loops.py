#!/usr/bin/env python3
"""Writes rerolled_loops.wast: loops as clang's wasm build unrolls them, k copies of the same
accesses one element apart in each iteration (gemm's `C[i][j] *= beta` by 5), which
LoopRerollingPass (codegen/WasmPasses.h) rolls back up when the accesses come lane by lane, and
beside them loops it must leave alone (lanes in another order, a lane using the value of the
lane before, two lanes). The cases: zero-, one- and many-trip loops, the last access exactly at
the end of memory and one element or one byte past it (the trap in the right iteration, with the
stores before it done and none after: memory is hashed after each case), a recurrence through
memory, overlapping arrays, and address sums that wrap at 2^32 (a lane reading below address 0
must trap, not read below memory). Expectations come from a model of the loops below; when
wast2json and spectest-interp (wabt) are installed the written script is also run through them,
which must pass it.

usage: rerolled_loops.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, u32, write_script  # noqa: E402


def lane_loop(name, body, stride, params='(param $p i32) (param $n i32)'):
    """A loop over j = 0, stride, ... below n * stride (none when n is 0); `body` uses $a = p + j."""
    return f"""
  (func (export "{name}") {params}
    (local $j i32) (local $end i32) (local $a i32) (local $s i32)
    (local.set $end (i32.mul (local.get $n) (i32.const {stride})))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $a (i32.add (local.get $p) (local.get $j)))
{body}
        (local.set $j (i32.add (local.get $j) (i32.const {stride})))
        (br_if $l (i32.ne (local.get $j) (local.get $end))))))"""


def scale(offset):
    return (f'        (i32.store offset={offset} (local.get $a) (i32.add (i32.mul (i32.load offset={offset} '
            f'(local.get $a)) (i32.const 3)) (i32.const 1)))')


def scale_sum(offset):
    address = f'(i32.add (local.get $a) (i32.const {offset}))'
    return (f'        (i32.store {address} (i32.add (i32.mul (i32.load {address}) (i32.const 3)) '
            f'(i32.const 1)))')


def add_rows(offset):
    return (f'        (i64.store offset={offset} (local.get $a) (i64.add (i64.load offset={offset} (local.get $a))'
            f' (i64.load offset={offset} (i32.add (local.get $q) (local.get $j)))))')


def recurrence(m):
    """s[i] = 3 s[i - 4] + 1: each lane reads what the same lane wrote an iteration before,
    through a 32-bit sum that wraps at 2^32 when p is below 16."""
    return (f'        (i32.store offset={4 * m} (local.get $a) (i32.add (i32.mul (i32.load (i32.add (local.get $a) '
            f'(i32.const {4 * m - 16}))) (i32.const 3)) (i32.const 1)))')


def running_sum(m):
    """s[i] += s[i - 1] through the four elements of an iteration, each lane adding the lane
    before's sum (which it keeps in $s), so the loop is left alone."""
    first = '(i32.load (i32.add (local.get $a) (i32.const -4)))' if m == 0 else '(local.get $s)'
    return (f'        (local.set $s (i32.add {first} (i32.load offset={4 * m} (local.get $a))))\n'
            f'        (i32.store offset={4 * m} (local.get $a) (local.get $s))')


MODULE = (r"""(module
  (memory 1)
""" + RESET_FUNCTION + "\n" + HASH_FUNCTION
    # Rolled up: four i32 lanes, x = 3x + 1, addressed by static offsets.
    + lane_loop('scale4', '\n'.join(scale(4 * m) for m in range(4)), 16)
    # Rolled up: the same addressed by 32-bit sums, which wrap at 2^32.
    + lane_loop('scale4_sums', '\n'.join(scale_sum(4 * m) for m in range(4)), 16)
    # Left alone: the lanes from the last to the first.
    + lane_loop('scale4_reversed', '\n'.join(scale(4 * m) for m in reversed(range(4))), 16)
    # Rolled up: five lanes of a constant store (gemm's scaling loop is unrolled by 5).
    + lane_loop('fill5', '\n'.join(f'        (i32.store offset={4 * m} (local.get $a) (i32.const 7))'
                                    for m in range(5)), 20)
    # Rolled up: four i64 lanes of a[j] += b[j].
    + lane_loop('add_rows', '\n'.join(add_rows(8 * m) for m in range(4)), 32,
                '(param $p i32) (param $q i32) (param $n i32)')
    # Rolled up: four lanes of a recurrence four elements long.
    + lane_loop('recur4', '\n'.join(recurrence(m) for m in range(4)), 16)
    # Left alone: each lane adds the lane before's sum.
    + lane_loop('prefix4', '\n'.join(running_sum(m) for m in range(4)), 16)
    # Left alone: two lanes (an interleaved group LLVM's vectoriser takes as it is).
    + lane_loop('scale2', '\n'.join(scale(4 * m) for m in range(2)), 8)
    + '\n)\n')


class Model(MemoryModel):
    """Memory as the module keeps it and the loops' effects, access by access in wasm order."""

    def scale(self, address):
        self.store(address, 4, u32(self.load(address, 4) * 3 + 1))

    def run(self, function, *args):
        if function == 'add_rows':
            p, q, n = args
            for j in range(0, 32 * n, 32):
                for m in range(4):
                    value = self.load(u32(p + j) + 8 * m, 8) + self.load(u32(q + j) + 8 * m, 8)
                    self.store(u32(p + j) + 8 * m, 8, value)
            return
        p, n = args
        lanes, stride = SHAPES[function]
        for j in range(0, stride * n, stride):
            a = u32(p + j)
            s = 0
            for m in (reversed(range(lanes)) if function == 'scale4_reversed' else range(lanes)):
                if function in ('scale4', 'scale4_reversed', 'scale2'):
                    self.scale(a + 4 * m)
                elif function == 'scale4_sums':
                    self.scale(u32(a + 4 * m))
                elif function == 'fill5':
                    self.store(a + 4 * m, 4, 7)
                elif function == 'recur4':
                    self.store(a + 4 * m, 4, u32(self.load(u32(a + 4 * m - 16), 4) * 3 + 1))
                elif function == 'prefix4':
                    s = u32((self.load(u32(a - 4), 4) if m == 0 else s) + self.load(a + 4 * m, 4))
                    self.store(a + 4 * m, 4, s)


# lanes and bytes per iteration of the one-array loops
SHAPES = {'scale4': (4, 16), 'scale4_sums': (4, 16), 'scale4_reversed': (4, 16), 'fill5': (5, 20),
          'recur4': (4, 16), 'prefix4': (4, 16), 'scale2': (2, 8)}


# Whether a lane loads the bytes it stores first (so that a store straddling the end of memory is
# never reached: riscv64 under qemu-user may write part of one).
LOADS_FIRST = {'scale4', 'scale4_sums', 'scale4_reversed', 'prefix4', 'scale2'}


def write(script):
    for function, (lanes, stride) in SHAPES.items():
        script.comment(f'{function}: 0, 1, 2, 3 and 50 iterations in bounds.')
        for n in (0, 1, 2, 3, 50):
            script.void_case(function, 0x1000, n, windows=[(0x1000 - 16, 20 * 52)])
        script.comment(f'{function}: the last iteration ending exactly at the end of memory, '
                       'one element and one byte past it; starting past it.')
        for n in (1, 2, 9):
            for past in ((0, 4, 1, 8) if function in LOADS_FIRST else (0, 4, 8)):
                script.void_case(function, PAGE - stride * n + past, n, windows=[(PAGE - 256, 256)])
        script.void_case(function, PAGE, 3, windows=[(PAGE - 64, 64)])
        script.comment(f'{function}: addresses at and around 2^32.')
        for p in (0, 4, 0x100000000 - 4, 0x100000000 - stride, 0x100000000 - 2 * stride):
            script.void_case(function, p, 3, windows=[(0, 64), (PAGE - 64, 64)])
    script.comment('add_rows: in bounds, overlapping, at the end of memory and past it, wrapping.')
    for p, q, n in ((0x1000, 0x2000, 0), (0x1000, 0x2000, 1), (0x1000, 0x2000, 40),
                    (0x1000, 0x1008, 20), (0x1008, 0x1000, 20), (0x1000, 0x1000, 20),
                    (PAGE - 320, 0x2000, 10), (PAGE - 312, 0x2000, 10), (0x2000, PAGE - 312, 10),
                    (0x2000, PAGE - 319, 10), (0x100000000 - 32, 0x2000, 2), (0x2000, 0x100000000 - 8, 2)):
        script.void_case('add_rows', p, q, n, windows=[(0x1000, 0x1600), (PAGE - 384, 384)])


def main():
    script = ScriptLines(MODULE, Model())
    write(script)
    write_script('rerolled_loops.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
