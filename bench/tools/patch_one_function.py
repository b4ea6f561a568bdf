#!/usr/bin/env python3
"""A one-function edit of a wasm module, for measuring rebuilds (bench/COMPILE.md): adds 1 to the
first small one-byte operand after an i32.const opcode byte in the body of the first defined
function from N on that has one. Only that body's bytes change (a byte that merely looks like
i32.const may be hit: `wasmc build` validates the result).

    python3 bench/tools/patch_one_function.py in.wasm out.wasm N"""
import sys


def uleb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7f) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def main():
    data = bytearray(open(sys.argv[1], 'rb').read())
    first = int(sys.argv[3])
    pos = 8
    while pos < len(data):
        section = data[pos]
        size, body = uleb(data, pos + 1)
        if section == 10:  # code
            count, entry = uleb(data, body)
            for index in range(count):
                length, start = uleb(data, entry)
                if index >= first:
                    for q in range(start, start + length - 1):
                        if data[q] == 0x41 and 1 < data[q + 1] < 0x3f:
                            data[q + 1] += 1
                            open(sys.argv[2], 'wb').write(data)
                            print(f'defined function {index}: the byte at offset {q + 1} changed')
                            return 0
                entry = start + length
        pos = body + size
    print('nothing changed', file=sys.stderr)
    return 1


if __name__ == '__main__':
    sys.exit(main())
