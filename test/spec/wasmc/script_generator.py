"""What the .wast generators beside this file share (byte_compare_short.py,
critical_path_order.py, overwritten_loads.py, partial_stores.py, rerolled_loops.py,
short_loops.py, stores_before_trap.py): i32 arithmetic for their models, and writing a script,
which wabt then runs (wast2json and spectest-interp, when installed) and must pass."""

import os
import shutil
import subprocess
import sys
import tempfile


def u32(value):
    return value & 0xffffffff


def s32(value):
    value = u32(value)
    return value - (1 << 32) if value & 0x80000000 else value


PAGE = 0x10000

# The scripts' module functions that fill memory 0 as MemoryModel starts (at instantiation, and
# when called), and that hash memory, which MemoryModel.hash computes too.
RESET_FUNCTION = r'''  (func $reset (export "reset")
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 0x10000)))))
  (start $reset)'''

HASH_FUNCTION = r'''  ;; FNV-1a of bytes [p, p + n).
  (func (export "hash") (param $p i32) (param $n i32) (result i32)
    (local $h i32)
    (local.set $h (i32.const 0x811c9dc5))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $p)))
                               (i32.const 0x01000193)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $h))'''


class Trap(Exception):
    pass


class MemoryModel:
    """One page of memory as the scripts' modules fill it at start (byte i is i * 7 + 3), with
    trapping accesses and the hash of HASH_FUNCTION; grow() adds a page of zeros."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.memory = bytearray(((i * 7) + 3) & 0xff for i in range(PAGE))

    def load(self, address, size):
        if address + size > len(self.memory):
            raise Trap()
        return int.from_bytes(self.memory[address:address + size], 'little')

    def store(self, address, size, value):
        if address + size > len(self.memory):
            raise Trap()
        self.memory[address:address + size] = (value & ((1 << (8 * size)) - 1)).to_bytes(size, 'little')

    def grow(self):
        self.memory += bytes(PAGE)

    def hash(self, p, n):
        h = 0x811c9dc5
        for i in range(n):
            h = u32((h ^ self.memory[p + i]) * 0x01000193)
        return h


class ScriptLines:
    """A script's lines, from its module on, with the model of its memory: comments, and checks of
    memory windows `(start, length)` by their hash (the module exports HASH_FUNCTION as "hash")."""

    def __init__(self, module, model):
        self.model = model
        self.lines = [module]

    def comment(self, text):
        self.lines.append(f';; {text}')

    def reset(self):
        """Resets the memory of the model and of the module (its export "reset")."""
        self.model.reset()
        self.lines.append('(assert_return (invoke "reset"))')

    @staticmethod
    def invocation(function, args):
        """`(invoke "function" ...)` with `args` as i32 constants."""
        return f'(invoke "{function}" ' + ' '.join(f'(i32.const {s32(a)})' for a in args) + ')'

    def check_void_call(self, function, args, run):
        """Asserts that `function` returns nothing, or traps out of bounds where `run()` (the
        model's own run of it) raises Trap."""
        invoke = self.invocation(function, args)
        try:
            run()
            self.lines.append(f'(assert_return {invoke})')
        except Trap:
            self.lines.append(f'(assert_trap {invoke} "out of bounds memory access")')

    def void_case(self, function, *args, windows):
        """Resets memory, runs `function` (which returns nothing; the model's `run(function,
        *args)` is its run), and checks its return or trap and the bytes of `windows`."""
        self.reset()
        self.check_void_call(function, args, lambda: self.model.run(function, *args))
        self.check_windows(windows)

    def check_windows(self, windows):
        for start, length in windows:
            self.lines.append(f'(assert_return (invoke "hash" (i32.const {start:#x}) (i32.const {length}))'
                              f' (i32.const {s32(self.model.hash(start, length))}))')


def check_with_wabt(path, features=()):
    if not (shutil.which('wast2json') and shutil.which('spectest-interp')):
        print('wast2json or spectest-interp not found: the expectations are not cross-checked')
        return
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, 'script.json')
        subprocess.run(['wast2json', *features, path, '-o', out], check=True)
        result = subprocess.run(['spectest-interp', *features, out], cwd=work, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(result.stdout + result.stderr)
        print(result.stdout.strip().splitlines()[-1])


def write_script(generator, usage, lines, features=()):
    """The command line of a generator: `generator.py OUTPUT.wast` writes `lines` there, marked as
    written by `generator` (its file name), and checks the script with wabt (given the proposals'
    flags `features`, such as `--enable-memory64`)."""
    if len(sys.argv) != 2:
        sys.exit(usage)
    with open(sys.argv[1], 'w') as f:
        f.write(f';; Written by {generator} beside it (see there): do not edit.\n')
        f.write('\n'.join(lines) + '\n')
    check_with_wabt(sys.argv[1], features)
