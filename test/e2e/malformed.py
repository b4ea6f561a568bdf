#!/usr/bin/env python3
"""Malformed and borderline modules given to `wasmc build`.

From two valid hand-assembled modules (wasm_builder.py) this derives, deterministically, several
hundred variants: truncations at every offset, byte flips at every offset, bogus section sizes,
huge, overlong and out-of-range LEB128 counts, bad UTF-8 in names, structural errors (order,
duplicates, unknown ids, count mismatches, limits) and function bodies that do not validate; plus
variants that look odd but are valid (padded LEB128s, non-ASCII names, garbage inside the name
section, code after unreachable).

For each variant `wasmc build` must
  * never crash (no signal, no exit status other than 0 and 1) and never hang (10 s timeout);
  * on failure, exit with 1 and print exactly one line, `error: <file>:0x<hex offset>: <reason>`,
    with the offset inside the file (or `error: ...unsupported: ...` for a valid module using a
    feature wasmc does not implement);
  * reject what is known to be invalid, and build what is known to be valid (or refuse it as not
    a WASI command, when it exports no _start).
When node is available, V8's validator (WebAssembly.validate) is a second opinion for the
variants whose validity is not known by construction: wasmc must not build a module V8 rejects.
Modules V8 accepts but wasmc rejects are listed (V8 implements post-2.0 proposals); they fail the
test only when the variant is known to be valid.

Exit status 0 when everything held, 1 otherwise.
"""

import argparse
import concurrent.futures
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wasm_builder as wb  # noqa: E402
from wasm_builder import END, I32, I64, uleb, sleb, name, vec, body, limits, i32_const  # noqa: E402

INVALID, VALID, UNKNOWN = 'invalid', 'valid', 'unknown'
TIMEOUT = 10
ERROR_LINE = re.compile(r'^error: (?P<file>.+?):0x(?P<offset>[0-9a-fA-F]+): (?P<reason>\S.*)$')


@dataclasses.dataclass
class Variant:
    name: str
    data: bytes
    expect: str
    why: str = ''


def serialise(module, **kwargs):
    return module.serialise(**kwargs)[0]


def section_index(module, label):
    for i, s in enumerate(module.sections):
        if s.label == label:
            return i
    raise KeyError(label)


def with_payload(factory, label, payload):
    m = factory()
    m.sections[section_index(m, label)].payload = payload
    return serialise(m)


def with_section_id(factory, label, ident):
    m = factory()
    m.sections[section_index(m, label)].id = ident
    return serialise(m)


def replace_count(payload, new_count_bytes):
    """Replaces the leading LEB128 (the vector count) of a section payload."""
    i = 0
    while payload[i] & 0x80:
        i += 1
    return new_count_bytes + payload[i + 1:]


def leading_count(payload):
    value, shift, i = 0, 0, 0
    while True:
        byte = payload[i]
        value |= (byte & 0x7f) << shift
        shift += 7
        i += 1
        if not byte & 0x80:
            return value


# ---- variant generators -------------------------------------------------------------------------

def truncations(base_name, factory, step=1):
    data, layout = factory().serialise()
    boundaries = {8} | {end for (_, _, _, _, end) in layout}
    for n in sorted(set(range(0, len(data), step)) | boundaries - {len(data)}):
        expect = UNKNOWN if n in boundaries else INVALID
        yield Variant(f'{base_name}-truncated-at-{n:#x}', data[:n], expect,
                      'truncated at a section boundary' if expect == UNKNOWN else 'truncated inside a section')


def byte_flips(base_name, factory, masks):
    data, _ = factory().serialise()
    for offset in range(len(data)):
        for mask in masks(offset):
            flipped = bytearray(data)
            flipped[offset] ^= mask
            expect = INVALID if offset < 8 else UNKNOWN  # the magic number and the version
            yield Variant(f'{base_name}-flip-{offset:#x}-x{mask:02x}', bytes(flipped), expect, 'byte flip')


