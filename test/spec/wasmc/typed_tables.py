#!/usr/bin/env python3
"""Writes typed_tables.wast: call_indirect through a table whose contents the module decides
(lower/StaticTables.h), which wasmc compiles at -O2 to a load from a constant array of the
signature's functions (ModuleEnv::typedTable), and tables it must not treat so. The first module's
table is filled by element segments that overlap (a later one overwrites an earlier one's
entries, with a function or with ref.null), and holds functions of several signatures, one of a
type equivalent to another: every element a defined function or null, the typed table is exact
(a call it does not serve traps); the second module is the same but for an imported function in
the table (not exact). Each index from 0 to past the end (at the
end, one past, 2^31 and 2^32-1) is called through each signature: the call, or its trap
(`undefined element`, `uninitialized element`, `indirect call type mismatch`) must be the
specification's. Loops call through the table with the index fixed and changing each iteration,
and run into a null entry, a wrong signature and the end of the table after some iterations: the
trap comes at that iteration (a global counts them). The other modules: a table that a loop
writes (table.set, table.grow) between its calls, beside a table that stays as instantiation
left it; an exported table; a segment at an imported global's offset. Expectations come from a
model of the tables below; when wast2json and spectest-interp (wabt) are installed the written
script is also run through them, which must pass it.

usage: typed_tables.py OUTPUT.wast
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from script_generator import Trap, s32, u32, write_script  # noqa: E402

SIZE = 14

STATIC_MODULE = r'''(module
  (type $ii (func (param i32) (result i32)))
  (type $ii2 (func (param i32) (result i32)))
  (type $iii (func (param i32 i32) (result i32)))
  (type $v (func (param i32)))
  (type $two (func (param i32) (result i32 i32)))
  (import "spectest" "print_i32" (func $print (type $v)))
  (table $tab 14 funcref)
  (elem (table $tab) (i32.const 0) func $inc $dbl $inc)
  (elem (table $tab) (i32.const 4) func $add $print $neg $split $sq $inc)
  ;; Overwrite entry 2 with null, entry 8 with $inc (was $sq); 13 is the last entry.
  (elem (table $tab) (i32.const 2) funcref (ref.null func))
  (elem (table $tab) (i32.const 8) func $inc)
  (elem (table $tab) (i32.const 12) func $sq $neg)
  (global $iterations (mut i32) (i32.const 0))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii2) (i32.mul (local.get 0) (i32.const 2)))
  (func $neg (type $ii) (i32.sub (i32.const 0) (local.get 0)))
  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
  (func $add (type $iii) (i32.add (local.get 0) (local.get 1)))
  (func $split (type $two) (local.get 0) (i32.add (local.get 0) (i32.const 100)))
  (func (export "call_ii") (param $i i32) (param $x i32) (result i32)
    (call_indirect $tab (type $ii) (local.get $x) (local.get $i)))
  (func (export "call_ii2") (param $i i32) (param $x i32) (result i32)
    (call_indirect $tab (type $ii2) (local.get $x) (local.get $i)))
  (func (export "call_iii") (param $i i32) (param $x i32) (result i32)
    (call_indirect $tab (type $iii) (local.get $x) (i32.const 1000) (local.get $i)))
  (func (export "call_v") (param $i i32) (param $x i32)
    (call_indirect $tab (type $v) (local.get $x) (local.get $i)))
  ;; Both results, as one (wabt 1.0.32 writes no JSON for assert_trap of several results).
  (func (export "call_two") (param $i i32) (param $x i32) (result i32)
    (call_indirect $tab (type $two) (local.get $x) (local.get $i))
    (i32.sub (i32.const 1000000))
    (i32.mul (i32.const 1000))
    (i32.add))
  (func (export "tail_ii") (param $i i32) (param $x i32) (result i32)
    (return_call_indirect $tab (type $ii) (local.get $x) (local.get $i)))
  ;; n times: iterations += 1; x = table[i](x); i += step.
  (func (export "chain") (param $i i32) (param $step i32) (param $n i32) (param $x i32) (result i32)
    (global.set $iterations (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (global.set $iterations (i32.add (global.get $iterations) (i32.const 1)))
        (local.set $x (call_indirect $tab (type $ii) (local.get $x) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $x))
  (func (export "iterations") (result i32) (global.get $iterations))
)'''

# The first module's table, as its segments leave it: (function, signature) or None.
II, II2, III, V, TWO = 'ii', 'ii2', 'iii', 'v', 'two'
FUNCTIONS = {
    'inc': (II, lambda x: [u32(x + 1)]),
    'dbl': (II2, lambda x: [u32(x * 2)]),
    'neg': (II, lambda x: [u32(-x)]),
    'sq': (II, lambda x: [u32(x * x)]),
    'add': (III, lambda x: [u32(x + 1000)]),
    'print': (V, lambda x: []),
    'split': (TWO, lambda x: [u32(x + (x + 100 - 1000000) * 1000)]),
}
# Equivalent types: the same canonical signature.
CANONICAL = {II: II, II2: II, III: III, V: V, TWO: TWO}


def static_table():
    table = [None] * SIZE
    for offset, names in ((0, ['inc', 'dbl', 'inc']),
                          (4, ['add', 'print', 'neg', 'split', 'sq', 'inc']),
                          (2, [None]), (8, ['inc']), (12, ['sq', 'neg'])):
        table[offset:offset + len(names)] = names
    return table


class TableTrap(Trap):
    pass


def call(table, index, signature, x):
    if index >= len(table):
        raise TableTrap('undefined element')
    name = table[index]
    if name is None:
        raise TableTrap('uninitialized element')
    own, function = FUNCTIONS[name]
    if CANONICAL[own] != CANONICAL[signature]:
        raise TableTrap('indirect call type mismatch')
    return function(x)


def i32(value):
    return f'(i32.const {s32(value)})'


def invoke(function, *args):
    return f'(invoke "{function}" ' + ' '.join(i32(a) for a in args) + ')'


def expect(lines, call_text, compute):
    try:
        results = compute()
        lines.append(f'(assert_return {call_text}' + ''.join(' ' + i32(r) for r in results) + ')')
    except TableTrap as trap:
        lines.append(f'(assert_trap {call_text} "{trap}")')


def write_static(lines, imported):
    table = static_table()
    if imported:
        lines.append(';; The same, with an imported function in the table: not exact, so the checked '
                     'path joins the call.')
        lines.append(STATIC_MODULE)
    else:
        lines.append(';; Every element a defined function or null: the typed table is exact (its '
                     'checked path always traps).')
        lines.append(STATIC_MODULE.replace(
            '(import "spectest" "print_i32" (func $print (type $v)))', '(func $print (type $v))'))
    lines.append(';; Every index, through every signature.')
    indices = list(range(SIZE + 2)) + [0x7fffffff, 0x80000000, 0xffffffff]
    for index in indices:
        for function, signature in (('call_ii', II), ('call_ii2', II2), ('call_iii', III),
                                    ('call_v', V), ('call_two', TWO), ('tail_ii', II)):
            expect(lines, invoke(function, index, 7), lambda: call(table, index, signature, 7))
    lines.append(';; Loops: the same callee every iteration, a changing one, and traps after some '
                 'iterations (null, wrong signature, past the end).')
    for start, step, n in ((0, 0, 5), (6, 0, 4), (12, 0, 3), (13, 0, 4), (0, 1, 2), (1, 5, 3),
                           (8, 5, 2), (0, 6, 3), (1, 6, 3), (0, 1, 3), (6, 1, 3), (10, 1, 5),
                           (12, 1, 3), (13, 1, 2), (0, 4, 2), (12, -1, 3), (6, 0, 0), (20, 1, 0),
                           (0, 0x80000000, 3), (SIZE, 1, 2), (2, 0, 3), (4, 0, 2), (5, 0, 2),
                           (SIZE, 0, 2), (0xffffffff, 0, 2)):
        state = {'iterations': 0}

        def run(start=start, step=step, n=n, state=state):
            x, index = 3, start
            for _ in range(n):
                state['iterations'] += 1
                x = call(table, u32(index), II, x)[0]
                index = u32(index + step)
            return [x]

        expect(lines, invoke('chain', start, step, n, 3), run)
        lines.append(f'(assert_return (invoke "iterations") {i32(state["iterations"])})')


WRITTEN_MODULE = r'''(module
  (type $ii (func (param i32) (result i32)))
  ;; $fixed stays as instantiation left it; a loop writes $written between its calls.
  (table $fixed 2 funcref)
  (table $written 2 funcref)
  (elem (table $fixed) (i32.const 0) func $inc $dbl)
  (elem (table $written) (i32.const 0) func $inc)
  (elem declare func $dbl $neg)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $neg (type $ii) (i32.sub (i32.const 0) (local.get 0)))
  ;; n times: x = fixed[k & 1](x); x = written[0](x); written[0] = k odd ? $neg : $dbl.
  (func (export "set_in_loop") (param $n i32) (param $x i32) (result i32)
    (local $k i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $x (call_indirect $fixed (type $ii) (local.get $x)
                                     (i32.and (local.get $k) (i32.const 1))))
        (local.set $x (call_indirect $written (type $ii) (local.get $x) (i32.const 0)))
        (if (i32.and (local.get $k) (i32.const 1))
          (then (table.set $written (i32.const 0) (ref.func $neg)))
          (else (table.set $written (i32.const 0) (ref.func $dbl))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l)))
    (local.get $x))
  ;; For k below n: x = written[2 + k](x), then grow it by one $inc.
  (func (export "grow_in_loop") (param $n i32) (param $x i32) (result i32)
    (local $k i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $x (call_indirect $written (type $ii) (local.get $x)
                                     (i32.add (local.get $k) (i32.const 2))))
        (drop (table.grow $written (ref.func $inc) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l)))
    (local.get $x))
  (func (export "grow") (drop (table.grow $written (ref.func $neg) (i32.const 1))))
)'''


def write_written(lines):
    lines.append(WRITTEN_MODULE)
    lines.append(';; A table written inside the loop: the callee changes between iterations.')
    written = 'inc'  # written[0], which each call leaves to the next
    for n in (0, 1, 2, 3, 6):
        x = 5
        for k in range(n):
            x = x + 1 if k % 2 == 0 else x * 2
            x = {'inc': x + 1, 'dbl': x * 2, 'neg': -x}[written]
            written = 'neg' if k % 2 else 'dbl'
        lines.append(f'(assert_return {invoke("set_in_loop", n, 5)} {i32(u32(x))})')
    lines.append(';; Index 2 + k is past the end of the table until the grows before it.')
    lines.append(f'(assert_trap {invoke("grow_in_loop", 1, 4)} "undefined element")')
    lines.append(f'(assert_return {invoke("grow")})')
    lines.append(f'(assert_return {invoke("grow_in_loop", 3, 4)} {i32(u32(-4 + 1 + 1))})')


OTHER_MODULES = r'''
;; An exported table: another module may write it.
(module $exporter
  (type $ii (func (param i32) (result i32)))
  (table $tab (export "tab") 2 funcref)
  (elem (table $tab) (i32.const 0) func $inc)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func (export "call") (param $i i32) (param $x i32) (result i32)
    (call_indirect $tab (type $ii) (local.get $x) (local.get $i)))
)
(register "exporter" $exporter)
(assert_return (invoke $exporter "call" (i32.const 0) (i32.const 4)) (i32.const 5))
(assert_trap (invoke $exporter "call" (i32.const 1) (i32.const 4)) "uninitialized element")
(module
  (type $ii (func (param i32) (result i32)))
  (import "exporter" "tab" (table $tab 2 funcref))
  (elem (table $tab) (i32.const 1) func $dbl)
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
)
(assert_return (invoke $exporter "call" (i32.const 1) (i32.const 4)) (i32.const 8))

;; A segment at an imported global's offset (spectest's global_i32 is 666).
(module
  (type $ii (func (param i32) (result i32)))
  (import "spectest" "global_i32" (global $at i32))
  (table $tab 670 funcref)
  (elem (table $tab) (i32.const 0) func $inc)
  (elem (table $tab) (global.get $at) func $dbl)
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "call") (param $i i32) (param $x i32) (result i32)
    (call_indirect $tab (type $ii) (local.get $x) (local.get $i)))
)
(assert_return (invoke "call" (i32.const 0) (i32.const 4)) (i32.const 5))
(assert_return (invoke "call" (i32.const 666) (i32.const 4)) (i32.const 8))
(assert_trap (invoke "call" (i32.const 667) (i32.const 4)) "uninitialized element")
(assert_trap (invoke "call" (i32.const 670) (i32.const 4)) "undefined element")
'''


def main():
    lines = []
    write_static(lines, imported=False)
    write_static(lines, imported=True)
    write_written(lines)
    lines.append(OTHER_MODULES)
    write_script('typed_tables.py', __doc__, lines, features=('--enable-tail-call',))


if __name__ == '__main__':
    main()
