#!/usr/bin/env python3
"""wasmc's own LLVM passes and the environment variables that turn them off: for each pass, the
first module of its test script (test/spec/wasmc/*.wast) is compiled to LLVM IR at -O2, where the
pass must leave its mark, and again with the pass's WASMC_NO_* variable set and at -O1, where it
must not. Some functions of those modules must also show (or not show) a mark of their own
(FUNCTION_MARKS). (Whether the code they produce is right is what the scripts themselves test.)"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# script, a mark the pass leaves in the IR, the variable that turns the pass off
PASSES = [
    ('counted_loops', r'\bwasm\.widened\b', 'WASMC_NO_ADDRESS_WIDENING'),
    ('counted_loop_widening', r'%wasm\.group\b', 'WASMC_NO_ADDRESS_WIDENING'),
    ('loop_bounds', r'\.mayfault\b', 'WASMC_NO_BOUNDS_VERSIONING'),
    ('carried_loads', r'%wasm\.carried\b', 'WASMC_NO_CARRIED_LOAD_HOISTING'),
    ('byte_compare_loops', r'"wasmc\.bytewise\.widened"', 'WASMC_NO_BYTE_COMPARE_WIDENING'),
    ('byte_compare_short', r'\bwasm\.words\.short\b', 'WASMC_NO_SHORT_BYTE_COMPARES'),
    ('memory_idioms', r'\.memidiom\.original\b', 'WASMC_NO_MEMORY_IDIOMS'),
    ('memory_idioms', r'\bwasm\.memidiom\.inline\b', 'WASMC_NO_INLINE_MEMORY_IDIOM_CHECKS'),
    ('typed_tables', r'@wasm_table\d+_type\d+\b', 'WASMC_NO_TYPED_TABLES'),
    ('threaded_dispatch', r'%dispatch\.index = ', 'WASMC_NO_THREADED_DISPATCH'),
    ('stack_checks', r'"wasmc-folded-stack-checks"', 'WASMC_NO_STACK_CHECK_FOLDING'),
    ('stack_checks', r'\.stack_checked:', 'WASMC_NO_STACK_CHECK_SINKING'),
    ('below_minimum', r'!wasmc\.below\.minimum\b', 'WASMC_NO_BELOW_MINIMUM_RELEASE'),
    ('alias_versioning', r'\.lver\.check\b', 'WASMC_NO_ALIAS_VERSIONING'),
    ('short_loops', r'"wasmc\.short\.loop"', 'WASMC_NO_SHORT_LOOP_EXEMPTION'),
    ('short_trips', r'%wasm\.short\.trips\b', 'WASMC_NO_SHORT_TRIP_TEST'),
    ('relational_exits', r'%wasm\.iterations\b', 'WASMC_NO_RELATIONAL_EXITS'),
    ('overwritten_loads', r'!wasmc\.overwritten\b', 'WASMC_NO_OVERWRITTEN_LOAD_RELEASE'),
    ('critical_path_order', r'!wasmc\.critical\.path\.order\b', 'WASMC_NO_CRITICAL_PATH_ORDER'),
    ('narrowed_compares', r'!wasmc\.narrowed\.compare\b', 'WASMC_NO_NARROWED_COMPARES'),
    ('rerolled_loops', r'%wasm\.rerolled\b', 'WASMC_NO_LOOP_REROLLING'),
    ('rerolled_carried_lanes', r'%wasm\.rerolled\.carried\b', 'WASMC_NO_CARRIED_LANE_REROLLING'),
    ('rerolled_lane_order', r'%wasm\.rerolled\.carried\b', 'WASMC_NO_CARRIED_LANE_REROLLING'),
]
ALL_SWITCHES = [variable for _, _, variable in PASSES]

# script, function index, environment, a mark that must be in the function at -O2, one that
# must not, what it shows
FUNCTION_MARKS = [
    # Widened where LLVM counts the loop, with no check at all: constant bounds and base, and
    # SCEV proves that no address sum wraps (the in-bounds check, which would version the loop
    # anyway, is switched off).
    ('counted_loop_widening', 1, {'WASMC_NO_BOUNDS_VERSIONING': '1'}, r'%wasm\.group\b',
     r'\.wrapping\b', 'fill_to_end widened in place, without a check'),
    # Constant bounds and base too, but the sums go through 0: checked (and the check folds to
    # false).
    ('counted_loop_widening', 4, {'WASMC_NO_BOUNDS_VERSIONING': '1'}, r'\.wrapping\b', None,
     'store_down_through_zero keeps its wrapping loop'),
    # Versioned as in bounds, but their stores may change the bytes the carried load reads:
    # the load stays where it is.
    ('carried_loads', 2, {}, r'\.mayfault\b', r'%wasm\.carried\b',
     'shift_same (a store onto the loaded bytes) keeps its load in place'),
    ('carried_loads', 4, {}, r'\.mayfault\b', r'%wasm\.carried\b',
     'shift_half_back (a store over half of them) keeps its load in place'),
    # The last 8 bytes of the minimum are released, the load one byte further keeps its witness.
    ('below_minimum', 1, {}, r'!wasmc\.below\.minimum\b', r'asm sideeffect',
     'load_last (bytes 65528-65535 of a 1-page memory) loses its witness'),
    ('below_minimum', 4, {}, r'asm sideeffect', r'!wasmc\.below\.minimum\b',
     'drop_past (bytes 65529-65536) keeps its witness'),
    # A function whose calls were all inlined is a leaf: no check at all; one that still calls
    # keeps its entry check (bounded, whose recursion is inlined one level).
    # (Attributes are not in a function's text: the marks are the check's read of the stack
    # pointer.)
    ('stack_checks', 9, {}, r'\bret i32\b', r'llvm\.read_register',
     'caller, whose calls were all inlined, checks nothing'),
    ('stack_checks', 9, {'WASMC_NO_STACK_CHECK_FOLDING': '1'}, r'llvm\.read_register', None,
     'caller checks on entry without the folding'),
    ('stack_checks', 3, {}, r'llvm\.read_register', None,
     'bounded, which still calls, keeps a check'),
    ('stack_checks', 10, {}, r'llvm\.read_register', r'\.stack_checked:',
     'large-caller, whose one call was inlined but which is too large for a leaf, keeps its check '
     'on entry'),
    # The entry's check moves to the calls' paths, and no further.
    ('stack_checks', 11, {}, r'\.stack_checked:', None, 'early-return returns early unchecked'),
    ('stack_checks', 13, {}, r'\.stack_checked:', None, 'two-paths checks where its calls part'),
    ('stack_checks', 4, {}, r'llvm\.read_register', r'\.stack_checked:',
     'ping, whose loop calls on every path, keeps its check on entry'),
    # Loops of at most 16 iterations keep their witnesses instead of an in-bounds check (and of
    # 17, not); without the exemption they are versioned.
    ('short_loops', 2, {}, r'\bret void\b', r'\.mayfault\b',
     "swap_words' remainder loops (at most 3 words, 3 bytes) are not versioned"),
    ('short_loops', 3, {}, r'\bret void\b', r'\.mayfault\b',
     'copy16 (at most 16 iterations) is not versioned'),
    ('short_loops', 4, {}, r'\.mayfault\b', None,
     'copy_const16 (16 iterations, a constant count) is versioned'),
    ('short_loops', 5, {}, r'\.mayfault\b', None, 'copy17 (at most 17 iterations) is versioned'),
    ('short_loops', 3, {'WASMC_NO_SHORT_LOOP_EXEMPTION': '1'}, r'\.mayfault\b', None,
     'copy16 is versioned without the exemption'),
    # A versioned loop whose trip count is a run-time value tests it before the rest of the
    # check; one of a constant count does not.
    ('short_trips', 3, {}, r'%wasm\.short\.trips\b', None,
     'flip tests its trip count before the in-bounds check'),
    ('short_trips', 5, {}, r'%wasm\.short\.trips\b', None,
     'scale (the counter check) tests its trip count too'),
    ('short_trips', 0, {}, r'\.mayfault\b', r'%wasm\.short\.trips\b',
     'reset (65536 iterations, a constant count) has no trip-count test'),
    ('short_trips', 3, {'WASMC_NO_SHORT_TRIP_TEST': '1'}, r'\.mayfault\b', r'%wasm\.short\.trips\b',
     'flip is versioned without the test when it is switched off'),
    # A read-modify-write that adds loses its load's witness; one that ors a constant keeps it
    # (the DAG would narrow it to the byte the constant changes).
    ('overwritten_loads', 3, {}, r'!wasmc\.overwritten\b', r'asm sideeffect "", "r"',
     'add32 loses its witness'),
    ('overwritten_loads', 8, {}, r'asm sideeffect "", "r"', r'!wasmc\.overwritten\b',
     'or32 keeps its witness'),
    # The rounds' single-block loop is reordered; the division's loop, which branches to its trap,
    # is two blocks and keeps the wasm order.
    # wordfreq's letter test is narrowed to a byte compare; `(x & 254) <u 27` (27 odd) is not.
    ('narrowed_compares', 2, {}, r'!wasmc\.narrowed\.compare\b', None,
     'letter compares a byte'),
    ('narrowed_compares', 15, {}, r'!wasmc\.narrowed\.compare\b', None,
     'histogram (wordfreq\'s bigram count) compares a byte'),
    ('narrowed_compares', 4, {}, r'icmp ult i32 %\d+, 27\b', r'!wasmc\.narrowed\.compare\b',
     'lt254_odd keeps its i32 compare'),
    ('critical_path_order', 2, {}, r'!wasmc\.critical\.path\.order\b', None,
     'rounds is reordered'),
    ('critical_path_order', 4, {}, r'\budiv\b', r'!wasmc\.critical\.path\.order\b',
     'divide (a loop of two blocks) is not'),
    # Loops whose accesses come lane by lane, four lanes or more, are rolled up (four lanes of
    # i32, five constant stores, four of i64); lanes in another order, using the lane before's
    # value, or two lanes in a long loop are not. (recur4's rolled-up loop is vectorised and
    # its counter's name folds away.)
    ('rerolled_loops', 2, {}, r'%wasm\.rerolled\b', None, 'scale4 is rolled up'),
    ('rerolled_loops', 5, {}, r'%wasm\.rerolled\b', None, 'fill5 is rolled up'),
    ('rerolled_loops', 6, {}, r'%wasm\.rerolled\b', None, 'add_rows is rolled up'),
    ('rerolled_loops', 4, {}, r'\bret void\b', r'%wasm\.rerolled\b',
     'scale4_reversed (lanes last to first) is not'),
    ('rerolled_loops', 8, {}, r'\bret void\b', r'%wasm\.rerolled\b',
     "prefix4 (a lane adds the lane before's sum) is not"),
    ('rerolled_loops', 9, {}, r'\bret void\b', r'%wasm\.rerolled\b',
     'scale2 (two lanes, any number of iterations) is not'),
    # Two or three lanes whose loaded values are carried to the next lanes in phis are rolled up
    # (stencil1d's shape; sum3_shift4's loads were moved to the top by CarriedLoadHoisting and
    # go back); a carried value the lanes use at different distances, or carried values used
    # after the loop, are not.
    ('rerolled_carried_lanes', 2, {}, r'%wasm\.rerolled\.carried\b', None, 'sum3 is rolled up'),
    ('rerolled_carried_lanes', 3, {}, r'%wasm\.rerolled\.carried\b', None,
     'sum3_commuted is rolled up'),
    ('rerolled_carried_lanes', 5, {}, r'%wasm\.rerolled\.carried\b', None,
     'sum3_triples (three lanes) is rolled up'),
    ('rerolled_carried_lanes', 13, {}, r'%wasm\.rerolled\.carried\b', None,
     'sum3_shift4 (its loads hoisted) is rolled up'),
    ('rerolled_carried_lanes', 7, {}, r'\bret void\b', r'%wasm\.rerolled\b',
     'same_x (x used one and two iterations back) is not'),
    ('rerolled_carried_lanes', 8, {}, r'\bret void\b', r'%wasm\.rerolled\b',
     'sum3_tail (carried values used after the loop) is not'),
    # Both lanes' loads first: rolled up when lane 1's load may go after lane 0's store (their
    # bytes disjoint); in the copy proved in bounds (.mayfault is the other) but left alone when
    # the store writes what the load read, may (a second base), or two stores would trade
    # places; two locals carrying one load from different starts are left alone too.
    ('rerolled_lane_order', 2, {}, r'%wasm\.rerolled\.carried\b', None, 'apart is rolled up'),
    ('rerolled_lane_order', 3, {}, r'%wasm\.rerolled\.carried\b', None,
     'onto_own_loads is rolled up'),
    ('rerolled_lane_order', 4, {}, r'%wasm\.rerolled\.carried\b', None,
     'onto_next_iteration is rolled up'),
    ('rerolled_lane_order', 5, {}, r'%wasm\.rerolled\.carried\b', None, 'behind is rolled up'),
    ('rerolled_lane_order', 6, {}, r'\.mayfault\b', r'%wasm\.rerolled\b',
     'onto_lane1_load is not'),
    ('rerolled_lane_order', 7, {}, r'\.mayfault\b', r'%wasm\.rerolled\b',
     'half_onto_lane1_load is not'),
    ('rerolled_lane_order', 8, {}, r'\.mayfault\b', r'%wasm\.rerolled\b', 'second_base is not'),
    ('rerolled_lane_order', 9, {}, r'\.mayfault\b', r'%wasm\.rerolled\b',
     'stores_reversed is not'),
    ('rerolled_lane_order', 10, {}, r'\.mayfault\b', r'%wasm\.rerolled\b', 'two_starts is not'),
    # A call of memcpy with a constant length gets the check inline, and its copy of 8 bytes is
    # one load and one store.
    ('memory_idioms', 12, {}, r'\bwasm\.memidiom\.inline\b', r'@llvm\.memcpy',
     'memcpy_c8 checks inline and copies with a load and a store'),
    # call_indirect through the static table loads the callee from the signature's array; the
    # equivalent type's call uses the same array.
    ('typed_tables', 7, {}, r'@wasm_table0_type0\b', None, 'call_ii calls from the typed table'),
    ('typed_tables', 8, {}, r'@wasm_table0_type0\b', None,
     'call_ii2 (an equivalent type) calls from the same typed table'),
    ('typed_tables', 13, {}, r'@wasm_table0_type0\b', r'%callee\.code\b',
     "chain (through an exact table) has no join of the checked path's callee"),
    # Memory 0's base is page-aligned (ModuleEnv::memoryBase), which LLVM is told.
    ('below_minimum', 1, {}, r'!align !\d+', None, "memory 0's base load carries !align"),
]


def function_ir(ir, index):
    match = re.search(r'^define [^\n]*@wasm_f%d\(.*?^}' % index, ir, re.M | re.S)
    return match.group(0) if match else ''


def emit_ir(wasmc, wasm, level, env_extra):
    env = {k: v for k, v in os.environ.items() if k not in ALL_SWITCHES}
    env.update(env_extra)
    out = wasm + '.ll'
    run = subprocess.run([wasmc, 'build', wasm, f'-O{level}', '--emit', 'llvm-ir', '-o', out],
                         env=env, capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        raise RuntimeError(f'wasmc failed on {wasm}: {run.stderr.strip()}')
    with open(out) as f:
        return f.read()


CALL = re.compile(r'\b(?:call|invoke)\b[^@%\n]*?([@%][\w.$-]+)\(')
LABEL = re.compile(r'^([\w.$-]+):')
STACK_CHECK = re.compile(r'^\s*br i1 (%[\w.$-]+), label %[\w.$-]+, label %([\w.$-]+)')


def blocks_of(body):
    """The blocks of a function body in textual IR: (label, lines), the entry block first."""
    blocks, label, lines = [], 'entry', []
    for line in body.split('\n'):
        match = LABEL.match(line)
        if match:
            if lines or blocks:
                blocks.append((label, lines))
            label, lines = match.group(1), []
        elif line.strip():
            lines.append(line)
    blocks.append((label, lines))
    return blocks


def dominators(blocks):
    """For each block label, the set of labels of the blocks that dominate it."""
    successors = {label: set(re.findall(r'label %([\w.$-]+)', '\n'.join(lines)))
                  for label, lines in blocks}
    predecessors = {label: set() for label, _ in blocks}
    for label, targets in successors.items():
        for target in targets:
            predecessors[target].add(label)
    labels = [label for label, _ in blocks]
    dominated_by = {label: set(labels) for label in labels}
    dominated_by[labels[0]] = {labels[0]}
    changed = True
    while changed:
        changed = False
        for label in labels[1:]:
            preds = [dominated_by[p] for p in predecessors[label]]
            new = (set.intersection(*preds) if preds else set()) | {label}
            if new != dominated_by[label]:
                dominated_by[label], changed = new, True
    return dominated_by


def functions_with_unchecked_calls(ir):
    """Names of the wasm functions in `ir` with a call (to anything but intrinsics, inline asm
    and the runtime's trap) that no passed stack check dominates: no block on every path to it
    is the one a stack check (`icmp ult` of the stack pointer's read and the limit) branches to
    when the stack is not exhausted. InlinedStackChecksPass folds only checks that a passed one
    dominates, StackCheckSinkingPass moves the entry's check down to dominate every call."""
    unchecked = []
    for match in re.finditer(r'^define [^\n]*@(\w+)\([^\n]*section "wasmc_code" \{\n(.*?)^\}',
                             ir, re.M | re.S):
        name, body = match.group(1), match.group(2)
        stack_pointers = set(re.findall(r'(%[\w.$-]+) = (?:tail )?call i64 @llvm\.read_register', body))
        checks = {m.group(1) for m in re.finditer(r'(%[\w.$-]+) = icmp ult i64 (%[\w.$-]+), ', body)
                  if m.group(2) in stack_pointers}
        blocks = blocks_of(body)
        passed = set()
        for _, lines in blocks:
            branch = STACK_CHECK.match(lines[-1]) if lines else None
            if branch and branch.group(1) in checks:
                passed.add(branch.group(2))
        dominated_by = dominators(blocks)
        for label, lines in blocks:
            calls = [m.group(1) for line in lines for m in [CALL.search(line)] if m and ' asm ' not in line]
            calls = [c for c in calls if not c.startswith('@llvm.') and c != '@wasmc_rt_trap']
            if calls and not (dominated_by[label] & passed):
                unchecked.append(name)
                break
    return unchecked


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--wasmc', required=True)
    parser.add_argument('--wast2json', required=True)
    options = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory(prefix='wasmc-passes-') as work:
        for script, mark, variable in PASSES:
            json = os.path.join(work, script + '.json')
            subprocess.run([options.wast2json, '--enable-all', os.path.join(HERE, 'wasmc', script + '.wast'),
                            '-o', json], check=True, capture_output=True, timeout=120)
            wasm = os.path.join(work, script + '.0.wasm')
            cases = [
                (f'{script}: -O2 runs the pass', 2, {}, True),
                (f'{script}: {variable}=1 turns it off', 2, {variable: '1'}, False),
                (f'{script}: -O1 does not run it', 1, {}, False),
            ]
            for label, level, env, expected in cases:
                found = re.search(mark, emit_ir(options.wasmc, wasm, level, env)) is not None
                ok = found == expected
                failures += not ok
                print(f'{"PASS" if ok else "FAIL"}: {label}' +
                      ('' if ok else f' (mark {mark!r} {"missing" if expected else "present"})'))
        for script, index, env, present, absent, label in FUNCTION_MARKS:
            wasm = os.path.join(work, script + '.0.wasm')
            ir = function_ir(emit_ir(options.wasmc, wasm, 2, env), index)
            ok = re.search(present, ir) is not None and (absent is None or re.search(absent, ir) is None)
            failures += not ok
            print(f'{"PASS" if ok else "FAIL"}: {script}: {label}')
        # Folding the copies and sinking the entry's check must leave every call behind a check.
        for level in (1, 2):
            ir = emit_ir(options.wasmc, os.path.join(work, 'stack_checks.0.wasm'), level, {})
            missing = functions_with_unchecked_calls(ir)
            failures += bool(missing)
            print(f'{"FAIL" if missing else "PASS"}: stack_checks: at -O{level} a stack check '
                  f'dominates every call' + (f' (not in: {", ".join(missing)})' if missing else ''))
    print(f'{failures} failed' if failures else 'all passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