def bogus_section_sizes(base_name, factory):
    m = factory()
    data, layout = m.serialise()
    for index, (label, ident, header, start, end) in enumerate(layout):
        size = end - start
        def resized(new_size_bytes):
            return data[:header + 1] + new_size_bytes + data[start:]
        custom = ident == 0
        yield Variant(f'{base_name}-{label}-size-plus-1', resized(uleb(size + 1)), UNKNOWN if custom else INVALID,
                      'section size one too large')
        if size > 0:
            yield Variant(f'{base_name}-{label}-size-minus-1', resized(uleb(size - 1)), UNKNOWN if custom else INVALID,
                          'section size one too small')
            yield Variant(f'{base_name}-{label}-size-4GiB', resized(uleb(0xffffffff)), INVALID, 'section size 2^32-1')
        yield Variant(f'{base_name}-{label}-size-overlong-leb', resized(b'\x80\x80\x80\x80\x80' + uleb(size)[:1]),
                      INVALID, 'section size LEB128 longer than 5 bytes')
        yield Variant(f'{base_name}-{label}-size-leb-too-large', resized(bytes([0x80 | (size & 0x7f), 0x80, 0x80, 0x80, 0x70])),
                      INVALID, 'section size LEB128 with bits set beyond 32')
        yield Variant(f'{base_name}-{label}-size-padded-leb', serialise(factory(), size_widths={index: 5}), VALID,
                      'section size as a padded (5-byte) LEB128 is valid')


def huge_counts(base_name, factory):
    m = factory()
    for section in m.sections:
        if section.id in (0, 8, 12):  # custom, start, data count: no leading vector
            continue
        label = section.label
        count = leading_count(section.payload)
        for suffix, count_bytes, expect in [
                ('count-4G', uleb(0xffffffff), INVALID),
                ('count-2G', uleb(0x80000000), INVALID),
                ('count-plus-1', uleb(count + 1), INVALID),
                ('count-minus-1', uleb(count - 1), INVALID) if count > 0 else (None, None, None),
                ('count-overlong-leb', b'\x80\x80\x80\x80\x80\x00', INVALID),
                ('count-leb-too-large', bytes([0x80 | count, 0x80, 0x80, 0x80, 0x10]), INVALID),
                ('count-padded-leb', uleb(count, 5), VALID)]:
            if suffix is None:
                continue
            payload = replace_count(section.payload, count_bytes)
            yield Variant(f'{base_name}-{label}-{suffix}', with_payload(factory, label, payload), expect,
                          f'{label} section vector count {suffix}')


BAD_UTF8 = [
    (b'\xff', 'byte 0xff'),
    (b'\xc0\x80', 'overlong encoding of NUL'),
    (b'\xe0\x80\xaf', 'overlong 3-byte encoding'),
    (b'\xed\xa0\x80', 'UTF-16 surrogate'),
    (b'\xe2\x82', 'truncated 3-byte sequence'),
    (b'ab\x80', 'lone continuation byte'),
    (b'\xf4\x90\x80\x80', 'code point above U+10FFFF'),
    (b'\xf8\x88\x80\x80\x80', '5-byte sequence'),
]
GOOD_UTF8 = [(b'', 'empty name'), ('caf\u00e9'.encode(), '2-byte'), ('\u65e5\u672c'.encode(), '3-byte'),
             ('\U0001F600'.encode(), '4-byte'), (b'\x00', 'NUL is a valid code point')]


def utf8_names():
    def hello_exports(export_name):
        return vec([name(export_name) + b'\x02' + uleb(0), name('_start') + b'\x00' + uleb(2)])

    def hello_imports(module_name, field_name):
        return vec([name(module_name) + name(field_name) + b'\x00' + uleb(0),
                    name(wb.WASI) + name('proc_exit') + b'\x00' + uleb(1)])

    for raw, what in BAD_UTF8:
        yield Variant(f'export-name-{what}', with_payload(wb.hello_module, 'export', hello_exports(raw)), INVALID,
                      f'export name with {what}')
        yield Variant(f'import-module-{what}', with_payload(wb.hello_module, 'import', hello_imports(raw, b'fd_write')),
                      INVALID, f'import module name with {what}')
        yield Variant(f'import-field-{what}', with_payload(wb.hello_module, 'import', hello_imports(wb.WASI, raw)),
                      INVALID, f'import field name with {what}')
        m = wb.hello_module()
        m.custom(raw, b'payload', 'custom bad name')
        yield Variant(f'custom-section-name-{what}', serialise(m), INVALID, f'custom section name with {what}')
    for raw, what in GOOD_UTF8:
        yield Variant(f'export-name-valid-{what}', with_payload(wb.hello_module, 'export', hello_exports(raw)), VALID,
                      f'export name, {what}')
        m = wb.hello_module()
        m.custom(raw, b'\xff\x00anything', 'custom')
        yield Variant(f'custom-section-name-valid-{what}', serialise(m), VALID, f'custom section name, {what}')


