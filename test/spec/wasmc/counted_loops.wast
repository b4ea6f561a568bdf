;; Counted loops in the shape clang's wasm code has (`i += step; br_if (i != end)`, accesses a
;; constant apart), which wasmc versions so that LLVM can vectorise them: the versioned loop may
;; only run when the counter reaches `end` without wrapping and no address wraps around 2^32.
;; Each case below breaks one of those conditions (a wrapping address, a counter that never meets
;; `end`, start == end, a counter that wraps through 0, overlapping source and destination, a trap
;; in the middle), and must behave exactly as the wasm semantics say.
(module
  (memory 1)
  (func $fill
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 65536)))))
  (start $fill)

  ;; A hash of the bytes [from, from + n).
  (func (export "checksum") (param $from i32) (param $n i32) (result i32)
    (local $i i32) (local $h i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31))
                               (i32.load8_u (i32.add (local.get $from) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $h))

  ;; The shape of clang's unrolled wasm loops: a counter stepping by 8 to an exact end, two
  ;; accesses a constant apart per iteration.
  (func (export "sum_pairs") (param $base i32) (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $sum i32) (local $at i32)
    (local.set $i (local.get $start))
    (loop $l
      (local.set $at (i32.add (local.get $base) (local.get $i)))
      (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $at))))
      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $at) (i32.const 4)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (local.get $end))))
    (local.get $sum))

  ;; dst[i] += k * src[i], two elements per iteration.
  (func (export "axpy_pairs") (param $dst i32) (param $src i32) (param $k i32) (param $start i32) (param $end i32)
    (local $i i32) (local $d i32) (local $s i32)
    (local.set $i (local.get $start))
    (loop $l
      (local.set $d (i32.add (local.get $dst) (local.get $i)))
      (local.set $s (i32.add (local.get $src) (local.get $i)))
      (i32.store (local.get $d)
        (i32.add (i32.load (local.get $d)) (i32.mul (local.get $k) (i32.load (local.get $s)))))
      (i32.store (i32.add (local.get $d) (i32.const 4))
        (i32.add (i32.load (i32.add (local.get $d) (i32.const 4)))
                 (i32.mul (local.get $k) (i32.load (i32.add (local.get $s) (i32.const 4))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (local.get $end)))))

  ;; dst[n - 1 - i] = src[i]: addresses that fall as the counter rises.
  (func (export "reverse_copy") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.sub (i32.add (local.get $dst) (local.get $n)) (i32.add (local.get $i) (i32.const 1)))
                  (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
)

(assert_return (invoke "sum_pairs" (i32.const 0) (i32.const 0) (i32.const 4096)) (i32.const -33422336))
(assert_return (invoke "sum_pairs" (i32.const 0x1000) (i32.const 0) (i32.const 0x800)) (i32.const -16711168))
(assert_return (invoke "sum_pairs" (i32.const 0xfffff000) (i32.const 0x1000) (i32.const 0x2000)) (i32.const -33422336))
(assert_return (invoke "sum_pairs" (i32.const 0) (i32.const 0) (i32.const 0x1000)) (i32.const -33422336))
(assert_return (invoke "sum_pairs" (i32.const 16) (i32.const 0xfffffff0) (i32.const 0x10)) (i32.const -744791256))
(assert_return (invoke "sum_pairs" (i32.const 0) (i32.const 0) (i32.const 0x20)) (i32.const -744791256))
(assert_trap (invoke "sum_pairs" (i32.const 0xffffffe0) (i32.const 0) (i32.const 0x20)) "out of bounds memory access")
(assert_trap (invoke "sum_pairs" (i32.const 0) (i32.const 0) (i32.const 12)) "out of bounds memory access")
(assert_trap (invoke "sum_pairs" (i32.const 0) (i32.const 0) (i32.const 0x1004)) "out of bounds memory access")
(assert_trap (invoke "sum_pairs" (i32.const 0x100) (i32.const 0x10) (i32.const 0x1014)) "out of bounds memory access")
(assert_trap (invoke "sum_pairs" (i32.const 0) (i32.const 64) (i32.const 64)) "out of bounds memory access")
(assert_trap (invoke "sum_pairs" (i32.const 0xfff8) (i32.const 0) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "sum_pairs" (i32.const 0) (i32.const 0xff00) (i32.const 0x10000)) (i32.const -1612701632))
(assert_trap (invoke "sum_pairs" (i32.const 0) (i32.const 0xff08) (i32.const 0x10008)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0x4000) (i32.const 0x2000)) (i32.const -86118400))
(assert_return (invoke "axpy_pairs" (i32.const 0x4000) (i32.const 0x8000) (i32.const 3) (i32.const 0) (i32.const 0x1000)))
(assert_return (invoke "checksum" (i32.const 0x4000) (i32.const 0x2000)) (i32.const -1709269504))
(assert_return (invoke "axpy_pairs" (i32.const 0x4004) (i32.const 0x4000) (i32.const 5) (i32.const 0) (i32.const 0x1000)))
(assert_return (invoke "checksum" (i32.const 0x4000) (i32.const 0x2000)) (i32.const 146178174))
(assert_return (invoke "axpy_pairs" (i32.const 0x4000) (i32.const 0x4004) (i32.const 7) (i32.const 0) (i32.const 0x1000)))
(assert_return (invoke "checksum" (i32.const 0x4000) (i32.const 0x2000)) (i32.const 1724943984))
(assert_return (invoke "axpy_pairs" (i32.const 0x4000) (i32.const 0x4000) (i32.const 2) (i32.const 0) (i32.const 0x1000)))
(assert_return (invoke "checksum" (i32.const 0x4000) (i32.const 0x2000)) (i32.const 1796381633))
(assert_return (invoke "axpy_pairs" (i32.const 0x5000) (i32.const 0x4000) (i32.const -1) (i32.const 0) (i32.const 0x2000)))
(assert_return (invoke "checksum" (i32.const 0x4000) (i32.const 0x2000)) (i32.const 2010247278))
(assert_return (invoke "axpy_pairs" (i32.const 0xfffff000) (i32.const 0x8000) (i32.const 9) (i32.const 0x1000) (i32.const 0x2000)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 0x1000)) (i32.const 249658352))
(assert_trap (invoke "axpy_pairs" (i32.const 0xfffff000) (i32.const 0x8000) (i32.const 9) (i32.const 0x1000) (i32.const 0x1004)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0) (i32.const 0x1000)) (i32.const 1097971184))
(assert_trap (invoke "axpy_pairs" (i32.const 0xc000) (i32.const 0x8000) (i32.const 11) (i32.const 0x3ff8) (i32.const 0x4008)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0xc000) (i32.const 0x4000)) (i32.const 1663289736))
(assert_return (invoke "reverse_copy" (i32.const 0x9000) (i32.const 0x100) (i32.const 0x1000)))
(assert_return (invoke "checksum" (i32.const 0x9000) (i32.const 0x1000)) (i32.const 622434224))
(assert_trap (invoke "reverse_copy" (i32.const 0xfffffff0) (i32.const 0x100) (i32.const 0x80)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0) (i32.const 0x80)) (i32.const 109209083))
(assert_return (invoke "reverse_copy" (i32.const 0x20) (i32.const 0x100) (i32.const 0x80)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 0x80)) (i32.const -322847140))
(assert_return (invoke "reverse_copy" (i32.const 0x9100) (i32.const 0x9000) (i32.const 0x200)))
(assert_return (invoke "checksum" (i32.const 0x9000) (i32.const 0x400)) (i32.const -894004127))

