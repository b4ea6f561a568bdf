"""Reading and comparing the two sides of the differential fuzzer.

The reference is binaryen's interpreter: the text `wasm-opt -ttf --fuzz-exec-before` prints
(`[fuzz-exec] export NAME`, `[fuzz-exec] note result: NAME => V` with one more line per further
result, `[LoggingExternalInterface logging V ...]` with an i64 printed as two i32 halves, low
first, `[trap MESSAGE]`, `[exception thrown: TAG VALUES]`). Its values carry no type: numbers
in decimal, floats as JavaScript prints them or `nan:0x<payload>`, v128 as `i32x4` and four hex
lanes.

wasmc's side is wasmc-difffuzz-host's output (Output.h): the same events, every value typed and
given as exact bits.

Values are compared by the specification's rules for NaNs (numerics, "NaN propagation"): where an
operator returns a NaN, the spec lets it be any arithmetic NaN (quiet bit set, any sign and
payload) -- canonical inputs give a canonical NaN, but the fuzzer cannot see the inputs, so a quiet
NaN matches any quiet NaN. A signalling NaN can only reach a result unchanged, through operations
that must keep its bits (constants, loads, locals, calls, reinterpretations, select, abs/neg/
copysign): there the bits must be equal. A v128 lane pair that differs is excused the same way,
as f32 or as f64 lanes.
"""

import re
import struct

F32_QUIET = 0x00400000
F64_QUIET = 0x0008000000000000


# ---- events -------------------------------------------------------------------------------------

class Event:
    """kind: export (name), result / log (values), trap (reason category, text), exception
    (values; on the host's side, text 'payload' when it knows them)."""

    def __init__(self, kind, values=(), name='', reason='', text=''):
        self.kind, self.values, self.name, self.reason, self.text = kind, list(values), name, reason, text

    def __repr__(self):
        if self.kind == 'export':
            return f'export {self.name}'
        if self.kind == 'trap':
            return f'trap ({self.text})'
        if self.kind in ('result', 'log', 'exception'):
            return f'{self.kind} ' + ' '.join(show(v) for v in self.values)
        return self.kind


def show(value):
    kind, payload = value
    if kind == 'v128':
        return 'i32x4 ' + ' '.join(f'0x{lane:08x}' for lane in payload)
    if kind in ('i32', 'f32'):
        return f'{kind}:0x{payload:08x}' if isinstance(payload, int) else f'{kind}:{payload}'
    if kind in ('i64', 'f64'):
        return f'{kind}:0x{payload:016x}' if isinstance(payload, int) else f'{kind}:{payload}'
    if kind == 'text':
        return payload
    return f'{kind}:{payload}'


# Trap reasons, as categories both sides can be mapped to. Binaryen's messages are its own
# (wasm-interpreter.h); wasmc's are its trap codes (abi.h). An index past a table's size is one
# category: binaryen says "out of bounds table access" for call_indirect too, where the spec (and
# wasmc) say "undefined element".
WASMC_TRAP_CATEGORIES = {
    1: 'unreachable', 2: 'integer divide by zero', 3: 'integer overflow',
    4: 'invalid conversion to integer', 5: 'out of bounds memory access',
    6: 'out of bounds table access', 7: 'out of bounds table access', 8: 'indirect call',
    9: 'indirect call', 10: 'call stack exhausted', 11: 'null reference',
}
BINARYEN_TRAP_PATTERNS = [  # the first that matches, case-insensitive
    (r'unreachable', 'unreachable'),
    (r'divide by zero|div by zero', 'integer divide by zero'),
    (r'trunc.*nan|invalid conversion', 'invalid conversion to integer'),
    (r'trunc.*overflow|integer overflow', 'integer overflow'),  # trunc out of range: "overflow"
    (r'uninitialized|non-function|signature|type', 'indirect call'),
    (r'callTable overflow|undefined element|table', 'out of bounds table access'),
    (r'callIndirect|call_indirect', 'indirect call'),
    (r'memory|segment|out of bounds', 'out of bounds memory access'),
    (r'stack|depth', 'call stack exhausted'),
    (r'null', 'null reference'),
]


def binaryen_trap_category(message):
    for pattern, category in BINARYEN_TRAP_PATTERNS:
        if re.search(pattern, message, re.IGNORECASE):
            return category
    return ''  # unknown: only "it trapped" is compared


