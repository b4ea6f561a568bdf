#!/usr/bin/env python3
"""Writes rerolled_lane_order.wast: unrolled loops whose accesses do not come lane by lane, where
LoopRerollingPass (codegen/WasmPasses.h) must decide whether lane 0's order, lane after lane,
makes the same accesses with the same values. Both lanes' loads first, as CarriedLoadHoisting
leaves clang's stencil1d in the copy proved in bounds: rolled up, a load goes back after the
earlier lanes' stores, which is the same program only when their bytes are disjoint (a constant
distance apart, at least the lower access's size). Beside them: the destination onto the bytes
lane 1 loaded, partly onto them, onto lane 0's own bytes or the next iteration's (those rolled
up); the same through a second base, a run-time value the pass cannot tell apart (left alone,
whether or not it aliases); lanes storing last to first with 8-byte stores that overlap the next
lane's (two stores never trade places); and two locals carrying the same loaded value from
different starts (a chain of carried phis holds one start: left alone). Each at several trip
counts, with the last load or store at the end of memory and one element or one byte past it
(the trap in the right lane, the stores before it done, none after: memory is hashed after
each case). Expectations come from a model that makes the accesses in wasm order; when
wast2json and spectest-interp (wabt) are installed the written script is also run through them,
which must pass it. test/spec/pass_switches.py checks which loops are rolled up.

usage: rerolled_lane_order.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, u32, write_script  # noqa: E402

# A loop is a list of operations per iteration, in wasm order, over `$a = p + j` and
# `$b = q + j` (j advances by `stride` bytes):
#   ('load', local, offset)             local = i32.load offset=offset ($a)
#   ('store', size, offset, expression) i32.store / i64.store offset=offset ($b)
#   ('set', local, local)               local = local (a value carried to the next iteration)
# Expressions: a local's name, ('mul', e, c), ('add', e, e) in i32; an 8-byte store stores its
# 32-bit value in both halves.


class Loop:
    def __init__(self, name, stride, starts, body, shift=None):
        self.name = name
        self.stride = stride
        self.starts = starts  # {local: ('const', c) or ('load', offset from p)}
        self.body = body
        self.shift = shift    # q = p + shift, a constant; None: q is a parameter

    def locals(self):
        names = set(self.starts)
        for op in self.body:
            if op[0] in ('load', 'set'):
                names.add(op[1])
        return sorted(names)


def stencil(name, shift):
    """stencil1d's loop after CarriedLoadHoisting: x = P[i-1] and y = P[i] carried, both lanes'
    loads first; Q[i] = 3x + 5y + 7P[i+1], Q[i+1] = 3y + 5P[i+1] + 7P[i+2]. Element k of P is at
    p + 4 (k + 1): lane 1 loads P[i+2] at a + 12, lane 0 stores Q[i] at b = a + shift."""
    def weighted(first, second, third):
        return ('add', ('add', ('mul', first, 3), ('mul', second, 5)), ('mul', third, 7))
    return Loop(name, 8, {'x': ('load', 0), 'y': ('load', 4)},
                [('load', 'z0', 8), ('load', 'z1', 12),
                 ('store', 4, 0, weighted('x', 'y', 'z0')),
                 ('store', 4, 4, weighted('y', 'z0', 'z1')),
                 ('set', 'x', 'z0'), ('set', 'y', 'z1')], shift)


LOOPS = [
    # Rolled up: the stores' bytes are disjoint from lane 1's load in the same iteration.
    stencil('apart', 4096),
    stencil('onto_own_loads', 8),   # Q[i] = P[i+1], which lane 0 loaded itself
    stencil('onto_next_iteration', 16),  # Q[i] = P[i+3], loaded by the next iteration
    stencil('behind', -8),
    # Left alone: lane 0's store writes what lane 1 loaded before it, all of it or half.
    stencil('onto_lane1_load', 12),
    stencil('half_onto_lane1_load', 10),
    # Left alone: the destination a second base, a run-time value.
    stencil('second_base', None),
    # Four lanes storing last to first, 8 bytes each, one element apart: each store overwrites
    # half of the one stored before it (in lane order, the other half).
    Loop('stores_reversed', 16, {},
         [('load', f'z{m}', 4 * m) for m in range(4)]
         + [('store', 8, 4 * m, ('add', ('mul', f'z{m}', 3), 1)) for m in (3, 2, 1, 0)],
         4096),
    # Two locals carrying P[i+1] to the next iteration, starting as 100 and 7; lane by lane:
    # Q[i] = x + P[i], R[i] = y * P[i], Q[i+1] = P[i] + P[i+1], R[i+1] = P[i] * P[i+1].
    Loop('two_starts', 8, {'x': ('const', 100), 'y': ('const', 7)},
         [('load', 'z0', 0), ('store', 4, 0, ('add', 'x', 'z0')),
          ('store', 4, 1024, ('mul', 'y', 'z0')),
          ('load', 'z1', 4), ('store', 4, 4, ('add', 'z0', 'z1')),
          ('store', 4, 1028, ('mul', 'z0', 'z1')),
          ('set', 'x', 'z1'), ('set', 'y', 'z1')], 2048),
]
BY_NAME = {loop.name: loop for loop in LOOPS}


def expression_wat(expression):
    if isinstance(expression, int):
        return f'(i32.const {expression})'
    if isinstance(expression, str):
        return f'(local.get ${expression})'
    op, first, second = expression
    return f'(i32.{op} {expression_wat(first)} {expression_wat(second)})'


def function(loop):
    params = '(param $p i32) (param $n i32)' if loop.shift is not None else \
        '(param $p i32) (param $q i32) (param $n i32)'
    lines = [f'  (func (export "{loop.name}") {params}',
             '    (local $j i32) (local $end i32) (local $a i32) (local $b i32) '
             + ' '.join(f'(local ${name} i32)' for name in loop.locals())]
    if loop.shift is not None:
        lines.append(f'    (local $q i32) (local.set $q (i32.add (local.get $p) (i32.const {loop.shift})))')
    lines.append(f'    (local.set $end (i32.mul (local.get $n) (i32.const {loop.stride})))')
    lines.append('    (block $done')
    lines.append('      (br_if $done (i32.eqz (local.get $n)))')
    for name, (kind, value) in loop.starts.items():
        start = f'(i32.load offset={value} (local.get $p))' if kind == 'load' else f'(i32.const {value})'
        lines.append(f'      (local.set ${name} {start})')
    lines.append('      (loop $l')
    lines.append('        (local.set $a (i32.add (local.get $p) (local.get $j)))')
    lines.append('        (local.set $b (i32.add (local.get $q) (local.get $j)))')
    for op in loop.body:
        if op[0] == 'load':
            lines.append(f'        (local.set ${op[1]} (i32.load offset={op[2]} (local.get $a)))')
        elif op[0] == 'set':
            lines.append(f'        (local.set ${op[1]} (local.get ${op[2]}))')
        elif op[1] == 4:
            lines.append(f'        (i32.store offset={op[2]} (local.get $b) {expression_wat(op[3])})')
        else:
            lines.append(f'        (i64.store offset={op[2]} (local.get $b) (i64.mul (i64.extend_i32_u '
                         f'{expression_wat(op[3])}) (i64.const 0x100000001)))')
    lines.append(f'        (local.set $j (i32.add (local.get $j) (i32.const {loop.stride})))')
    lines.append('        (br_if $l (i32.ne (local.get $j) (local.get $end))))))')
    return '\n'.join(lines)


MODULE = ('(module\n  (memory 1)\n' + RESET_FUNCTION + '\n' + HASH_FUNCTION + '\n'
          + '\n'.join(function(loop) for loop in LOOPS) + '\n)\n')


class Model(MemoryModel):
    """Memory as the module keeps it and the loops' accesses, one by one in wasm order."""

    def run(self, name, *args):
        loop = BY_NAME[name]
        if loop.shift is None:
            p, q, n = args
        else:
            p, n = args
            q = u32(p + loop.shift)
        if n == 0:
            return
        local = {}
        for local_name, (kind, value) in loop.starts.items():
            # A static offset adds in 33 bits: past 2^32 it traps.
            local[local_name] = self.load(p + value, 4) if kind == 'load' else value

        def evaluate(expression):
            if isinstance(expression, int):
                return expression
            if isinstance(expression, str):
                return local[expression]
            op, first, second = expression
            first, second = evaluate(first), evaluate(second)
            return u32(first * second if op == 'mul' else first + second)

        j = 0
        for _ in range(n):
            a, b = u32(p + j), u32(q + j)
            for op in loop.body:
                if op[0] == 'load':
                    local[op[1]] = self.load(a + op[2], 4)
                elif op[0] == 'set':
                    local[op[1]] = local[op[2]]
                else:
                    value = evaluate(op[3])
                    self.store(b + op[2], op[1], value if op[1] == 4 else value | value << 32)
            j = u32(j + loop.stride)


