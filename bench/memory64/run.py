#!/usr/bin/env python3
"""The cost of memory64: five memory-bound kernels written once in the text format with the
address type as a parameter, built as a 32-bit memory (guard pages), a 64-bit memory (the
default strategy: clamped addresses) and a 64-bit memory with explicit bounds checks
(WASMC_MEMORY64_BOUNDS_CHECKS=1), each run --runs times; prints the median seconds and the
ratio to 32-bit. Every variant must print the same checksums.

    python3 bench/memory64/run.py --wasmc build/wasmc [--runs 5]
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time

# {A}: the address type. Memory: 64 MiB (1024 pages). Each kernel returns an i64 checksum.
KERNELS = {
    # a[i] = b[i] + 3 * c[i] over 3 x 4M i32 (48 MiB), 20 passes
    'triad': '''
  (func $triad (result i64) (local $i {A}) (local $pass i32) (local $sum i64)
    (loop $passes
      (local.set $i ({A}.const 0))
      (loop $l
        (i32.store offset=0 (local.get $i)
          (i32.add (i32.load offset=16777216 (local.get $i))
                   (i32.mul (i32.const 3) (i32.load offset=33554432 (local.get $i)))))
        (local.set $i ({A}.add (local.get $i) ({A}.const 4)))
        (br_if $l ({A}.lt_u (local.get $i) ({A}.const 16777216))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 20))))
    (i64.extend_i32_u (i32.load ({A}.const 4000))))''',
    # sum of 16M bytes, 12 passes
    'bytesum': '''
  (func $bytesum (result i64) (local $i {A}) (local $pass i32) (local $sum i64)
    (loop $passes
      (local.set $i ({A}.const 0))
      (loop $l
        (local.set $sum (i64.add (local.get $sum) (i64.load8_u (local.get $i))))
        (local.set $i ({A}.add (local.get $i) ({A}.const 1)))
        (br_if $l ({A}.lt_u (local.get $i) ({A}.const 16777216))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 12))))
    (local.get $sum))''',
    # 40M dependent random reads in 64 MiB (an LCG picks each address)
    'gather': '''
  (func $gather (result i64) (local $n i32) (local $x i64) (local $sum i64)
    (local.set $x (i64.const 12345))
    (loop $l
      (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005))
                             (i64.const 1442695040888963407)))
      (local.set $sum (i64.add (local.get $sum)
        (i64.load32_u ({A.from_i64} (i64.and (i64.xor (i64.shr_u (local.get $x) (i64.const 33))
                                                      (local.get $sum))
                                             (i64.const 0x3fffffc))))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $n) (i32.const 40000000))))
    (local.get $sum))''',
    # 1-D three-point stencil over 4M f64 (32 MiB in, 32 MiB out), 8 passes
    'stencil': '''
  (func $stencil (result i64) (local $i {A}) (local $pass i32)
    (loop $passes
      (local.set $i ({A}.const 8))
      (loop $l
        (f64.store offset=33554432 (local.get $i)
          (f64.mul (f64.const 0.333)
            (f64.add (f64.load offset=0 ({A}.sub (local.get $i) ({A}.const 8)))
              (f64.add (f64.load (local.get $i)) (f64.load offset=8 (local.get $i))))))
        (local.set $i ({A}.add (local.get $i) ({A}.const 8)))
        (br_if $l ({A}.lt_u (local.get $i) ({A}.const 33554424))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 8))))
    (i64.trunc_f64_s (f64.mul (f64.const 1000) (f64.load offset=33554432 ({A}.const 800)))))''',
    # sieve of Eratosthenes over 32M bytes, 3 passes
    'sieve': '''
  (func $sieve (result i64) (local $i {A}) (local $j {A}) (local $pass i32) (local $count i64)
    (loop $passes
      (memory.fill ({A}.const 0) (i32.const 1) ({A}.const 33554432))
      (local.set $count (i64.const 0))
      (local.set $i ({A}.const 2))
      (loop $outer
        (if (i32.load8_u (local.get $i))
          (then
            (local.set $count (i64.add (local.get $count) (i64.const 1)))
            (local.set $j ({A}.mul (local.get $i) (local.get $i)))
            (block $done
              (loop $inner
                (br_if $done ({A}.ge_u (local.get $j) ({A}.const 33554432)))
                (i32.store8 (local.get $j) (i32.const 0))
                (local.set $j ({A}.add (local.get $j) (local.get $i)))
                (br $inner)))))
        (local.set $i ({A}.add (local.get $i) ({A}.const 1)))
        (br_if $outer ({A}.lt_u (local.get $i) ({A}.const 33554432))))
      (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
      (br_if $passes (i32.lt_u (local.get $pass) (i32.const 3))))
    (local.get $count))''',
}

MODULE = '''(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") {memtype} 1024)
  {kernel}
  ;; Prints the checksum in hex from address 60000 onwards.
  (func (export "_start") (local $v i64) (local $k i32)
    (local.set $v (call ${name}))
    (local.set $k (i32.const 16))
    (loop $digits
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (i32.store8 ({A.from_i32} (i32.add (i32.const 60000) (local.get $k)))
        (i32.load8_u offset=0 ({A.from_i32} (i32.add (i32.const 59900)
                                  (i32.wrap_i64 (i64.and (local.get $v) (i64.const 15)))))))
      (local.set $v (i64.shr_u (local.get $v) (i64.const 4)))
      (br_if $digits (local.get $k)))
    (i32.store8 ({A.from_i32} (i32.const 60016)) (i32.const 10))
    (i32.store ({A.from_i32} (i32.const 0)) (i32.const 60000))
    (i32.store ({A.from_i32} (i32.const 4)) (i32.const 17))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (data ({A}.const 59900) "0123456789abcdef"))
'''


def source(name, address):
    text = MODULE.replace('{kernel}', KERNELS[name]).replace('{name}', name)
    text = text.replace('{memtype}', 'i64' if address == 'i64' else '')
    # Conversions to the address type (an addition of 0 where there is nothing to convert).
    text = text.replace('{A.from_i64}', 'i32.wrap_i64' if address == 'i32'
                        else 'i64.add (i64.const 0)')
    text = text.replace('{A.from_i32}', 'i64.extend_i32_u' if address == 'i64'
                        else 'i32.add (i32.const 0)')
    return text.replace('{A}', address)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--wasmc', default='build/wasmc')
    parser.add_argument('--wat2wasm', default='wat2wasm')
    parser.add_argument('--runs', type=int, default=5)
    options = parser.parse_args()
    variants = [('32-bit', 'i32', {}), ('64-bit', 'i64', {}),
                ('64-bit checked', 'i64', {'WASMC_MEMORY64_BOUNDS_CHECKS': '1'})]
    print('| kernel | ' + ' | '.join(v[0] for v in variants) + ' |')
    print('|---|' + '---|' * len(variants))
    with tempfile.TemporaryDirectory() as work:
        for name in KERNELS:
            cells, baseline, expected = [], None, None
            for label, address, env in variants:
                stem = os.path.join(work, f'{name}-{label.replace(" ", "-")}')
                with open(stem + '.wat', 'w') as out:
                    out.write(source(name, address))
                subprocess.run([options.wat2wasm, '--enable-memory64', stem + '.wat', '-o',
                                stem + '.wasm'], check=True)
                subprocess.run([options.wasmc, 'build', stem + '.wasm', '-o', stem], check=True,
                               env=dict(os.environ, **env))
                times = []
                for _ in range(options.runs):
                    start = time.perf_counter()
                    ran = subprocess.run([stem], capture_output=True, text=True, check=True)
                    times.append(time.perf_counter() - start)
                    if expected is None:
                        expected = ran.stdout
                    elif ran.stdout != expected:
                        raise SystemExit(f'{name} {label}: {ran.stdout!r} != {expected!r}')
                median = statistics.median(times)
                baseline = baseline or median
                cells.append(f'{median:.3f} ({median / baseline:.2f}x)')
            print(f'| {name} | ' + ' | '.join(cells) + ' |', flush=True)


if __name__ == '__main__':
    main()