def name_section_garbage():
    """The contents of the name section are not validated: garbage must be ignored."""
    def with_names(content):
        m = wb.hello_module()
        m.sections[section_index(m, 'custom "name"')].payload = name('name') + content
        return serialise(m)

    func_names = lambda entries: b'\x01' + uleb(len(entries)) + entries
    yield Variant('name-section-empty', with_names(b''), VALID, 'empty name section')
    yield Variant('name-section-truncated', with_names(b'\x01\x10\x02\x02'), VALID, 'truncated name subsection')
    yield Variant('name-section-huge-count', with_names(func_names(uleb(0xffffffff))), VALID, 'huge name count')
    yield Variant('name-section-index-out-of-range',
                  with_names(func_names(vec([uleb(1000) + name('far'), uleb(0xfffffff0) + name('farther')]))), VALID,
                  'function index out of range in the name section')
    yield Variant('name-section-bad-utf8', with_names(func_names(vec([uleb(2) + name(b'\xff\xfe')]))), VALID,
                  'bad UTF-8 function name in the name section')
    yield Variant('name-section-unsorted-duplicates',
                  with_names(func_names(vec([uleb(3) + name('b'), uleb(2) + name('a'), uleb(2) + name('again')]))),
                  VALID, 'unsorted and duplicate indices in the name section')
    yield Variant('name-section-unknown-subsection', with_names(b'\x63\x03abc' + func_names(vec([uleb(2) + name('s')]))),
                  VALID, 'unknown name subsection id')
    yield Variant('name-section-bytes', with_names(bytes(range(256))), VALID, 'arbitrary bytes in the name section')


