#!/usr/bin/env python3
"""`wasmc run`: which words of its command line are the program's, how grants reach the
executable (WASMC_GRANTS), and the cache (who owns it, what its key covers, its size bound,
`wasmc cache`).

Needs only wasmc: the module run is report_module() of wasm_builder.py, which writes back the
arguments, environment and pre-opened directories it was given. Runs as root too: another
user's cache directory is made with chown."""

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wasm_builder as wb  # noqa: E402

TIMEOUT = 300
FOREIGN_UID = 12345  # a user that is not the caller
PLANTED = b'#!/bin/sh\necho PLANTED\n'


class Checker:
    def __init__(self, wasmc, work):
        self.wasmc = wasmc
        self.work = work
        self.failures = 0
        self.cache_home = os.path.join(work, 'xdg')

    def env(self, **extra):
        env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'HOME': self.work,
               'XDG_CACHE_HOME': self.cache_home}
        env.update(extra)
        return {k: v for k, v in env.items() if v is not None}

    def run(self, args, env=None):
        try:
            p = subprocess.run([self.wasmc, *args], cwd=self.work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, env=env or self.env(), timeout=TIMEOUT)
            return p.returncode, p.stdout, p.stderr.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            return None, b'', f'(timed out after {TIMEOUT} s)'

    def report(self, label, ok, detail=''):
        print(f'{"ok  " if ok else "FAIL"} {label}' + ('' if ok else f'\n    {detail}'.replace('\n', '\n    ')))
        if not ok:
            self.failures += 1
        return ok

    def expect_report(self, label, args, want_args=None, want_env=None, want_dirs=None, env=None,
                      stderr_mentions=()):
        """Runs report.wasm through `wasmc run args` and compares what it was given (as bytes; the
        first argument, the module's name, is left out)."""
        status, out, err = self.run(args, env)
        problems = []
        if status != 0:
            problems.append(f'status {status}')
        else:
            got_args, got_env, got_dirs = wb.parse_report(out)
            for what, want, got in [('arguments', want_args, got_args[1:]), ('environment', want_env, got_env),
                                    ('directories', want_dirs, got_dirs)]:
                if want is not None and [w if isinstance(w, bytes) else w.encode() for w in want] != got:
                    problems.append(f'{what} {got!r}, expected {want!r}')
        for word in stderr_mentions:
            if word not in err:
                problems.append(f'stderr does not mention {word!r}')
        return self.report(label, not problems, f'wasmc {" ".join(map(str, args))}: ' + '; '.join(problems) +
                           f'\nstderr: {err[:800]}')

    def expect_failure(self, label, args, must_mention, env=None):
        status, out, err = self.run(args, env)
        problems = []
        if status in (0, None) or status < 0 or status > 125:
            problems.append(f'status {status}')
        problems += [f'the message does not mention {w!r}' for w in must_mention if w not in err]
        return self.report(label, not problems, f'wasmc {" ".join(args)}: ' + '; '.join(problems) + f'\nstderr: {err[:800]}')

    def cache_dir(self):
        return os.path.join(self.cache_home, 'wasmc')

    def entries(self):
        directory = self.cache_dir()
        if not os.path.isdir(directory):
            return []
        return sorted(n for n in os.listdir(directory) if len(n) == 64)


def check_command_line(c, jail):
    """Finding 8: wasmc's options before the module, every word after it the program's."""
    c.expect_report('options before the module, arguments after --', ['run', '--dir', f'{jail}::/t', 'report.wasm', '--', 'a'],
                    want_args=['a'], want_dirs=['/t'])
    c.expect_report('arguments that start with -, with a grant',
                    ['run', '--dir', f'{jail}::/t', 'report.wasm', '-q', '-f', '/t/a.v'],
                    want_args=['-q', '-f', '/t/a.v'], want_dirs=['/t'])
    c.expect_report('arguments that start with - after --, with a grant',
                    ['run', '--dir', f'{jail}::/t', 'report.wasm', '--', '-q', '-f', '/t/a.v'],
                    want_args=['-q', '-f', '/t/a.v'], want_dirs=['/t'])
    c.expect_report('an option right after the module is the program\'s, not a grant (wasmc run m.wasm "$@")',
                    ['run', 'report.wasm', '--dir', '/::/host', '--inherit-env', '--', 'x'],
                    want_args=['--dir', '/::/host', '--inherit-env', '--', 'x'], want_dirs=[], want_env=[])
    c.expect_report('an option after the first program argument is the program\'s, not a grant',
                    ['run', 'report.wasm', 'arg', '--dir', '/::/host', '--inherit-env'],
                    want_args=['arg', '--dir', '/::/host', '--inherit-env'], want_dirs=[], want_env=[])
    c.expect_report('everything after -- is the program\'s', ['run', 'report.wasm', '--', '--dir', '/::/host', '--'],
                    want_args=['--dir', '/::/host', '--'], want_dirs=[])
    c.expect_report('a -- after the first argument is the program\'s', ['run', 'report.wasm', 'a', '--', 'b'],
                    want_args=['a', '--', 'b'])
    c.expect_report('options after the module are the program\'s', ['run', '-O1', 'report.wasm', '--env', 'A=1', 'x', '-O0'],
                    want_args=['--env', 'A=1', 'x', '-O0'], want_env=[])
    c.expect_report('one value per use: --env A=1 --env=B=2', ['run', '--env', 'A=1', '--env=B=2', 'report.wasm'],
                    want_env=['A=1', 'B=2'], want_args=[])
    c.expect_failure('an unknown option before the module', ['run', '--bogus', 'report.wasm'], ['--bogus'])


