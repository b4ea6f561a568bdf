#!/usr/bin/env python3
"""Writes relational_exits.wast: loops whose only exit compares the counter plus a constant with
an end, unsigned (`for (; i + 3 <= n; i += 3)`, base64's encode, exits when i + 6 >u n), which
LoopAddressWidening counts itself (codegen/LoopAddressWidening.cpp, CountedLoop `relational`)
and then widens and versions for bounds: its check requires that no compared value wraps at
2^32 up to the exiting one. The loops: exits on >u and >=u, the end on either side, an offset
of 0 (the next counter itself) and a step of 4 with an offset of 1. The cases: one iteration
(the loops are do-while loops: start already past the end), 2 and more, ends that are not a
whole number of steps away, ends at 2^32 - 1 and around, starts whose compared values wrap
(the loop then runs on until its accesses leave memory), the last load or store exactly at the
end of memory and one byte past it (the trap in the right iteration, with the stores before it
done: memory is hashed after each case), and addresses that wrap at 2^32 as 32-bit sums.
Expectations come from a model of the loops below, access by access in wasm order; when
wast2json and spectest-interp (wabt) are installed the written script is also run through them,
which must pass it.

usage: relational_exits.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, u32, write_script  # noqa: E402

# name -> (step, offset added to the stepped counter, how the loop continues: 'le' (exits on
# >u), 'lt' (exits on >=u), 'ge_swapped' (`n >=u i + offset`, exits on >u))
LOOPS = {
    'encode3': (3, 3, 'le'),
    'encode3_lt': (3, 3, 'lt'),
    'encode3_swapped': (3, 3, 'ge_swapped'),
    'next_le': (2, 0, 'le'),
    'step4_lt': (4, 1, 'lt'),
}


def loop_function(name, step, offset, form):
    body = []
    for k in range(step):
        load = f'(i32.load8_u (i32.add (local.get $p) (i32.add (local.get $i) (i32.const {k}))))'
        body.append(f'      (i32.store8 (i32.add (local.get $q) (i32.add (local.get $o) (i32.const {k}))) '
                    f'(i32.add (i32.mul {load} (i32.const 3)) (i32.const 1)))')
    compared = f'(i32.add (local.get $i) (i32.const {offset}))' if offset else '(local.get $i)'
    condition = {
        'le': f'(i32.le_u {compared} (local.get $n))',
        'lt': f'(i32.lt_u {compared} (local.get $n))',
        'ge_swapped': f'(i32.ge_u (local.get $n) {compared})',
    }[form]
    return (f'  (func (export "{name}") (param $p i32) (param $q i32) (param $i i32) (param $n i32)\n'
            f'    (local $o i32)\n'
            f'    (loop $l\n' + '\n'.join(body) + '\n'
            f'      (local.set $o (i32.add (local.get $o) (i32.const {step})))\n'
            f'      (local.set $i (i32.add (local.get $i) (i32.const {step})))\n'
            f'      (br_if $l {condition})))')


MODULE = ('(module\n  (memory 1)\n' + RESET_FUNCTION + '\n' + HASH_FUNCTION + '\n'
          + '\n'.join(loop_function(name, *shape) for name, shape in LOOPS.items()) + '\n)\n')


class Model(MemoryModel):
    """Memory as the module keeps it and the loops' effects, access by access in wasm order."""

    def run(self, name, p, q, i, n):
        step, offset, form = LOOPS[name]
        o = 0
        while True:
            for k in range(step):
                value = self.load(u32(p + u32(i + k)), 1)
                self.store(u32(q + u32(o + k)), 1, value * 3 + 1)
            o = u32(o + step)
            i = u32(i + step)
            compared = u32(i + offset)
            if not (compared <= n if form in ('le', 'ge_swapped') else compared < n):
                return


WINDOWS = [(0, 64), (0x3000 - 16, 0x500), (PAGE - 320, 320)]


def write(script):
    for name, (step, offset, form) in LOOPS.items():
        script.comment(f'{name}: ends from 0 to 20 and 301, from 0 and from 5 (one iteration '
                       'when the start is past the end).')
        for start in (0, 5):
            for n in list(range(0, 21)) + [301]:
                script.void_case(name, 0x1000, 0x3000, start, n, windows=WINDOWS)
        script.comment(f'{name}: ends at and around 2^32 - 1, the compared values wrapping '
                       '(the loop runs on until its accesses leave memory).')
        for start, n in ((0xffffffff - 40, 0xffffffff), (0xffffffff - 40, 0xfffffffe),
                         (0xffffffff - 40, 0xffffffff - 8), (0xffffffff - 2, 0xffffffff),
                         (0xfffffff0, 0xfffffff0 + 3 * step)):
            # p + i wraps to 0x1000 + (start - 2^32 + 64): inside memory.
            script.void_case(name, u32(0x1000 - start + 64), 0x3000, start, n, windows=WINDOWS)
        script.comment(f'{name}: the last load exactly at the end of memory and one byte past '
                       'it; the last store too.')
        for n in (step * 4, step * 9 + 1):
            # The iterations, from 0 to the exit, read bytes [0, reads).
            reads = 0
            i = 0
            while True:
                reads = i + step
                i += step
                compared = i + offset
                if not (compared <= n if form in ('le', 'ge_swapped') else compared < n):
                    break
            for past in (0, 1):
                script.void_case(name, PAGE - reads + past, 0x3000, 0, n, windows=WINDOWS)
                script.void_case(name, 0x1000, PAGE - reads + past, 0, n, windows=WINDOWS)
        script.comment(f'{name}: addresses as 32-bit sums that wrap at 2^32.')
        for p in (0xffffffff, 0xffffffff - 8, 0xffffffff - 64):
            script.void_case(name, p, 0x3000, 16, 40, windows=WINDOWS)
            script.void_case(name, 0x1000, p, 16, 40, windows=WINDOWS)


def main():
    script = ScriptLines(MODULE, Model())
    write(script)
    write_script('relational_exits.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