# ---- binaryen's output --------------------------------------------------------------------------

def reference_tokens(text):
    """The values of one log or result text, untyped: ('text', token) or ('v128', lanes)."""
    words = text.split()
    values, i = [], 0
    while i < len(words):
        if words[i] == 'i32x4' and i + 5 <= len(words):
            values.append(('v128', [int(w, 16) for w in words[i + 1:i + 5]]))
            i += 5
        else:
            values.append(('text', words[i]))
            i += 1
    return values


def parse_reference(output):
    events, result = [], None
    for line in output.splitlines():
        if line.startswith('[fuzz-exec] export '):
            events.append(Event('export', name=line[len('[fuzz-exec] export '):]))
            result = None
        elif line.startswith('[fuzz-exec] note result: '):
            value = line.split(' => ', 1)[1]
            result = Event('result', reference_tokens(value))
            events.append(result)
        elif line.startswith('[LoggingExternalInterface logging'):
            inner = line[len('[LoggingExternalInterface logging'):].rstrip(']')
            events.append(Event('log', reference_tokens(inner)))
            result = None
        elif line.startswith('[trap '):
            message = line[len('[trap '):].rstrip(']')
            events.append(Event('trap', reason=binaryen_trap_category(message), text=message))
            result = None
        elif line == '[exception thrown: failed to instantiate module]':
            # The start function threw; binaryen does not say what.
            events.append(Event('exception', text='unknown values'))
            result = None
        elif line.startswith('[exception thrown: '):
            # The tag's internal name (not comparable), then its values.
            _, _, values = line[len('[exception thrown: '):].rstrip(']').partition(' ')
            events.append(Event('exception', reference_tokens(values)))
            result = None
        elif result is not None and line and not line.startswith(('[', 'warning:')):
            result.values.extend(reference_tokens(line))  # a further result of a multivalue call
    return events


# ---- wasmc's output -----------------------------------------------------------------------------

def host_values(words):
    values, i = [], 0
    while i < len(words):
        kind = words[i]
        if kind == 'v128':
            values.append(('v128', [int(w, 16) for w in words[i + 1:i + 5]]))
            i += 5
        elif kind in ('i32', 'i64', 'f32', 'f64'):
            values.append((kind, int(words[i + 1], 16)))
            i += 2
        else:
            values.append((kind, words[i + 1]))
            i += 2
    return values


def split_i64(values):
    """Binaryen logs an i64 as two i32 halves, low first."""
    out = []
    for kind, payload in values:
        if kind == 'i64':
            out += [('i32', payload & 0xffffffff), ('i32', payload >> 32)]
        else:
            out.append((kind, payload))
    return out


def parse_host(output):
    events = []
    for line in output.splitlines():
        words = line.split()
        if not words:
            continue
        if words[0] == 'export':
            events.append(Event('export', name=line[len('export '):]))
        elif words[0] == 'result':
            values = host_values(words[1:])
            if events and events[-1].kind == 'result':
                events[-1].values += values
            else:
                events.append(Event('result', values))
        elif words[0] == 'log':
            events.append(Event('log', split_i64(host_values(words[1:]))))
        elif words[0] == 'global':  # binaryen prints it as a log, an i64 whole
            events.append(Event('log', host_values(words[1:])))
        elif words[0] == 'trap':
            code = int(words[1])
            events.append(Event('trap', reason=WASMC_TRAP_CATEGORIES.get(code, ''),
                                text=' '.join(words[2:])))
        elif words[0] == 'exception':
            payload = words[1:2] == ['payload']
            events.append(Event('exception', host_values(words[2:]) if payload else [],
                                text='payload' if payload else ''))
    return events


# ---- values -------------------------------------------------------------------------------------

def float_bits(text, bits):
    """The bits of a float binaryen printed: nan:0x<payload>, inf, -0, or a decimal number."""
    sign = text.startswith('-')
    magnitude = text.lstrip('-')
    exponent_all_ones = 0x7f800000 if bits == 32 else 0x7ff0000000000000
    sign_bit = 1 << (bits - 1)
    if magnitude.startswith('nan'):
        payload = int(magnitude.split(':', 1)[1], 16) if ':' in magnitude else (
            F32_QUIET if bits == 32 else F64_QUIET)
        return (sign_bit if sign else 0) | exponent_all_ones | payload
    if magnitude in ('inf', 'infinity'):
        return (sign_bit if sign else 0) | exponent_all_ones
    number = float(text)
    if bits == 32:
        return struct.unpack('<I', struct.pack('<f', number))[0]
    return struct.unpack('<Q', struct.pack('<d', number))[0]


