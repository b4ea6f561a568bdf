#!/usr/bin/env python3
"""Branch hints (the `metadata.code.branch_hint` custom section, binary/BranchHints.h): a hint on
an `if` and on a `br_if` becomes branch weights in the IR (likely: the condition non-zero), and
the program computes the same; a section whose hint points at another operator, or that is
malformed, is ignored with a warning, the module still builds and runs the same, and its IR has
no weights.
Exit status: 0 all passed, 1 a failure."""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wasm_builder import END, I32, Module, WASI, body, functype, limits, name, uleb, vec, i32_const  # noqa: E402


def hinted_module(hints):
    """_start: proc_exit(f(7) + f(0) * 16 + f(100) * 64), f(x) = x == 0 ? 1 : (x < 50 ? 2 : 3),
    written with an `if` and a `br_if`. hints(if_offset, br_if_offset) -> the section content,
    offsets from the start of f's code entry."""
    code = (b'\x20\x00' + b'\x45' +                    # local.get 0; i32.eqz
            b'\x04\x40' + i32_const(1) + b'\x0f' + END +  # if: return 1; end
            b'\x02\x40' +                               # block
            b'\x20\x00' + i32_const(50) + b'\x48' +     # local.get 0; i32.const 50; i32.lt_s
            b'\x0d\x00' +                               # br_if 0
            i32_const(3) + b'\x0f' + END +              # return 3; end
            i32_const(2) + END)
    f = body([], code)
    size_bytes = len(uleb(len(vec([]) + code)))  # the entry's size field
    locals_bytes = 1
    if_offset = size_bytes + locals_bytes + 3  # after local.get 0; i32.eqz
    br_if_offset = if_offset + 2 + 2 + 1 + 1 + 2 + 2 + 2 + 1
    start = (b'\x41\x07\x10\x02' + b'\x41\x00\x10\x02' + i32_const(16) + b'\x6c\x6a' +
             i32_const(100) + b'\x10\x02' + i32_const(64) + b'\x6c\x6a' + b'\x10\x00' + END)
    m = Module()
    m.add(1, vec([functype([I32], []), functype([], []), functype([I32], [I32])]), 'type')
    m.add(2, vec([name(WASI) + name('proc_exit') + b'\x00' + uleb(0)]), 'import')
    m.add(3, vec([uleb(1), uleb(2)]), 'function')
    m.add(5, vec([limits(1)]), 'memory')
    m.add(7, vec([name('memory') + b'\x02' + uleb(0), name('_start') + b'\x00' + uleb(1)]), 'export')
    if hints:
        m.custom('metadata.code.branch_hint', hints(if_offset, br_if_offset))
    m.add(10, vec([body([], start), f]), 'code')
    return m.serialise()[0]


def hinted_branches(ir):
    """-> (conditional branches and selects with likely weights, with unlikely weights) in the IR
    text (optimisation turns small branches into selects, which keep their weights)."""
    weights = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in
               re.finditer(r'^!(\d+) = !\{!"branch_weights", i32 (\d+), i32 (\d+)\}', ir, re.M)}
    uses = [weights[n] for n in re.findall(r'\b(?:br|select) i1 .*!prof !(\d+)', ir) if n in weights]
    return sum(a > b for a, b in uses), sum(a < b for a, b in uses)


EXPECTED_STATUS = (2 + 1 * 16 + 3 * 64) & 255


def good(if_offset, br_if_offset):
    # function 2 (f): the `if` unlikely, the `br_if` likely
    return vec([uleb(2) + vec([uleb(if_offset) + uleb(1) + b'\x00', uleb(br_if_offset) + uleb(1) + b'\x01'])])


def wrong_target(if_offset, br_if_offset):
    return vec([uleb(2) + vec([uleb(if_offset + 1) + uleb(1) + b'\x00'])])


def malformed(if_offset, br_if_offset):
    return vec([uleb(2) + vec([uleb(if_offset) + uleb(1) + b'\x02'])])


def imported_function(if_offset, br_if_offset):
    return vec([uleb(0) + vec([uleb(if_offset) + uleb(1) + b'\x00'])])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--wasmc', required=True)
    options = parser.parse_args()
    failures = 0

    def report(label, ok, detail=''):
        nonlocal failures
        print(f'{"ok  " if ok else "FAIL"} {label}' + ('' if ok else f': {detail}'))
        failures += not ok
        return ok

    with tempfile.TemporaryDirectory(prefix='wasmc-branch-hints-') as work:
        reference = {}
        for label, hints, warning in [('no hints', None, None), ('good hints', good, None),
                                      ('a hint on another operator', wrong_target, 'invalid target'),
                                      ('a malformed section', malformed, 'malformed'),
                                      ('a hint on an imported function', imported_function, 'not defined')]:
            wasm = os.path.join(work, label.replace(' ', '_') + '.wasm')
            with open(wasm, 'wb') as f:
                f.write(hinted_module(hints))
            for level in ('-O0', '-O2'):
                ir = wasm + level + '.ll'
                p = subprocess.run([options.wasmc, 'build', wasm, level, '--emit', 'llvm-ir', '-o', ir],
                                   capture_output=True, text=True, timeout=120)
                if not p.returncode == 0:
                    report(f'{label} {level}: --emit llvm-ir', False, p.stderr)
                    continue
                with open(ir) as f:
                    text = f.read()
                likely, unlikely = hinted_branches(text)
                if warning:
                    report(f'{label} {level}: a warning says why', f'warning: {wasm}' in p.stderr and
                           warning in p.stderr, p.stderr)
                if hints is None or warning:
                    if hints is None:
                        report(f'{label} {level}: no warning', p.stderr == '', p.stderr)
                    reference[level] = (likely, unlikely) if hints is None else reference[level]
                    report(f'{label} {level}: no weights beyond wasmc\'s own',
                           (likely, unlikely) == reference[level], f'{(likely, unlikely)} {reference[level]}')
                    continue
                report(f'{label} {level}: no warning', p.stderr == '', p.stderr)
                if level == '-O0':
                    # The br_if likely, the if unlikely, beside wasmc's own unlikely checks.
                    report(f'{label} {level}: the if unlikely and the br_if likely',
                           (likely, unlikely) == (1, reference[level][1] + 1),
                           f'{(likely, unlikely)}, without hints {reference[level]}')
                else:
                    report(f'{label} {level}: hinted weights survive optimisation',
                           likely + unlikely > sum(reference[level]), f'{(likely, unlikely)} {reference[level]}')
            exe = os.path.join(work, label.replace(' ', '_'))
            p = subprocess.run([options.wasmc, 'build', wasm, '-o', exe], capture_output=True, text=True,
                               timeout=120)
            if report(f'{label}: builds', p.returncode == 0, p.stderr):
                status = subprocess.run([exe], timeout=60).returncode
                report(f'{label}: computes the same', status == EXPECTED_STATUS,
                       f'exit status {status}, expected {EXPECTED_STATUS}')
            if warning:
                # `wasmc run` compiles too: its first, uncached compile says the same.
                environment = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'cache-' + label.replace(' ', '_')))
                p = subprocess.run([options.wasmc, 'run', wasm], capture_output=True, text=True,
                                   timeout=120, env=environment)
                report(f'{label}: wasmc run warns too', p.returncode == EXPECTED_STATUS and
                       f'warning: {wasm}' in p.stderr and warning in p.stderr, p.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
