#!/usr/bin/env python3
# Wide arithmetic (i64.add128, i64.sub128, i64.mul_wide_s/u): carries and borrows across 2^64
# and wrapping at 2^128, the signed and unsigned extremes of the products (INT64_MIN * INT64_MIN,
# -1 * -1 unsigned), one half of a result used alone, the carry and borrow idiom of overflow
# checks, and constant operands (folded at -O2). Registered at -O0, -O2 and on every cross target
# (test/spec/CMakeLists.txt).
#
# Writes the script as wast2json would (usage: wide_arithmetic.py DIRECTORY): wabt 1.0.32 does not
# know these operators, even in a binary module, so this program assembles the module and writes
# DIRECTORY/wide_arithmetic.json and wide_arithmetic.0.wasm, the expected results computed with
# Python's integers. Both are checked in beside it, in wide_arithmetic/.
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "e2e"))
from wasm_builder import sleb, uleb  # noqa: E402

M64 = (1 << 64) - 1
MIN = 1 << 63           # INT64_MIN as an unsigned i64
MAX = MIN - 1           # INT64_MAX


def signed(x):
    x &= M64
    return x - (1 << 64) if x & MIN else x


def halves(x):
    return [x & M64, (x >> 64) & M64]


def join(low, high):
    return (high << 64) | low


def add128(a_lo, a_hi, b_lo, b_hi):
    return halves(join(a_lo, a_hi) + join(b_lo, b_hi))


def sub128(a_lo, a_hi, b_lo, b_hi):
    return halves(join(a_lo, a_hi) - join(b_lo, b_hi))


def mul_wide_s(a, b):
    return halves(signed(a) * signed(b))


def mul_wide_u(a, b):
    return halves(a * b)


# ---- the binary module
def vec(items):
    return uleb(len(items)) + b"".join(items)


def sized(payload):
    return uleb(len(payload)) + payload


def section(id, payload):
    return bytes([id]) + sized(payload)


I64 = 0x7E
ADD128, SUB128, MUL_WIDE_S, MUL_WIDE_U = (b"\xfc" + bytes([code]) for code in (19, 20, 21, 22))


def get(*indices):
    return b"".join(b"\x20" + uleb(i) for i in indices)


def const(value):
    return b"\x42" + sleb(signed(value))


KEEP_HIGH = b"\x21\x00\x1a\x20\x00"  # local.set 0 (the high half), drop (the low), local.get 0
KEEP_LOW = b"\x1a"                   # drop (the high half)
CONSTS = [(M64, 0, 1, 0), (0, 1, 1, 0), (MIN, MIN), (M64, M64)]

# (export name, params, results, body)
functions = [
    ("add128", 4, 2, get(0, 1, 2, 3) + ADD128),
    ("sub128", 4, 2, get(0, 1, 2, 3) + SUB128),
    ("mul_wide_s", 2, 2, get(0, 1) + MUL_WIDE_S),
    ("mul_wide_u", 2, 2, get(0, 1) + MUL_WIDE_U),
    # One half alone, the other dropped, as compilers use them.
    ("add128_high", 4, 1, get(0, 1, 2, 3) + ADD128 + KEEP_HIGH),
    ("sub128_low", 4, 1, get(0, 1, 2, 3) + SUB128 + KEEP_LOW),
    ("mul_wide_s_high", 2, 1, get(0, 1) + MUL_WIDE_S + KEEP_HIGH),
    ("mul_wide_u_high", 2, 1, get(0, 1) + MUL_WIDE_U + KEEP_HIGH),
    # The carry out of a 64-bit sum, and the borrow of a difference: the idiom for overflow checks.
    ("carry", 2, 1, get(0) + const(0) + get(1) + const(0) + ADD128 + KEEP_HIGH),
    ("borrow", 2, 1, get(0) + const(0) + get(1) + const(0) + SUB128 + KEEP_HIGH),
    # Constant operands, which LLVM folds at -O2.
    ("add128_const", 0, 2, b"".join(map(const, CONSTS[0])) + ADD128),
    ("sub128_const", 0, 2, b"".join(map(const, CONSTS[1])) + SUB128),
    ("mul_wide_s_const", 0, 2, b"".join(map(const, CONSTS[2])) + MUL_WIDE_S),
    ("mul_wide_u_const", 0, 2, b"".join(map(const, CONSTS[3])) + MUL_WIDE_U),
]
types = sorted({(p, r) for _, p, r, _ in functions})
module = b"\x00asm\x01\x00\x00\x00"
module += section(1, vec([b"\x60" + vec([bytes([I64])] * p) + vec([bytes([I64])] * r)
                          for p, r in types]))
module += section(3, vec([uleb(types.index((p, r))) for _, p, r, _ in functions]))
module += section(7, vec([sized(name.encode()) + b"\x00" + uleb(i)
                          for i, (name, _, _, _) in enumerate(functions)]))
