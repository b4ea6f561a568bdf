#!/usr/bin/env python3
"""Differential fuzzing of wasmc against binaryen's interpreter.

For each seed: random bytes (Python's random.Random(seed)) become a valid module through
binaryen's `wasm-opt -ttf`, restricted to the features of Wasm 2.0 that wasmc implements (or, with
--features, also those of Wasm 3.0 and beyond that it implements); the same wasm-opt run executes
every export in binaryen's interpreter (`--fuzz-exec-before`). Then
wasmc-difffuzz-host compiles the module with wasmc at each level asked for (-O0 and -O2 by default)
and runs the exports the same way. Results, traps (and their reasons, where both sides give one)
and logged values are compared by compare.py, NaNs by the spec's rules.

A difference whose cause may be a NaN that the spec lets differ (an arithmetic NaN's sign or
payload, seen through i32.reinterpret_f32, a store, a v128 lane...) is checked again on the module
after binaryen's `--denan` (which replaces every NaN by 0): if the two engines then agree, the
difference is counted as allowed NaN nondeterminism. A difference in the bits of a signalling NaN
is never excused.

Modules that wasmc refuses as `unsupported:` are skipped, not failed. Mismatches listed in
known-mismatches.txt (seed, level, the issue's finding) are expected: they are reported as known
and do not fail the run, but one that no longer happens does (remove it from the list).

    difffuzz.py --host build/test/difffuzz/wasmc-difffuzz-host \\
                --binaryen build/test/difffuzz/binaryen --seeds 1:200 [--levels 0,2] [-j N]
                [--features 2.0|3.0|mix|GROUP,GROUP...]
    difffuzz.py ... --check module.wasm      # one module (.wasm or .wat): exit 1 if wasmc and
                                             # binaryen differ, 3 if wasmc skipped it
                                             # (with --quiet: a reducer's predicate)

Each mismatch is printed as `seed S -OL: export NAME: expected X, got Y [category]` with the
command that reproduces it; --save DIR keeps its module and both outputs. The last line is
`N passed, M failed[, K skipped]` (one count per module and level; known mismatches are in
neither). Exit status: 0 when nothing failed.
"""

import argparse
import concurrent.futures
import contextlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import compare

HERE = os.path.dirname(os.path.abspath(__file__))
# The features of Wasm 2.0, which wasmc implements: binaryen's -ttf uses only these by default.
FEATURES = ['--mvp-features', '--enable-sign-ext', '--enable-nontrapping-float-to-int',
            '--enable-mutable-globals', '--enable-bulk-memory', '--enable-bulk-memory-opt',
            '--enable-multivalue', '--enable-reference-types', '--enable-simd']
# The binaryen features of Wasm 3.0 and beyond that wasmc implements, which --features adds.
# Binaryen makes typed function references only with GC (--enable-typed-function-references is
# a no-op), which wasmc refuses; relaxed SIMD's results are the interpreter's own choice, not
# the deterministic profile wasmc implements. Atomics are deterministic in one thread.
FEATURE_GROUPS = ['tail-call', 'extended-const', 'memory64', 'multimemory', 'exception-handling',
                  'wide-arithmetic', 'threads']
# Groups whose instructions binaryen's -ttf does not make by itself: initial/GROUP.wat gives it
# code that uses them (`--initial-fuzz`), which it keeps, fills with random operands and calls.
INITIAL_CONTENT = ['extended-const', 'multimemory', 'wide-arithmetic']
# Random input bytes per module: more bytes, more and longer functions.
SIZE_RANGE = (256, 4096)
HOST_SKIPPED = 3
TIMEOUT = 300


