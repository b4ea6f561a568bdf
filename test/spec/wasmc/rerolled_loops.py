#!/usr/bin/env python3
"""Writes rerolled_loops.wast: loops as clang's wasm build unrolls them, k copies of the same
accesses one element apart in each iteration (gemm's `C[i][j] *= beta` by 5), which
LoopRerollingPass (codegen/WasmPasses.h) rolls back up when the accesses come lane by lane, and
beside them loops it must leave alone (lanes in another order, a lane using the value of the
lane before). The cases: zero-, one- and many-trip loops, the last access exactly at the end of
memory and one element or one byte past it, a recurrence through memory (the trap at the right access of the right lane,
with the stores before it done and none after: memory is hashed after each case), and address
sums that wrap at 2^32 (a lane reading 4 bytes below address 0 must trap, not read below
memory). Expectations come from a model of the loops below; when wast2json and spectest-interp
(wabt) are installed the written script is also run through them, which must pass it.

The cases that wasmc fails today for a reason of its own (KNOWN_FAILING below) go to
failing/stores_merged_before_trap.wast beside OUTPUT.

usage: rerolled_loops.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import HASH_FUNCTION, PAGE, MemoryModel, Trap, s32, u32, write_script  # noqa: E402


def lane_loop(name, body, stride, params='(param $p i32) (param $n i32)'):
    """A loop over j = 0, stride, ... below n * stride (none when n is 0); `body` uses $a = p + j."""
    return f'''
  (func (export "{name}") {params}
    (local $j i32) (local $end i32) (local $a i32)
    (local.set $end (i32.mul (local.get $n) (i32.const {stride})))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $a (i32.add (local.get $p) (local.get $j)))
{body}
        (local.set $j (i32.add (local.get $j) (i32.const {stride})))
        (br_if $l (i32.ne (local.get $j) (local.get $end))))))'''


def scale(offset, load='i32.load', store='i32.store', kind='i32'):
    return (f'        ({store} offset={offset} (local.get $a) ({kind}.add ({kind}.mul ({load} offset={offset} '
            f'(local.get $a)) ({kind}.const 3)) ({kind}.const 1)))')


def scale_sum(offset):
    address = f'(i32.add (local.get $a) (i32.const {offset}))'
    return (f'        (i32.store {address} (i32.add (i32.mul (i32.load {address}) (i32.const 3)) '
            f'(i32.const 1)))')


def add_rows(offset):
    return (f'        (i64.store offset={offset} (local.get $a) (i64.add (i64.load offset={offset} (local.get $a))'
            f' (i64.load offset={offset} (i32.add (local.get $q) (local.get $j)))))')


# s[i] = 3 s[i - 2] + 1 for the two elements of an iteration: each lane reads what the same lane
# wrote an iteration before, through a 32-bit sum that wraps at 2^32 when p is 0.
RECURRENCE = '''        (i32.store (local.get $a) (i32.add (i32.mul (i32.load (i32.add (local.get $a) (i32.const -8)))
                                                    (i32.const 3)) (i32.const 1)))
        (i32.store offset=4 (local.get $a) (i32.add (i32.mul (i32.load (i32.add (local.get $a) (i32.const -4)))
                                                             (i32.const 3)) (i32.const 1)))'''
# s[i] += s[i - 1] for the two elements of an iteration, the second adding the first's sum: a lane
# uses the value of the lane before, so the loop is left alone.
PREFIX = '''        (local.set $s (i32.add (i32.load (i32.add (local.get $a) (i32.const -4)))
                               (i32.load (local.get $a))))
        (i32.store (local.get $a) (local.get $s))
        (i32.store offset=4 (local.get $a) (i32.add (local.get $s) (i32.load offset=4 (local.get $a))))'''

MODULE = (r'''(module
  (memory 1)
  (func $reset (export "reset")
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 0x10000)))))
  (start $reset)
''' + HASH_FUNCTION
    # Rolled up: four i32 lanes, x = 3x + 1, addressed by static offsets.
    + lane_loop('scale4', '\n'.join(scale(4 * m) for m in range(4)), 16)
    # Rolled up: the same addressed by 32-bit sums, which wrap at 2^32.
    + lane_loop('scale4_sums', '\n'.join(scale_sum(4 * m) for m in range(4)), 16)
    # Left alone: the lanes from the last to the first.
    + lane_loop('scale4_reversed', '\n'.join(scale(4 * m) for m in reversed(range(4))), 16)
    # Rolled up: three lanes of a constant store.
    + lane_loop('fill3', '\n'.join(f'        (i32.store offset={4 * m} (local.get $a) (i32.const 7))'
                                    for m in range(3)), 12)
    # Rolled up: two i64 lanes of a[j] += b[j].
    + lane_loop('add_rows', '\n'.join(add_rows(8 * m) for m in range(2)), 16,
                '(param $p i32) (param $q i32) (param $n i32)')
    # Rolled up: two lanes of a recurrence two elements long.
    + lane_loop('recur2', RECURRENCE, 8)
    # Left alone: the second lane adds the first lane's sum.
    + lane_loop('prefix2', PREFIX, 8).replace(
        '(local $a i32)', '(local $a i32) (local $s i32)')
    + '\n)\n')


class Model(MemoryModel):
    """Memory as the module keeps it and the loops' effects, access by access in wasm order."""

    def scale(self, address, size=4):
        mask = (1 << (8 * size)) - 1
        self.store(address, size, (self.load(address, size) * 3 + 1) & mask)

    def run(self, function, *args):
        self.lane = 0
        if function == 'add_rows':
            p, q, n = args
            for j in range(0, 16 * n, 16):
                for m in range(2):
                    self.lane = m
                    value = self.load(u32(p + j) + 8 * m, 8) + self.load(u32(q + j) + 8 * m, 8)
                    self.store(u32(p + j) + 8 * m, 8, value)
            return
        p, n = args
        if function in ('scale4', 'scale4_sums', 'scale4_reversed'):
            for j in range(0, 16 * n, 16):
                for m in (reversed(range(4)) if function == 'scale4_reversed' else range(4)):
                    self.lane = m
                    a = u32(p + j)
                    self.scale(u32(a + 4 * m) if function == 'scale4_sums' else a + 4 * m)
        elif function == 'fill3':
            for j in range(0, 12 * n, 12):
                for m in range(3):
                    self.lane = m
                    self.store(u32(p + j) + 4 * m, 4, 7)
        elif function == 'recur2':
            for j in range(0, 8 * n, 8):
                a = u32(p + j)
                for m in range(2):
                    self.lane = m
                    value = self.load(u32(a + 4 * m - 8), 4)
                    self.store(a + 4 * m, 4, u32(value * 3 + 1))
        elif function == 'prefix2':
            for j in range(0, 8 * n, 8):
                a = u32(p + j)
                first = u32(self.load(u32(a - 4), 4) + self.load(a, 4))
                self.store(a, 4, first)
                self.lane = 1
                self.store(a + 4, 4, u32(first + self.load(a + 4, 4)))
        else:
            raise ValueError(function)


