#!/usr/bin/env python3
"""End-to-end differential tests of wasmc.

For each C program in programs/ (or those named on the command line):

  1. build it to .wasm with clang-19 --config=cmake/toolchains/wasm32-wasi.cfg (the project's one
     definition of a wasm32-wasi build), once per set of C flags it asks for; a C++ program
     (programs/*.cpp) with Emscripten's em++ -sSTANDALONE_WASM (a WASI command) instead, its
     cflags em++'s (e.g. -fwasm-exceptions), skipped where em++ is not installed;
  2. build each .wasm to a native executable with `wasmc build`, once per set of wasmc flags;
  3. run the executable, and compare its stdout, exit status and (loosely) stderr with an oracle:
       node   the same .wasm under node's WASI (node-wasi.mjs), for every build;
       host   the program compiled for this machine by clang (-O2), for programs whose output C
              fully defines (no libm last bits, no undefined behaviour); first build only.

A program describes how it is built and run in `// e2e:` comment lines:

  // e2e: cflags = -O2 | -O0 | -O2 -mbulk-memory   alternative clang flag sets (default -O2)
  // e2e: wasmc = -O2 | -O0                        alternative wasmc flag sets (default -O2)
  // e2e: oracle = node host                       oracles that apply (default: node)
  // e2e: host-cflags = -DFOO                      extra flags for the host build
  // e2e: node-flags = --stack-size=7000           extra flags for node
  // e2e: env = KEY=VALUE ...                      environment of every run (default: empty)
  // e2e: dir = /sandbox                           preopen a fresh empty directory as this path
  // e2e: timeout = 10                             seconds per run (default 10)
  // e2e: feature = tail calls                     the program needs a post-2.0 feature: a build
                                                  that wasmc refuses with "error: unsupported:"
                                                  is skipped, not failed (builds with -msimd128
                                                  are treated so automatically)
  // e2e: run: args=a "b c"; stdin=inputs/x.txt; exit=7; trap=integer divide by zero
  //                                               one run (repeatable); without any, one run
  //                                               with no arguments and an empty stdin.

Run keys: args (shell words), stdin (a file relative to programs/, default empty), exit (the exit status the WebAssembly and WASI specifications require),
trap (the trap reason wasmc must print; implies exit 134), stdout (a file with the exact expected
stdout, for where node deviates from the spec; or "closed": stdout is a pipe nobody reads, so
writes fail with EPIPE -- the engine must not die of SIGPIPE), pipe (=trickle: the wasmc and host
executables read stdin from a pipe fed in small pieces, so reads return partial data; node reads
the file, as its WASI may see EAGAIN on a pipe), backtrace (function names the
wasmc -O0 backtrace must show, innermost first), stack (=unlimited: the wasmc and host executables
run without a stack size limit, as after `ulimit -s unlimited`).

The clang flag sets are all built with the first wasmc flag set; the first clang flag set is built
with every wasmc flag set.

Exit status: 0 all passed, 1 a failure, 77 skipped (the oracle is unavailable, or the reference
engine itself crashed and nothing else failed).
"""

import argparse
import concurrent.futures
import contextlib
import dataclasses
import difflib
import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# clang's options for wasm32-wasi, shared by every build of a wasm input in the project.
WASM_CONFIG = os.path.normpath(os.path.join(HERE, '..', '..', 'cmake', 'toolchains', 'wasm32-wasi.cfg'))
PROGRAMS = os.path.join(HERE, 'programs')
NODE_RUNNER = os.path.join(HERE, 'node-wasi.mjs')

SKIP = 77
TRAP_STATUS = 134
NODE_REFERENCE_FAILURE = 125  # node-wasi.mjs: the reference engine could not run the module

# What V8 says for each trap wasmc reports, so that node's trap can be checked to be the same.
V8_TRAP_MESSAGES = {
    'unreachable': ['unreachable'],
    'integer divide by zero': ['divide by zero', 'remainder by zero'],
    # Also a float-to-integer conversion out of range (V8 does not distinguish it from NaN).
    'integer overflow': ['divide result unrepresentable', 'float unrepresentable in integer range'],
    'invalid conversion to integer': ['float unrepresentable in integer range'],
    'out of bounds memory access': ['memory access out of bounds'],
    'undefined element': ['table index is out of bounds'],
    'uninitialized element': ['null function or function signature mismatch', 'null function'],
    'indirect call type mismatch': ['null function or function signature mismatch', 'function signature mismatch'],
    'call stack exhausted': ['Maximum call stack size exceeded'],
}


