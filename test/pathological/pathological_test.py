#!/usr/bin/env python3
"""The small variants of the pathological modules (pathological_modules.py), compiled by
`wasmc build` at -O0 and -O2 and run: each must compile, run and print the value the generator
computed. Not timed: compile time and memory at full size are bench/pathological.py's.

    pathological_test.py --wasmc build/wasmc

Prints one line per module and level, then `N passed, M failed`; exit status 0 iff none failed.
"""

import argparse
import subprocess
import sys
import tempfile

import pathological_modules

LEVELS = (0, 2)


def check(wasmc, wasm, expected, level):
    exe = f'{wasm[:-len(".wasm")]}-O{level}'
    built = subprocess.run([wasmc, 'build', f'-O{level}', wasm, '-o', exe],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    if built.returncode != 0:
        return f'wasmc build failed ({built.returncode}): {built.stdout.decode(errors="replace")[-500:]}'
    ran = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if (ran.returncode, ran.stdout) != (0, expected):
        return (f'exit status {ran.returncode}, stdout {ran.stdout.hex()}, expected {expected.hex()}: '
                f'{ran.stderr.decode(errors="replace")[-300:]}')
    return ''


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--wasmc', required=True)
    args = parser.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix='wasmc-pathological-') as work:
        for kind, size in pathological_modules.SMALL:
            wasm, _, expected = pathological_modules.write(kind, size, work)
            for level in LEVELS:
                failure = check(args.wasmc, wasm, expected, level)
                print(f'{"FAIL" if failure else "ok"} {kind} {size} -O{level}' +
                      (f': {failure}' if failure else ''), flush=True)
                passed += not failure
                failed += bool(failure)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
