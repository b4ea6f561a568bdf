"""Legal but pathological WebAssembly modules: what code generators emit for big initialisers,
huge switches and machine-made code, at sizes that a compiler must handle in time roughly linear
in the input (issue 12, finding 13).

Each generator takes a size and returns (module bytes, expected stdout). Every module is a WASI
command whose `_start` computes an i64 over the pathological construct and writes its 8 bytes
(little-endian) to stdout with fd_write, so that running the executable checks the compiled code,
not only that it compiled. The expected value is computed here, independently.

    python3 pathological_modules.py KIND SIZE OUT.wasm     # write one module
"""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'e2e'))
from wasm_builder import (END, I32, I64, body, functype, i32_const, i64_const, limits, name,  # noqa: E402
                          uleb, vec)

MASK64 = (1 << 64) - 1
VOID = b'\x40'
BLOCK, LOOP, IF, ELSE = b'\x02', b'\x03', b'\x04', b'\x05'
BR, BR_IF, BR_TABLE, RETURN = b'\x0c', b'\x0d', b'\x0e', b'\x0f'
CALL, CALL_INDIRECT, DROP = b'\x10', b'\x11', b'\x1a'
LOCAL_GET, LOCAL_SET, LOCAL_TEE = b'\x20', b'\x21', b'\x22'
I64_LOAD8_U, I32_LOAD8_U, I32_STORE, I64_STORE = b'\x31', b'\x2d', b'\x36', b'\x37'
I32_ADD, I32_LT_U, I32_EQZ = b'\x6a', b'\x49', b'\x45'
I64_ADD, I64_XOR, I64_ROTL, I64_EXTEND_I32_U = b'\x7c', b'\x85', b'\x89', b'\xad'
RESULT_AREA = 16  # the i64 written to stdout; the iovec is at 0
DATA_START = 32   # where the modules' own data starts


def memarg(offset=0, align=0):
    return uleb(align) + uleb(offset)


def local(op, index):
    return op + uleb(index)


class Command:
    """A WASI command: imports fd_write (function 0); `_start` is the last function added. Its
    body's code leaves an i64 on the stack; the epilogue writes it to stdout."""

    def __init__(self):
        self.types = [functype([I32, I32, I32, I32], [I32]), functype([], [])]
        self.functions = []  # (type index, locals, code)
        self.memory_pages = 1
        self.data = []       # (offset, bytes) active segments of memory 0
        self.table = None    # (size, [function indices]) one active element segment at 0

    def type_index(self, params, results):
        t = functype(params, results)
        if t not in self.types:
            self.types.append(t)
        return self.types.index(t)

    def function(self, params, results, locals_, code):
        self.functions.append((self.type_index(params, results), locals_, code))
        return len(self.functions)  # function index (the import is 0)

    def start(self, locals_, code):
        """`code` leaves an i64; local 0 of _start must be a spare i64 for the epilogue."""
        epilogue = (local(LOCAL_SET, 0) +
                    i32_const(0) + i32_const(RESULT_AREA) + I32_STORE + memarg(0, 2) +
                    i32_const(4) + i32_const(8) + I32_STORE + memarg(0, 2) +
                    i32_const(RESULT_AREA) + local(LOCAL_GET, 0) + I64_STORE + memarg(0, 3) +
                    i32_const(1) + i32_const(0) + i32_const(1) + i32_const(8) + CALL + uleb(0) +
                    DROP + END)
        return self.function([], [], locals_, code + epilogue)

    def serialise(self):
        def section(ident, payload):
            return bytes([ident]) + uleb(len(payload)) + payload

        start_index = len(self.functions)
        out = b'\x00asm\x01\x00\x00\x00'
        out += section(1, vec(self.types))
        out += section(2, vec([name('wasi_snapshot_preview1') + name('fd_write') + b'\x00' + uleb(0)]))
        out += section(3, vec(uleb(t) for t, _, _ in self.functions))
        if self.table:
            out += section(4, vec([b'\x70' + limits(self.table[0], self.table[0])]))
        out += section(5, vec([limits(self.memory_pages, self.memory_pages)]))
        out += section(7, vec([name('memory') + b'\x02' + uleb(0),
                               name('_start') + b'\x00' + uleb(start_index)]))
        if self.table:
            out += section(9, vec([b'\x00' + i32_const(0) + END + vec(uleb(f) for f in self.table[1])]))
        out += section(10, vec(body(l, c) for _, l, c in self.functions))
        if self.data:
            out += section(11, vec(b'\x00' + i32_const(o) + END + vec(bytes([b]) for b in d)
                                   for o, d in self.data))
        return out


