"""A small WebAssembly binary writer for the malformed-input tests: enough to assemble valid
modules section by section, so that variants can be derived from them with a known structure
(where each section, count and name lies)."""

import struct

I32, I64, F32, F64, V128, FUNCREF, EXTERNREF = 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f


def uleb(value, width=None):
    """Unsigned LEB128; with width, padded to exactly that many bytes (valid up to 5 for u32)."""
    out = bytearray()
    while True:
        byte = value & 0x7f
        value >>= 7
        if value or (width is not None and len(out) + 1 < width):
            out.append(byte | 0x80)
        else:
            out.append(byte)
            break
    if width is not None and len(out) != width:
        raise ValueError('value does not fit the width')
    return bytes(out)


def sleb(value):
    out = bytearray()
    while True:
        byte = value & 0x7f
        value >>= 7
        if (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40):
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def name(text):
    data = text.encode('utf-8') if isinstance(text, str) else bytes(text)
    return uleb(len(data)) + data


def vec(items):
    items = list(items)
    return uleb(len(items)) + b''.join(items)


def functype(params, results):
    return b'\x60' + vec(bytes([p]) for p in params) + vec(bytes([r]) for r in results)


def limits(minimum, maximum=None):
    return (b'\x00' + uleb(minimum)) if maximum is None else (b'\x01' + uleb(minimum) + uleb(maximum))


def i32_const(v):
    return b'\x41' + sleb(v)


def i64_const(v):
    return b'\x42' + sleb(v)


def f32_const(v):
    return b'\x43' + struct.pack('<f', v)


def f64_const(v):
    return b'\x44' + struct.pack('<d', v)


END = b'\x0b'


def body(locals_, code):
    """locals_: [(count, type)]; code: the instruction bytes including the final end."""
    content = vec(uleb(n) + bytes([t]) for n, t in locals_) + code
    return uleb(len(content)) + content


class Section:
    def __init__(self, ident, payload, label):
        self.id = ident
        self.payload = payload
        self.label = label


class Module:
    """Sections in order; serialise() records where each section and its payload lie."""

    def __init__(self):
        self.sections = []

    def add(self, ident, payload, label):
        self.sections.append(Section(ident, payload, label))
        return self

    def custom(self, custom_name, content, label=None):
        return self.add(0, name(custom_name) + content, label or f'custom "{custom_name}"')

    def serialise(self, size_widths=None):
        """-> (bytes, [(label, id, header_offset, payload_offset, payload_end)])."""
        out = bytearray(b'\0asm\x01\0\0\0')
        layout = []
        for index, section in enumerate(self.sections):
            header = len(out)
            width = (size_widths or {}).get(index)
            out += bytes([section.id]) + uleb(len(section.payload), width)
            start = len(out)
            out += section.payload
            layout.append((section.label, section.id, header, start, len(out)))
        return bytes(out), layout


# ---- the base modules -------------------------------------------------------------------------

WASI = 'wasi_snapshot_preview1'


def hello_module():
    """A WASI command: writes "hi\\n" with fd_write, loops, dispatches through br_table and
    call_indirect, and exits with proc_exit(3). Covers type, import, function, table, memory,
    global, export, element, data count, code, data and a name section."""
    m = Module()
    m.add(1, vec([functype([I32, I32, I32, I32], [I32]),   # 0 fd_write
                  functype([I32], []),                       # 1 proc_exit
                  functype([], []),                          # 2 _start
                  functype([I32], [I32])]), 'type')          # 3 inc
    m.add(2, vec([name(WASI) + name('fd_write') + b'\x00' + uleb(0),
                  name(WASI) + name('proc_exit') + b'\x00' + uleb(1)]), 'import')
    m.add(3, vec([uleb(2), uleb(3)]), 'function')
    m.add(4, vec([bytes([FUNCREF]) + limits(2, 2)]), 'table')
    m.add(5, vec([limits(1, 2)]), 'memory')
    m.add(6, vec([bytes([I32, 1]) + i32_const(1024) + END]), 'global')
    m.add(7, vec([name('memory') + b'\x02' + uleb(0), name('_start') + b'\x00' + uleb(2)]), 'export')
    m.add(9, vec([uleb(0) + i32_const(1) + END + vec([uleb(3)])]), 'element')
    m.add(12, uleb(1), 'datacount')
    start = (
        i32_const(0) + i32_const(16) + b'\x36\x02\x00' +            # iov.base = 16
        i32_const(4) + i32_const(3) + b'\x36\x02\x00' +             # iov.len = 3
        i32_const(1) + i32_const(0) + i32_const(1) + i32_const(8) + b'\x10' + uleb(0) + b'\x1a' +
        b'\x02\x40\x03\x40' +                                       # block loop
        b'\x20\x00' + i32_const(1) + b'\x6a' + b'\x22\x00' + i32_const(10) + b'\x48' + b'\x0d\x00' +
        END + END +
        b'\x02\x40\x02\x40\x02\x40' + b'\x20\x00' + b'\x0e' + vec([uleb(0), uleb(1)]) + uleb(2) + END + END + END +
        b'\x23\x00' + i32_const(16) + b'\x6a' + b'\x24\x00' +       # global += 16
        i32_const(2) + i32_const(1) + b'\x11' + uleb(3) + uleb(0) +  # call_indirect inc(2)
        b'\x10' + uleb(1) + END)                                    # proc_exit(3)
    inc = b'\x20\x00' + i32_const(1) + b'\x6a' + END
    m.add(10, vec([body([(1, I32)], start), body([], inc)]), 'code')
    m.add(11, vec([uleb(0) + i32_const(16) + END + name(b'hi\n')]), 'data')
    names = b'\x01' + uleb(len(vec([uleb(2) + name('_start'), uleb(3) + name('inc')]))) + \
        vec([uleb(2) + name('_start'), uleb(3) + name('inc')])
    m.custom('name', names)
    return m