def structural():
    hello = wb.hello_module
    base = serialise(hello())
    yield Variant('empty-file', b'', INVALID, 'empty file')
    yield Variant('magic-only', b'\0asm', INVALID, 'no version')
    yield Variant('header-only', b'\0asm\x01\0\0\0', VALID, 'an empty module is valid')
    yield Variant('bad-magic', b'\0ASM' + base[4:], INVALID, 'bad magic')
    yield Variant('bad-version-2', base[:4] + b'\x02\0\0\0' + base[8:], INVALID, 'version 2')
    yield Variant('component-version', base[:4] + b'\x0d\0\x01\0' + base[8:], INVALID, 'a component, not a module')
    yield Variant('text-format', b'(module)\n', INVALID, 'the text format')
    yield Variant('elf-file', b'\x7fELF\x02\x01\x01' + bytes(57), INVALID, 'an ELF file')
    for ident in (13, 14, 0x20, 0x7f, 0xff):
        yield Variant(f'unknown-section-{ident:#x}', base + bytes([ident]) + uleb(1) + b'\0',
                      UNKNOWN if ident == 13 else INVALID, f'unknown section id {ident}')
    m = hello()
    s = m.sections
    s[2], s[3] = s[3], s[2]  # function <-> table
    yield Variant('sections-out-of-order', serialise(m), INVALID, 'function and table sections swapped')
    m = hello()
    m.sections.insert(1, m.sections[0])
    yield Variant('duplicate-type-section', serialise(m), INVALID, 'two type sections')
    m = hello()
    m.sections.insert(section_index(m, 'datacount'), wb.Section(12, uleb(1), 'datacount2'))
    yield Variant('duplicate-datacount', serialise(m), INVALID, 'two data count sections')
    yield Variant('datacount-mismatch', with_payload(hello, 'datacount', uleb(2)), INVALID, 'data count 2, 1 segment')
    m = hello()
    del m.sections[section_index(m, 'code')]
    yield Variant('functions-without-code', serialise(m), INVALID, 'function section without code section')
    yield Variant('function-count-mismatch', with_payload(hello, 'function', vec([uleb(2), uleb(3), uleb(3)])), INVALID,
                  'three functions, two bodies')
    yield Variant('function-type-out-of-range', with_payload(hello, 'function', vec([uleb(2), uleb(40)])), INVALID,
                  'function type index out of range')
    yield Variant('import-type-out-of-range',
                  with_payload(hello, 'import', vec([name(wb.WASI) + name('fd_write') + b'\x00' + uleb(99),
                                                    name(wb.WASI) + name('proc_exit') + b'\x00' + uleb(1)])),
                  INVALID, 'imported function type out of range')
    yield Variant('import-kind-bogus',
                  with_payload(hello, 'import', vec([name(wb.WASI) + name('fd_write') + b'\x07' + uleb(0),
                                                    name(wb.WASI) + name('proc_exit') + b'\x00' + uleb(1)])),
                  INVALID, 'import kind 7')
    yield Variant('functype-bad-form', with_payload(hello, 'type', vec([b'\x61' + vec([]) + vec([])])), INVALID,
                  'function type form 0x61')
    yield Variant('functype-bad-valtype', with_payload(hello, 'type', vec([b'\x60' + vec([b'\x40']) + vec([])])),
                  INVALID, 'value type 0x40')
    yield Variant('two-memories', with_payload(hello, 'memory', vec([limits(1), limits(1)])), VALID,
                  'two memories (multi-memory, Wasm 3.0)')
    yield Variant('memory-min-above-max', with_payload(hello, 'memory', vec([limits(3, 2)])), INVALID, 'min > max')
    yield Variant('memory-too-large', with_payload(hello, 'memory', vec([limits(65537)])), INVALID, 'min 65537 pages')
    yield Variant('memory-max-too-large', with_payload(hello, 'memory', vec([limits(1, 0x10001)])), INVALID,
                  'max 65537 pages')
    yield Variant('memory-max-4GiB', with_payload(hello, 'memory', vec([limits(1, 65536)])), VALID,
                  'max 65536 pages is fine')
    yield Variant('memory-bad-flags', with_payload(hello, 'memory', vec([b'\x40\x01'])), INVALID, 'limits flag 0x40')
    yield Variant('set-immutable-global', with_payload(hello, 'global', vec([bytes([I32, 0]) + i32_const(1024) + END])),
                  INVALID, '_start sets a global made immutable')
    yield Variant('table-min-above-max', with_payload(hello, 'table', vec([bytes([wb.FUNCREF]) + limits(5, 2)])),
                  INVALID, 'table min > max')
    yield Variant('table-bad-reftype', with_payload(hello, 'table', vec([b'\x7f' + limits(2, 2)])), INVALID,
                  'table of i32')
    yield Variant('export-duplicate-name',
                  with_payload(hello, 'export', vec([name('x') + b'\x02' + uleb(0), name('x') + b'\x00' + uleb(2)])),
                  INVALID, 'two exports named x')
    yield Variant('export-function-out-of-range',
                  with_payload(hello, 'export', vec([name('memory') + b'\x02' + uleb(0), name('_start') + b'\x00' + uleb(9)])),
                  INVALID, 'export of function 9')
    yield Variant('export-memory-out-of-range',
                  with_payload(hello, 'export', vec([name('memory') + b'\x02' + uleb(1), name('_start') + b'\x00' + uleb(2)])),
                  INVALID, 'export of memory 1')
    yield Variant('global-init-wrong-type', with_payload(hello, 'global', vec([bytes([I32, 1]) + wb.i64_const(1) + END])),
                  INVALID, 'i32 global initialised with i64.const')
    yield Variant('global-init-extended-const',
                  with_payload(hello, 'global', vec([bytes([I32, 1]) + i32_const(1) + i32_const(2) + b'\x6a' + END])),
                  VALID, 'i32.add in a constant expression (Wasm 3.0 extended constant expressions)')
    yield Variant('global-init-not-constant',
                  with_payload(hello, 'global', vec([bytes([I32, 1]) + i32_const(1) + b'\x45' + END])),
                  INVALID, 'i32.eqz in a constant expression')
    yield Variant('global-init-call', with_payload(hello, 'global', vec([bytes([I32, 1]) + b'\x10\x00' + END])), INVALID,
                  'call in a constant expression')
    yield Variant('global-init-missing-end', with_payload(hello, 'global', vec([bytes([I32, 1]) + i32_const(1)])),
                  INVALID, 'constant expression without end')
    yield Variant('global-bad-mutability', with_payload(hello, 'global', vec([bytes([I32, 2]) + i32_const(1) + END])),
                  INVALID, 'mutability 2')
    yield Variant('element-function-out-of-range',
                  with_payload(hello, 'element', vec([uleb(0) + i32_const(1) + END + vec([uleb(50)])])), INVALID,
                  'element refers to function 50')
    yield Variant('element-bad-flags', with_payload(hello, 'element', vec([uleb(8) + i32_const(1) + END + vec([uleb(3)])])),
                  INVALID, 'element segment flags 8')
    yield Variant('data-memory-1', with_payload(hello, 'data', vec([uleb(2) + uleb(1) + i32_const(16) + END + name(b'hi\n')])),
                  INVALID, 'data segment for memory 1')
    yield Variant('data-offset-i64', with_payload(hello, 'data', vec([uleb(0) + wb.i64_const(16) + END + name(b'hi\n')])),
                  INVALID, 'data offset of type i64')
    yield Variant('data-length-past-end', with_payload(hello, 'data', vec([uleb(0) + i32_const(16) + END + uleb(100) + b'hi\n'])),
                  INVALID, 'data segment length beyond the section')
    for start, expect, why in [(uleb(2), VALID, 'start function () -> ()'), (uleb(3), INVALID, 'start function with a parameter'),
                               (uleb(77), INVALID, 'start function out of range')]:
        m = hello()
        m.sections.insert(section_index(m, 'element'), wb.Section(8, start, 'start'))
        yield Variant(f'start-{why.replace(" ", "-")}', serialise(m), expect, why)