class Script:
    def __init__(self):
        self.model = Model()
        self.lines = [MODULE]
        self.failing = [MODULE]

    def case(self, function, *args, windows):
        """Resets memory, runs `function`, and checks the result and the bytes of `windows`."""
        self.model.reset()
        lines = ['(assert_return (invoke "reset"))']
        invoke = f'(invoke "{function}" ' + ' '.join(f'(i32.const {s32(a)})' for a in args) + ')'
        failing = False
        try:
            self.model.run(function, *args)
            lines.append(f'(assert_return {invoke})')
        except Trap:
            lines.append(f'(assert_trap {invoke} "out of bounds memory access")')
            failing = self.model.lane > 0
        for start, length in windows:
            lines.append(f'(assert_return (invoke "hash" (i32.const {start:#x}) (i32.const {length}))'
                         f' (i32.const {s32(self.model.hash(start, length))}))')
        (self.failing if failing else self.lines).extend(lines)

    def comment(self, text):
        self.lines.append(f';; {text}')


# bytes per iteration, and whether a lane loads the bytes it stores first (so that a store
# straddling the end of memory is never reached: riscv64 under qemu-user may write part of one)
ONE_ARRAY = {'scale4': (16, True), 'scale4_sums': (16, True), 'scale4_reversed': (16, True),
             'fill3': (12, False), 'recur2': (8, False), 'prefix2': (8, True)}


# A trap in a later lane of an iteration, after the earlier lanes' stores: at -O2 wasmc (main
# as well, with or without rerolling) loses those stores in several of these loops, on x86-64
# and on the cross targets. The mayfault copy's barriers are released (a nest whose only writes
# change address every iteration), and code generation merges the lanes' stores (SLP their
# loads too) into one wider access, which faults as a whole. Those cases are written to
# failing/stores_merged_before_trap.wast instead (Script.case).


def write(script):
    for function, (stride, loads_first) in ONE_ARRAY.items():
        script.comment(f'{function}: 0, 1, 2, 3 and 50 iterations in bounds.')
        for n in (0, 1, 2, 3, 50):
            script.case(function, 0x1000, n, windows=[(0x1000 - 8, 16 * 52)])
        script.comment(f'{function}: the last iteration ending exactly at the end of memory, '
                       'one element and one byte past it; starting past it.')
        for n in (1, 2, 9):
            for past in ((0, 4, 1, 8) if loads_first else (0, 4, 8)):
                script.case(function, PAGE - stride * n + past, n, windows=[(PAGE - 256, 256)])
        script.case(function, PAGE, 3, windows=[(PAGE - 64, 64)])
        script.comment(f'{function}: addresses at and around 2^32.')
        for p in (0, 0x100000000 - 4, 0x100000000 - stride, 0x100000000 - 2 * stride):
            script.case(function, p, 3, windows=[(0, 64), (PAGE - 64, 64)])
    script.comment('add_rows: in bounds, overlapping, at the end of memory and past it, wrapping.')
    for p, q, n in ((0x1000, 0x2000, 0), (0x1000, 0x2000, 1), (0x1000, 0x2000, 40),
                    (0x1000, 0x1008, 20), (0x1008, 0x1000, 20), (0x1000, 0x1000, 20),
                    (PAGE - 160, 0x2000, 10), (PAGE - 152, 0x2000, 10), (0x2000, PAGE - 152, 10),
                    (0x2000, PAGE - 159, 10), (0x100000000 - 16, 0x2000, 2), (0x2000, 0x100000000 - 8, 2)):
        script.case('add_rows', p, q, n, windows=[(0x1000, 0x1400), (PAGE - 256, 256)])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    script = Script()
    write(script)
    write_script('rerolled_loops.py', __doc__, script.lines)
    failing = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), 'failing',
                           'stores_merged_before_trap.wast')
    sys.argv[1] = failing
    write_script('rerolled_loops.py', __doc__, script.failing)


if __name__ == '__main__':
    main()