def run(argv, timeout=TIMEOUT):
    """(status, stdout, stderr); status None on timeout."""
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, '', 'timeout'
    return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def node_stack_kib():
    """V8's stack limit for binaryen: its interpreter recurses deeply on deep wasm recursion and
    node's default (~1 MiB) overflows; stay below the thread's real stack."""
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    return 6000 if soft == resource.RLIM_INFINITY else max(900, min(6000, soft * 3 // 4 // 1024))


class BinaryenWorker:
    """A node process that runs wasm-opt jobs one after another (binaryen_worker.js)."""

    END = '\x1edifffuzz-end '

    def __init__(self, node, wasm_opt):
        self.argv = [node, f'--stack-size={node_stack_kib()}', os.path.join(HERE, 'binaryen_worker.js'),
                     wasm_opt]
        self.process = None

    def run(self, args):
        """(status, stdout); status None if wasm-opt died or timed out (the worker restarts)."""
        if self.process is None:
            self.process = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, text=True, errors='replace')
        timer = threading.Timer(TIMEOUT, self.process.kill)
        timer.start()
        lines = []
        try:
            self.process.stdin.write(json.dumps(args) + '\n')
            self.process.stdin.flush()
            while True:
                line = self.process.stdout.readline()
                if not line:
                    break
                if line.startswith(self.END):
                    return int(line[len(self.END):]), ''.join(lines)
                lines.append(line)
        except (BrokenPipeError, ValueError):
            pass
        finally:
            timer.cancel()
        self.close()
        return None, ''.join(lines)

    def close(self):
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None


class Fuzzer:
    def __init__(self, options):
        self.options = options
        self.wasm_opt = os.path.join(options.binaryen, 'node_modules', 'binaryen', 'bin', 'wasm-opt')
        self.local = threading.local()
        self.workers = []
        self.lock = threading.Lock()

    def worker(self):
        if not hasattr(self.local, 'worker'):
            self.local.worker = BinaryenWorker(self.options.node, self.wasm_opt)
            with self.lock:
                self.workers.append(self.local.worker)
        return self.local.worker

    def close(self):
        for worker in self.workers:
            worker.close()

    def reference(self, argv, features):
        """Runs wasm-opt with --fuzz-exec-before: (binaryen's events, its text), or (None, why)."""
        status, out = self.worker().run(argv + features + ['--fuzz-exec-before'])
        if status != 0:
            return None, f'wasm-opt failed ({status})'
        return compare.parse_reference(out), out

    def host(self, wasm, level):
        """('ran', events, text) | ('skipped', reason) | ('failed', category, message)."""
        status, out, err = run([self.options.host, f'-O{level}', wasm])
        if status == 0:
            return 'ran', compare.parse_host(out), out
        if status == HOST_SKIPPED:
            reason = err.strip().splitlines()[-1] if err.strip() else 'skipped'
            return 'skipped', reason[reason.find('unsupported:'):] if 'unsupported:' in reason else reason
        if status is None:
            return 'failed', 'timeout', f'no result in {TIMEOUT} s'
        if status < 0:
            return 'failed', 'crash', f'killed by signal {-status}; output so far:\n{out[-2000:]}'
        return 'failed', 'compile error', err.strip()[-2000:]

    def compare_level(self, wasm, features, reference_events, level):
        """One module at one level: (verdict, detail). Verdicts: agree, nan-allowed, skipped,
        mismatch (detail: compare.Difference or a message)."""
        outcome = self.host(wasm, level)
        if outcome[0] == 'skipped':
            return 'skipped', outcome[1]
        if outcome[0] == 'failed':
            return 'mismatch', compare.Difference(outcome[1], '', 0, 'a run', outcome[2])
        difference = compare.first_difference(reference_events, outcome[1])
        if difference is None:
            return 'agree', None
        if difference.category != 'NaN bits' and self.agrees_without_nans(wasm, features, level):
            return 'nan-allowed', difference
        return 'mismatch', difference

    def agrees_without_nans(self, wasm, features, level):
        denan = wasm[:-len('.wasm')] + '.denan.wasm'
        status, _ = self.worker().run([wasm, '--denan', '-o', denan] + features)
        # --fuzz-exec-before runs the module as read, before --denan: run the result separately.
        events, _ = self.reference([denan], features) if status == 0 else (None, '')
        if events is None:
            return False
        outcome = self.host(denan, level)
        return outcome[0] == 'ran' and compare.first_difference(events, outcome[1]) is None

    def fuzz_seed(self, seed):
        """{level: (verdict, detail)}, or {'generator': ('skipped', message)}."""
        work = os.path.join(self.options.work, f'seed-{seed}')
        os.makedirs(work, exist_ok=True)
        rng = random.Random(seed)
        data = rng.randbytes(rng.randint(*SIZE_RANGE))
        source = os.path.join(work, 'input.dat')
        wasm = os.path.join(work, f'seed-{seed}.wasm')
        with open(source, 'wb') as f:
            f.write(data)
        groups = feature_groups(self.options.features, seed)
        features = FEATURES + [f'--enable-{group}' for group in groups]
        ttf = [source, '-ttf', '-o', wasm]
        initial = initial_content(groups)
        if initial:
            with open(os.path.join(work, 'initial.wat'), 'w') as f:
                f.write(initial)
            ttf.append(f'--initial-fuzz={os.path.join(work, "initial.wat")}')
        events, text = self.reference(ttf, features)
        if events is None:
            return {'generator': ('skipped', text)}
        verdicts = {level: self.compare_level(wasm, features, events, level)
                    for level in self.options.levels}
        if any(v[0] == 'mismatch' for v in verdicts.values()) and self.options.save:
            self.save(seed, wasm, text, verdicts)
        if not self.options.keep:
            shutil.rmtree(work, ignore_errors=True)
        return verdicts

    def save(self, seed, wasm, reference_text, verdicts):
        os.makedirs(self.options.save, exist_ok=True)
        shutil.copy(wasm, os.path.join(self.options.save, f'seed-{seed}.wasm'))
        with open(os.path.join(self.options.save, f'seed-{seed}.binaryen.txt'), 'w') as f:
            f.write(reference_text)
        for level, (verdict, detail) in verdicts.items():
            if verdict == 'mismatch':
                with open(os.path.join(self.options.save, f'seed-{seed}.O{level}.txt'), 'w') as f:
                    f.write(f'{detail}\n')


def feature_groups(features, seed):
    """The FEATURE_GROUPS a --features value enables for a seed: `2.0` none, `3.0` all, `mix` a
    subset of its own for each seed (at least one group), or a comma-separated list of groups."""
    if features == '2.0':
        return []
    if features == '3.0':
        return list(FEATURE_GROUPS)
    if features == 'mix':
        # Not the seed's own generator, whose bytes must stay those of --features 2.0.
        rng = random.Random(f'features {seed}')
        while True:
            groups = [group for group in FEATURE_GROUPS if rng.random() < 0.5]
            if groups:
                return groups
    groups = features.split(',')
    unknown = [group for group in groups if group not in FEATURE_GROUPS]
    if unknown:
        raise ValueError(f'unknown feature group {unknown[0]} (2.0, 3.0, mix, or of '
                         f'{", ".join(FEATURE_GROUPS)})')
    return groups


def feature_flags(features, seed):
    return FEATURES + [f'--enable-{group}' for group in feature_groups(features, seed)]


def initial_content(groups):
    """The text of the module -ttf starts from (INITIAL_CONTENT), or None: the fields of the
    initial/GROUP.wat modules of `groups`, in one module."""
    fields = []
    for group in groups:
        if group in INITIAL_CONTENT:
            with open(os.path.join(HERE, 'initial', f'{group}.wat')) as f:
                text = f.read()
            body = text[text.index('(module') + len('(module'):text.rindex(')')]
            if 'memory64' in groups:  # memory 0, the fuzzer's, is then a 64-bit one
                body = body.replace('(memory $m0 1 1)', '(memory $m0 i64 1 1)')
            fields.append(body)
    return f'(module{"".join(fields)})\n' if fields else None


def load_known(path, features):
    """{(seed, level): note} from known-mismatches.txt: `SEED LEVEL NOTE...` lines for the
    default features, `FEATURES/SEED LEVEL NOTE...` for others (e.g. `mix/17 2 ...`)."""
    known = {}
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.split('#', 1)[0].strip()
                if line:
                    seed, level, *note = line.split()
                    of, _, seed = seed.rpartition('/')
                    if (of or '2.0') == features:
                        known[(int(seed), int(level.lstrip('-O')))] = ' '.join(note)
    return known


def parse_seeds(text):
    """'FIRST:LAST', a comma-separated list, or both: '1:60,2122'."""
    seeds = []
    for part in text.split(','):
        first, _, last = part.partition(':')
        seeds += range(int(first), int(last or first) + 1)
    return seeds


def reproduce_command(options, seed, level):
    features = f'--features {options.features} ' if options.features != '2.0' else ''
    return (f'{sys.argv[0]} --host {options.host} --binaryen {options.binaryen} {features}'
            f'--seeds {seed} --levels {level} --keep --work /tmp/difffuzz-{seed}')


def fuzz(options):
    known = load_known(options.known, options.features)
    counts = {'agree': 0, 'nan-allowed': 0, 'skipped': 0, 'known': 0, 'mismatch': 0, 'fixed': 0}
    skipped_reasons, categories, mismatches = {}, {}, []
    seeds = parse_seeds(options.seeds)
    start = time.time()
    fuzzer = Fuzzer(options)
    with contextlib.closing(fuzzer), concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        futures = {pool.submit(fuzzer.fuzz_seed, seed): seed for seed in seeds}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            seed = futures[future]
            for level, (verdict, detail) in future.result().items():
                key = (seed, level)
                if verdict == 'skipped':
                    if options.verbose:
                        print(f'skipped seed {seed} -O{level}: {detail}', flush=True)
                    counts['skipped'] += 1
                    reason = detail.split('(')[0].strip()[:80]
                    skipped_reasons[reason] = skipped_reasons.get(reason, 0) + 1
                    continue
                if key in known and verdict != 'mismatch':
                    counts['fixed'] += 1
                    print(f'FIXED seed {seed} -O{level}: listed in known-mismatches.txt '
                          f'({known[key]}) but wasmc now agrees: remove it from the list', flush=True)
                    continue
                if verdict == 'mismatch':
                    categories[detail.category] = categories.get(detail.category, 0) + 1
                    label = 'KNOWN' if key in known else 'MISMATCH'
                    counts['known' if key in known else 'mismatch'] += 1
                    note = f' ({known[key]})' if key in known else ''
                    print(f'{label} seed {seed} -O{level}: {detail}{note}', flush=True)
                    if key not in known:
                        print(f'  reproduce: {reproduce_command(options, seed, level)}', flush=True)
                    mismatches.append({'seed': seed, 'level': level, 'category': detail.category,
                                       'known': key in known, 'detail': str(detail)})
                    continue
                counts[verdict] += 1
                if verdict == 'nan-allowed' and options.verbose:
                    print(f'nan-allowed seed {seed} -O{level}: {detail}', flush=True)
            if options.progress and done % options.progress == 0:
                print(f'... {done}/{len(seeds)} modules, {time.time() - start:.0f} s, {counts}',
                      file=sys.stderr, flush=True)
    elapsed = time.time() - start
    levels = ' '.join(f'-O{level}' for level in options.levels)
    print(f'difffuzz: {len(seeds)} modules (seeds {options.seeds}, features {options.features}) '
          f'at {levels} in {elapsed:.0f} s: '
          f'{counts["agree"]} agree, {counts["nan-allowed"]} differ only in NaNs the spec leaves '
          f'open, {counts["skipped"]} skipped, {counts["known"]} known mismatches, '
          f'{counts["mismatch"]} new mismatches, {counts["fixed"]} known ones fixed')
    for reason, count in sorted(skipped_reasons.items(), key=lambda item: -item[1]):
        print(f'  skipped {count}: {reason}')
    for category, count in sorted(categories.items(), key=lambda item: -item[1]):
        print(f'  mismatch {count}: {category}')
    if options.json:
        with open(options.json, 'w') as f:
            json.dump({'seeds': options.seeds, 'features': options.features,
                       'levels': options.levels, 'seconds': round(elapsed),
                       'counts': counts, 'skipped': skipped_reasons, 'categories': categories,
                       'mismatches': mismatches}, f, indent=1)
    # Known mismatches are expected failures: neither passed nor failed (counted above).
    passed = counts['agree'] + counts['nan-allowed']
    failed = counts['mismatch'] + counts['fixed']
    print(f'{passed} passed, {failed} failed' +
          (f', {counts["skipped"]} skipped' if counts['skipped'] else ''))
    return 0 if failed == 0 else 1


def check(options):
    """One given module (e.g. a wasm-reduce candidate): 1 if wasmc and binaryen differ, 3 if
    wasmc did not run it (skipped), 0 if they agree."""
    fuzzer = Fuzzer(options)
    with contextlib.closing(fuzzer), tempfile.TemporaryDirectory(prefix='difffuzz-') as work:
        return check_with(fuzzer, options, work)


def check_with(fuzzer, options, work):
    # A given module may use any feature --features allows for some seed.
    features = FEATURES + [f'--enable-{group}' for group in (
        FEATURE_GROUPS if options.features == 'mix' else feature_groups(options.features, 0))]
    wasm = os.path.abspath(options.check)
    if not wasm.endswith('.wasm'):  # text: binaryen assembles it
        wasm = os.path.join(work, os.path.basename(wasm) + '.wasm')
        status, out = fuzzer.worker().run([options.check, '-o', wasm] + features)
        if status != 0:
            print(out)
            return 2
    events, text = fuzzer.reference([wasm], features)
    if events is None:
        print(text)
        return 2
    status = 0
    for level in options.levels:
        verdict, detail = fuzzer.compare_level(wasm, features, events, level)
        if not options.quiet:
            print(f'-O{level}: {verdict}' + (f': {detail}' if detail else ''))
        if verdict == 'mismatch':
            status = 1
        elif verdict == 'skipped' and status == 0:
            status = 3
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--host', required=True, help='wasmc-difffuzz-host')
    parser.add_argument('--binaryen', required=True,
                        help='the directory where install_binaryen.sh installed binaryen')
    parser.add_argument('--install', action='store_true',
                        help='install binaryen into --binaryen first (install_binaryen.sh)')
    parser.add_argument('--node', default=shutil.which('node') or 'node')
    parser.add_argument('--seeds', default='1:100',
                        help='FIRST:LAST, a comma-separated list, or both (1:60,2122)')
    parser.add_argument('--levels', default='0,2', help='wasmc optimisation levels (default 0,2)')
    parser.add_argument('--features', default='2.0',
                        help='what the modules may use: 2.0 (default), 3.0 (also every group of '
                             'Wasm 3.0 and beyond that wasmc implements), mix (a random subset '
                             'of those groups per seed), or a comma-separated list of groups: ' +
                             ', '.join(FEATURE_GROUPS))
    parser.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1)
    parser.add_argument('--known', default=os.path.join(HERE, 'known-mismatches.txt'))
    parser.add_argument('--work', help='work directory (default: a temporary one, removed)')
    parser.add_argument('--keep', action='store_true', help='keep every module in --work')
    parser.add_argument('--save', help='keep the modules that mismatch, with both outputs, here')
    parser.add_argument('--json', help='write the counts and mismatches here')
    parser.add_argument('--progress', type=int, default=0, help='report every N modules')
    parser.add_argument('--check', help='compare one module (binary or text) instead of fuzzing')
    parser.add_argument('--quiet', action='store_true',
                        help='with --check: only the exit status (for wasm-reduce)')
    parser.add_argument('-v', '--verbose', action='store_true')
    options = parser.parse_args()
    options.levels = [int(level.lstrip('-O')) for level in options.levels.split(',')]
    try:
        feature_groups(options.features, 0)
    except ValueError as error:
        parser.error(str(error))
    options.host = os.path.abspath(options.host)
    options.binaryen = os.path.abspath(options.binaryen)
    if options.install:
        status = subprocess.run([os.path.join(HERE, 'install_binaryen.sh'), options.binaryen]).returncode
        if status != 0:
            return status  # 77: skipped, no node or npm
    if options.check:
        return check(options)
    temporary = options.work is None
    options.work = options.work or tempfile.mkdtemp(prefix='difffuzz-')
    try:
        return fuzz(options)
    finally:
        if temporary and not options.keep:
            shutil.rmtree(options.work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