def hello_with_bodies(start_locals, start_code, inc_code=None):
    inc = inc_code if inc_code is not None else b'\x20\x00' + i32_const(1) + b'\x6a' + END
    return with_payload(wb.hello_module, 'code', vec([body(start_locals, start_code), body([], inc)]))


def bad_bodies():
    # Bodies of _start (type () -> ()) and inc ((i32) -> i32).
    cases = [
        ('missing-end', [], b'\x01', INVALID),
        ('extra-end', [], END + END, INVALID),
        ('bytes-after-end', [], END + b'\x01', INVALID),
        ('illegal-opcode', [], b'\xff' + END, INVALID),
        ('illegal-fc-opcode', [], b'\xfc\xff\x01' + END, INVALID),
        ('illegal-fd-opcode-beyond-simd', [], b'\xfd\xff\x0f' + END, INVALID),
        ('type-mismatch-add', [], i32_const(1) + wb.f32_const(1.0) + b'\x6a\x1a' + END, INVALID),
        ('stack-underflow', [], b'\x6a\x1a' + END, INVALID),
        ('leftover-value', [], i32_const(1) + END, INVALID),
        ('branch-depth-out-of-range', [], b'\x0c\x05' + END, INVALID),
        ('local-out-of-range', [], b'\x20\x63\x1a' + END, INVALID),
        ('global-out-of-range', [], b'\x23\x09\x1a' + END, INVALID),
        ('set-mutable-global', [], i32_const(1) + b'\x24\x00' + END, VALID),
        ('call-out-of-range', [], b'\x10\x63' + END, INVALID),
        ('call-wrong-arity', [], b'\x10\x03' + END, INVALID),
        ('call-indirect-bad-type', [], i32_const(0) + b'\x11\x63\x00' + END, INVALID),
        ('call-indirect-bad-table', [], i32_const(0) + b'\x11\x02\x05' + END, INVALID),
        ('memory-size-reserved-byte', [], b'\x3f\x01\x1a' + END, INVALID),
        ('memory-grow-reserved-byte', [], i32_const(1) + b'\x40\x01\x1a' + END, INVALID),
        ('alignment-too-large', [], i32_const(0) + b'\x28\x03\x00\x1a' + END, INVALID),
        ('alignment-exponent-huge', [], i32_const(0) + b'\x28\x80\x80\x80\x80\x08\x00\x1a' + END, INVALID),
        ('else-without-if', [], b'\x05' + END, INVALID),
        ('if-without-condition', [], b'\x04\x40' + END + END, INVALID),
        ('select-mismatched', [], i32_const(1) + wb.f32_const(1.0) + i32_const(0) + b'\x1b\x1a' + END, INVALID),
        ('br-table-arity-mismatch', [],
         b'\x02\x7f\x02\x40' + i32_const(0) + b'\x0e\x01\x00\x01' + END + i32_const(0) + END + b'\x1a' + END, INVALID),
        ('block-type-out-of-range', [], b'\x02' + sleb(60) + END + END, INVALID),
        ('block-type-bad-valtype', [], b'\x02\x60' + END + END, INVALID),
        ('i32-const-overlong', [], b'\x41\x80\x80\x80\x80\x80\x00\x1a' + END, INVALID),
        ('i32-const-unused-bits', [], b'\x41\xff\xff\xff\xff\x4f\x1a' + END, INVALID),
        ('i32-const-padded', [], b'\x41\xff\xff\xff\xff\x7f\x1a' + END, VALID),
        ('i64-const-overlong', [], b'\x42' + b'\x80' * 10 + b'\x00\x1a' + END, INVALID),
        ('i64-const-padded', [], b'\x42' + b'\xff' * 9 + b'\x7f\x1a' + END, VALID),
        ('unreachable-polymorphic-stack', [], b'\x00\x6a\x1a' + END, VALID),
        ('locals-4G', [(0xffffffff, I32)], END, INVALID),
        ('locals-sum-overflows', [(0x80000000, I32), (0x80000000, I64)], END, INVALID),
        ('locals-bad-type', [(1, 0x40)], END, INVALID),
        ('locals-count-overlong', None, b'\x01\x80\x80\x80\x80\x80\x01\x7f' + END, INVALID),
        ('ref-func-declared-by-export', [], b'\xd2\x02\x1a' + END, VALID),
        ('ref-func-declared-by-element', [], b'\xd2\x03\x1a' + END, VALID),
        ('ref-func-undeclared', [], b'\xd2\x00\x1a' + END, INVALID),  # the imported fd_write
        ('data-drop', [], b'\xfc\x09\x00' + END, VALID),
        ('memory-init-bad-segment', [], i32_const(0) * 3 + b'\xfc\x08\x05\x00' + END, INVALID),
        ('try-opcode', [], b'\x06\x40' + END + END, UNKNOWN),  # exception handling: not 2.0
        ('return-call', [], b'\x12\x02' + END, UNKNOWN),        # tail calls: not 2.0
    ]
    for label, locals_, code, expect in cases:
        if locals_ is None:  # raw body content (locals included)
            data = with_payload(wb.hello_module, 'code',
                                vec([uleb(len(code)) + code, body([], b'\x20\x00' + i32_const(1) + b'\x6a' + END)]))
        else:
            data = hello_with_bodies(locals_, code)
        yield Variant(f'body-{label}', data, expect, f'_start body: {label}')
    yield Variant('body-size-past-section', with_payload(wb.hello_module, 'code', vec([uleb(200) + b'\x00' + END])),
                  INVALID, 'function body size beyond the section')
    yield Variant('body-size-zero', with_payload(wb.hello_module, 'code', vec([uleb(0), body([], END)])), INVALID,
                  'function body of size 0')


