#!/usr/bin/env python3
"""Writes rerolled_carried_lanes.wast: loops as clang's wasm build unrolls them by 2 or 3 after
its loop load elimination, each lane's loaded value carried to the next lanes and iterations in
locals (phis): stencil1d's `B[i] = c * (A[i-1] + A[i] + A[i+1])`, whose two lanes share A[i] and
A[i+1]. LoopRerollingPass (codegen/WasmPasses.h) rolls them back up into one lane with a chain
of carried phis; in the copy LoopAddressWidening proves in bounds, where CarriedLoadHoisting has
moved every lane's load to the top, the loads go back among their lane's stores. Beside them,
loops it must leave alone (a lane using a carried value the other lanes use at another
distance; the carried values used after the loop). The cases: zero-, one-, odd- and many-trip
loops; source and destination apart, overlapping at a run-time distance and at constant
distances either way (the destination onto the bytes the next lane loads, onto those it just
loaded, in place); the last load or store exactly at the end of memory and one element or one
byte past it (the trap in the right lane, with the stores before it done and none after: memory
is hashed after each case); and addresses around 2^32, as static offsets (which trap) and as
32-bit sums (which wrap). Expectations come from a model of the loops below, access by access
in wasm order; when wast2json and spectest-interp (wabt) are installed the written script is
also run through them, which must pass it.

usage: rerolled_carried_lanes.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import ScriptLines, HASH_FUNCTION, RESET_FUNCTION, PAGE, MemoryModel, u32, write_script  # noqa: E402

# Each loop: its element type and size, its lanes, the carried values loaded before the loop
# (element indexes), and per lane, the element it loads and the element it stores with the
# values it adds, each with a constant factor ('7z0': 7 times z0; '-x': minus x). Values are named by element index relative to the iteration's first element
# i (lane 0's); 'x' and 'y' are the carried locals.
I32 = ('i32', 4)
I64 = ('i64', 8)


class Shape:
    def __init__(self, name, kind, lanes, carried_init, body, carried_next, tail=None):
        self.name = name
        self.kind = kind            # I32 or I64
        self.lanes = lanes
        self.carried_init = carried_init  # {local: element index before the loop}
        # per lane: (element loaded into z<lane>, element stored, the operands of the sum as
        # locals/z names, left to right, nested to the left)
        self.body = body
        self.carried_next = carried_next  # {local: z name} at the end of an iteration
        self.tail = tail            # an epilogue for odd element counts: (stored, operands, loaded)


SHAPES = [
    # stencil1d's shape, weighted: x = P[i-1], y = P[i] carried; Q[i] = 3x + 5y + 7P[i+1],
    # Q[i+1] = 3y + 5P[i+1] + 7P[i+2]. (Plain integer sums would not do: LLVM reassociates
    # them and the lanes share y + P[i+1], which stencil1d's floats do not allow.)
    Shape('sum3', I32, 2, {'x': -1, 'y': 0},
          [(1, 0, ['3x', '5y', '7z0']), (2, 1, ['3y', '5z0', '7z1'])], {'x': 'z0', 'y': 'z1'}),
    # The same with lane 0 adding its carried values the other way round (as LLVM orders them in
    # stencil1d): the lanes match as commutative adds.
    Shape('sum3_commuted', I32, 2, {'x': -1, 'y': 0},
          [(1, 0, ['5y', '3x', '7z0']), (2, 1, ['3y', '5z0', '7z1'])], {'x': 'z0', 'y': 'z1'}),
    # Differences, one carried value: Q[i] = P[i+1] - P[i].
    Shape('diff', I32, 2, {'x': 0},
          [(1, 0, ['z0', '-x']), (2, 1, ['z1', '-z0'])], {'x': 'z1'}),
    # Three lanes.
    Shape('sum3_triples', I32, 3, {'x': -1, 'y': 0},
          [(1, 0, ['3x', '5y', '7z0']), (2, 1, ['3y', '5z0', '7z1']), (3, 2, ['3z0', '5z1', '7z2'])],
          {'x': 'z1', 'y': 'z2'}),
    # i64 elements.
    Shape('sum3_i64', I64, 2, {'x': -1, 'y': 0},
          [(1, 0, ['3x', '5y', '7z0']), (2, 1, ['3y', '5z0', '7z1'])], {'x': 'z0', 'y': 'z1'}),
    # Left alone: both lanes add x = P[i-1], which lane 0 sees one rolled-up iteration back and
    # lane 1 two.
    Shape('same_x', I32, 2, {'x': -1},
          [(1, 0, ['3x', '7z0']), (2, 1, ['3x', '7z1'])], {'x': 'z1'}),
    # Left alone: an odd element count ends with one more element after the loop, which uses the
    # carried values.
    Shape('sum3_tail', I32, 2, {'x': -1, 'y': 0},
          [(1, 0, ['3x', '5y', '7z0']), (2, 1, ['3y', '5z0', '7z1'])], {'x': 'z0', 'y': 'z1'},
          tail=(0, ['3x', '5y', '7z0'], 1)),
]
SHIFTS = (-8, -4, 0, 4, 8, 12)  # sum3 with Q = P + shift (bytes), a constant


def split(operand):
    """'7z0' -> (7, 'z0'); 'x' -> (1, 'x')."""
    digits = len(operand) - len(operand.lstrip('0123456789'))
    return (int(operand[:digits]) if digits else 1), operand[digits:]


def address(base, offset, sums):
    """A wasm address operand with a static offset, or as a wrapping 32-bit sum."""
    if sums:
        return f'offset=0 (i32.add (local.get {base}) (i32.const {offset}))'
    return f'offset={offset} (local.get {base})'


def function(shape, name, sums=False, shift=None):
    t, size = shape.kind
    stride = size * shape.lanes
    params = '(param $p i32) (param $n i32)' if shift is not None else \
        '(param $p i32) (param $q i32) (param $n i32)'
    lines = [f'  (func (export "{name}") {params}',
             f'    (local $j i32) (local $end i32) (local $a i32) (local $b i32) (local $x {t}) '
             f'(local $y {t}) ' + ' '.join(f'(local $z{m} {t})' for m in range(shape.lanes))]
    if shift is not None:
        lines.append(f'    (local $q i32) (local.set $q (i32.add (local.get $p) (i32.const {shift})))')
    # n counts elements with a tail, iterations without.
    count = '(i32.shr_u (local.get $n) (i32.const 1))' if shape.tail else '(local.get $n)'
    lines.append(f'    (local.set $end (i32.mul {count} (i32.const {stride})))')
    lines.append('    (block $done')
    lines.append('      (br_if $done (i32.eqz (local.get $n)))')
    # The element before the first (index -1) lives at p; element k at p + size * (k + 1).
    for local, element in shape.carried_init.items():
        lines.append(f'      (local.set ${local} ({t}.load {address("$p", size * (element + 1), sums)}))')

    def value(operands):
        expression = None
        for operand in operands:
            negate = operand.startswith('-')
            coefficient, local = split(operand.lstrip('-'))
            term = f'(local.get ${local})'
            if coefficient != 1:
                term = f'({t}.mul {term} ({t}.const {coefficient}))'
            if expression is None:
                expression = term
            else:
                expression = f'({t}.{"sub" if negate else "add"} {expression} {term})'
        return expression

    lines.append('      (block $loop_done')
    lines.append('        (br_if $loop_done (i32.eqz (local.get $end)))')
    lines.append('        (loop $l')
    lines.append('          (local.set $a (i32.add (local.get $p) (local.get $j)))')
    lines.append('          (local.set $b (i32.add (local.get $q) (local.get $j)))')
    for m, (loaded, stored, operands) in enumerate(shape.body):
        lines.append(f'          (local.set $z{m} ({t}.load {address("$a", size * (loaded + 1), sums)}))')
        lines.append(f'          ({t}.store {address("$b", size * stored, sums)} {value(operands)})')
    for local, z in shape.carried_next.items():
        lines.append(f'          (local.set ${local} (local.get ${z}))')
    lines.append(f'          (local.set $j (i32.add (local.get $j) (i32.const {stride})))')
    lines.append('          (br_if $l (i32.ne (local.get $j) (local.get $end)))))')
    if shape.tail:
        stored, operands, loaded = shape.tail
        lines.append('      (br_if $done (i32.eqz (i32.and (local.get $n) (i32.const 1))))')
        lines.append('      (local.set $a (i32.add (local.get $p) (local.get $j)))')
        lines.append('      (local.set $b (i32.add (local.get $q) (local.get $j)))')
        lines.append(f'      (local.set $z0 ({t}.load {address("$a", size * (loaded + 1), sums)}))')
        lines.append(f'      ({t}.store {address("$b", size * stored, sums)} {value(operands)})')
    lines.append('    ))')
    return '\n'.join(lines)


# name -> (shape, sums, shift), in the order of the module's functions (after reset and hash).
FUNCTIONS = {}
for _shape in SHAPES:
    FUNCTIONS[_shape.name] = (_shape, False, None)
FUNCTIONS['sum3_sums'] = (SHAPES[0], True, None)
for _shift in SHIFTS:
    FUNCTIONS[f'sum3_shift{_shift}'.replace('-', 'm')] = (SHAPES[0], False, _shift)

MODULE = ('(module\n  (memory 1)\n' + RESET_FUNCTION + '\n' + HASH_FUNCTION + '\n'
          + '\n'.join(function(shape, name, sums, shift)
                      for name, (shape, sums, shift) in FUNCTIONS.items())
          + '\n)\n')


class Model(MemoryModel):
    """Memory as the module keeps it and the loops' effects, access by access in wasm order."""

    def run(self, name, *args):
        shape, sums, shift = FUNCTIONS[name]
        _, size = shape.kind
        mask = (1 << (8 * size)) - 1
        if shift is None:
            p, q, n = args
        else:
            p, n = args
            q = u32(p + shift)

        def at(base, offset):
            # A static offset adds in 33 bits (past 2^32 traps); a sum wraps.
            return u32(base + offset) if sums else base + offset

        if n == 0:
            return
        local = {}
        for name_, element in shape.carried_init.items():
            local[name_] = self.load(at(p, size * (element + 1)), size)

        def value(operands):
            total = None
            for operand in operands:
                coefficient, name_ = split(operand.lstrip('-'))
                term = coefficient * local[name_]
                total = term if total is None else (total - term if operand.startswith('-') else total + term)
            return total & mask

        iterations = n >> 1 if shape.tail else n
        j = 0
        for _ in range(iterations):
            a, b = u32(p + j), u32(q + j)
            for m, (loaded, stored, operands) in enumerate(shape.body):
                local[f'z{m}'] = self.load(at(a, size * (loaded + 1)), size)
                self.store(at(b, size * stored), size, value(operands))
            for name_, z in shape.carried_next.items():
                local[name_] = local[z]
            j = u32(j + size * shape.lanes)
        if shape.tail and n & 1:
            stored, operands, loaded = shape.tail
            a, b = u32(p + j), u32(q + j)
            local['z0'] = self.load(at(a, size * (loaded + 1)), size)
            self.store(at(b, size * stored), size, value(operands))