def check_grant_transport(c, jail):
    """Finding 2: a value holding a newline (or anything else but NUL) is one value."""
    c.expect_report('a newline in --env injects no --dir', ['run', '--dir', f'{jail}::/jail', '--env',
                                                            'NOTE=hi\n--dir /::/host', 'report.wasm'],
                    want_env=['NOTE=hi\n--dir /::/host'], want_dirs=['/jail'])
    c.expect_report('a newline in --env injects no --inherit-env or --listen',
                    ['run', '--env', 'A=1\n--inherit-env\n--listen 127.0.0.1:0', 'report.wasm'],
                    want_env=['A=1\n--inherit-env\n--listen 127.0.0.1:0'], env=c.env(MARKER='must not reach the program'))
    c.expect_report('a newline in a --dir guest path injects nothing', ['run', '--dir', f'{jail}::/g\n--inherit-env',
                                                                        'report.wasm'],
                    want_dirs=['/g\n--inherit-env'], want_env=[], env=c.env(MARKER='must not reach the program'))
    odd = os.path.join(c.work, 'odd\n--inherit-env\\n')
    os.mkdir(odd)
    c.expect_report('newlines and backslashes in a --dir host path', ['run', '--dir', f'{odd}::/odd', 'report.wasm'],
                    want_dirs=['/odd'])
    every_byte = b'ALL=' + bytes(range(1, 256))
    c.expect_report('every byte but NUL in an --env value arrives intact', ['run', b'--env', every_byte, 'report.wasm'],
                    want_env=[every_byte])
    c.expect_report('backslash sequences stay as they are', ['run', '--env', 'B=\\n\\\\x\\', 'report.wasm'],
                    want_env=['B=\\n\\\\x\\'])
    c.expect_report('WASMC_GRANTS of wasmc\'s caller does not reach the program run',
                    ['run', 'report.wasm'], want_dirs=[], want_env=[],
                    env=c.env(WASMC_GRANTS='--dir /::/host\n--inherit-env'))

    # The executables read WASMC_GRANTS themselves (written by hand too).
    status, _, err = c.run(['build', 'report.wasm', '-o', 'report'])
    if not c.report('build report.wasm', status == 0, err):
        return
    exe = os.path.join(c.work, 'report')

    def run_exe(grants):
        p = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60,
                           env={'WASMC_GRANTS': grants})
        return p.returncode, p.stdout, p.stderr.decode('utf-8', 'replace')

    status, out, err = run_exe(f'--env A=1\\n2\n\n--dir={jail}::/j\n')
    ok = status == 0 and wb.parse_report(out)[1:] == ([b'A=1\n2'], [b'/j'])
    c.report('WASMC_GRANTS written by hand: escapes, --option=value, empty lines', ok,
             f'status {status}, {wb.parse_report(out)[1:] if status == 0 else err}')
    for label, grants, words in [
            ('two grants on one line', '--dir /tmp --env A=1', ['WASMC_GRANTS', 'line 1', '/tmp --env A=1']),
            ('a missing directory', '--env A=1\n--dir /no/such/dir', ['WASMC_GRANTS', 'line 2', '/no/such/dir']),
            ('an unknown escape', '--env A=\\x', ['WASMC_GRANTS', 'line 1', 'backslash']),
            ('an unknown grant', '--mount /', ['WASMC_GRANTS', 'line 1', '--mount']),
            ('a value for --inherit-env', '--inherit-env=yes', ['WASMC_GRANTS', '--inherit-env'])]:
        status, out, err = run_exe(grants)
        missing = [w for w in words if w not in err]
        c.report(f'WASMC_GRANTS with {label}: status 1, the message names the variable', status == 1 and not missing,
                 f'status {status}, stderr {err!r}, missing {missing}')