def extent(loop):
    """The bytes an iteration reaches from a (loads) and from b (stores): (end of the last load,
    end of the last store)."""
    loads = [op[2] + 4 for op in loop.body if op[0] == 'load']
    stores = [op[2] + op[1] for op in loop.body if op[0] == 'store']
    return max(loads), max(stores)


P = 0x1000
WINDOWS = [(0, 64), (P - 64, 0x900), (P + 2048 - 64, 0x900), (P + 4096 - 64, 0x900),
           (0x6000, 0x400), (PAGE - 320, 320)]


def write(script):
    for loop in LOOPS:
        two = loop.shift is None
        load_end, store_end = extent(loop)

        def case(p, n, q=None):
            if two:
                script.void_case(loop.name, p, P + 12 if q is None else q, n, windows=WINDOWS)
            else:
                script.void_case(loop.name, p, n, windows=WINDOWS)

        script.comment(f'{loop.name}: 0, 1, 2, 3 and 50 iterations in bounds.')
        for n in (0, 1, 2, 3, 50):
            case(P, n)
        if two:
            script.comment(f'{loop.name}: the destination onto lane 1\'s load, half onto it, onto '
                           'lane 0\'s own, behind, apart.')
            for distance in (12, 10, 8, -8, 0x5000):
                case(P, 50, P + distance)
        # The last iteration's loads and stores end `stride * (n - 1) + load_end` bytes after p
        # and `... + store_end` after q.
        script.comment(f'{loop.name}: the last load exactly at the end of memory, one element and '
                       'one byte past it.')
        for n in (1, 2, 9):
            for past in (0, 4, 1):
                p = PAGE - loop.stride * (n - 1) - load_end + past
                if two:
                    case(p, n, 0x6000)
                elif p + loop.shift >= 0:
                    case(p, n)
        script.comment(f'{loop.name}: the last store exactly at the end of memory, one element and '
                       'one byte past it.')
        for n in (1, 2, 9):
            for past in (0, 4, 1):
                q = PAGE - loop.stride * (n - 1) - store_end + past
                if two:
                    case(0x6000, n, q)
                elif q - loop.shift >= 0:
                    case(q - loop.shift, n)


def main():
    script = ScriptLines(MODULE, Model())
    write(script)
    write_script('rerolled_lane_order.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