module += section(10, vec([sized(b"\x00" + body + b"\x0b")
                           for _, _, _, body in functions]))

# ---- the assertions
cases = {
    "add128": [
        (M64, 0, 1, 0),            # carry into the high half at 2^64
        (M64, M64, 1, 0),          # 2^128 - 1 + 1 wraps to 0
        (M64, MAX, 1, 0),          # the carry makes the high half INT64_MIN
        (MIN, 0, MIN, 0),          # 2^63 + 2^63
        (M64, M64, M64, M64),      # -1 + -1
        (M64 - 1, 5, 1, 7),        # no carry: 2^64 - 1 exactly
        (0, 1, M64, M64),          # 2^64 + -1
        (0x123456789ABCDEF0, 0x0FEDCBA987654321, 0xFEDCBA9876543210, 0x1234567890ABCDEF),
    ],
    "sub128": [
        (0, 1, 1, 0),              # borrow from the high half at 2^64
        (0, 0, 1, 0),              # 0 - 1 = -1
        (0, MIN, 1, 0),            # the borrow makes the high half INT64_MAX
        (5, 7, 5, 7),
        (1, 0, M64, 0),            # 1 - (2^64 - 1)
        (M64, 0, M64, 0),          # no borrow: 2^64 - 1 - (2^64 - 1)
        (0, 0, 0, MIN),            # 0 - (-2^127)
        (0x123456789ABCDEF0, 0x0FEDCBA987654321, 0xFEDCBA9876543210, 0x1234567890ABCDEF),
    ],
    "mul_wide_s": [
        (MIN, MIN),                # 2^126
        (MIN, M64),                # INT64_MIN * -1 = 2^63: no overflow in 128 bits
        (MAX, MAX),
        (MIN, MAX),
        (M64, M64),                # -1 * -1 = 1
        (M64, 1),                  # -1: the high half all ones
        (0, MIN),
        (0x123456789ABCDEF0, 0xFEDCBA9876543210),
    ],
    "mul_wide_u": [
        (M64, M64),                # (2^64 - 1)^2: high 2^64 - 2, low 1
        (MIN, MIN),
        (MIN, 2),                  # 2^64 exactly
        (M64, 2),
        (1 << 32, 1 << 32),
        (M64, 0),
        (0x123456789ABCDEF0, 0xFEDCBA9876543210),
    ],
    "carry": [(M64, 1), (M64, 0), (MIN, MIN), (MAX, MIN), (M64, M64), (0, 0)],
    "borrow": [(0, 1), (1, 1), (MIN, MAX), (MAX, MIN), (0, M64), (M64, M64)],
}
models = {"add128": add128, "sub128": sub128, "mul_wide_s": mul_wide_s, "mul_wide_u": mul_wide_u}
cases["add128_high"] = cases["add128"]
cases["sub128_low"] = cases["sub128"]
cases["mul_wide_s_high"] = cases["mul_wide_s"]
cases["mul_wide_u_high"] = cases["mul_wide_u"]
models["add128_high"] = lambda *a: add128(*a)[1:]
models["sub128_low"] = lambda *a: sub128(*a)[:1]
models["mul_wide_s_high"] = lambda *a: mul_wide_s(*a)[1:]
models["mul_wide_u_high"] = lambda *a: mul_wide_u(*a)[1:]
models["carry"] = lambda a, b: add128(a, 0, b, 0)[1:]
models["borrow"] = lambda a, b: sub128(a, 0, b, 0)[1:]
for name, model, args in [("add128_const", add128, CONSTS[0]), ("sub128_const", sub128, CONSTS[1]),
                          ("mul_wide_s_const", mul_wide_s, CONSTS[2]),
                          ("mul_wide_u_const", mul_wide_u, CONSTS[3])]:
    cases[name] = [()]
    models[name] = lambda model=model, args=args: model(*args)


commands = [{"type": "module", "line": 1, "filename": "wide_arithmetic.0.wasm"}]
for name, _, _, _ in functions:
    for args in cases[name]:
        commands.append({
            "type": "assert_return", "line": len(commands) + 1,
            "action": {"type": "invoke", "field": name,
                       "args": [{"type": "i64", "value": str(a)} for a in args]},
            "expected": [{"type": "i64", "value": str(r)} for r in models[name](*args)]})
directory = sys.argv[1]
with open(os.path.join(directory, "wide_arithmetic.0.wasm"), "wb") as f:
    f.write(module)
with open(os.path.join(directory, "wide_arithmetic.json"), "w") as f:
    f.write('{"source_filename": "wide_arithmetic.wast", "commands": [\n ')
    f.write(",\n ".join(json.dumps(command) for command in commands))
    f.write("\n]}\n")