@dataclasses.dataclass
class Run:
    args: list
    stdin: str = None
    exit: int = None
    trap: str = None
    stdout: str = None
    stdout_closed: bool = False
    backtrace: list = None
    stdin_trickle: bool = False
    stack_unlimited: bool = False

    def describe(self):
        parts = []
        if self.args:
            parts.append('args=' + shlex.join(self.args))
        if self.stdin:
            parts.append('stdin=' + self.stdin)
        if self.stdout_closed:
            parts.append('stdout=closed')
        if self.stdin_trickle:
            parts.append('pipe=trickle')
        if self.stack_unlimited:
            parts.append('stack=unlimited')
        return '; '.join(parts) or 'no args'


@dataclasses.dataclass
class Program:
    name: str
    source: str
    cflags: list
    wasmc_flags: list
    oracles: set
    host_cflags: list
    node_flags: list
    env: dict
    dir: str
    feature: str
    timeout: float
    runs: list


class SpecError(Exception):
    pass


def parse_env(words):
    env = {}
    for word in words:
        key, sep, value = word.partition('=')
        if not sep or not key:
            raise SpecError(f'bad environment entry {word!r}')
        env[key] = value
    return env


def parse_program(path):
    name = os.path.splitext(os.path.basename(path))[0]
    keys = {}
    runs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'\s*//\s*e2e:\s*([a-z-]+)\s*[:=]\s*(.*?)\s*$', line)
            if not m:
                continue
            key, value = m.group(1), m.group(2)
            if key == 'run':
                run = Run(args=[])
                for item in filter(None, (p.strip() for p in value.split(';'))):
                    k, sep, v = item.partition('=')
                    k, v = k.strip(), v.strip()
                    if not sep:
                        raise SpecError(f'{path}: bad run item {item!r}')
                    if k == 'args':
                        run.args = shlex.split(v)
                    elif k == 'stdin':
                        run.stdin = v
                    elif k == 'pipe':
                        if v != 'trickle':
                            raise SpecError(f'{path}: pipe={v!r}: only "trickle" is known')
                        run.stdin_trickle = True
                    elif k == 'exit':
                        run.exit = int(v)
                    elif k == 'trap':
                        run.trap = v
                        run.exit = TRAP_STATUS
                    elif k == 'stack':
                        if v != 'unlimited':
                            raise SpecError(f'{path}: stack={v!r}: only "unlimited" is known')
                        run.stack_unlimited = True
                    elif k == 'backtrace':
                        run.backtrace = v.split()
                    elif k == 'stdout':
                        if v == 'closed':
                            run.stdout_closed = True
                        else:
                            run.stdout = v
                    else:
                        raise SpecError(f'{path}: unknown run key {k!r}')
                runs.append(run)
            elif key in ('cflags', 'wasmc', 'oracle', 'host-cflags', 'node-flags', 'env', 'dir', 'timeout', 'feature'):
                keys[key] = value
            else:
                raise SpecError(f'{path}: unknown e2e key {key!r}')
    alternatives = lambda text, default: [shlex.split(a) for a in (text or default).split('|')]
    oracles = set((keys.get('oracle') or 'node').split())
    if not oracles <= {'node', 'host'}:
        raise SpecError(f'{path}: unknown oracle in {oracles}')
    return Program(
        name=name, source=path,
        cflags=alternatives(keys.get('cflags'), '-O2'),
        wasmc_flags=alternatives(keys.get('wasmc'), '-O2'),
        oracles=oracles,
        host_cflags=shlex.split(keys.get('host-cflags', '')),
        node_flags=shlex.split(keys.get('node-flags', '')),
        env=parse_env(shlex.split(keys.get('env', ''))),
        dir=keys.get('dir') or None,
        feature=keys.get('feature') or None,
        timeout=float(keys.get('timeout', '10')),
        runs=runs or [Run(args=[])])