def features_module():
    """WebAssembly 2.0 constructs in one module: all value types in globals and locals, a
    multi-value block and function, typed select, ref.func/ref.null/ref.is_null, table.get/set/
    grow/size, passive data with memory.init/data.drop, memory.copy/fill, passive elements with
    table.init/elem.drop, sign extension and saturating conversions, i64/f32/f64 constants. It
    exports _start, which returns normally (exit status 0)."""
    m = Module()
    m.add(1, vec([functype([], []),                         # 0 _start
                  functype([I32, I64], [I64, I32]),         # 1 swap
                  functype([I32], [I32, I32])]), 'type')    # 2 block type
    m.add(3, vec([uleb(0), uleb(1)]), 'function')
    m.add(4, vec([bytes([FUNCREF]) + limits(4), bytes([EXTERNREF]) + limits(1, 10)]), 'table')
    m.add(5, vec([limits(1)]), 'memory')
    m.add(6, vec([bytes([I64, 0]) + i64_const(-1) + END,
                  bytes([F32, 1]) + f32_const(1.5) + END,
                  bytes([F64, 0]) + f64_const(-2.25) + END,
                  bytes([FUNCREF, 0]) + b'\xd2' + uleb(1) + END,
                  bytes([I32, 1]) + i32_const(7) + END]),
          'global')
    m.add(7, vec([name('_start') + b'\x00' + uleb(0), name('memory') + b'\x02' + uleb(0),
                  name('g\u00e9n\u00e9ral-\U0001F600') + b'\x03' + uleb(4)]), 'export')
    m.add(9, vec([b'\x01' + b'\x00' + vec([uleb(0), uleb(1)]),       # passive, elemkind funcref
                  b'\x00' + i32_const(0) + END + vec([uleb(1)])]), 'element')
    m.add(12, uleb(2), 'datacount')
    code = (
        # multi-value: call swap(5, 6) -> (6, 5); drop both
        i32_const(5) + i64_const(6) + b'\x10' + uleb(1) + b'\x1a\x1a' +
        # block with type index 2: [i32] -> [i32 i32]
        i32_const(9) + b'\x02' + sleb(2) + b'\x20\x00' + END + b'\x6a' + b'\x21\x00' +
        # typed select of f64
        f64_const(1.0) + f64_const(2.0) + b'\x20\x00' + b'\x1c\x01\x7c' + b'\x21\x01' +
        # references
        b'\xd2\x00' + b'\xd1' + b'\x1a' + i32_const(1) + b'\xd2\x01' + b'\x26\x00' +
        i32_const(1) + b'\x25\x00' + b'\xd1' + b'\x1a' +
        b'\xd0\x6f' + i32_const(2) + b'\xfc\x0f\x01' + b'\x1a' + b'\xfc\x10\x01' + b'\x1a' +
        # bulk memory: memory.init 0, data.drop 0, memory.copy, memory.fill
        i32_const(100) + i32_const(0) + i32_const(4) + b'\xfc\x08\x00\x00' + b'\xfc\x09\x00' +
        i32_const(200) + i32_const(100) + i32_const(4) + b'\xfc\x0a\x00\x00' +
        i32_const(300) + i32_const(0xab) + i32_const(16) + b'\xfc\x0b\x00' +
        # table.init 0 / elem.drop 0
        i32_const(2) + i32_const(0) + i32_const(2) + b'\xfc\x0c\x00\x00' + b'\xfc\x0d\x00' +
        # sign extension, saturating conversion, i64/f32 arithmetic
        i32_const(0x80) + b'\xc0' + b'\x1a' + f64_const(1e300) + b'\xfc\x02' + b'\x1a' +
        b'\x23\x01' + f32_const(2.0) + b'\x94' + b'\x24\x01' +
        b'\x3f\x00' + b'\x1a' + END)
    swap = b'\x20\x01' + b'\x20\x00' + END
    m.add(10, vec([body([(1, I32), (1, F64), (2, I64)], code), body([], swap)]), 'code')
    m.add(11, vec([b'\x01' + name(b'\x01\x02\x03\x04'), b'\x00' + i32_const(1000) + END + name(b'active')]), 'data')
    m.custom('producers', vec([name('language') + vec([name('hand') + name('1')])]))
    return m


