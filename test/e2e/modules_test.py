#!/usr/bin/env python3
"""Hand-assembled WASI commands for what C programs compiled by clang do not produce, run by wasmc
and, when available, by node's WASI:

  * traps whose result is dropped (a division by zero, an out-of-bounds load, a trapping float
    conversion whose value nobody uses must still trap: an optimiser must not delete them);
  * instantiation: a trapping start function, active data and element segments out of bounds,
    overlapping data segments (in order);
  * call_indirect with structurally equal but distinct type indices (must not trap), with a null
    entry, past the table;
  * bulk memory at the exact bounds (length 0 at the end is fine, one past traps), dropped
    segments;
  * unreachable code with a polymorphic stack, deep block nesting, many locals and parameters,
    multi-value blocks and loops with parameters, memory.grow against a maximum.

Each module reports through its exit status (proc_exit) or traps; the expected outcome is what the
WebAssembly specification requires. Exit status 0 when all agree, 1 otherwise.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wasm_builder as wb  # noqa: E402
from wasm_builder import (END, I32, I64, F32, F64, FUNCREF, uleb, sleb, name, vec, body, functype, limits,  # noqa: E402
                          i32_const, i64_const, f32_const, f64_const)

TRAP = 134
V8_TRAP = {  # what node-wasi.mjs prints after "wasm trap: " for each wasmc reason
    'unreachable': ['unreachable'],
    'integer divide by zero': ['divide by zero', 'remainder by zero'],
    'integer overflow': ['divide result unrepresentable', 'float unrepresentable in integer range'],
    'invalid conversion to integer': ['float unrepresentable in integer range'],
    'out of bounds memory access': ['memory access out of bounds', 'data segment', 'out of bounds memory access'],
    'out of bounds table access': ['table index is out of bounds', 'table initializer is out of bounds',
                                   'element segment', 'out of bounds table access'],
    'undefined element': ['table index is out of bounds'],
    'uninitialized element': ['null function or function signature mismatch', 'null function'],
    'indirect call type mismatch': ['null function or function signature mismatch', 'function signature mismatch'],
    'call stack exhausted': ['Maximum call stack size exceeded'],
}

# Type indices of every module built by command(): fixed, so that bodies can refer to them.
T_PROC_EXIT, T_VOID, T_I32, T_I32_DUP, T_I32_I32 = 0, 1, 2, 3, 4
PROC_EXIT = 0   # function index of the import
START = 1       # function index of _start


def call_exit():
    return b'\x10' + uleb(PROC_EXIT)


def command(start_code, start_locals=(), extra_types=(), functions=(), memory=(1, None), table=None,
            elements=(), data=(), start_section=None, globals_=(), datacount=None):
    """A module importing proc_exit, exporting memory and _start (function 1).
    functions: [(type index, locals, code)] defined after _start (indices 2, 3, ...)."""
    m = wb.Module()
    types = [functype([I32], []), functype([], []), functype([], [I32]), functype([], [I32]),
             functype([I32], [I32])] + list(extra_types)
    m.add(1, vec(types), 'type')
    m.add(2, vec([name(wb.WASI) + name('proc_exit') + b'\x00' + uleb(T_PROC_EXIT)]), 'import')
    m.add(3, vec([uleb(T_VOID)] + [uleb(t) for t, _, _ in functions]), 'function')
    if table is not None:
        m.add(4, vec([bytes([FUNCREF]) + limits(*table)]), 'table')
    if memory is not None:
        m.add(5, vec([limits(*memory)]), 'memory')
    if globals_:
        m.add(6, vec(globals_), 'global')
    exports = [name('_start') + b'\x00' + uleb(START)]
    if memory is not None:
        exports.insert(0, name('memory') + b'\x02' + uleb(0))
    m.add(7, vec(exports), 'export')
    if start_section is not None:
        m.add(8, uleb(start_section), 'start')
    if elements:
        m.add(9, vec(elements), 'element')
    if datacount is not None:
        m.add(12, uleb(datacount), 'datacount')
    bodies = [body(list(start_locals), start_code)] + [body(list(l), c) for _, l, c in functions]
    m.add(10, vec(bodies), 'code')
    if data:
        m.add(11, vec(data), 'data')
    return m.serialise()[0]


def active_data(offset, content):
    return uleb(0) + i32_const(offset) + END + name(content)


def active_elem(offset, funcs):
    return uleb(0) + i32_const(offset) + END + vec([uleb(f) for f in funcs])


def exit_with(code_producing_i32):
    return code_producing_i32 + call_exit() + END


CASES = []


def case(label, expect, data, why, not_in_backtrace=None):
    """expect: an int (exit status) or a str (trap reason). not_in_backtrace: a function that must
    not appear in wasmc's backtrace (it never ran)."""
    CASES.append((label, expect, data, why, not_in_backtrace))


