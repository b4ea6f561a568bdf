#!/usr/bin/env python3
"""Hand-written WASI commands in the text format (modules/*.wat): what C compilers do not emit
on purpose, such as 32-bit arguments with garbage in the upper half of their registers. Each is
assembled by wabt's wat2wasm, built by `wasmc build` for one target and run (under qemu-user for
another architecture). A module states what must happen in `;; e2e:` lines:

  ;; e2e: dir = /jail        a fresh empty directory granted as this path (preopen fd 3)
  ;; e2e: exit = 0           the exit status
  ;; e2e: stdout = ok        the exact stdout, one line
  ;; e2e: stderr_contains = x  stderr contains x (the line may repeat)
  ;; e2e: build_x86_64 = --features +fma   further `wasmc build` options for one architecture
  ;; e2e: max_rss_mb = 200   the most memory the run may take (peak RSS, emulator included)

Exit status: 0 all passed, 1 a failure, 77 skipped (no wat2wasm or no emulator).
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES = os.path.join(HERE, 'modules')
SKIP = 77


def expectations(path):
    found = {}
    with open(path, encoding='utf-8') as source:
        for line in source:
            match = re.match(r'\s*;; e2e: (\w+) = (.*)$', line)
            if match and match.group(1) == 'stderr_contains':
                found.setdefault('stderr_contains', []).append(match.group(2).strip())
            elif match:
                found[match.group(1)] = match.group(2).strip()
    return found


def run_measured(command, work):
    """Runs command; its CompletedProcess (text) and its peak RSS in KB (of this child alone)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=work)
        timer = threading.Timer(120, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        ran = subprocess.CompletedProcess(command, child.returncode,
                                          out.read().decode(errors='replace'),
                                          err.read().decode(errors='replace'))
    return ran, usage.ru_maxrss


def run_module(path, options, work):
    stem = os.path.splitext(os.path.basename(path))[0]
    expect = expectations(path)
    wasm = os.path.join(work, stem + '.wasm')
    exe = os.path.join(work, stem)
    subprocess.run([options.wat2wasm, '--enable-tail-call', '--enable-exceptions', '--enable-memory64',
                    '--enable-multi-memory', '--enable-relaxed-simd', '--debug-names', path, '-o', wasm],
                   check=True)
    build = [options.wasmc, 'build', wasm, '-o', exe]
    if options.target:
        build += ['--target', options.target]
    arch = (options.target or platform.machine()).split('-')[0]
    build += expect.get('build_' + arch, '').split()
    jail = None
    if 'dir' in expect:
        jail = os.path.join(work, stem + '.jail')
        os.mkdir(jail)
        build += ['--dir', f'{jail}::{expect["dir"]}']
    built = subprocess.run(build, capture_output=True, text=True)
    if built.returncode != 0:
        return f'wasmc build failed: {built.stderr.strip()}'
    command = ([options.emulator] if options.emulator else []) + [exe]
    ran, peak_kb = run_measured(command, work)
    problems = []
    if 'max_rss_mb' in expect and peak_kb > int(expect['max_rss_mb']) * 1024:
        problems.append(f'peak RSS {peak_kb // 1024} MB, expected at most {expect["max_rss_mb"]} MB')
    if 'exit' in expect and ran.returncode != int(expect['exit']):
        problems.append(f'exit status {ran.returncode}, expected {expect["exit"]}')
    if 'stdout' in expect and ran.stdout.rstrip('\n') != expect['stdout']:
        problems.append(f'stdout {ran.stdout!r}, expected {expect["stdout"]!r}')
    for text in expect.get('stderr_contains', []):
        if text not in ran.stderr:
            problems.append(f'stderr lacks {text!r}')
    if problems and ran.stderr:
        problems.append(f'stderr: {ran.stderr.strip()}')
    return '; '.join(problems)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--wasmc', required=True)
    parser.add_argument('--wat2wasm', default=shutil.which('wat2wasm'))
    parser.add_argument('--target', help='build for this target (default: this machine)')
    parser.add_argument('--emulator', help='run the executables under this (e.g. qemu-riscv64)')
    parser.add_argument('modules', nargs='*', help='modules to run (default: all of modules/)')
    options = parser.parse_args()
    if not options.wat2wasm:
        print('SKIP: wat2wasm (wabt) is not installed')
        return SKIP
    if options.emulator and shutil.which(options.emulator) is None:
        print(f'SKIP: the emulator {options.emulator} is not installed')
        return SKIP
    paths = options.modules or sorted(
        os.path.join(MODULES, name) for name in os.listdir(MODULES) if name.endswith('.wat'))
    failures = 0
    with tempfile.TemporaryDirectory(prefix='wasmc-wat-') as work:
        for path in paths:
            problem = run_module(path, options, work)
            print(f'{"FAIL" if problem else "ok  "} {os.path.basename(path)}' +
                  (f': {problem}' if problem else ''))
            failures += bool(problem)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