def exit_module(status):
    """A WASI command whose _start calls proc_exit(status) (status taken as an i32)."""
    m = Module()
    m.add(1, vec([functype([I32], []), functype([], [])]), 'type')
    m.add(2, vec([name(WASI) + name('proc_exit') + b'\x00' + uleb(0)]), 'import')
    m.add(3, vec([uleb(1)]), 'function')
    m.add(5, vec([limits(1)]), 'memory')
    m.add(7, vec([name('memory') + b'\x02' + uleb(0), name('_start') + b'\x00' + uleb(1)]), 'export')
    signed = status - 2**32 if status >= 2**31 else status
    m.add(10, vec([body([], i32_const(signed) + b'\x10' + uleb(0) + END)]), 'code')
    return m


def reactor_module(exports=('_initialize',)):
    """A module exporting an empty function under each of `exports` (a WASI reactor exports
    _initialize and no _start)."""
    m = Module()
    m.add(1, vec([functype([], [])]), 'type')
    m.add(3, vec([uleb(0)]), 'function')
    m.add(5, vec([limits(1)]), 'memory')
    m.add(7, vec([name('memory') + b'\x02' + uleb(0)] + [name(e) + b'\x00' + uleb(0) for e in exports]), 'export')
    m.add(10, vec([body([], END)]), 'code')
    return m


def report_module():
    """A WASI command that writes what it was given to stdout: 16 bytes (argc, the size of the
    argument strings, envc, the size of the environment strings, u32 little-endian), the argument
    strings, the environment strings (each NUL-terminated, as args_get and environ_get give them),
    then the name of every pre-opened directory (fd 3, 4, ...), each followed by a NUL.
    parse_report() reads it back."""
    ii_i, iii_i, iiii_i, void, ii_void = range(5)
    m = Module()
    m.add(1, vec([functype([I32, I32], [I32]), functype([I32, I32, I32], [I32]),
                  functype([I32, I32, I32, I32], [I32]), functype([], []), functype([I32, I32], [])]), 'type')
    imports = [('args_sizes_get', ii_i), ('args_get', ii_i), ('environ_sizes_get', ii_i), ('environ_get', ii_i),
               ('fd_prestat_get', ii_i), ('fd_prestat_dir_name', iii_i), ('fd_write', iiii_i)]
    m.add(2, vec([name(WASI) + name(n) + b'\x00' + uleb(t) for n, t in imports]), 'import')
    args_sizes_get, args_get, environ_sizes_get, environ_get, prestat_get, prestat_dir_name, fd_write = range(7)
    start, write = 7, 8
    m.add(3, vec([uleb(void), uleb(ii_void)]), 'function')
    m.add(5, vec([limits(4)]), 'memory')
    m.add(7, vec([name('memory') + b'\x02' + uleb(0), name('_start') + b'\x00' + uleb(start)]), 'export')

    def call(f):
        return b'\x10' + uleb(f)

    load = b'\x28\x02\x00'
    # Memory: 0 sizes, 16 iovec, 24 nwritten, 28 a zero byte, 32 prestat; 4096 argv, 8192 environ;
    # 16384 argument strings, 65536 environment strings, 196608 a directory name.
    code = (i32_const(0) + i32_const(4) + call(args_sizes_get) + b'\x1a' +
            i32_const(8) + i32_const(12) + call(environ_sizes_get) + b'\x1a' +
            i32_const(4096) + i32_const(16384) + call(args_get) + b'\x1a' +
            i32_const(8192) + i32_const(65536) + call(environ_get) + b'\x1a' +
            i32_const(0) + i32_const(16) + call(write) +
            i32_const(16384) + i32_const(4) + load + call(write) +
            i32_const(65536) + i32_const(12) + load + call(write) +
            i32_const(3) + b'\x21\x00' +
            b'\x02\x40\x03\x40' +
            b'\x20\x00' + i32_const(32) + call(prestat_get) + b'\x0d\x01' +
            b'\x20\x00' + i32_const(196608) + i32_const(36) + load + call(prestat_dir_name) + b'\x1a' +
            i32_const(196608) + i32_const(36) + load + call(write) +
            i32_const(28) + i32_const(1) + call(write) +
            b'\x20\x00' + i32_const(1) + b'\x6a' + b'\x21\x00' + b'\x0c\x00' +
            END + END + END)
    write_code = (i32_const(16) + b'\x20\x00' + b'\x36\x02\x00' +
                  i32_const(20) + b'\x20\x01' + b'\x36\x02\x00' +
                  i32_const(1) + i32_const(16) + i32_const(1) + i32_const(24) + call(fd_write) + b'\x1a' + END)
    m.add(10, vec([body([(1, I32)], code), body([], write_code)]), 'code')
    return m


def parse_report(output):
    """report_module()'s output -> (arguments, environment, pre-opened directory names), as bytes."""
    argc, args_size, envc, env_size = struct.unpack('<4I', output[:16])
    args = output[16:16 + args_size].split(b'\0')[:argc]
    env = output[16 + args_size:16 + args_size + env_size].split(b'\0')[:envc]
    dirs = output[16 + args_size + env_size:].split(b'\0')[:-1]
    return args, env, dirs