def result(value):
    return struct.pack('<Q', value & MASK64)


def data_byte(i):
    return (i * 7 + 3) & 0xff


# ---- the modules ------------------------------------------------------------------------------

def load_chain(n):
    """`i64.const 1`, then n times `(i64.load8_u (i32.const k)) i64.add`: one expression, every
    load from its own address (repeated addresses would let LLVM merge the loads)."""
    m = Command()
    m.memory_pages = 1 + (DATA_START + n) // 65536
    m.data.append((DATA_START, bytes(data_byte(i) for i in range(n))))
    code = i64_const(1)
    for i in range(n):
        code += i32_const(DATA_START + i) + I64_LOAD8_U + memarg() + I64_ADD
    m.start([(1, I64)], code)
    return m.serialise(), result(1 + sum(data_byte(i) for i in range(n)))


def many_locals(n):
    """A function of n i64 locals: all but the epilogue's spare one set, then summed."""
    m = Command()
    used = n - 1
    code = b''.join(i64_const(i) + local(LOCAL_SET, 1 + i) for i in range(used))
    code += i64_const(0) + b''.join(local(LOCAL_GET, 1 + i) + I64_ADD for i in range(used))
    m.start([(n, I64)], code)
    return m.serialise(), result(sum(range(used)))


def nested_blocks(n):
    """n nested blocks; the innermost branches out of half of them; every block's end that runs
    counts one."""
    depth = n // 2
    m = Command()
    count = local(LOCAL_GET, 0) + i64_const(1) + I64_ADD + local(LOCAL_SET, 0)
    code = i64_const(0) + local(LOCAL_SET, 0)
    code += (BLOCK + VOID) * n + count + BR + uleb(depth) + (END + count) * n
    m.start([(1, I64)], code + local(LOCAL_GET, 0))
    return m.serialise(), result(1 + n - depth)


def nested_ifs(n):
    """n nested if/else on a condition read from memory (1: every `then` runs)."""
    m = Command()
    m.data.append((DATA_START, b'\x01'))
    flag = i32_const(DATA_START) + I32_LOAD8_U + memarg()

    def add(k):
        return local(LOCAL_GET, 0) + i64_const(k) + I64_ADD + local(LOCAL_SET, 0)

    code = i64_const(0) + local(LOCAL_SET, 0)
    code += (flag + IF + VOID) * n + add(1)
    code += (add(1) + ELSE + add(1000) + END) * n
    m.start([(1, I64)], code + local(LOCAL_GET, 0))
    return m.serialise(), result(n + 1)


BR_TABLE_TARGETS = 8