def all_variants():
    variants = []
    variants += truncations('hello', wb.hello_module)              # at every offset
    variants += truncations('features', wb.features_module, step=5)
    variants += byte_flips('hello', wb.hello_module, lambda offset: [(0xff, 0x01, 0x80, 0x40)[offset % 4]])
    variants += byte_flips('features', wb.features_module, lambda offset: [0xff] if offset % 5 == 2 else [])
    variants += bogus_section_sizes('hello', wb.hello_module)
    variants += bogus_section_sizes('features', wb.features_module)
    variants += huge_counts('hello', wb.hello_module)
    variants += huge_counts('features', wb.features_module)
    variants += utf8_names()
    variants += name_section_garbage()
    variants += structural()
    variants += bad_bodies()
    # Drop exact duplicates (a flip can reproduce another variant); keep the first.
    seen = set()
    unique = []
    for v in variants:
        if v.data not in seen:
            seen.add(v.data)
            unique.append(v)
    return unique


# ---- checking ---------------------------------------------------------------------------------

NODE_VALIDATE = r'''
const fs = require('fs');
const files = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {};
for (const f of files) {
  const bytes = fs.readFileSync(f);
  let verdict = WebAssembly.validate(bytes);
  let message = '';
  if (!verdict) { try { new WebAssembly.Module(bytes); } catch (e) { message = String(e.message); } }
  out[f] = [verdict, message];
}
process.stdout.write(JSON.stringify(out));
'''