def plant(directory, name, owner=None):
    """An executable file that must never run."""
    path = os.path.join(directory, name)
    with open(path, 'wb') as f:
        f.write(PLANTED)
    os.chmod(path, 0o755)
    if owner is not None:
        os.chown(path, owner, owner)
    return path


def check_cache(c):
    """Finding 3: the cache directory is the caller's own and private, entries are checked before
    they run, the key covers what the compiler reads, and the cache has a size bound."""
    shutil.rmtree(c.cache_home, ignore_errors=True)
    status, out, err = c.run(['cache', 'dir'])
    c.report('wasmc cache dir names $XDG_CACHE_HOME/wasmc', status == 0 and out.decode().strip() == c.cache_dir(),
             f'status {status} stdout {out!r} stderr {err}')
    status, out, err = c.run(['cache', 'dir'], env=c.env(HOME=None, XDG_CACHE_HOME=None))
    c.report('without HOME and XDG_CACHE_HOME: /tmp/wasmc-cache-<uid>',
             status == 0 and out.decode().strip() == f'/tmp/wasmc-cache-{os.geteuid()}', f'stdout {out!r} stderr {err}')

    if not c.expect_report('a first run fills the cache', ['run', 'report.wasm', 'x'], want_args=['x']):
        return
    entries = c.entries()
    if not c.report('one entry', len(entries) == 1, f'entries {entries}'):
        return
    key = entries[0]
    mode = stat.S_IMODE(os.lstat(c.cache_dir()).st_mode)
    c.report('the cache directory is mode 0700', mode == 0o700, f'mode {mode:o}')

    # Directories the caller must not use: another user's, writable by others, a symbolic link.
    # Each holds an executable under the entry's name, which must never run.
    def refused(label, prepare):
        shutil.rmtree(c.cache_home, ignore_errors=True)
        os.makedirs(c.cache_home)
        prepare()
        status, out, err = c.run(['run', 'report.wasm', 'y'])
        ok = status == 0 and b'PLANTED' not in out and wb.parse_report(out)[0][1:] == [b'y']
        c.report(f'{label}: not used (the program still runs, compiled afresh)', ok,
                 f'status {status} stdout {out[:200]!r} stderr {err[:600]}')
        c.report(f'{label}: a warning names the directory', c.cache_dir() in err and 'warning' in err, f'stderr {err[:600]}')

    def foreign():
        os.mkdir(c.cache_dir(), 0o700)
        plant(c.cache_dir(), key, FOREIGN_UID)
        os.chown(c.cache_dir(), FOREIGN_UID, FOREIGN_UID)

    def world_writable():
        os.mkdir(c.cache_dir())
        os.chmod(c.cache_dir(), 0o777)
        plant(c.cache_dir(), key)

    def symlinked():
        target = os.path.join(c.work, 'elsewhere')
        shutil.rmtree(target, ignore_errors=True)
        os.mkdir(target, 0o700)
        plant(target, key)
        os.symlink(target, c.cache_dir())

    refused('a cache directory of another user', foreign)
    refused('a cache directory writable by all', world_writable)
    refused('a cache directory that is a symbolic link', symlinked)

    # Entries the caller must not run, in a cache directory that is fine.
    def bad_entry(label, prepare):
        shutil.rmtree(c.cache_home, ignore_errors=True)
        os.makedirs(c.cache_dir(), 0o700)
        prepare(c.cache_dir())
        status, out, err = c.run(['run', 'report.wasm', 'z'])
        ok = status == 0 and b'PLANTED' not in out and wb.parse_report(out)[0][1:] == [b'z']
        c.report(f'{label}: not executed', ok, f'status {status} stdout {out[:200]!r} stderr {err[:600]}')

    bad_entry('an entry owned by another user', lambda d: plant(d, key, FOREIGN_UID))
    bad_entry('an entry writable by others', lambda d: os.chmod(plant(d, key), 0o777))
    bad_entry('an entry that is a symbolic link', lambda d: os.symlink(plant(c.work, 'planted'), os.path.join(d, key)))
    bad_entry('an entry that is a hard link to another file',
              lambda d: os.link(plant(c.work, 'planted-hard'), os.path.join(d, key)))

    # The key covers the compiler's environment variables and options.
    shutil.rmtree(c.cache_home, ignore_errors=True)
    seen = []
    for label, args, extra in [('defaults', [], {}),
                               ('WASMC_NO_THREADED_DISPATCH=1', [], {'WASMC_NO_THREADED_DISPATCH': '1'}),
                               ('WASMC_NO_ADDRESS_WIDENING=1', [], {'WASMC_NO_ADDRESS_WIDENING': '1'}),
                               ('WASMC_LLVM_ARGS', [], {'WASMC_LLVM_ARGS': '-unroll-threshold=10'}),
                               ('-O1', ['-O1'], {}), ('--cpu native', ['--cpu', 'native'], {})]:
        c.run(['run', *args, 'report.wasm'], env=c.env(**extra))
        entries = c.entries()
        new = [e for e in entries if e not in seen]
        c.report(f'cache key: {label} has an entry of its own', len(new) == 1, f'entries {entries}, before {seen}')
        seen = entries
    before = c.entries()
    c.run(['run', 'report.wasm'], env=c.env(WASMC_NO_THREADED_DISPATCH='1'))
    c.report('cache key: the same settings again reuse their entry', c.entries() == before, f'{c.entries()}')

    # The size bound: the least recently used entries go.
    modules = {}
    for code in range(4):
        modules[code] = os.path.join(c.work, f'exit{code}.wasm')
        with open(modules[code], 'wb') as f:
            f.write(wb.exit_module(code).serialise()[0])
    shutil.rmtree(c.cache_home, ignore_errors=True)
    c.run(['run', modules[0]])
    limit = int(sum(os.path.getsize(os.path.join(c.cache_dir(), e)) for e in c.entries()) * 2.5)
    shutil.rmtree(c.cache_home, ignore_errors=True)
    keys = {}
    # Two entries fit: running exit0 again makes exit1 the least recently used.
    for code, remaining in [(0, [0]), (1, [0, 1]), (0, [0, 1]), (2, [0, 2]), (3, [2, 3])]:
        before = c.entries()
        status, _, err = c.run(['run', modules[code]], env=c.env(WASMC_CACHE_SIZE=str(limit)))
        keys.update({code: e for e in c.entries() if e not in before})
        total = sum(os.path.getsize(os.path.join(c.cache_dir(), e)) for e in c.entries())
        left = sorted(k for k, v in keys.items() if v in c.entries())
        c.report(f'WASMC_CACHE_SIZE={limit}: after running exit{code}.wasm, {total} bytes, entries of {left}',
                 status == code and total <= limit and left == remaining,
                 f'status {status}, expected the entries of {remaining}; stderr {err[:400]}')
    c.expect_failure('WASMC_CACHE_SIZE that is not a size', ['run', 'report.wasm'], ['WASMC_CACHE_SIZE'],
                     env=c.env(WASMC_CACHE_SIZE='lots'))
    c.run(['run', 'report.wasm'], env=c.env(WASMC_CACHE_SIZE='0'))
    c.report('WASMC_CACHE_SIZE=0 stores nothing', len(c.entries()) == 2, f'{c.entries()}')

    status, out, err = c.run(['cache', 'clear'])
    c.report('wasmc cache clear empties the cache', status == 0 and c.entries() == [] and b'2' in out,
             f'status {status} stdout {out!r} stderr {err} entries {c.entries()}')
    c.expect_report('--no-cache runs without the cache', ['run', '--no-cache', 'report.wasm', 'n'], want_args=['n'])
    c.report('--no-cache leaves nothing in the cache', c.entries() == [], f'{c.entries()}')


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--wasmc', required=True)
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix='wasmc-run-')
    try:
        c = Checker(os.path.abspath(options.wasmc), work)
        with open(os.path.join(work, 'report.wasm'), 'wb') as f:
            f.write(wb.report_module().serialise()[0])
        jail = os.path.join(work, 'jail')
        os.mkdir(jail)
        check_command_line(c, jail)
        check_grant_transport(c, jail)
        if os.geteuid() == 0:
            check_cache(c)
        else:
            print('SKIP the cache checks: they need root, to make files of another user')
        print(f'{c.failures} failure(s)' if c.failures else 'all wasmc run checks passed')
        return 1 if c.failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
