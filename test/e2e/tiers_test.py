#!/usr/bin/env python3
"""Optimisation tiers (codegen/Tiers.h) leave their mark in the IR at -O2: GVN's load PRE (a
load after a join, redundant on one path, made a `.pre` load and a phi) happens in a function
with a loop, and not in a straight-line function nor in a huge function with a loop (lean tier);
with WASMC_NO_TIERS=1, and at -O3, it happens in all three; with WASMC_NO_PASSES=GVNPass in
none. CalledValuePropagation, which -O2 does not need for wasm, runs only without tiers
(LLVM's -time-passes lists the passes that ran). With tiers, each function's recorded tier
(`"wasmc-tier"`, which the loop passes read) and a lean function's counted InstCombine runs are
in the IR, though the passes every tier runs no longer have the tier decided. A huge function
gets -O0's instruction selection (marked `"wasmc-fast-isel"`; FastISel's remarks show it ran)
unless it has a dispatch loop (a br_table of eight cases in a loop), and with
WASMC_NO_FAST_HUGE_ISEL=1 none does. The executable computes the same results either way.
FastISel deletes what writes no memory and has no use, as LLVM sees the trap witnesses: a huge
function whose dropped loads run past the end of memory must still trap, on x86-64 and on
aarch64 (run with qemu when there is one).
Exit status: 0 all passed, 1 a failure, 77 skipped (no wat2wasm)."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
HUGE_STORES = 2000  # each a load, an add, a store and their trap witness/barrier: >5,000 IR
# instructions after optimisation (hugeFunctionInstructions())

# Each function starts with the same diamond: `x = c ? load(p) : 0; x += load(p)`.
DIAMOND = '''
    (if (local.get $c) (then (local.set $x (i32.load (local.get $p)))))
    (local.set $x (i32.add (local.get $x) (i32.load (local.get $p))))'''
LOOP = '''
    (loop $l
      (local.set $x (i32.mul (local.get $x) (i32.const 3)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))'''


# A dispatch loop: `switch (n)` with eight cases and a default, each a different operation (so
# that LLVM cannot sink them into a table), for n = start, ..., 1.
DISPATCH_CASES = [('i32.add', 7), ('i32.mul', 5), ('i32.xor', 0x55), ('i32.shl', 3),
                  ('i32.sub', 9), ('i32.or', 0x100), ('i32.rotl', 5), ('i32.and', 0xfff),
                  ('i32.div_u', 3)]  # the last is the default


def dispatch_loop():
    labels = ' '.join(f'$c{k}' for k in range(len(DISPATCH_CASES)))
    code = f'(br_table {labels} (local.get $n))'
    for k, (op, operand) in enumerate(DISPATCH_CASES):
        code = (f'(block $c{k} {code})\n        (local.set $x ({op} (local.get $x) '
                f'(i32.const {operand}))) (br $next)')
    return f'''
    (loop $l
      (block $next
        {code})
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))'''


def dispatch_result(x, n):
    operations = {'i32.add': lambda a, b: a + b, 'i32.mul': lambda a, b: a * b,
                  'i32.xor': lambda a, b: a ^ b, 'i32.shl': lambda a, b: a << b,
                  'i32.sub': lambda a, b: a - b, 'i32.or': lambda a, b: a | b,
                  'i32.rotl': lambda a, b: (a << b) | (a >> (32 - b)),
                  'i32.and': lambda a, b: a & b, 'i32.div_u': lambda a, b: a // b}
    while n:
        op, operand = DISPATCH_CASES[min(n, len(DISPATCH_CASES) - 1)]
        x = operations[op](x, operand) & 0xffffffff
        n -= 1
    return x


def huge_stores(base):
    return ''.join(f'\n    (i32.store offset={4 * k} (local.get {base}) (i32.add (local.get $x) '
                   f'(i32.load offset={4 * k + 4} (local.get {base}))))'
                   for k in range(HUGE_STORES))


def module():
    huge = huge_stores('$n')
    return f'''(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $straight (export "straight") (param $p i32) (param $c i32) (result i32) (local $x i32){DIAMOND}
    (local.get $x))
  (func $looping (export "looping") (param $p i32) (param $c i32) (param $n i32) (result i32) (local $x i32){DIAMOND}{LOOP}
    (local.get $x))
  (func $huge (export "huge") (param $p i32) (param $c i32) (param $n i32) (result i32) (local $x i32){DIAMOND}{LOOP}{huge}
    (local.get $x))
  (func $dispatch (export "dispatch") (param $p i32) (param $c i32) (param $n i32) (result i32) (local $x i32) (local $b i32){DIAMOND}{dispatch_loop()}
    (local.set $b (i32.add (local.get $n) (i32.const 32768))){huge_stores('$b')}
    (local.get $x))
  (func (export "_start")
    (i32.store (i32.const 8) (i32.const 5))
    ;; $dispatch first (its stores are above 32768); then 5 + 5 = 10; (5 + 5) * 3^4 = 810;
    ;; likewise, with stores above address 64
    (call $exit (i32.and (i32.const 255)
      (i32.add (call $dispatch (i32.const 8) (i32.const 1) (i32.const 4))
        (i32.add (i32.add (call $straight (i32.const 8) (i32.const 1))
                          (call $looping (i32.const 8) (i32.const 1) (i32.const 4)))
                 (call $huge (i32.const 8) (i32.const 1) (i32.const 4))))))))
'''


EXPECTED_STATUS = (dispatch_result(10, 4) + 10 + 810 + 810) & 255
LEAN_INSTCOMBINE_RUNS = 2  # kLeanInstCombineRuns

def dropped_loads_module():
    """A huge function storing and dropping loads at $b + 4k; $b is chosen so that the load of
    the last k runs past the end of the one-page memory."""
    body = ''.join(f'\n    (i32.store offset={4 * k} (local.get $b) (i32.const {k}))'
                   f'\n    (drop (i32.load offset={4 * k + 4} (local.get $b)))'
                   for k in range(HUGE_STORES))
    return f'''(module
  (memory 1)
  (func $dropped_loads (param $b i32){body})
  (func (export "_start") (call $dropped_loads (i32.const {65536 - 4 * HUGE_STORES}))))
'''


# function index (after the one import) -> name in the IR, and whether GVN's PRE should run
# there with tiers on at -O2
FUNCTIONS = {'straight': ('wasm_f1', False), 'looping': ('wasm_f2', True), 'huge': ('wasm_f3', False),
             'dispatch': ('wasm_f4', False)}
FAST_SELECTION = {'huge'}  # the huge function without a dispatch loop


def function_bodies(ir):
    bodies = {}
    for match in re.finditer(r'^define [^@]*@(\w+)\(.*?^}', ir, re.M | re.S):
        bodies[match.group(1)] = match.group(0)
    return bodies


def function_attributes(ir):
    """Function symbol -> the text of its attribute group."""
    groups = dict(re.findall(r'^attributes (#\d+) = \{(.*)\}$', ir, re.M))
    return {name: groups.get(group, '')
            for name, group in re.findall(r'^define [^@]*@(\w+)\(.*\) (#\d+)', ir, re.M)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--wasmc', required=True)
    parser.add_argument('--wat2wasm', default=shutil.which('wat2wasm'))
    args = parser.parse_args()
    if not args.wat2wasm:
        print('SKIP: no wat2wasm')
        return SKIP
    failures = 0

    def check(label, ok, detail=''):
        nonlocal failures
        failures += not ok
        print(f'{"PASS" if ok else "FAIL"}: {label}' + ('' if ok else f' ({detail})'))

    with tempfile.TemporaryDirectory(prefix='wasmc-tiers-') as work:
        wat, wasm = os.path.join(work, 'tiers.wat'), os.path.join(work, 'tiers.wasm')
        with open(wat, 'w') as f:
            f.write(module())
        subprocess.run([args.wat2wasm, wat, '-o', wasm], check=True)
        base_env = {k: v for k, v in os.environ.items()
                    if k not in ('WASMC_NO_TIERS', 'WASMC_NO_PASSES', 'WASMC_LLVM_ARGS',
                                 'WASMC_NO_FAST_HUGE_ISEL', 'WASMC_STRESS_BOUNDS')}
        # label, level, environment, tiers on, GVN on
        cases = [('-O2 with tiers', '2', {}, True, True),
                 ('-O2 with WASMC_NO_TIERS=1', '2', {'WASMC_NO_TIERS': '1'}, False, True),
                 ('-O3 (no tiers)', '3', {}, False, True),
                 ('-O2 with WASMC_NO_PASSES=GVNPass', '2', {'WASMC_NO_PASSES': 'GVNPass'}, True,
                  False),
                 ('-O2 with WASMC_NO_FAST_HUGE_ISEL=1', '2', {'WASMC_NO_FAST_HUGE_ISEL': '1'},
                  True, True)]
        for label, level, env, tiers, gvn in cases:
            fast = tiers and 'WASMC_NO_FAST_HUGE_ISEL' not in env
            out = os.path.join(work, 'out.ll')
            run = subprocess.run([args.wasmc, 'build', wasm, f'-O{level}', '--emit', 'llvm-ir',
                                  '-o', out],
                                 env=dict(base_env, WASMC_LLVM_ARGS='-time-passes', **env),
                                 capture_output=True, text=True, timeout=600)
            if run.returncode != 0:
                check(f'{label}: compiles', False, run.stderr.strip()[-500:])
                continue
            ran = 'CalledValuePropagationPass' in run.stderr
            check(f'{label}: CalledValuePropagation {"does not run" if tiers else "runs"}',
                  ran != tiers, 'ran' if ran else 'did not run')
            with open(out) as f:
                ir = f.read()
            bodies = function_bodies(ir)
            attributes = function_attributes(ir)
            # The tier recorded for the loop passes, and lean's InstCombine runs counted (only
            # the passes that depend on the tier ask for it to be decided).
            for function, (symbol, full) in FUNCTIONS.items() if tiers else ():
                group = attributes.get(symbol, '')
                recorded = re.search(r'"wasmc-tier"="(\w+)"', group)
                recorded = recorded.group(1) if recorded else None
                runs = re.search(r'"wasmc-lean-instcombine-runs"="(\d+)"', group)
                runs = int(runs.group(1)) if runs else 0
                expected = 'full' if full else 'lean'
                check(f'{label}: ${function} is recorded {expected}, InstCombine counted '
                      f'{0 if full else LEAN_INSTCOMBINE_RUNS} times',
                      recorded == expected and runs == (0 if full else LEAN_INSTCOMBINE_RUNS),
                      f'{symbol}: tier {recorded}, {runs} runs')
            for function, (symbol, full) in FUNCTIONS.items():
                expected = gvn and (full or not tiers)
                body = bodies.get(symbol, '')
                pre = re.search(r'%\S*\.pre\b', body) is not None
                check(f'{label}: ${function} {"is" if expected else "is not"} GVN\'d (load PRE)',
                      bool(body) and pre == expected,
                      f'{symbol} {"missing" if not body else "has .pre" if pre else "has no .pre"}')
                expected = fast and function in FAST_SELECTION
                marked = '"wasmc-fast-isel"' in attributes.get(symbol, '')
                check(f'{label}: ${function} {"is" if expected else "is not"} marked for -O0\'s '
                      'instruction selection', marked == expected, attributes.get(symbol, ''))
            # FastISel reports the calls it leaves to the -O2 selector (the trap witnesses' inline
            # assembly): its remarks name the functions it selected.
            run = subprocess.run([args.wasmc, 'build', wasm, f'-O{level}', '--no-cache', '--emit',
                                  'obj', '-o', os.path.join(work, 'out.o')],
                                 env=dict(base_env, WASMC_LLVM_ARGS='-pass-remarks-missed=sdagisel',
                                          **env), capture_output=True, text=True, timeout=600)
            selected = set(re.findall(r'^remark: (\w+): sdagisel:', run.stderr, re.M))
            expected = {FUNCTIONS[f][0] for f in FAST_SELECTION} if fast else set()
            check(f'{label}: FastISel selects {sorted(expected) or "no function"}',
                  run.returncode == 0 and selected == expected,
                  f'status {run.returncode}, FastISel remarks for {sorted(selected)}')
            exe = os.path.join(work, 'tiers')
            run = subprocess.run([args.wasmc, 'build', wasm, f'-O{level}', '--no-cache', '-v',
                                  '-o', exe], env=dict(base_env, **env), capture_output=True,
                                 text=True, timeout=600)
            reported = 'tiers:' in run.stderr
            check(f'{label}: -v {"reports" if tiers else "does not report"} tiers',
                  run.returncode == 0 and reported == tiers, run.stderr.strip()[-300:])
            if tiers:
                count = len(FAST_SELECTION) if fast else 0
                check(f'{label}: -v reports {count} huge function(s) with -O0\'s selection',
                      f'{count} of them huge with -O0\'s instruction selection' in run.stderr,
                      run.stderr.strip()[-300:])
            status = subprocess.run([exe], timeout=60).returncode if run.returncode == 0 else None
            check(f'{label}: the executable exits with {EXPECTED_STATUS}',
                  status == EXPECTED_STATUS, f'status {status}')
        # WASMC_STRESS_BOUNDS=1 (the `stress` tests) puts the size bounds below this module's:
        # several partitions (the stress tests' mutation check showed the huge-function bound
        # taking effect: without keepTrapsForFastSelection their dropped loads do not trap).
        for stressed in (False, True):
            env = dict(base_env, **({'WASMC_STRESS_BOUNDS': '1'} if stressed else {}))
            run = subprocess.run([args.wasmc, 'build', wasm, '-O2', '--no-cache', '-v', '-o',
                                  os.path.join(work, 'stressed')], env=env, capture_output=True,
                                 text=True, timeout=600)
            partitions = re.search(r'(\d+) partition\(s\)', run.stderr)
            partitions = int(partitions.group(1)) if partitions else None
            label = 'WASMC_STRESS_BOUNDS=1' if stressed else 'without WASMC_STRESS_BOUNDS'
            check(f'{label}: {"several partitions" if stressed else "one partition"}',
                  run.returncode == 0 and partitions is not None and
                  (partitions > 1 if stressed else partitions == 1),
                  f'{partitions} partitions: {run.stderr.strip()[-300:]}')
        wat, wasm = os.path.join(work, 'dropped.wat'), os.path.join(work, 'dropped.wasm')
        with open(wat, 'w') as f:
            f.write(dropped_loads_module())
        subprocess.run([args.wat2wasm, wat, '-o', wasm], check=True)
        targets = [('x86-64', [], [])]
        if shutil.which('qemu-aarch64'):
            targets.append(('aarch64', ['--target', 'aarch64-linux'], ['qemu-aarch64']))
        for target, flags, runner in targets:
            for label, env in [('fast selection', {}),
                               ('WASMC_NO_FAST_HUGE_ISEL=1', {'WASMC_NO_FAST_HUGE_ISEL': '1'})]:
                exe = os.path.join(work, 'dropped')
                run = subprocess.run([args.wasmc, 'build', wasm, '-O2', '--no-cache', '-v', '-o', exe,
                                      *flags], env=dict(base_env, **env), capture_output=True,
                                     text=True, timeout=600)
                fast = 'WASMC_NO_FAST_HUGE_ISEL' not in env
                check(f'{target}, {label}: the dropped loads\' function is '
                      f'{"" if fast else "not "}selected fast',
                      run.returncode == 0 and
                      f'{int(fast)} of them huge with -O0\'s instruction selection' in run.stderr,
                      run.stderr.strip()[-300:])
                if run.returncode != 0:
                    continue
                result = subprocess.run([*runner, exe], capture_output=True, text=True, timeout=60)
                check(f'{target}, {label}: a dropped load past the end traps',
                      result.returncode == 134 and
                      'wasm trap: out of bounds memory access' in result.stderr,
                      f'status {result.returncode}: {result.stderr.strip()[:200]}')
    print(f'{failures} failed' if failures else 'all passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