def v8_verdicts(node, paths):
    if not node:
        return None
    try:
        p = subprocess.run([node, '-e', NODE_VALIDATE], input=json.dumps(paths).encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=300)
        if p.returncode != 0:
            print(f'note: node could not validate the variants ({p.returncode}); no second opinion\n'
                  f'{p.stderr.decode(errors="replace")[:2000]}')
            return None
        return json.loads(p.stdout)
    except (OSError, subprocess.TimeoutExpired, ValueError) as e:
        print(f'note: node could not validate the variants ({e}); no second opinion')
        return None


def run_wasmc(wasmc, workdir, filename):
    output = filename + '.out'
    try:
        p = subprocess.run([wasmc, 'build', filename, '-o', output, '-O0', '--threads', '1'], cwd=workdir,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, b'', b''
    finally:
        try:
            os.unlink(os.path.join(workdir, output))
        except OSError:
            pass
    return p.returncode, p.stdout, p.stderr


def check(variant, filename, status, stdout, stderr, verdict):
    """-> (problems, disagreement note or None)."""
    problems = []
    if status is None:
        return [f'wasmc build hung (no exit within {TIMEOUT} s)'], None
    if status < 0:
        return [f'wasmc build was killed by signal {-status}\n{stderr.decode(errors="replace")[-3000:]}'], None
    if status not in (0, 1):
        return [f'wasmc build exited with {status} (a crash or an abort?)\n{stderr.decode(errors="replace")[-3000:]}'], None
    text = stderr.decode('utf-8', errors='replace')
    lines = text.splitlines()
    if status == 0:
        if variant.expect == INVALID:
            problems.append(f'built an invalid module ({variant.why})')
        if verdict is not None and not verdict[0]:
            problems.append(f'built a module V8 rejects: {verdict[1]}')
        # A build prints nothing but warnings about custom sections it ignored (name, branch hints).
        unexpected = [line for line in lines
                      if not (line.startswith(f'warning: {filename}: ') and 'section' in line)]
        if stdout or unexpected:
            problems.append(f'printed something on success: {(stdout + stderr)[:500]!r}')
        return problems, None
    # status == 1. A malformed or invalid module gets the one-line error with a file offset; a
    # valid module can still be refused for what an executable cannot have (a non-WASI import, an
    # import whose type is not WASI's) or for an unimplemented feature ("unsupported: ...").
    # A module using a feature wasmc does not implement may be refused as "unsupported" whether or
    # not the rest of it is valid: it is not built, which is what matters.
    unsupported = len(lines) == 1 and lines[0].startswith('error: unsupported: ')
    believed_invalid = variant.expect == INVALID or (verdict is not None and not verdict[0])
    # A valid module without _start is not a WASI command: its executable would do nothing.
    not_command = len(lines) == 1 and 'not a WASI command' in lines[0]
    refusal = unsupported or not_command or (len(lines) == 1 and lines[0].startswith('error: import '))
    if stdout:
        problems.append(f'wrote to stdout: {stdout[:300]!r}')
    if not unsupported and (believed_invalid or not refusal):
        m = ERROR_LINE.match(lines[0]) if len(lines) == 1 else None
        if m is None:
            problems.append('expected exactly one line "error: <file>:0x<offset>: <reason>", got:\n' + text[:2000])
        else:
            if m.group('file') != filename:
                problems.append(f'the error names {m.group("file")!r}, not the input {filename!r}')
            offset = int(m.group('offset'), 16)
            if offset > len(variant.data):
                problems.append(f'offset {offset:#x} is beyond the end of the file ({len(variant.data):#x} bytes)')
    note = None
    if variant.expect == VALID and not not_command:
        problems.append(f'rejected a valid module ({variant.why}): {text.strip()}')
    elif verdict is not None and verdict[0] and not refusal:
        note = f'{variant.name}: V8 accepts it, wasmc says: {text.strip()}'
    return problems, note


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--wasmc', required=True)
    parser.add_argument('--node', default=shutil.which('node'), help='node for a second opinion ("none": without)')
    parser.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2)
    parser.add_argument('--keep', help='write every variant into this directory and keep it')
    parser.add_argument('--list', action='store_true', help='list the variants and exit')
    parser.add_argument('--filter', help='only variants whose name contains this')
    options = parser.parse_args()
    if options.node in ('none', ''):
        options.node = None
    wasmc = os.path.abspath(options.wasmc)

    variants = all_variants()
    if options.filter:
        variants = [v for v in variants if options.filter in v.name]
    if options.list:
        for v in variants:
            print(f'{v.expect:8} {len(v.data):5} {v.name}: {v.why}')
        return 0
    counts = {k: sum(1 for v in variants if v.expect == k) for k in (INVALID, VALID, UNKNOWN)}
    print(f'{len(variants)} variants: {counts[INVALID]} invalid, {counts[VALID]} valid, {counts[UNKNOWN]} unknown '
          f'by construction')

    workdir = options.keep or tempfile.mkdtemp(prefix='wasmc-malformed-')
    os.makedirs(workdir, exist_ok=True)
    try:
        files = []
        for i, v in enumerate(variants):
            filename = f'm{i:04d}.wasm'
            with open(os.path.join(workdir, filename), 'wb') as f:
                f.write(v.data)
            files.append(filename)
        verdicts = v8_verdicts(options.node, [os.path.join(workdir, f) for f in files])
        if verdicts is None and options.node:
            print('note: continuing without V8 as a second opinion')
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            results = list(pool.map(lambda f: run_wasmc(wasmc, workdir, f), files))
        failures = 0
        notes = []
        outcome = {'built': 0, 'rejected': 0}
        for v, filename, (status, stdout, stderr) in zip(variants, files, results):
            # node's V8 lacks some of Wasm 3.0 (multiple memories, extended constant expressions):
            # a module valid by construction needs no second opinion.
            verdict = verdicts.get(os.path.join(workdir, filename)) if verdicts and v.expect != VALID else None
            problems, note = check(v, filename, status, stdout, stderr, verdict)
            if status in (0, 1):
                outcome['built' if status == 0 else 'rejected'] += 1
            if note:
                notes.append(note)
            if problems:
                failures += 1
                print(f'FAIL {v.name} ({filename}, {len(v.data)} bytes, expected {v.expect}: {v.why})')
                for p in problems:
                    print('    ' + p.replace('\n', '\n    '))
                print(f'    bytes: {v.data[:96].hex()}{"..." if len(v.data) > 96 else ""}')
        print(f'wasmc built {outcome["built"]} and rejected {outcome["rejected"]} of {len(variants)} variants')
        if notes:
            print(f'{len(notes)} variants V8 accepts and wasmc rejects (post-2.0 features in V8, or wasmc bugs):')
            for n in notes:
                print('  ' + n)
        if failures:
            print(f'{failures} of {len(variants)} variants failed'
                  + ('' if options.keep else ' (rerun with --keep DIR to keep the files)'))
            return 1
        print('all variants handled correctly')
        return 0
    finally:
        if not options.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
