#!/usr/bin/env python3
# When wasmc frees exceptions (abi.h, "Exception handling"), for try_table and exnrefs: a
# try_table clause without _ref frees its exception, one with _ref makes an exnref, and an
# exception with an exnref is never freed: kept in a global and a table, it is thrown again
# (throw_ref) after thousands of other exceptions were thrown and freed (which would reuse its
# memory), caught by try_table clauses without _ref and by a legacy catch block (neither may
# free it), and escapes to the host (which must not free it either). Registered at -O0, -O2 and
# on every cross target (test/spec/CMakeLists.txt).
#
# Writes the script as wast2json would (usage: exception_lifetime_table.py DIRECTORY): wabt
# 1.0.32 does not know try_table, so this program assembles the module itself and writes
# DIRECTORY/exception_lifetime_table.json and exception_lifetime_table.0.wasm. Both are checked in
# beside it, in exception_lifetime_table/.
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "e2e"))
from wasm_builder import I32, Module, body, functype, i32_const, name, uleb, vec  # noqa: E402

EXNREF = 0x69
BLOCK, LOOP, END, BR_IF, UNREACHABLE, DROP = 0x02, 0x03, 0x0b, 0x0d, 0x00, 0x1a
TRY, CATCH, CATCH_ALL = 0x06, 0x07, 0x19  # legacy
TRY_TABLE, THROW, THROW_REF = 0x1f, 0x08, 0x0a
LOCAL_GET, LOCAL_SET, GLOBAL_GET, GLOBAL_SET, TABLE_GET, TABLE_SET = 0x20, 0x21, 0x23, 0x24, 0x25, 0x26
I32_ADD, I32_LT_U = 0x6a, 0x49
EMPTY = 0x40
TAG_E = 0


def op(*codes):
    return bytes(codes)


def try_table(block_type, clauses, code):
    """clauses: (kind, tag or None, label): kind 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref."""
    encoded = []
    for kind, tag, label in clauses:
        encoded.append(bytes([kind]) + (uleb(tag) if tag is not None else b'') + uleb(label))
    return op(TRY_TABLE, block_type) + vec(encoded) + code + op(END)


def local_get(i):
    return op(LOCAL_GET) + uleb(i)


def throw_e(value_code):
    return value_code + op(THROW) + uleb(TAG_E)


# Types: 0 [i32]->[], 1 [i32]->[i32], 2 []->[i32], 3 [i32 i32]->[], 4 []->[i32 exnref], 5 []->[]
TYPES = [functype([I32], []), functype([I32], [I32]), functype([], [I32]), functype([I32, I32], []),
         functype([], [I32, EXNREF]), functype([], [])]


def caught_ref(value_code):
    """Throws $e value and leaves the exnref of catch_ref: block (result i32 exnref) try_table
    (catch_ref $e 0) ... end unreachable end, then drops the i32 under the exnref (via a local)."""
    return (op(BLOCK) + uleb(4) + try_table(EMPTY, [(1, TAG_E, 0)], throw_e(value_code)) +
            op(UNREACHABLE, END))