LOW = [(0, 64), (0x1000 - 16, 0x600), (0x3000 - 16, 0x600)]
HIGH = [(PAGE - 320, 320)]


def write(script):
    for name, (shape, sums, shift) in FUNCTIONS.items():
        _, size = shape.kind
        stride = size * shape.lanes
        two = shift is None  # a source and a destination
        trips = (0, 1, 2, 3, 4, 5, 31) if shape.tail else (0, 1, 2, 3, 50)

        def case(p, n, q=0x3000):
            script.void_case(name, *((p, q, n) if two else (p, n)), windows=LOW + HIGH)

        script.comment(f'{name}: {", ".join(map(str, trips))} '
                       f'{"elements" if shape.tail else "iterations"} in bounds.')
        for n in trips:
            case(0x1000, n)
        elements = (lambda n: n) if shape.tail else (lambda n: n * shape.lanes)
        # The last load is of element `elements(n)` (one past the last stored), at p + size *
        # (elements(n) + 1).
        script.comment(f'{name}: the last load exactly at the end of memory, one element and '
                       'one byte past it (a trap in the last lane, its stores before it done).')
        for n in ((1, 2, 3, 9) if shape.tail else (1, 2, 9)):
            last = size * (elements(n) + 2)  # bytes from p to the end of the last load
            for past in (0, size, 1):
                case(PAGE - last + past, n)
        if two:
            script.comment(f'{name}: the last store exactly at the end of memory and past it.')
            for n in ((1, 3, 9) if shape.tail else (1, 9)):
                for past in (0, size, 1):
                    case(0x1000, n, PAGE - size * elements(n) + past)
            script.comment(f'{name}: the destination overlapping the source at run-time distances.')
            for distance in (-2 * size, -size, 0, size, 2 * size, 3 * size):
                case(0x1000, 5 if shape.tail else 20, 0x1000 + distance)
        script.comment(f'{name}: addresses at and around 2^32.')
        for p in (0x100000000 - size, 0x100000000 - stride, 0x100000000 - 3 * stride):
            case(p, 3)
        if two:
            case(0x1000, 3, 0x100000000 - stride)


def main():
    script = ScriptLines(MODULE, Model())
    write(script)
    write_script('rerolled_carried_lanes.py', __doc__, script.lines)


if __name__ == '__main__':
    main()