def build_cases():
    # ---- traps whose results are dropped ----
    for label, code, reason in [
            ('i32.div_s by zero, result dropped', i32_const(1) + i32_const(0) + b'\x6d\x1a', 'integer divide by zero'),
            ('i32.div_u by zero, result dropped', i32_const(1) + i32_const(0) + b'\x6e\x1a', 'integer divide by zero'),
            ('i64.rem_s by zero, result dropped', i64_const(1) + i64_const(0) + b'\x81\x1a', 'integer divide by zero'),
            ('i64.rem_u by zero, result dropped', i64_const(1) + i64_const(0) + b'\x82\x1a', 'integer divide by zero'),
            ('i32.div_s INT_MIN/-1, result dropped', i32_const(-2**31) + i32_const(-1) + b'\x6d\x1a', 'integer overflow'),
            ('i64.div_s INT64_MIN/-1, result dropped', i64_const(-2**63) + i64_const(-1) + b'\x7f\x1a', 'integer overflow'),
            ('i32.trunc_f32_s of NaN, result dropped', f32_const(float('nan')) + b'\xa8\x1a', 'invalid conversion to integer'),
            ('i64.trunc_f64_u of -1, result dropped', f64_const(-1.0) + b'\xb1\x1a', 'integer overflow'),
            ('i32.trunc_f64_s of 2^31, result dropped', f64_const(2.0 ** 31) + b'\xaa\x1a', 'integer overflow'),
            ('i32.load out of bounds, result dropped', i32_const(65536) + b'\x28\x02\x00\x1a', 'out of bounds memory access'),
            ('i64.load8_u at -1 (4 GiB - 1), dropped', i32_const(-1) + b'\x31\x00\x00\x1a', 'out of bounds memory access'),
            ('f64.load with offset past the end, dropped', i32_const(0) + b'\x2b\x03\x80\x80\x04\x1a',
             'out of bounds memory access'),
            ('i32.load straddling the end, dropped', i32_const(65534) + b'\x28\x02\x00\x1a', 'out of bounds memory access'),
            ('memory.size then load at it, dropped', b'\x3f\x00' + i32_const(16) + b'\x74' + b'\x2d\x00\x00\x1a',
             'out of bounds memory access'),
            ('load in a loop that runs once, dropped',
             b'\x03\x40' + i32_const(70000) + b'\x28\x02\x00\x1a' + END, 'out of bounds memory access'),
            ('unreachable after a call', i32_const(0) + b'\x10' + uleb(2) + b'\x1a\x00', 'unreachable'),
    ]:
        functions = [(T_I32_I32, [], b'\x20\x00' + END)]
        case(f'dropped: {label}', reason, command(code + i32_const(0) + call_exit() + END, functions=functions),
             'a trapping instruction whose result is unused must still trap')
    case('dropped: i32.div_s by 1 is fine', 7,
         command(i32_const(5) + i32_const(1) + b'\x6d\x1a' + exit_with(i32_const(7))), 'no trap')
    case('dropped: i32.load at the last word is fine', 9,
         command(i32_const(65532) + b'\x28\x02\x00\x1a' + exit_with(i32_const(9))), 'no trap')
    case('i32.rem_s INT_MIN % -1 is 0', 0,
         command(exit_with(i32_const(-2**31) + i32_const(-1) + b'\x6f')), 'defined as 0, no trap')
    case('i64.rem_s INT64_MIN % -1 is 0', 0,
         command(exit_with(i64_const(-2**63) + i64_const(-1) + b'\x81' + b'\xa7')), 'defined as 0, no trap')

    # ---- instantiation ----
    case('start function traps', 'unreachable',
         command(exit_with(i32_const(1)), functions=[(T_VOID, [], b'\x00' + END)], start_section=2),
         'a trapping start function fails the instantiation with its trap')
    case('start function runs before _start', 42,
         command(exit_with(i32_const(0) + b'\x28\x02\x00'),
                 functions=[(T_VOID, [], i32_const(0) + i32_const(42) + b'\x36\x02\x00' + END)], start_section=2),
         'the start function stores 42, _start exits with it')
    case('data segment out of bounds', 'out of bounds memory access',
         command(exit_with(i32_const(3)), data=[active_data(65534, b'abcd')]),
         'an active data segment past the end of memory traps at instantiation', not_in_backtrace='func[1]')
    case('data segment ending exactly at the end', 100,
         command(exit_with(i32_const(65535) + b'\x2d\x00\x00'), data=[active_data(65532, b'abc\x64')]),
         'fits exactly')
    case('empty data segment exactly at the end', 5,
         command(exit_with(i32_const(5)), data=[active_data(65536, b'')]), 'length 0 at the end is in bounds')
    case('empty data segment past the end', 'out of bounds memory access',
         command(exit_with(i32_const(5)), data=[active_data(65537, b'')]), 'length 0 past the end is out of bounds')
    case('overlapping data segments apply in order', ord('Z'),
         command(exit_with(i32_const(2) + b'\x2d\x00\x00'), data=[active_data(0, b'abcd'), active_data(2, b'Z')]),
         'the later segment wins')
    case('element segment out of bounds', 'out of bounds table access',
         command(exit_with(i32_const(3)), table=(2, 2), functions=[(T_I32, [], i32_const(1) + END)],
                 elements=[active_elem(1, [2, 2])]),
         'an active element segment past the end of the table traps at instantiation', not_in_backtrace='func[2]')
    case('memory of zero pages', 0,
         command(exit_with(b'\x3f\x00'), memory=(0, 0)), 'memory.size is 0')
    case('load from a memory of zero pages', 'out of bounds memory access',
         command(exit_with(i32_const(0) + b'\x2d\x00\x00'), memory=(0, 0)), 'every access is out of bounds')

    # ---- call_indirect ----
    # f2: type T_I32 returns 11; f3: type T_I32_DUP (structurally equal) returns 22.
    fns = [(T_I32, [], i32_const(11) + END), (T_I32_DUP, [], i32_const(22) + END), (T_I32_I32, [], b'\x20\x00' + END)]
    table = (5, 5)
    elems = [active_elem(0, [2, 3, 4])]  # slots 3 and 4 stay null
    case('call_indirect, same type index', 11,
         command(exit_with(i32_const(0) + b'\x11' + uleb(T_I32) + b'\x00'), table=table, functions=fns, elements=elems),
         'plain call')
    case('call_indirect, structurally equal type', 22,
         command(exit_with(i32_const(1) + b'\x11' + uleb(T_I32) + b'\x00'), table=table, functions=fns, elements=elems),
         'types are compared structurally: () -> i32 twice in the type section is one type')
    case('call_indirect, equal type the other way', 11,
         command(exit_with(i32_const(0) + b'\x11' + uleb(T_I32_DUP) + b'\x00'), table=table, functions=fns,
                 elements=elems), 'same')
    case('call_indirect, different type', 'indirect call type mismatch',
         command(exit_with(i32_const(2) + b'\x11' + uleb(T_I32) + b'\x00'), table=table, functions=fns, elements=elems),
         '(i32) -> i32 called as () -> i32')
    case('call_indirect, null entry', 'uninitialized element',
         command(exit_with(i32_const(3) + b'\x11' + uleb(T_I32) + b'\x00'), table=table, functions=fns, elements=elems),
         'slot 3 was never set')
    case('call_indirect, past the table', 'undefined element',
         command(exit_with(i32_const(5) + b'\x11' + uleb(T_I32) + b'\x00'), table=table, functions=fns, elements=elems),
         'index 5 of a 5-entry table')
    case('call_indirect, index -1', 'undefined element',
         command(exit_with(i32_const(-1) + b'\x11' + uleb(T_I32) + b'\x00'), table=table, functions=fns, elements=elems),
         'index 2^32-1 (unsigned)')

    # ---- bulk memory at the bounds ----
    passive = b'\x01' + name(b'xyz')
    for label, code, expect in [
            ('memory.fill length 0 at the end', i32_const(65536) + i32_const(1) + i32_const(0) + b'\xfc\x0b\x00', 0),
            ('memory.fill length 0 past the end', i32_const(65537) + i32_const(1) + i32_const(0) + b'\xfc\x0b\x00',
             'out of bounds memory access'),
            ('memory.fill straddling the end', i32_const(65530) + i32_const(1) + i32_const(10) + b'\xfc\x0b\x00',
             'out of bounds memory access'),
            ('memory.copy length 0 at the end', i32_const(65536) + i32_const(65536) + i32_const(0) + b'\xfc\x0a\x00\x00', 0),
            ('memory.copy source past the end', i32_const(0) + i32_const(65537) + i32_const(0) + b'\xfc\x0a\x00\x00',
             'out of bounds memory access'),
            ('memory.copy overlapping forward', i32_const(1) + i32_const(0) + i32_const(4) + b'\xfc\x0a\x00\x00', 0),
            ('memory.init length 0 at the end', i32_const(65536) + i32_const(3) + i32_const(0) + b'\xfc\x08\x00\x00', 0),
            ('memory.init past the segment', i32_const(0) + i32_const(2) + i32_const(2) + b'\xfc\x08\x00\x00',
             'out of bounds memory access'),
            ('memory.init after data.drop, length 0', b'\xfc\x09\x00' + i32_const(0) + i32_const(0) + i32_const(0) +
             b'\xfc\x08\x00\x00', 0),
            ('memory.init after data.drop, length 1', b'\xfc\x09\x00' + i32_const(0) + i32_const(0) + i32_const(1) +
             b'\xfc\x08\x00\x00', 'out of bounds memory access'),
    ]:
        case(f'bulk: {label}', expect, command(code + exit_with(i32_const(0)), data=[passive], datacount=1),
             'bulk-memory bounds')
    case('bulk: memory.copy overlapping forward is a memmove', ord('a'),
         command(i32_const(0) + i32_const(ord('a')) + b'\x3a\x00\x00' +   # mem[0] = 'a', the rest 0
                 i32_const(1) + i32_const(0) + i32_const(8) + b'\xfc\x0a\x00\x00' +
                 exit_with(i32_const(1) + b'\x2d\x00\x00' + i32_const(8) + b'\x2d\x00\x00' + b'\x6a')),
         'mem[1] = old mem[0] = a, mem[8] = old mem[7] = 0 (a byte-by-byte forward copy would give 2a)')

    # ---- odd but valid code ----
    case('unreachable code with a polymorphic stack', 7,
         command(b'\x02\x7f' + i32_const(7) + b'\x0c\x00' + b'\x6a\x1a' + b'\xa0\x1a' + b'\x1b' + b'\x45' + END +
                 call_exit() + END),
         'after br, the stack is polymorphic: i32.add, drop, f64.add, drop, select, i32.eqz validate')
    case('unreachable then typed instructions', 'unreachable',
         command(b'\x00' + b'\x29\x03\x00' + b'\xa7' + b'\x1a' + exit_with(i32_const(0))),
         'after unreachable anything goes')
    case('br_table with a polymorphic stack', 3,
         command(b'\x02\x40' + b'\x02\x40' + i32_const(1) + b'\x0e\x01\x00\x01' + b'\x6a\x1a' + END +
                 i32_const(99) + call_exit() + END + exit_with(i32_const(3))), 'br_table to the outer block')
    depth = 5000
    nested = b'\x02\x40' * depth + i32_const(1) + b'\x0d' + uleb(depth - 1) + END * depth
    case(f'{depth} nested blocks', 4, command(nested + exit_with(i32_const(4))), 'deep nesting compiles')
    case('20000 nested blocks, branch from the innermost', 6,
         command(b'\x02\x40' * 20000 + b'\x0c' + uleb(19999) + END * 20000 + exit_with(i32_const(6))),
         'a compiler must not recurse once per nesting level on the native stack')
    many_locals = [(20000, I64), (20000, F64)]
    case('40000 locals', 12,
         command(i64_const(12) + b'\x21' + uleb(19999) + b'\x20' + uleb(19999) + b'\xa7' + call_exit() + END,
                 start_locals=many_locals), 'locals are zero-initialised, the last one works')
    case('locals start at zero', 0,
         command(b'\x20\x05' + b'\xa7' + b'\x20\x02' + b'\xaa' + b'\x6a' + call_exit() + END,
                 start_locals=[(3, F64), (3, I64)]), 'all zero')
    params = [I32, I64, F32, F64] * 25
    sum_code = b''.join(b'\x20' + uleb(i) + (b'\xa7' if t == I64 else b'\xa8' if t == F32 else b'\xaa' if t == F64 else b'')
                        + (b'\x6a' if i else b'') for i, t in enumerate(params)) + END
    args = b''.join(i32_const(1) if t == I32 else i64_const(2) if t == I64 else f32_const(3.5) if t == F32
                    else f64_const(4.5) for t in params)
    case('100 parameters of all types', (1 + 2 + 3 + 4) * 25,
         command(exit_with(args + b'\x10' + uleb(2)), extra_types=[functype(params, [I32])],
                 functions=[(5, [], sum_code)]), 'every parameter arrives')
    # multi-value: a loop with a parameter counting down, a block returning two values
    case('loop with parameters', 55,
         command(i32_const(0) + i32_const(10) +
                 b'\x03' + sleb(5) +                                # loop (i32 i32) -> (i32 i32)
                 b'\x21\x01\x21\x00' +                              # local1 = n, local0 = acc
                 b'\x20\x00\x20\x01\x6a' + b'\x20\x01' + i32_const(1) + b'\x6b' +  # acc+n, n-1
                 b'\x22\x01' + b'\x20\x01' + b'\x0d\x00' + END +  # br_if loop (acc+n, n-1) while n-1 != 0
                 b'\x1a' + call_exit() + END,
                 start_locals=[(2, I32)], extra_types=[functype([I32, I32], [I32, I32])]),
         'multi-value loop parameters')
    case('memory.grow past the maximum', 255,
         command(exit_with(i32_const(2) + b'\x40\x00' + i32_const(255) + b'\x71'), memory=(1, 2)),
         'grow by 2 with max 2 fails: -1 (& 255: an exit status)')
    case('memory.grow to the maximum', 1,
         command(exit_with(i32_const(1) + b'\x40\x00'), memory=(1, 2)), 'returns the old size, 1')
    case('memory.grow then store in the new page', 8,
         command(i32_const(1) + b'\x40\x00\x1a' + i32_const(131071) + i32_const(8) + b'\x3a\x00\x00' +
                 exit_with(i32_const(131071) + b'\x2d\x00\x00'), memory=(1, 2)), 'the new page is usable')
    case('mutable global updated in a loop', 100,
         command(b'\x03\x40' + b'\x23\x00' + i32_const(1) + b'\x6a' + b'\x24\x00' + b'\x23\x00' + i32_const(100) +
                 b'\x49' + b'\x0d\x00' + END + exit_with(b'\x23\x00'),
                 globals_=[bytes([I32, 1]) + i32_const(0) + END]), 'global.get/set')