def is_nan(value, bits):
    if bits == 32:
        return (value & 0x7f800000) == 0x7f800000 and (value & 0x007fffff) != 0
    return (value & 0x7ff0000000000000) == 0x7ff0000000000000 and (value & 0x000fffffffffffff) != 0


def same_float(expected, got, bits):
    """'' if the two floats agree by the spec's NaN rules, else why not ('nan' for NaN bits)."""
    if expected == got:
        return ''
    quiet = F32_QUIET if bits == 32 else F64_QUIET
    if is_nan(expected, bits) and is_nan(got, bits):
        if expected & quiet and got & quiet:
            return ''  # both arithmetic NaNs: nondeterministic, allowed
        return 'nan'   # a signalling NaN changed, or an arithmetic NaN became signalling
    return 'value'


def same_v128(expected, got):
    if expected == got:
        return ''
    as_f32 = all(e == g or same_float(e, g, 32) == '' for e, g in zip(expected, got))
    e64 = [expected[0] | expected[1] << 32, expected[2] | expected[3] << 32]
    g64 = [got[0] | got[1] << 32, got[2] | got[3] << 32]
    as_f64 = all(e == g or same_float(e, g, 64) == '' for e, g in zip(e64, g64))
    return '' if as_f32 or as_f64 else 'value'


def compare_value(reference, host):
    """'' if binaryen's untyped `reference` and wasmc's typed `host` value agree, else why not."""
    kind, got = host
    ref_kind, text = reference
    try:
        if kind == 'v128':
            return same_v128(text, got) if ref_kind == 'v128' else 'value'
        if ref_kind != 'text':
            return 'value'
        if kind == 'i32':
            return '' if int(text) & 0xffffffff == got else 'value'
        if kind == 'i64':
            return '' if int(text) & 0xffffffffffffffff == got else 'value'
        if kind == 'f32':
            return same_float(float_bits(text, 32), got, 32)
        if kind == 'f64':
            return same_float(float_bits(text, 64), got, 64)
        return '' if text == got else 'value'  # funcref, externref: function/null/externref(N)
    except ValueError:
        return 'value'


# ---- event streams ------------------------------------------------------------------------------

class Difference:
    def __init__(self, category, export, index, expected, got):
        self.category, self.export, self.index = category, export, index
        self.expected, self.got = expected, got

    def __str__(self):
        where = f'export {self.export}' if self.export else 'instantiation'
        return f'{where}: expected {self.expected}, got {self.got} [{self.category}]'


def event_difference(expected, got):
    """The category of the difference between two events, '' if they agree."""
    if expected.kind != got.kind:
        if expected.kind == 'trap':
            return 'missing trap'
        if got.kind == 'trap':
            return 'unexpected trap'
        return 'different event'
    if expected.kind == 'export':
        return '' if expected.name == got.name else 'different export'
    if expected.kind == 'trap':
        if expected.reason and got.reason and expected.reason != got.reason:
            return 'trap reason'
        return ''
    if expected.kind == 'exception' and (got.text != 'payload' or expected.text == 'unknown values'):
        return ''  # the host could not type the values, or binaryen did not print them
    if expected.kind in ('result', 'log', 'exception'):
        if len(expected.values) != len(got.values):
            return 'value count'
        for reference, host in zip(expected.values, got.values):
            why = compare_value(reference, host)
            if why:
                return 'NaN bits' if why == 'nan' else f'{expected.kind} value'
    return ''


def first_difference(reference_events, host_events):
    """The first Difference between binaryen's and wasmc's events, or None."""
    export = ''
    for index in range(max(len(reference_events), len(host_events))):
        expected = reference_events[index] if index < len(reference_events) else None
        got = host_events[index] if index < len(host_events) else None
        if expected is None or got is None:
            if got is None:
                category = 'missing trap' if expected.kind == 'trap' else 'missing events'
            else:
                category = 'unexpected trap' if got.kind == 'trap' else 'extra events'
            return Difference(category, export, index, expected or 'nothing', got or 'nothing')
        if expected.kind == 'export':
            export = expected.name
        category = event_difference(expected, got)
        if category:
            return Difference(category, export, index, expected, got)
    return None
