#!/usr/bin/env python3
"""Real toolchains' own test suites, compiled to wasm32-wasi(p1) and run by wasmc.

    toolchain_tests.py --wasmc W --work DIR rust --suite alloc|core [-O N] [--node NODE]
    toolchain_tests.py --wasmc W --work DIR go --package P [--package P ...] [-O N]

rust: the test crate of Rust's `alloc` or `core` library, from Debian's rust-src (the sources of
the rustc that builds it: Debian's rustc, with libstd-rust-dev-wasm32), built with
`rustc --test --target wasm32-wasi`. The modules that need the `rand` crate are left out. Its
tests check themselves; tests that panic end the program (panic=abort on wasm: `unreachable`),
so the program is run again without every test that ended it, until all have run. The same is
done under node's WASI: every test must end the same way under both, and most must pass.

go: `go test -short -count=1` of Go standard packages with GOOS=wasip1, each test binary run by
`wasmc run` (Go's own `-exec` protocol); every package must report ok.

Exit status: 0 on success, 1 on a failure, 77 (skipped) when the toolchain is not installed.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

SKIPPED = 77
HERE = os.path.dirname(os.path.abspath(__file__))
NODE_WASI = os.path.join(HERE, '..', 'e2e', 'node-wasi.mjs')

# Modules of the test crates that use the `rand` crate, which is not part of the sources.
RAND_MODULES = {
    'alloc': [('lib.rs', 'slice')],
    'core': [('lib.rs', 'slice'), ('num/flt2dec/mod.rs', 'random')],
}
# At least this many tests must pass (what the suites of rustc 1.63 have, less a margin), so that
# a harness that runs nothing cannot pass.
MINIMUM_PASSED = {'alloc': 400, 'core': 1100}
TEST_LINE = re.compile(r'^test (\S+) \.\.\. (.*)$')


def skip(reason):
    print(f'skipped: {reason}')
    sys.exit(SKIPPED)


def rust_library():
    """Debian's rust-src for Debian's rustc (/usr/bin/rustc), or None."""
    rustc = '/usr/bin/rustc'
    if not os.path.exists(rustc):
        return None, None
    version = subprocess.run([rustc, '--version'], stdout=subprocess.PIPE, text=True).stdout.split()
    library = f'/usr/src/rustc-{version[1]}/library' if len(version) > 1 else ''
    if not os.path.isdir(library):
        return rustc, None
    return rustc, library


def build_cache():
    """Where the test programs rustc builds are kept between builds of wasmc (a minute or two of
    rustc each, and the same for a given rustc)."""
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'wasmc-toolchain-tests')


def build_rust_suite(rustc, library, suite, work):
    """The suite's test program, built once per rustc (their sources are read-only)."""
    version = os.path.basename(os.path.dirname(library))
    os.makedirs(build_cache(), exist_ok=True)
    wasm = os.path.join(build_cache(), f'{suite}-tests-{version}.wasm')
    if os.path.exists(wasm):
        return wasm
    sources = os.path.join(work, f'{suite}-tests-src')
    shutil.rmtree(sources, ignore_errors=True)
    shutil.copytree(os.path.join(library, suite, 'tests'), sources)
    for file, module in RAND_MODULES[suite]:
        path = os.path.join(sources, file)
        with open(path) as f:
            text = f.read()
        text, count = re.subn(rf'^mod {module};', f'// mod {module}; (needs the rand crate)', text,
                              flags=re.M)
        if count != 1:
            sys.exit(f'{path}: no `mod {module};` to leave out')
        with open(path, 'w') as f:
            f.write(text)
    env = dict(os.environ, RUSTC_BOOTSTRAP='1')  # the test crates use unstable features
    built = subprocess.run([rustc, '--test', '--edition', '2021', '-O', '--target', 'wasm32-wasi',
                            os.path.join(sources, 'lib.rs'), '-o', wasm + '.part'], env=env)
    if built.returncode != 0:
        sys.exit(f'rustc could not build the {suite} tests')
    os.replace(wasm + '.part', wasm)
    return wasm


def run_until_done(command, label):
    """{test: outcome} of every test, running `command + [--skip T...]` again without each test
    that ended the program."""
    outcomes = {}
    ended = []
    while True:
        argv = command + ['--test-threads', '1', '--exact'] + [a for t in ended for a in ('--skip', t)]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           errors='replace')
        last = None
        for line in p.stdout.splitlines():
            m = TEST_LINE.match(line)
            if not m:
                continue
            name, rest = m.group(1), m.group(2)
            if rest in ('ok', 'FAILED', 'ignored'):
                outcomes[name] = rest
            else:  # the program ended in this test: the rest of the line is its last words
                last = name
                outcomes[name] = 'ended: ' + rest.strip()[:80]
        if p.returncode == 0 or 'test result:' in p.stdout:
            return outcomes
        if last is None or last in ended:
            sys.exit(f'{label}: the test program ended outside a test (status {p.returncode}):\n'
                     + p.stdout[-2000:])
        ended.append(last)