def node_verdict(node, runner, wasm, work):
    argv = [node, '--no-warnings', '--single-threaded', runner, '--argv0', 'm', wasm]
    try:
        p = subprocess.run(argv, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except subprocess.TimeoutExpired:
        return None, 'timeout'
    return p.returncode, p.stderr.decode('utf-8', 'replace')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--wasmc', required=True)
    parser.add_argument('--node', default=shutil.which('node'))
    parser.add_argument('--keep', help='keep the modules and executables in this directory')
    parser.add_argument('--filter')
    options = parser.parse_args()
    if options.node in ('none', ''):
        options.node = None
    build_cases()
    runner = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'node-wasi.mjs')
    work = options.keep or tempfile.mkdtemp(prefix='wasmc-modules-')
    os.makedirs(work, exist_ok=True)
    failures = 0
    try:
        for index, (label, expect, data, why, not_in_backtrace) in enumerate(CASES):
            if options.filter and options.filter not in label:
                continue
            wasm = os.path.join(work, f'case{index:03d}.wasm')
            exe = os.path.join(work, f'case{index:03d}')
            with open(wasm, 'wb') as f:
                f.write(data)
            want = f'trap "{expect}"' if isinstance(expect, str) else f'exit {expect}'
            problems = []
            try:
                b = subprocess.run([options.wasmc, 'build', wasm, '-o', exe], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=300)
            except subprocess.TimeoutExpired:
                b = None
            if b is None or b.returncode != 0:
                problems.append('wasmc build failed: ' + (b.stdout.decode(errors='replace').strip() if b else 'timeout'))
            else:
                try:
                    r = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60, cwd=work)
                    status, err = r.returncode, r.stderr.decode('utf-8', 'replace')
                except subprocess.TimeoutExpired:
                    status, err = None, 'timeout'
                if isinstance(expect, str):
                    if status != TRAP or not err.startswith(f'wasm trap: {expect}\n'):
                        problems.append(f'wasmc: status {status}, stderr {err[:600]!r}')
                    elif not_in_backtrace and not_in_backtrace in err:
                        problems.append(f'wasmc: the backtrace names {not_in_backtrace}, which never ran (the trap '
                                        f'is in the instantiation):\n{err[:600]}')
                elif status != expect:
                    problems.append(f'wasmc: status {status}, stderr {err[:600]!r}')
            if options.node:
                status, err = node_verdict(options.node, runner, wasm, work)
                if isinstance(expect, str):
                    message = err.split('wasm trap: ', 1)[1].splitlines()[0] if 'wasm trap: ' in err else ''
                    message = message.split('(): ', 1)[-1]  # "WebAssembly.Instance(): data segment is ..." 
                    if status != TRAP or not any(message.startswith(m) for m in V8_TRAP.get(expect, [expect])):
                        problems.append(f'node (reference): status {status}, stderr {err[:400]!r} -- the case itself may be wrong')
                elif status != expect:
                    problems.append(f'node (reference): status {status}, stderr {err[:400]!r} -- the case itself may be wrong')
            if problems:
                failures += 1
                print(f'FAIL {label}: expected {want} ({why})')
                for p in problems:
                    print('    ' + p)
            else:
                print(f'ok   {label}: {want}')
        print(f'{failures} failure(s)' if failures else 'all module cases passed')
        return 1 if failures else 0
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