@dataclasses.dataclass
class Result:
    status: int = None       # exit status, or -signal
    stdout: bytes = b''
    stderr: bytes = b''
    timed_out: bool = False
    not_started: bool = False

    def describe_status(self):
        if self.timed_out:
            return 'timed out'
        if self.not_started:
            return 'could not be started: ' + self.stderr.decode(errors='replace')
        if self.status is not None and self.status < 0:
            return f'killed by signal {-self.status}'
        return f'exit status {self.status}'


def set_limits(stack_unlimited=False):
    # The same 8 MiB main-thread stack for every engine, whatever the caller's limit (when the hard
    # limit allows), or no limit (`ulimit -s unlimited`) where a run asks for it; no core dumps
    # from crashing engines.
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
        want = resource.RLIM_INFINITY if stack_unlimited else 8 << 20
        if hard == resource.RLIM_INFINITY or (want != resource.RLIM_INFINITY and hard >= want):
            resource.setrlimit(resource.RLIMIT_STACK, (want, hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def execute(argv, stdin_path, cwd, env, timeout, executable=None, capture_in_files=False, stdout_closed=False,
            stdin_trickle=False, stack_unlimited=False):
    """Runs a program; stdout and stderr go to pipes, or to regular files when capture_in_files
    (node's WASI writes to a pipe that node has made non-blocking, and loses data when the pipe is
    full: a node deviation that would otherwise be blamed on wasmc). stdout_closed: stdout is a
    pipe whose reading end is already closed (every write fails with EPIPE). stdin_trickle: stdin
    is a pipe fed in small pieces with pauses (reads return partial data)."""
    with contextlib.ExitStack() as stack:
        if stdin_trickle:
            with open(stdin_path or os.devnull, 'rb') as f:
                stdin_data = f.read()
            stdin = subprocess.PIPE
        else:
            stdin = stack.enter_context(open(stdin_path or os.devnull, 'rb'))
        if capture_in_files:
            out = stack.enter_context(tempfile.TemporaryFile())
            err = stack.enter_context(tempfile.TemporaryFile())
        else:
            out = err = subprocess.PIPE
        if stdout_closed:
            read_end, out = os.pipe()
            os.close(read_end)
            stack.callback(os.close, out)
        try:
            p = subprocess.Popen(argv, executable=executable, stdin=stdin, stdout=out, stderr=err, cwd=cwd, env=env,
                                 preexec_fn=lambda: set_limits(stack_unlimited))
        except OSError as e:  # could not even start it
            return Result(None, b'', f'cannot run {argv[0]}: {e}'.encode(), not_started=True)
        writer = None
        if stdin_trickle:
            pipe_in, p.stdin = p.stdin, None  # the writer thread owns it; communicate() leaves it alone

            def trickle():
                try:
                    for i in range(0, len(stdin_data), 777):
                        pipe_in.write(stdin_data[i:i + 777])
                        pipe_in.flush()
                        time.sleep(0.001)
                except (BrokenPipeError, ValueError, OSError):
                    pass
                finally:
                    try:
                        pipe_in.close()
                    except OSError:
                        pass
            writer = threading.Thread(target=trickle, daemon=True)
            writer.start()
        try:
            stdout, stderr = p.communicate(timeout=timeout)
            result = Result(p.returncode, stdout or b'', stderr or b'')
        except subprocess.TimeoutExpired:
            p.kill()
            stdout, stderr = p.communicate()
            result = Result(None, stdout or b'', stderr or b'', timed_out=True)
        if writer:
            writer.join(timeout=5)
        if capture_in_files:
            if not stdout_closed:
                out.seek(0)
                result.stdout = out.read()
            err.seek(0)
            result.stderr = err.read()
        return result


def show(data, limit=2000):
    text = data.decode('utf-8', 'backslashreplace')
    return text if len(text) <= limit else text[:limit] + f'... ({len(text)} characters)'


def diff(expected, actual, expected_name, actual_name, limit=40):
    a = expected.decode('utf-8', 'backslashreplace').splitlines(keepends=True)
    b = actual.decode('utf-8', 'backslashreplace').splitlines(keepends=True)
    lines = list(difflib.unified_diff(a, b, expected_name, actual_name, n=1))
    if len(lines) > limit:
        lines = lines[:limit] + [f'... ({len(lines) - limit} more diff lines)\n']
    text = ''.join(lines)
    if not text and expected != actual:
        text = f'(differ only in line endings or a final newline: {expected[-20:]!r} vs {actual[-20:]!r})\n'
    return text


def split_trap(stderr):
    """Splits an engine's stderr into what the program wrote and the trap report (if any)."""
    index = stderr.find(b'wasm trap: ')
    while index > 0 and stderr[index - 1:index] != b'\n':
        index = stderr.find(b'wasm trap: ', index + 1)
    if index < 0:
        return stderr, None
    return stderr[:index], stderr[index:]


class Tester:
    def __init__(self, options):
        self.options = options
        self.failures = []
        self.reference_failures = []
        self.log_lock = __import__('threading').Lock()

    def log(self, text):
        with self.log_lock:
            print(text, flush=True)

    def fail(self, where, message):
        self.failures.append(where)
        self.log(f'FAIL {where}: {message}')

    def tool(self, argv, cwd, what, where, timeout=300):
        try:
            p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            self.fail(where, f'{what} timed out: {shlex.join(argv)}')
            return False
        except OSError as e:
            self.fail(where, f'{what} could not be started: {e}')
            return False
        if p.returncode != 0:
            self.fail(where, f'{what} failed ({p.returncode}): {shlex.join(argv)}\n{show(p.stdout)}')
            return False
        return True

    # ---- building ---------------------------------------------------------------------------

    def build_wasm(self, program, cflags, output, where):
        if program.source.endswith('.cpp'):
            argv = [self.options.emxx, *cflags, '-sSTANDALONE_WASM', program.source, '-o', output]
            return self.tool(argv, os.path.dirname(output), 'em++', where)
        argv = [self.options.clang, f'--config={WASM_CONFIG}', *cflags, program.source, '-o', output, '-lm']
        return self.tool(argv, os.path.dirname(output), 'clang (wasm32-wasi)', where)

    def build_native(self, program, wasm, flags, output, sandbox, where, feature):
        """True when built; False on failure; None when wasmc reports the optional feature
        unsupported (the variant is skipped)."""
        argv = [self.options.wasmc, 'build', wasm, '-o', output, *flags]
        if self.options.target:
            argv += ['--target', self.options.target]
        for key, value in program.env.items():
            argv += ['--env', f'{key}={value}']
        if sandbox:
            argv += ['--dir', f'{sandbox}::{program.dir}']
        if not feature:
            return self.tool(argv, os.path.dirname(output), 'wasmc build', where)
        try:
            p = subprocess.run(argv, cwd=os.path.dirname(output), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=300)
        except subprocess.TimeoutExpired:
            self.fail(where, f'wasmc build timed out: {shlex.join(argv)}')
            return False
        except OSError as e:
            self.fail(where, f'wasmc could not be started: {e}')
            return False
        if p.returncode == 0:
            return True
        if p.returncode == 1 and re.search(rb'^error: (.*: )?unsupported: ', p.stdout, re.M):
            self.log(f'SKIP {where}: wasmc does not support {feature} (yet):\n{show(p.stdout)}')
            return None
        self.fail(where, f'wasmc build failed ({p.returncode}): {shlex.join(argv)}\n{show(p.stdout)}'
                         f'(the module uses {feature}: if wasmc does not implement it, it must say '
                         f'"error: unsupported: <feature>")')
        return False

    def build_host(self, program, output, where):
        argv = [self.options.clang, '-O2', *program.host_cflags, program.source, '-o', output, '-lm']
        try:
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        except subprocess.TimeoutExpired:
            self.fail(where, 'host clang timed out')
            return False
        if p.returncode != 0:
            return None  # no host toolchain: the host oracle is unavailable
        return True

    # ---- running ----------------------------------------------------------------------------

    def stdin_path(self, run):
        return os.path.join(PROGRAMS, run.stdin) if run.stdin else None

    def fresh_sandbox(self, sandbox):
        if sandbox:
            shutil.rmtree(sandbox, ignore_errors=True)
            os.makedirs(sandbox)

    def run_native(self, program, run, exe, cwd, sandbox):
        self.fresh_sandbox(sandbox)
        # The executable's environment comes from the grants baked in at build time; give the
        # process a marker variable that must not leak into the program.
        process_env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'E2E_HOST_ONLY': 'must-not-leak'}
        if self.options.emulator:  # e.g. qemu-aarch64 -0 <argv[0]> <exe> args...
            emulator = shlex.split(self.options.emulator)
            return execute([*emulator, '-0', program.name, exe, *run.args], self.stdin_path(run), cwd, process_env,
                           program.timeout * 10, stdout_closed=run.stdout_closed, stdin_trickle=run.stdin_trickle,
                           stack_unlimited=run.stack_unlimited)
        return execute([program.name, *run.args], self.stdin_path(run), cwd, process_env, program.timeout,
                       executable=exe, stdout_closed=run.stdout_closed, stdin_trickle=run.stdin_trickle,
                       stack_unlimited=run.stack_unlimited)

    def run_node(self, program, run, wasm, cwd, sandbox):
        self.fresh_sandbox(sandbox)
        result_file = os.path.join(cwd, 'node-result.json')
        if os.path.exists(result_file):
            os.unlink(result_file)
        argv = [self.options.node, '--no-warnings', '--single-threaded', *program.node_flags, NODE_RUNNER,
                '--argv0', program.name, '--result', result_file]
        for key, value in program.env.items():
            argv += ['--env', f'{key}={value}']
        if sandbox:
            argv += ['--dir', f'{sandbox}::{program.dir}']
        argv += [wasm, *run.args]
        process_env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin')}
        result = execute(argv, self.stdin_path(run), cwd, process_env, program.timeout * 3, capture_in_files=True,
                         stdout_closed=run.stdout_closed)
        if result.status is not None and result.status < 0 and os.path.exists(result_file):
            # node crashed while shutting down, after the program had finished: keep its result.
            with open(result_file) as f:
                recorded = json.load(f)
            self.log(f'note {program.name}: node was killed by signal {-result.status} after the program '
                     f'finished ({recorded["kind"]} {recorded["status"]}); its result is used')
            result.status = recorded['status']
        return result

    def node_crashed(self, result):
        return (result.timed_out or result.status is None or result.status < 0 or
                result.status == NODE_REFERENCE_FAILURE or b'node-wasi: ' in result.stderr)

    def run_host(self, program, run, exe, cwd, sandbox):
        self.fresh_sandbox(sandbox)
        process_env = dict(program.env)
        return execute([program.name, *run.args], self.stdin_path(run), cwd, process_env, program.timeout,
                       executable=exe, stdout_closed=run.stdout_closed, stdin_trickle=run.stdin_trickle)

    # ---- checking ---------------------------------------------------------------------------

    def check_backtrace(self, where, run, trap, wasmc_flags):
        """With wasmc -O0 (no inlining across wasm functions), the backtrace must list the given
        functions innermost first (others may come between), and must not claim a recursion
        ("... more of the same") that the program does not have."""
        if not run.backtrace or '-O0' not in wasmc_flags:
            return True
        lines = trap.decode('utf-8', 'replace').splitlines()
        frames = [m.group(1) for m in (re.match(r'\s+\d+: (\S+)', l) for l in lines) if m]
        position = 0
        for frame in frames:
            if position < len(run.backtrace) and frame == run.backtrace[position]:
                position += 1
        problems = []
        if position < len(run.backtrace):
            problems.append(f'expected the frames {" <- ".join(run.backtrace)} in this order')
        if any('more of the same' in l for l in lines):
            problems.append('"more of the same" printed, but nothing recurses here')
        if problems:
            self.fail(where, '; '.join(problems) + ':\n' + show(trap))
            return False
        return True

    def check_spec(self, where, run, native, wasmc_flags=()):
        """Checks the native run against what the specifications require."""
        ok = True
        if native.timed_out or native.not_started or (native.status is not None and native.status < 0):
            self.fail(where, f'wasmc executable {native.describe_status()}\nstderr:\n{show(native.stderr)}')
            return False
        if run.exit is not None and native.status != run.exit:
            self.fail(where, f'expected exit status {run.exit}, wasmc executable: {native.status}\n'
                             f'stderr:\n{show(native.stderr)}')
            ok = False
        _, trap = split_trap(native.stderr)
        if native.status == TRAP_STATUS or run.trap:
            if trap is None:
                if run.trap:
                    self.fail(where, f'expected a trap "{run.trap}", no "wasm trap:" line in stderr:\n{show(native.stderr)}')
                    ok = False
            else:
                if run.trap and not trap.startswith(f'wasm trap: {run.trap}\n'.encode()):
                    self.fail(where, f'expected "wasm trap: {run.trap}", stderr:\n{show(native.stderr)}')
                    ok = False
                if b'\nwasm backtrace:\n' not in trap:
                    self.fail(where, f'no "wasm backtrace:" after the trap line:\n{show(trap)}')
                    ok = False
                elif not self.check_backtrace(where, run, trap, wasmc_flags):
                    ok = False
        elif trap is not None:
            self.fail(where, f'"wasm trap:" printed but exit status {native.status}')
            ok = False
        if run.stdout is not None:
            with open(os.path.join(PROGRAMS, run.stdout), 'rb') as f:
                expected = f.read()
            if native.stdout != expected:
                self.fail(where, 'stdout differs from ' + run.stdout + '\n' +
                          diff(expected, native.stdout, run.stdout, 'wasmc'))
                ok = False
        return ok

    def compare(self, where, oracle_name, oracle, native, trap_aware):
        ok = True
        if oracle.stdout != native.stdout:
            self.fail(where, f'stdout differs from {oracle_name}\n' + diff(oracle.stdout, native.stdout, oracle_name, 'wasmc'))
            ok = False
        if oracle.status != native.status:
            self.fail(where, f'{oracle_name}: {oracle.describe_status()}, wasmc: {native.describe_status()}\n'
                             f'{oracle_name} stderr:\n{show(oracle.stderr)}\nwasmc stderr:\n{show(native.stderr)}')
            ok = False
        if trap_aware:
            oracle_err, oracle_trap = split_trap(oracle.stderr)
            native_err, native_trap = split_trap(native.stderr)
        else:
            oracle_err, oracle_trap, native_err, native_trap = oracle.stderr, None, native.stderr, None
        if oracle_err != native_err:
            self.fail(where, f'stderr (before any trap report) differs from {oracle_name}\n' +
                      diff(oracle_err, native_err, oracle_name, 'wasmc'))
            ok = False
        if oracle_trap is not None and native_trap is not None:
            v8 = oracle_trap.decode('utf-8', 'replace').splitlines()[0][len('wasm trap: '):]
            v8 = v8.split('(): ', 1)[-1]  # "WebAssembly.Instance(): ..." for traps while instantiating
            reason = native_trap.decode('utf-8', 'replace').splitlines()[0][len('wasm trap: '):]
            accepted = V8_TRAP_MESSAGES.get(reason)
            if accepted is None:
                self.fail(where, f'wasmc trap reason "{reason}" is not one wasmc defines (node: "{v8}")')
                ok = False
            elif not any(v8.startswith(m) for m in accepted):
                self.fail(where, f'different traps: wasmc "{reason}", node "{v8}"')
                ok = False
        return ok

    # ---- one program ------------------------------------------------------------------------

    def variants(self, program):
        """(label, cflags, wasmc flags) for every build."""
        out = []
        for i, cflags in enumerate(program.cflags):
            for j, wflags in enumerate(program.wasmc_flags):
                if i == 0 or j == 0:
                    out.append((f'clang {shlex.join(cflags)} / wasmc {shlex.join(wflags)}', i, j, cflags, wflags))
        return out

    def test_program(self, program, oracle, work):
        os.makedirs(work, exist_ok=True)
        passed = True
        reference_failed = False
        variants = self.variants(program)
        if oracle == 'host' or self.options.first_variant_only:
            variants = variants[:1]
        wasm_built = {}
        skipped_variants = ran_variants = 0
        for label, i, j, cflags, wflags in variants:
            vdir = os.path.join(work, f'v{i}{j}')
            os.makedirs(vdir, exist_ok=True)
            sandbox = os.path.join(vdir, 'sandbox') if program.dir else None
            if sandbox:
                os.makedirs(sandbox, exist_ok=True)
            where0 = f'{program.name} [{label}]'
            wasm = os.path.join(work, f'{program.name}.{i}.wasm')
            if i not in wasm_built:
                wasm_built[i] = self.build_wasm(program, cflags, wasm, where0)
            if not wasm_built[i]:
                passed = False
                continue
            exe = os.path.join(vdir, program.name)
            feature = program.feature or ('SIMD' if {'-msimd128', '-mrelaxed-simd'} & set(cflags) else None)
            built = self.build_native(program, wasm, wflags, exe, sandbox, where0, feature)
            if built is None:
                skipped_variants += 1
                continue
            if not built:
                passed = False
                continue
            ran_variants += 1
            host_exe = None
            if oracle == 'host':
                host_exe = os.path.join(work, f'{program.name}.host')
                built = self.build_host(program, host_exe, where0)
                if built is None:
                    self.log(f'SKIP {program.name}: the host clang cannot build it (no host C library?)')
                    return SKIP
                if not built:
                    return 1
            for k, run in enumerate(program.runs):
                where = f'{program.name} [{label}] run {k + 1} ({run.describe()})'
                native = self.run_native(program, run, exe, vdir, sandbox)
                ok = self.check_spec(where, run, native, wflags)
                if oracle == 'node':
                    if not self.options.node:
                        passed = passed and ok
                        continue
                    reference = self.run_node(program, run, wasm, vdir, sandbox)
                    if self.node_crashed(reference):  # retry once: node 20 sometimes crashes at exit
                        reference = self.run_node(program, run, wasm, vdir, sandbox)
                    if self.node_crashed(reference):
                        reference_failed = True
                        self.reference_failures.append(where)
                        self.log(f'NODE-CRASH {where}: the reference engine failed ({reference.describe_status()}); '
                                 f'not a wasmc result\nnode stderr:\n{show(reference.stderr)}')
                        passed = passed and ok
                        continue
                    if run.stdout is not None and reference.stdout != native.stdout:
                        # A known deviation of node from the spec: the expected-stdout file (checked
                        # above) is the oracle for stdout; status and stderr are still compared.
                        self.log(f'note {where}: node\'s stdout deviates from {run.stdout} (known); '
                                 f'stdout compared with the file only')
                        reference = Result(reference.status, native.stdout, reference.stderr)
                    ok = self.compare(where, 'node', reference, native, trap_aware=True) and ok
                else:
                    reference = self.run_host(program, run, host_exe, vdir, sandbox)
                    if reference.timed_out or reference.status is None or reference.status < 0:
                        self.fail(where, f'host build: {reference.describe_status()}')
                        ok = False
                    else:
                        ok = self.compare(where, 'host', reference, native, trap_aware=False) and ok
                if ok:
                    self.log(f'ok   {where} vs {oracle}')
                passed = passed and ok
        if not passed:
            return 1
        if ran_variants == 0 and skipped_variants:
            return SKIP
        if oracle == 'node' and not self.options.node:
            self.log(f'SKIP {program.name}: node is not available; only the specification checks ran')
            return SKIP
        if reference_failed:
            return SKIP
        return 0


def find_programs(names):
    paths = []
    if names:
        for name in names:
            path = name if name.endswith(('.c', '.cpp')) else os.path.join(PROGRAMS, name + '.c')
            if not os.path.exists(path):
                path = os.path.join(PROGRAMS, name + '.cpp')
            if not os.path.exists(path):
                raise SpecError(f'no program {name}')
            paths.append(os.path.abspath(path))
    else:
        paths = sorted(os.path.join(PROGRAMS, f) for f in os.listdir(PROGRAMS) if f.endswith('.c'))
    return [parse_program(p) for p in paths]


def check_toolchain(options):
    """What every other test needs: wasmc builds a module into a running executable (so the
    runtime libraries are in place), clang-19 builds wasm32-wasi programs; node is optional."""
    sys.dont_write_bytecode = True
    sys.path.insert(0, HERE)
    import wasm_builder
    work = tempfile.mkdtemp(prefix='wasmc-e2e-toolchain-')
    try:
        wasm = os.path.join(work, 'hello.wasm')
        with open(wasm, 'wb') as f:
            f.write(wasm_builder.hello_module().serialise()[0])
        p = subprocess.run([options.wasmc, 'build', wasm, '-o', os.path.join(work, 'hello')], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=300)
        if p.returncode != 0:
            print(f'wasmc cannot build an executable (is the runtime built?):\n{show(p.stdout)}')
            return 1
        r = subprocess.run([os.path.join(work, 'hello')], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        if (r.returncode, r.stdout) != (3, b'hi\n'):
            print(f'the executable wasmc built misbehaves: status {r.returncode}, stdout {r.stdout!r}, stderr {r.stderr!r}')
            return 1
        source = os.path.join(work, 'c.c')
        with open(source, 'w') as f:
            f.write('#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n')
        p = subprocess.run([options.clang, f'--config={WASM_CONFIG}', '-O2', source, '-o', os.path.join(work, 'c.wasm')],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        if p.returncode != 0:
            print(f'{options.clang} cannot build wasm32-wasi programs (wasi-libc missing?):\n{show(p.stdout)}')
            return 1
        if options.node:
            v = subprocess.run([options.node, '--version'], stdout=subprocess.PIPE, timeout=60)
            print(f'node {v.stdout.decode().strip()} is the reference engine')
        else:
            print('node is not available: the node comparisons will be skipped')
        print('toolchain ok')
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--wasmc', required=True)
    parser.add_argument('--clang', default='clang-19')
    parser.add_argument('--emxx', default=shutil.which('em++'), help="Emscripten's em++, for programs/*.cpp")
    parser.add_argument('--node', default=shutil.which('node'),
                        help='node executable (default: from PATH); "none" to run without it')
    parser.add_argument('--oracle', choices=['node', 'host', 'all'], default='all')
    parser.add_argument('--work', help='work directory to keep (default: a fresh temporary one, removed)')
    parser.add_argument('-j', '--jobs', type=int, default=1, help='programs tested in parallel')
    parser.add_argument('--target', help='build for this wasmc target (e.g. aarch64-linux) instead of the host')
    parser.add_argument('--emulator', help='run the executables under this (e.g. qemu-aarch64), for --target')
    parser.add_argument('--first-variant-only', action='store_true', help='only the first clang and wasmc flag sets')
    parser.add_argument('--list', action='store_true', help='list the programs and their oracles')
    parser.add_argument('--check-toolchain', action='store_true', help='only check that wasmc, clang (and node) work')
    parser.add_argument('programs', nargs='*')
    options = parser.parse_args()
    if options.node in ('none', ''):
        options.node = None
    options.wasmc = os.path.abspath(options.wasmc)
    if options.node and shutil.which(options.node) is None:
        options.node = None
    if options.check_toolchain:
        return check_toolchain(options)
    if options.emulator and shutil.which(shlex.split(options.emulator)[0]) is None:
        print(f'SKIP: the emulator {options.emulator} is not installed')
        return SKIP
    try:
        programs = find_programs(options.programs)
    except SpecError as e:
        print(f'error: {e}', file=sys.stderr)
        return 2
    if not options.emxx or shutil.which(options.emxx) is None:
        cpp = [p.name for p in programs if p.source.endswith('.cpp')]
        if cpp:
            print(f'SKIP {", ".join(cpp)}: em++ (Debian package emscripten) is not installed')
        programs = [p for p in programs if not p.source.endswith('.cpp')]
        if not programs:
            return SKIP
    if options.list:
        for p in programs:
            print(p.name, ' '.join(sorted(p.oracles)))
        return 0
    jobs = []
    for program in programs:
        for oracle in (['node', 'host'] if options.oracle == 'all' else [options.oracle]):
            if oracle in program.oracles:
                jobs.append((program, oracle))
    if not jobs:
        print(f'SKIP: no program here uses the {options.oracle} oracle')
        return SKIP

    tester = Tester(options)
    work = options.work or tempfile.mkdtemp(prefix='wasmc-e2e-')
    results = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            futures = {pool.submit(tester.test_program, program, oracle, os.path.join(work, f'{program.name}.{oracle}')):
                       (program.name, oracle) for program, oracle in jobs}
            for future in concurrent.futures.as_completed(futures):
                try:
                    results[futures[future]] = future.result()
                except Exception as e:  # a bug of this script: report it, go on with the others
                    import traceback
                    print(f'FAIL {futures[future][0]}: the test runner itself failed: {e}\n{traceback.format_exc()}')
                    results[futures[future]] = 1
    finally:
        if not options.work:
            shutil.rmtree(work, ignore_errors=True)

    if len(jobs) > 1:
        print('\nsummary:')
        for (name, oracle), status in sorted(results.items()):
            print(f'  {"PASS" if status == 0 else "SKIP" if status == SKIP else "FAIL"}  {name} ({oracle})')
    if any(status not in (0, SKIP) for status in results.values()):
        return 1
    if any(status == SKIP for status in results.values()):
        return SKIP
    return 0


if __name__ == '__main__':
    sys.exit(main())
