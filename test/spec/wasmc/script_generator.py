"""What the .wast generators beside this file share (byte_compare_short.py, overwritten_loads.py,
short_loops.py): i32 arithmetic for their models, and writing a script, which wabt then runs
(wast2json and spectest-interp, when installed) and must pass."""

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


def check_with_wabt(path):
    if not (shutil.which('wast2json') and shutil.which('spectest-interp')):
        print('wast2json or spectest-interp not found: the expectations are not cross-checked')
        return
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, 'script.json')
        subprocess.run(['wast2json', path, '-o', out], check=True)
        result = subprocess.run(['spectest-interp', out], cwd=work, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(result.stdout + result.stderr)
        print(result.stdout.strip().splitlines()[-1])


def write_script(generator, usage, lines):
    """The command line of a generator: `generator.py OUTPUT.wast` writes `lines` there, marked as
    written by `generator` (its file name), and checks the script with wabt."""
    if len(sys.argv) != 2:
        sys.exit(usage)
    with open(sys.argv[1], 'w') as f:
        f.write(f';; Written by {generator} beside it (see there): do not edit.\n')
        f.write('\n'.join(lines) + '\n')
    check_with_wabt(sys.argv[1])