FUNCTIONS = [
    # 0 stash-global (param v): $g := the exnref of $e v, by catch_all_ref
    ('stash-global', 0, [],
     op(BLOCK, EXNREF) + try_table(EMPTY, [(3, None, 0)], throw_e(local_get(0))) + op(UNREACHABLE, END) +
     op(GLOBAL_SET) + uleb(0) + op(END)),
    # 1 stash-table (param v i): $t[i] := the exnref of $e v, by catch_ref (the value dropped)
    ('stash-table', 3, [(1, EXNREF)],
     caught_ref(local_get(0)) + op(LOCAL_SET) + uleb(2) + op(DROP) +
     local_get(1) + local_get(2) + op(TABLE_SET) + uleb(0) + op(END)),
    # 2 rethrow-global: throw_ref $g, caught by (catch $e): its value
    ('rethrow-global', 2, [],
     op(BLOCK, I32) + try_table(EMPTY, [(0, TAG_E, 0)], op(GLOBAL_GET) + uleb(0) + op(THROW_REF)) +
     op(UNREACHABLE, END, END)),
    # 3 rethrow-table (param i): throw_ref $t[i], caught by (catch_all) after (catch $f-less)
    #   clauses: a catch_all without _ref, then the value through a second throw_ref caught by $e
    ('rethrow-table', 1, [],
     op(BLOCK, EMPTY) + try_table(EMPTY, [(2, None, 0)],
                                  local_get(0) + op(TABLE_GET) + uleb(0) + op(THROW_REF)) +
     op(UNREACHABLE, END) +
     op(BLOCK, I32) + try_table(EMPTY, [(0, TAG_E, 0)],
                                local_get(0) + op(TABLE_GET) + uleb(0) + op(THROW_REF)) +
     op(UNREACHABLE, END, END)),
    # 4 legacy-catch-global: try (throw_ref $g) catch $e end: its value
    ('legacy-catch-global', 2, [],
     op(TRY, I32) + op(GLOBAL_GET) + uleb(0) + op(THROW_REF) + op(CATCH) + uleb(TAG_E) + op(END, END)),
    # 5 churn (param n) (result i32): n exceptions caught by (catch $e) and n by (catch_all),
    #   all freed; the sum of the values caught
    ('churn', 1, [(2, I32)],
     op(LOOP, EMPTY) +
     op(BLOCK, I32) + try_table(EMPTY, [(0, TAG_E, 0)], throw_e(local_get(1) + i32_const(1000) + op(I32_ADD))) +
     op(UNREACHABLE, END) + local_get(2) + op(I32_ADD) + op(LOCAL_SET) + uleb(2) +
     op(BLOCK, EMPTY) + try_table(EMPTY, [(2, None, 0)], throw_e(local_get(1))) + op(END) +
     local_get(1) + i32_const(1) + op(I32_ADD) + op(LOCAL_SET) + uleb(1) +
     local_get(1) + local_get(0) + op(I32_LT_U) + op(BR_IF) + uleb(0) + op(END) +
     local_get(2) + op(END)),
    # 6 throw-global: throw_ref $g to the host
    ('throw-global', 5, [], op(GLOBAL_GET) + uleb(0) + op(THROW_REF) + op(END)),
    # 7 throw-new (param v): a fresh exception to the host
    ('throw-new', 0, [], throw_e(local_get(0)) + op(END)),
]


def module_bytes():
    m = Module()
    m.add(1, vec(TYPES), 'type')
    m.add(3, vec(uleb(t) for _, t, _, _ in FUNCTIONS), 'function')
    m.add(4, vec([bytes([EXNREF]) + b'\x00' + uleb(4)]), 'table')
    m.add(13, vec([b'\x00' + uleb(0)]), 'tag')
    m.add(6, vec([bytes([EXNREF, 1]) + b'\xd0' + bytes([EXNREF]) + op(END)]), 'global')
    m.add(7, vec(name(n) + b'\x00' + uleb(i) for i, (n, _, _, _) in enumerate(FUNCTIONS)), 'export')
    m.add(10, vec(body(locals_, code) for _, _, locals_, code in FUNCTIONS), 'code')
    return m.serialise()[0]


def i32(value):
    return {"type": "i32", "value": str(value & 0xffffffff)}


def invoke(field, *args):
    return {"type": "invoke", "field": field, "args": [i32(a) for a in args]}


def commands(wasm):
    churn = sum(1000 + i for i in range(5000))
    script = [
        {"type": "module", "filename": wasm},
        {"type": "action", "action": invoke("stash-global", 7), "expected": []},
        {"type": "action", "action": invoke("stash-table", 8, 1), "expected": []},
        {"type": "assert_return", "action": invoke("churn", 5000), "expected": [i32(churn)]},
        {"type": "assert_return", "action": invoke("rethrow-global"), "expected": [i32(7)]},
        {"type": "assert_return", "action": invoke("legacy-catch-global"), "expected": [i32(7)]},
        {"type": "assert_return", "action": invoke("churn", 5000), "expected": [i32(churn)]},
        {"type": "assert_return", "action": invoke("rethrow-global"), "expected": [i32(7)]},
        {"type": "assert_return", "action": invoke("rethrow-table", 1), "expected": [i32(8)]},
        {"type": "assert_exception", "action": invoke("throw-global"), "expected": [i32(7)]},
        {"type": "assert_exception", "action": invoke("throw-new", 9), "expected": [i32(9)]},
        {"type": "assert_return", "action": invoke("churn", 5000), "expected": [i32(churn)]},
        {"type": "assert_return", "action": invoke("rethrow-global"), "expected": [i32(7)]},
        {"type": "assert_return", "action": invoke("rethrow-table", 1), "expected": [i32(8)]},
    ]
    for line, command in enumerate(script, 1):
        command["line"] = line
    return script


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "."
    wasm = "exception_lifetime_table.0.wasm"
    with open(os.path.join(directory, wasm), "wb") as out:
        out.write(module_bytes())
    script = {"source_filename": "exception_lifetime_table.wast", "commands": commands(wasm)}
    with open(os.path.join(directory, "exception_lifetime_table.json"), "w") as out:
        out.write('{"source_filename": "exception_lifetime_table.wast", "commands": [\n')
        out.write(",\n".join(" " + json.dumps(c) for c in script["commands"]))
        out.write("]}\n")


if __name__ == "__main__":
    main()