def run_rust(args):
    rustc, library = rust_library()
    if not rustc:
        skip("Debian's rustc is not installed (rustc, libstd-rust-dev-wasm32, rust-src)")
    if not library:
        skip("Debian's rust-src is not installed")
    if not glob.glob('/usr/lib/rustlib/wasm32-wasi'):
        skip("Rust's standard library for wasm32-wasi is not installed (libstd-rust-dev-wasm32)")
    if not args.node or not shutil.which(args.node):
        skip('node is not installed (the reference engine)')
    os.makedirs(args.work, exist_ok=True)
    wasm = build_rust_suite(rustc, library, args.suite, args.work)
    exe = os.path.join(args.work, f'{args.suite}-tests-O{args.O}')
    built = subprocess.run([args.wasmc, 'build', f'-O{args.O}', wasm, '-o', exe])
    if built.returncode != 0:
        sys.exit(f'wasmc could not build {wasm}')
    wasmc = run_until_done([exe], 'wasmc')
    node = run_until_done([args.node, '--no-warnings', '--single-threaded', NODE_WASI, wasm], 'node')
    differences = [(t, wasmc.get(t), node.get(t)) for t in sorted(set(wasmc) | set(node))
                   if wasmc.get(t) != node.get(t)]
    for test, ours, theirs in differences:
        print(f'{test}: wasmc {ours}, node {theirs}')
    passed = sum(1 for outcome in wasmc.values() if outcome == 'ok')
    ended = sum(1 for outcome in wasmc.values() if outcome.startswith('ended'))
    print(f'{args.suite}: {passed} passed, {ended} ended the program (a panic: the same under node), '
          f'{len(wasmc) - passed - ended} other; {len(differences)} differ from node')
    if differences or passed < MINIMUM_PASSED[args.suite]:
        return 1
    return 0


def find_go():
    """A go that builds for wasip1 (Go 1.21 and later; Debian's golang-1.2x-go are not on PATH)."""
    candidates = sorted(glob.glob('/usr/lib/go-1.*/bin/go'),
                        key=lambda path: [int(n) for n in re.findall(r'\d+', path)], reverse=True)
    if shutil.which('go'):
        candidates.append(shutil.which('go'))
    for go in candidates:
        targets = subprocess.run([go, 'tool', 'dist', 'list'], stdout=subprocess.PIPE, text=True)
        if 'wasip1/wasm' in targets.stdout.split():
            return go
    return None


def run_go(args):
    go = find_go()
    if not go:
        skip('Go (>= 1.21, GOOS=wasip1) is not installed: golang-1.23-go from bookworm-backports')
    os.makedirs(args.work, exist_ok=True)
    runner = os.path.join(args.work, 'go_wasip1_exec')
    with open(runner, 'w') as f:
        # Go's protocol: the test binary, then its arguments; the package's directory is the
        # working directory (testdata/), and tests write to the temporary directory.
        f.write('#!/bin/sh\n'
                'program="$1"; shift\n'
                f'exec "{args.wasmc}" run -O{args.O} --dir / --env PWD="$PWD" --env TMPDIR=/tmp '
                '"$program" -- "$@"\n')
    os.chmod(runner, 0o755)
    # Go's build cache stays where it is (it would follow XDG_CACHE_HOME); wasmc run's cache goes
    # to the work directory.
    gocache = subprocess.run([go, 'env', 'GOCACHE'], stdout=subprocess.PIPE, text=True).stdout.strip()
    env = dict(os.environ, GOOS='wasip1', GOARCH='wasm', GOCACHE=gocache,
               XDG_CACHE_HOME=os.path.join(args.work, 'cache'))
    p = subprocess.run([go, 'test', '-short', '-count=1', '-p', '1', '-exec', runner] + args.package,
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors='replace')
    print(p.stdout)
    reported = {m.group(1) for m in re.finditer(r'^ok\s+(\S+)', p.stdout, re.M)}
    missing = [package for package in args.package if package not in reported]
    if p.returncode != 0 or missing:
        print(f'not ok: {" ".join(missing)}')
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--wasmc', required=True)
    parser.add_argument('--work', required=True, help='a directory for the built programs')
    parser.add_argument('-O', default='2', choices=['0', '1', '2', '3'])
    sub = parser.add_subparsers(dest='toolchain', required=True)
    rust = sub.add_parser('rust')
    rust.add_argument('--suite', required=True, choices=sorted(RAND_MODULES))
    rust.add_argument('--node', default='node')
    go = sub.add_parser('go')
    go.add_argument('--package', action='append', required=True)
    args = parser.parse_args()
    args.wasmc = os.path.abspath(args.wasmc)
    args.work = os.path.abspath(args.work)
    return run_rust(args) if args.toolchain == 'rust' else run_go(args)


if __name__ == '__main__':
    sys.exit(main())