def br_table(n):
    """A br_table of n entries over 8 blocks (entry i -> block i % 8, default block 7),
    called with a few indices."""
    m = Command()
    targets = b''.join(uleb(i % BR_TABLE_TARGETS) for i in range(n))
    code = (BLOCK + VOID) * BR_TABLE_TARGETS + local(LOCAL_GET, 0) + BR_TABLE + uleb(n) + targets
    code += uleb(BR_TABLE_TARGETS - 1)
    for block in range(BR_TABLE_TARGETS):
        code += END + i64_const(100 + block) + RETURN
    code += i64_const(-1) + END  # not reached: every path returns
    f = m.function([I32], [I64], [], code)
    indices = [0, 1, 5, n // 2, n - 1, n, 1 << 31]
    start = i64_const(0)
    for index in indices:
        start += i32_const(index if index < (1 << 31) else -(1 << 31)) + CALL + uleb(f) + I64_ADD
    m.start([(1, I64)], start)

    def target(index):
        return index % BR_TABLE_TARGETS if index < n else BR_TABLE_TARGETS - 1
    return m.serialise(), result(sum(100 + target(i) for i in indices))


def big_body(instructions):
    """One function of about `instructions` instructions: rounds of
    b = (a ^ b) + k; a = rotl(a, 13)."""
    rounds = max(1, instructions // 10)
    m = Command()
    code = i64_const(0x1234567) + local(LOCAL_SET, 1) + i64_const(0x89abcdef) + local(LOCAL_SET, 2)
    a, b = 0x1234567, 0x89abcdef
    for i in range(rounds):
        k = (i * 0x9e3779b9) & 0xffffffff
        code += (local(LOCAL_GET, 1) + local(LOCAL_GET, 2) + I64_XOR + i64_const(k) + I64_ADD +
                 local(LOCAL_SET, 2) + local(LOCAL_GET, 1) + i64_const(13) + I64_ROTL + local(LOCAL_SET, 1))
        b = ((a ^ b) + k) & MASK64
        a = ((a << 13) | (a >> 51)) & MASK64
    code += local(LOCAL_GET, 1) + local(LOCAL_GET, 2) + I64_XOR
    m.start([(3, I64)], code)
    return m.serialise(), result(a ^ b)


def element_segment(n):
    """An active element segment of n distinct functions (function i returns 3i + 1), some of
    them called through the table."""
    m = Command()
    first = len(m.functions) + 1
    for i in range(n):
        m.function([], [I64], [], i64_const(3 * i + 1) + END)
    m.table = (n, list(range(first, first + n)))
    t = m.type_index([], [I64])
    indices = sorted({0, 1, n // 2, n - 1})
    code = i64_const(0)
    for index in indices:
        code += i32_const(index) + CALL_INDIRECT + uleb(t) + b'\x00' + I64_ADD
    m.start([(1, I64)], code)
    return m.serialise(), result(sum(3 * i + 1 for i in indices))


def data_segments(n):
    """n active data segments of one byte each at consecutive addresses, summed by a loop."""
    m = Command()
    m.memory_pages = 1 + (DATA_START + n) // 65536
    m.data = [(DATA_START + i, bytes([data_byte(i)])) for i in range(n)]
    # for (i = 0; i < n; i++) sum += mem[DATA_START + i]   (sum: local 1, i: local 2)
    loop = (BLOCK + VOID + LOOP + VOID +
            local(LOCAL_GET, 2) + i32_const(n) + I32_LT_U + I32_EQZ + BR_IF + uleb(1) +
            local(LOCAL_GET, 1) + local(LOCAL_GET, 2) + I32_LOAD8_U + memarg(DATA_START) +
            I64_EXTEND_I32_U + I64_ADD + local(LOCAL_SET, 1) +
            local(LOCAL_GET, 2) + i32_const(1) + I32_ADD + local(LOCAL_SET, 2) +
            BR + uleb(0) + END + END)
    m.start([(2, I64), (1, I32)], loop + local(LOCAL_GET, 1))
    return m.serialise(), result(sum(data_byte(i) for i in range(n)))


KINDS = {
    'load-chain': load_chain,
    'locals': many_locals,
    'nested-blocks': nested_blocks,
    'nested-ifs': nested_ifs,
    'br-table': br_table,
    'big-body': big_body,
    'element-segment': element_segment,
    'data-segments': data_segments,
}

# The sizes of issue 12 (the benchmark) and small ones (the test).
# wasmc, like V8 and Wasmtime, refuses more than 50,000 locals in a function ("too many locals").
LARGE = [('load-chain', 10000), ('load-chain', 20000), ('load-chain', 50000), ('locals', 50000),
         ('locals', 100000),
         ('nested-blocks', 10000), ('nested-ifs', 30000), ('br-table', 100000),
         ('big-body', 1000000), ('element-segment', 20000), ('data-segments', 50000)]
SMALL = [('load-chain', 300), ('locals', 1000), ('nested-blocks', 200), ('nested-ifs', 300),
         ('br-table', 1000), ('big-body', 10000), ('element-segment', 200), ('data-segments', 500)]


def write(kind, size, directory):
    """Writes the module of `kind` and `size` to DIRECTORY/KIND-SIZE.wasm: (that path, its size in
    bytes, the expected stdout)."""
    module, expected = KINDS[kind](size)
    path = os.path.join(directory, f'{kind}-{size}.wasm')
    with open(path, 'wb') as f:
        f.write(module)
    return path, len(module), expected


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in KINDS:
        print(f'usage: {sys.argv[0]} {"|".join(KINDS)} SIZE OUT.wasm', file=sys.stderr)
        return 2
    module, expected = KINDS[sys.argv[1]](int(sys.argv[2]))
    with open(sys.argv[3], 'wb') as f:
        f.write(module)
    print(f'{sys.argv[3]}: {len(module)} bytes; expected stdout {expected.hex()}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