;; A 4 GiB memory, where addresses that wrap around 2^32 are valid: the versioned loop would
;; reach past 4 GiB and trap.
(module
  (memory 65536)
  (func $fill
    (local $i i32)
    (local.set $i (i32.const 0xfffffe00))
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (i32.const 0x200)))))
  (start $fill)

  (func (export "checksum") (param $from i32) (param $n i32) (result i32)
    (local $i i32) (local $h i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31))
                               (i32.load8_u (i32.add (local.get $from) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $h))

  (func (export "sum_pairs") (param $base i32) (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $sum i32) (local $at i32)
    (local.set $i (local.get $start))
    (loop $l
      (local.set $at (i32.add (local.get $base) (local.get $i)))
      (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $at))))
      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $at) (i32.const 4)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (local.get $end))))
    (local.get $sum))

  ;; One byte from each 64 KiB page: with start == end the counter runs all the way round.
  (func (export "sum_pages") (param $base i32) (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $sum i32)
    (local.set $i (local.get $start))
    (loop $l
      (local.set $sum (i32.add (i32.mul (local.get $sum) (i32.const 3))
                               (i32.load8_u (i32.add (local.get $base) (local.get $i)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 0x10000))) (local.get $end))))
    (local.get $sum))

  (func (export "reverse_copy") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.sub (i32.add (local.get $dst) (local.get $n)) (i32.add (local.get $i) (i32.const 1)))
                  (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))

  ;; dst[-i] = src[i], two bytes per iteration: addresses that fall below 0 wrap to the top.
  (func (export "reverse_pairs") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.sub (local.get $dst) (local.get $i))
                  (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (i32.store8 (i32.sub (i32.sub (local.get $dst) (local.get $i)) (i32.const 1))
                  (i32.load8_u offset=1 (i32.add (local.get $src) (local.get $i))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $n)))))
)

(assert_return (invoke "sum_pairs" (i32.const 0xffffff00) (i32.const 0) (i32.const 0x200)) (i32.const 1069564032))
(assert_return (invoke "sum_pairs" (i32.const 0) (i32.const 0xffffff00) (i32.const 0x100)) (i32.const 1069564032))
(assert_return (invoke "sum_pairs" (i32.const 0xfffffff8) (i32.const 0) (i32.const 8)) (i32.const -573587022))
(assert_return (invoke "sum_pages" (i32.const 0x10000) (i32.const 0x10000) (i32.const 0x10000)) (i32.const 9))
(assert_return (invoke "sum_pages" (i32.const 0x40) (i32.const 0) (i32.const 0)) (i32.const 636747841))
(assert_return (invoke "sum_pages" (i32.const 0x10000) (i32.const 0xfffe0000) (i32.const 0x20000)) (i32.const 27))
(assert_return (invoke "reverse_copy" (i32.const 0xffffff80) (i32.const 0x100) (i32.const 0x100)))
(assert_return (invoke "checksum" (i32.const 0xffffff80) (i32.const 0x80)) (i32.const 688357440))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 0x80)) (i32.const -1492418496))
(assert_return (invoke "reverse_pairs" (i32.const 0x41) (i32.const 0x100) (i32.const 0x100)))
(assert_return (invoke "checksum" (i32.const 0xffffff00) (i32.const 0x100)) (i32.const 412507886))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 0x80)) (i32.const 504140288))
(assert_return (invoke "reverse_pairs" (i32.const 0x1041) (i32.const 0x100) (i32.const 0x100)))
(assert_return (invoke "checksum" (i32.const 0xf00) (i32.const 0x200)) (i32.const -322363264))
