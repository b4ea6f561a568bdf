#!/usr/bin/env python3
"""The wasmc command line: help and version, bad options and arguments (non-zero exit status and
a message that names what is wrong), options before the module, unreadable inputs and inputs that
are not core modules (text, components, reactors, non-WASI imports), what wasi-threads modules
need (thread-spawn of its type, a wasi_thread_start, shared memories only), output paths, the --emit
kinds, the default output name, `wasmc targets`, `wasmc run` agreeing with `wasmc build`, and the
exit status of proc_exit with a status that does not fit one. (run_test.py checks the rest of
`wasmc run`.)

Needs only wasmc: the module used is assembled by wasm_builder.py (a WASI command that prints
"hi" and exits with 3)."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wasm_builder as wb  # noqa: E402

TIMEOUT = 120


class Checker:
    def __init__(self, wasmc, workdir):
        self.wasmc = wasmc
        self.workdir = workdir
        self.failures = 0

    def run(self, args, env=None, cwd=None, timeout=TIMEOUT, stdin=None):
        try:
            p = subprocess.run([self.wasmc, *args], cwd=cwd or self.workdir, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, timeout=timeout, stdin=subprocess.DEVNULL)
            return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            return None, '', f'(timed out after {timeout} s)'

    def report(self, label, ok, detail=''):
        print(f'{"ok  " if ok else "FAIL"} {label}' + ('' if ok else f'\n    {detail}'.replace('\n', '\n    ')))
        if not ok:
            self.failures += 1
        return ok

    def expect_success(self, label, args, stdout_pattern=None, **kwargs):
        status, out, err = self.run(args, **kwargs)
        ok = status == 0 and (stdout_pattern is None or re.search(stdout_pattern, out, re.M | re.S))
        return self.report(label, bool(ok), f'wasmc {" ".join(args)}: status {status}\nstdout: {out[:1500]}\nstderr: {err[:1500]}')

    def expect_failure(self, label, args, must_mention, status_wanted=None, **kwargs):
        """Non-zero exit (status_wanted if given, never a signal), a message on stderr that
        contains every string in must_mention (case-insensitively), and nothing on stdout."""
        status, out, err = self.run(args, **kwargs)
        problems = []
        if status is None or status < 0 or status > 125:
            problems.append(f'status {status}: a crash or a hang')
        elif status == 0:
            problems.append('exit status 0')
        elif status_wanted is not None and status != status_wanted:
            problems.append(f'exit status {status}, expected {status_wanted}')
        for word in must_mention:
            if word.lower() not in err.lower():
                problems.append(f'the message does not mention {word!r}')
        if not err.strip():
            problems.append('no message on stderr')
        if out.strip() and status not in (0, None):
            problems.append('output on stdout for a failure (messages belong on stderr)')
        return self.report(label, not problems,
                           f'wasmc {" ".join(args)}: ' + '; '.join(problems) + f'\nstdout: {out[:800]}\nstderr: {err[:800]}')


def check_not_core_modules(c, work):
    """Inputs that are not core WASI commands: refused with a message that says what they are."""
    with open(os.path.join(work, 'hello.wat'), 'w') as f:
        f.write(';; WebAssembly text\n(module (func (export "_start")))\n')
    with open(os.path.join(work, 'layer1.wasm'), 'wb') as f:
        f.write(b'\0asm\x0d\x00\x01\x00' + b'\x00\x04\x03abc')
    start_memory = wb.Module()  # exports its memory as "_start"
    start_memory.add(5, wb.vec([wb.limits(1)]), 'memory')
    start_memory.add(7, wb.vec([wb.name('_start') + b'\x02' + wb.uleb(0)]), 'export')
    for label, module in [('reactor', wb.reactor_module(['_initialize'])), ('noexports', wb.reactor_module([])),
                          ('startmemory', start_memory)]:
        with open(os.path.join(work, f'{label}.wasm'), 'wb') as f:
            f.write(module.serialise()[0])
    for command in (['build', '-o', 'x'], ['run']):
        verb = command[0]
        c.expect_failure(f'{verb}: a .wat file is text, to convert with wat2wasm', [*command, 'hello.wat'],
                         ['hello.wat', 'text', 'wat2wasm'], status_wanted=1)
        c.expect_failure(f'{verb}: a component is refused as one', [*command, 'layer1.wasm'],
                         ['layer1.wasm:0x4', 'component'], status_wanted=1)
        c.expect_failure(f'{verb}: a reactor (exports _initialize, no _start)', [*command, 'reactor.wasm'],
                         ['reactor.wasm:0x', 'reactor', '_start'], status_wanted=1)
    c.expect_failure('a module that exports nothing', ['build', 'noexports.wasm', '-o', 'x'],
                     ['noexports.wasm', '_start'], status_wanted=1)
    c.expect_failure('a module whose _start is not a function', ['build', 'startmemory.wasm', '-o', 'x'],
                     ['startmemory.wasm:0x', '_start'], status_wanted=1)


def threads_module(spawn_type, memory_import, exports):
    """A command importing wasi.thread-spawn of `spawn_type` (a functype, or None for no import)
    and a memory (`memory_import`: the import's limits bytes, or None), exporting an empty
    (i32, i32) -> () function under each of `exports` and an empty _start."""
    m = wb.Module()
    m.add(1, wb.vec([wb.functype([], []), wb.functype([wb.I32, wb.I32], [])] +
                    ([spawn_type] if spawn_type else [])), 'type')
    imports = []
    if spawn_type:
        imports.append(wb.name('wasi') + wb.name('thread-spawn') + b'\x00' + wb.uleb(2))
    if memory_import:
        imports.append(wb.name('env') + wb.name('memory') + b'\x02' + memory_import)
    m.add(2, wb.vec(imports), 'import')
    first = 1 if spawn_type else 0
    m.add(3, wb.vec([wb.uleb(0), wb.uleb(1)]), 'function')
    m.add(7, wb.vec([wb.name('_start') + b'\x00' + wb.uleb(first)] +
                    [wb.name(e) + b'\x00' + wb.uleb(first + 1) for e in exports]), 'export')
    m.add(10, wb.vec([wb.body([], wb.END), wb.body([], wb.END)]), 'code')
    return m


def check_wasi_threads_modules(c, work):
    """What wasi-threads needs of a module: thread-spawn of its type, a wasi_thread_start to
    run, shared memories only; a module that has them builds."""
    shared = b'\x03' + wb.uleb(1) + wb.uleb(1)  # limits flag 3: shared, with a maximum
    spawn = wb.functype([wb.I32], [wb.I32])
    for label, module, wanted in [
            ('nostart', threads_module(spawn, shared, []), ['wasi.thread-spawn', 'wasi_thread_start']),
            ('badspawn', threads_module(wb.functype([], []), shared, ['wasi_thread_start']),
             ['wasi.thread-spawn', '(i32) -> (i32)']),
            ('unshared', threads_module(None, wb.limits(1), []), ['env.memory', 'shared memories'])]:
        with open(os.path.join(work, f'{label}.wasm'), 'wb') as f:
            f.write(module.serialise()[0])
        c.expect_failure(f'wasi-threads: {label}.wasm is refused', ['build', f'{label}.wasm', '-o', 'x'],
                         [f'{label}.wasm', *wanted], status_wanted=1)
    with open(os.path.join(work, 'threads.wasm'), 'wb') as f:
        f.write(threads_module(spawn, shared, ['wasi_thread_start']).serialise()[0])
    c.expect_success('wasi-threads: thread-spawn, a shared memory and wasi_thread_start build',
                     ['build', 'threads.wasm', '-o', 'threads'])


def check_exit_statuses(c, work, env):
    """proc_exit(n): n when it fits an exit status, else status 1 and a message (never 0)."""
    for status, wanted in [(0, 0), (125, 125), (255, 255), (256, 1), (512 + 7, 1), (2**32 - 1, 1), (2**31, 1)]:
        module = os.path.join(work, f'exit{status}.wasm')
        with open(module, 'wb') as f:
            f.write(wb.exit_module(status).serialise()[0])
        exe = os.path.join(work, f'exit{status}')
        if not c.expect_success(f'build exit{status}.wasm', ['build', module, '-o', exe]):
            continue
        for how, argv in [('executable', [exe]), ('wasmc run', [c.wasmc, 'run', module])]:
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=TIMEOUT)
            err = p.stderr.decode('utf-8', 'replace')
            signed = status - 2**32 if status >= 2**31 else status
            ok = p.returncode == wanted and ((str(signed) in err) == (wanted != status))
            c.report(f'proc_exit({signed}), {how}: exit status {wanted}' + (', with a message' if wanted != status else ''),
                     ok, f'status {p.returncode}, stderr {err!r}')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--wasmc', required=True)
    options = parser.parse_args()
    wasmc = os.path.abspath(options.wasmc)
    work = tempfile.mkdtemp(prefix='wasmc-cli-')
    try:
        c = Checker(wasmc, work)
        hello = os.path.join(work, 'hello.wasm')
        with open(hello, 'wb') as f:
            f.write(wb.hello_module().serialise()[0])
        with open(os.path.join(work, 'empty.wasm'), 'wb'):
            pass
        os.mkdir(os.path.join(work, 'adir.wasm'))
        # A valid module that imports something other than WASI.
        m = wb.Module()
        m.add(1, wb.vec([wb.functype([], [])]), 'type')
        m.add(2, wb.vec([wb.name('env') + wb.name('host_function') + b'\x00' + wb.uleb(0)]), 'import')
        with open(os.path.join(work, 'env_import.wasm'), 'wb') as f:
            f.write(m.serialise()[0])

        # Help and version.
        c.expect_success('--help exits 0 and shows the usage', ['--help'], r'[Uu]sage.*build')
        c.expect_success('-h exits 0', ['-h'], r'[Uu]sage')
        c.expect_success('--version exits 0 and prints a version', ['--version'], r'^wasmc \d+\.\d+\.\d+')
        c.expect_success('build --help exits 0 and lists the options', ['build', '--help'], r'--emit.*-O')
        c.expect_success('run --help exits 0', ['run', '--help'], r'[Uu]sage')
        c.expect_success('targets lists at least this machine', ['targets'], r'x86[-_]64|aarch64|\w')

        # Bad command lines: a non-zero status and a message that says what is wrong.
        c.expect_failure('no arguments at all', [], ['subcommand'])
        c.expect_failure('an unknown subcommand', ['frobnicate'], ['frobnicate'])
        c.expect_failure('an unknown option before the subcommand', ['--bogus-option'], ['--bogus-option'])
        c.expect_failure('an unknown option of build', ['build', 'hello.wasm', '--bogus-option'], ['--bogus-option'])
        c.expect_failure('build without an input', ['build'], ['input'])
        c.expect_failure('build with two inputs', ['build', 'hello.wasm', 'hello.wasm'], ['hello.wasm'])
        c.expect_failure('-O9 is out of range', ['build', '-O9', 'hello.wasm'], ['-O', '9'])
        c.expect_failure('-O with a non-number', ['build', '-Ofast', 'hello.wasm'], ['-O', 'fast'])
        c.expect_failure('--emit bogus', ['build', '--emit', 'bogus', 'hello.wasm'], ['--emit', 'bogus'])
        c.expect_failure('-o without a value', ['build', 'hello.wasm', '-o'], ['-o'])
        c.expect_failure('--target of an unknown target', ['build', 'hello.wasm', '--target', 'vax-dec-vms', '-o', 'x'],
                         ['vax-dec-vms'], status_wanted=1)
        c.expect_success('--cpu and --features of a cross target', ['build', 'hello.wasm', '--target', 'riscv64gc',
                                                                    '--cpu', 'sifive-u74', '--features', '+zba,-c',
                                                                    '-o', 'rv'])
        # LLVM merely warns about unknown CPUs and features (and aborts on some targets): refused.
        c.expect_failure('--cpu of an unknown CPU', ['build', 'hello.wasm', '--target', 'riscv64', '--cpu', 'bogus',
                                                     '-o', 'x'], ['bogus', 'CPU'], status_wanted=1)
        c.expect_failure('--features with an unknown feature', ['build', 'hello.wasm', '--target', 'arm64',
                                                                '--features', '+crc,+nope', '-o', 'x'],
                         ['+nope'], status_wanted=1)
        c.expect_failure('--features without + or -', ['build', 'hello.wasm', '--features', 'avx2', '-o', 'x'],
                         ['avx2'], status_wanted=1)
        c.expect_failure('--threads not a number', ['build', 'hello.wasm', '--threads', 'many'], ['--threads', 'many'])

        # Where the time goes: -v's phases, WASMC_PROFILE_FUNCTIONS's costliest functions.
        status, out, err = c.run(['build', '-v', '--no-cache', 'hello.wasm', '-o', 'timed'],
                                 env=dict(os.environ, WASMC_PROFILE_FUNCTIONS='3'))
        c.report('-v reports the phases, WASMC_PROFILE_FUNCTIONS the costliest functions',
                 status == 0 and re.search(r'partition.*lower .*optimise .*codegen', err) is not None
                 and re.search(r'optimisation CPU time by function: \S+ s in [1-9]\d* functions\n  \S+ s', err) is not None,
                 f'status {status}\nstderr: {err[:1500]}')

        # Options before the module, one value per use (as Wasmtime users type them).
        os.mkdir(os.path.join(work, 'data'))
        c.expect_success('--dir before the module', ['build', '--dir', '.', 'hello.wasm', '-o', 'before'])
        c.expect_success('--env and --dir before the module', ['build', '--env', 'A=1', '--dir', 'data::/d', '-O1',
                                                              'hello.wasm', '-o', 'before2'])
        c.expect_failure('--dir takes one value per use', ['build', '--dir', 'data', 'hello.wasm', 'hello.wasm', '-o', 'x'],
                         ['hello.wasm'])

        # Grant values that cannot be right, whatever the host looks like at run time: wasmc build must
        # reject them rather than bake them into an executable that fails every time it starts.
        c.expect_failure('--dir with an empty host path', ['build', 'hello.wasm', '-o', 'g1', '--dir', '::/x'], ['::/x'])
        # (--env NAME without a value is valid: NAME's value is taken from the host at run time,
        # as Wasmtime does.)
        c.expect_failure('--env with an empty name', ['build', 'hello.wasm', '-o', 'g2', '--env', '=value'], ['=value'])
        c.expect_failure('--listen without a port', ['build', 'hello.wasm', '-o', 'g3', '--listen', 'bogus'], ['bogus'])

        # Inputs that cannot be read or are not modules: status 1 and "error: ..." naming the file.
        c.expect_failure('a nonexistent input', ['build', 'missing.wasm', '-o', 'x'], ['missing.wasm', 'no such file'],
                         status_wanted=1)
        c.expect_failure('a directory as input', ['build', 'adir.wasm', '-o', 'x'], ['adir.wasm', 'directory'],
                         status_wanted=1)
        c.expect_failure('an empty file', ['build', 'empty.wasm', '-o', 'x'], ['empty.wasm:0x0: '], status_wanted=1)
        c.expect_failure('/dev/null as input', ['build', '/dev/null', '-o', 'x'], ['/dev/null'], status_wanted=1)
        # The import entry starts at 0x11: magic and version (8), type section (2 + 4), import
        # section header (2) and its count (1).
        c.expect_failure('a non-WASI import, with its offset', ['build', 'env_import.wasm', '-o', 'x'],
                         ['env.host_function', 'env_import.wasm:0x11', 'unsupported:'], status_wanted=1)
        check_not_core_modules(c, work)
        check_wasi_threads_modules(c, work)
        if os.geteuid() != 0:
            unreadable = os.path.join(work, 'unreadable.wasm')
            shutil.copy(hello, unreadable)
            os.chmod(unreadable, 0)
            c.expect_failure('an unreadable input', ['build', 'unreadable.wasm', '-o', 'x'], ['unreadable.wasm'],
                             status_wanted=1)

        # Outputs.
        c.expect_failure('an output in a missing directory', ['build', 'hello.wasm', '-o', 'no/such/dir/out'],
                         ['no/such/dir/out'], status_wanted=1)
        c.expect_failure('an output that is a directory', ['build', 'hello.wasm', '-o', 'adir.wasm'], ['adir.wasm'],
                         status_wanted=1)
        for leftover in ('x', 'no'):
            if os.path.exists(os.path.join(work, leftover)):
                c.report(f'no output file "{leftover}" left behind by failed builds', False, 'it exists')
        if c.expect_success('build with no -o writes the input name without .wasm', ['build', 'hello.wasm']):
            exe = os.path.join(work, 'hello')
            if c.report('the default output exists and is executable', os.access(exe, os.X_OK)):
                p = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
                c.report('the executable prints "hi" and exits with 3', p.returncode == 3 and p.stdout == b'hi\n',
                         f'status {p.returncode} stdout {p.stdout!r} stderr {p.stderr!r}')
        for emit, name, pattern in [('obj', 'hello.o', None), ('asm', 'hello.s', rb'_start|\.text'),
                                    ('llvm-ir', 'hello.ll', rb'define ')]:
            if c.expect_success(f'--emit {emit} with the default name', ['build', 'hello.wasm', '--emit', emit]):
                path = os.path.join(work, name)
                ok = os.path.isfile(path) and os.path.getsize(path) > 0
                if ok and pattern:
                    with open(path, 'rb') as f:
                        ok = re.search(pattern, f.read()) is not None
                if ok and emit == 'obj':
                    with open(path, 'rb') as f:
                        ok = f.read(4) == b'\x7fELF'
                c.report(f'--emit {emit} wrote {name} with the expected contents', ok)
        # With the baseline tier asked for, --emit obj still writes one object (the tier's and LLVM's code).
        if c.expect_success('--emit obj -O0 with WASMC_BASELINE=1',
                            ['build', 'hello.wasm', '-O0', '--emit', 'obj', '-o', 'hello-baseline.o'],
                            env=dict(os.environ, WASMC_BASELINE='1')):
            with open(os.path.join(work, 'hello-baseline.o'), 'rb') as f:
                data = f.read()
            c.report('--emit obj with WASMC_BASELINE=1 is one ELF object',
                     data.startswith(b'\x7fELF') and data.count(b'\x7fELF') == 1)
        for level in ('0', '1', '2', '3'):
            out = f'hello-O{level}'
            if c.expect_success(f'build -O{level}', ['build', 'hello.wasm', f'-O{level}', '-o', out]):
                p = subprocess.run([os.path.join(work, out)], stdout=subprocess.PIPE, timeout=60)
                c.report(f'-O{level} executable behaves', p.returncode == 3 and p.stdout == b'hi\n',
                         f'status {p.returncode} stdout {p.stdout!r}')

        # Reproducible builds: the same module and options give the same bytes, whatever --threads.
        outputs = []
        for i, extra in enumerate([[], [], ['--threads', '1'], ['--threads', '3']]):
            out = f'repro{i}'
            if c.expect_success(f'build for reproducibility #{i} {" ".join(extra)}', ['build', 'hello.wasm', '-o', out, *extra]):
                with open(os.path.join(work, out), 'rb') as f:
                    outputs.append(f.read())
        c.report('identical executables from identical builds', len(set(outputs)) == 1,
                 f'{len(set(outputs))} different outputs')

        # wasmc run: same behaviour as the built executable, with and without the cache.
        env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'XDG_CACHE_HOME': os.path.join(work, 'cache'),
               'HOME': work}
        for attempt in ('first (compiles)', 'second (cached)'):
            status, out, err = c.run(['run', 'hello.wasm'], env=env)
            c.report(f'wasmc run, {attempt}: prints "hi", exits with 3', status == 3 and out == 'hi\n',
                     f'status {status} stdout {out!r} stderr {err[:800]!r}')
        status, out, err = c.run(['run', '--no-cache', 'hello.wasm', '--', 'a', 'b'], env=env)
        c.report('wasmc run --no-cache with arguments after --', status == 3 and out == 'hi\n',
                 f'status {status} stdout {out!r} stderr {err[:800]!r}')
        c.expect_failure('wasmc run of a missing module', ['run', 'missing.wasm'], ['missing.wasm'], env=env)

        check_exit_statuses(c, work, env)

        print(f'{c.failures} failure(s)' if c.failures else 'all command-line checks passed')
        return 1 if c.failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
