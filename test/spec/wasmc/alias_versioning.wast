;; Alias versioning (codegen/AliasVersioning.cpp): a loop that LoopAddressWidening proved in bounds
;; and widened gets a copy behind a run-time check that no two of its access ranges overlap, in
;; which LICM keeps a load from a loop-invariant address (`a[0]`, `a[i]`) in a register. Each
;; function below stores c[j] += a[0] * b[j] (or the same row by row, or over f64); when a[0] lies
;; in c's range the store changes it part-way and the loop must see the new value. The cases:
;; disjoint, overlapping (a inside c, straddling two elements, at c's first and last element,
;; one byte into c from either side), exactly adjacent either way, the same array (b is c, a is
;; c), zero-trip and one-trip loops, c's addresses wrapping at 2^32 (to the bottom of memory, a in
;; and just past the wrapped range), c ending exactly at the end of memory and one element
;; past it (the trap at the last store, the others done), a past the end (the trap before any
;; store). Memory is checksummed after each. (Written by a generator from wabt's
;; spectest-interp's results.)
(module
  (memory 1)
  (func (export "init") (param $p i32) (param $n i32) (local $k i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (i32.store (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2)))
                   (i32.add (i32.mul (local.get $k) (i32.const 7)) (i32.const 1)))
        (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))))
  (func (export "checksum") (param $p i32) (param $n i32) (result i32) (local $k i32) (local $s i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $s (i32.add (local.get $s)
          (i32.mul (i32.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2))))
                   (i32.add (local.get $k) (i32.const 1)))))
        (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n)))))
    (local.get $s))
  ;; c[j] += a[0] * b[j] for s <= j < n: a[0] is the same address on every iteration, and the
  ;; store to c[j] may write it.
  (func $axpy_from (export "axpy_from") (param $c i32) (param $a i32) (param $b i32) (param $s i32) (param $n i32)
    (local $j i32) (local $o i32)
    (local.set $j (local.get $s))
    (block $done
      (br_if $done (i32.eq (local.get $s) (local.get $n)))
      (loop $l
        (local.set $o (i32.shl (local.get $j) (i32.const 2)))
        (i32.store (i32.add (local.get $c) (local.get $o))
          (i32.add (i32.load (i32.add (local.get $c) (local.get $o)))
                   (i32.mul (i32.load (local.get $a)) (i32.load (i32.add (local.get $b) (local.get $o))))))
        (br_if $l (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))))
  (func (export "axpy") (param $c i32) (param $a i32) (param $b i32) (param $n i32)
    (call $axpy_from (local.get $c) (local.get $a) (local.get $b) (i32.const 0) (local.get $n)))
  ;; c[i*n + j] += a[i] * b[j] for i < m, j < n: a[i] is invariant in the inner loop.
  (func (export "rows") (param $c i32) (param $a i32) (param $b i32) (param $n i32) (param $m i32)
    (local $i i32) (local $j i32) (local $o i32) (local $row i32)
    (block $rows_done
      (br_if $rows_done (i32.eqz (local.get $m)))
      (loop $rows
        (local.set $row (i32.add (local.get $c) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $done
          (br_if $done (i32.eqz (local.get $n)))
          (loop $l
            (local.set $o (i32.shl (local.get $j) (i32.const 2)))
            (i32.store (i32.add (local.get $row) (local.get $o))
              (i32.add (i32.load (i32.add (local.get $row) (local.get $o)))
                       (i32.mul (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
                                (i32.load (i32.add (local.get $b) (local.get $o))))))
            (br_if $l (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n)))))
        (br_if $rows (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $m))))))
  ;; The same over f64 (the vectoriser's own case), c[j] += a[0] * b[j].
  (func (export "axpy_f64") (param $c i32) (param $a i32) (param $b i32) (param $n i32) (local $j i32) (local $o i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (f64.store (i32.add (local.get $c) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $c) (local.get $o)))
                   (f64.mul (f64.load (local.get $a)) (f64.load (i32.add (local.get $b) (local.get $o))))))
        (br_if $l (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))))
  (func (export "init_f64") (param $p i32) (param $n i32) (local $k i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (f64.store (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 3)))
                   (f64.convert_i32_s (i32.sub (i32.and (i32.mul (local.get $k) (i32.const 5)) (i32.const 15)) (i32.const 7))))
        (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))))
  (func (export "checksum_f64") (param $p i32) (param $n i32) (result f64) (local $k i32) (local $s f64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 3))))
                   (f64.convert_i32_s (i32.add (local.get $k) (i32.const 1))))))
        (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n)))))
    (local.get $s))
)

;; disjoint arrays
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 1024) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -1177989796))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] is c[10]: overwritten on the 11th iteration
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4136) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 683722742))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] is c[0]: overwritten on the first iteration
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4096) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 851294903))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] is c's last element
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4892) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 338087672))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] straddles c[10] and c[11]
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4138) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -1532244124))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] exactly after c (adjacent, no overlap)
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4896) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -637482884))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] exactly before c (adjacent, no overlap)
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4092) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -2116296744))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] overlaps c's first byte from below
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4093) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -666727244))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a[0] overlaps c's last byte from above
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4895) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -2124041216))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; b is c (the same array), a apart
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 1024) (i32.const 4096) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -1034551972))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; a, b and c the same
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4096) (i32.const 4096) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -369782089))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; b overlaps c shifted by one element, a inside both
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4496) (i32.const 4100) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1180346680))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; zero-trip loop
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4096) (i32.const 16384) (i32.const 0)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1440036864))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; one iteration, a is c
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4096) (i32.const 16384) (i32.const 1)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1682294785))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; c's addresses wrap at 2^32 to 0..: a[0] is the wrapped c[10]
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy_from" (i32.const 4294967040) (i32.const 40) (i32.const 16384) (i32.const 64) (i32.const 264)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 849799414))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; c's addresses wrap at 2^32, a just past the wrapped range
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy_from" (i32.const 4294967040) (i32.const 800) (i32.const 16384) (i32.const 64) (i32.const 264)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1533097852))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; c ends exactly at the end of memory, a is its 5th-last element
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "axpy" (i32.const 64736) (i32.const 65516) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1440036864))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1546647488))
;; c one element past the end: the last store traps, the others done
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_trap (invoke "axpy" (i32.const 64740) (i32.const 65516) (i32.const 16384) (i32.const 200)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1440036864))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const -536440812))
;; a's last byte past the end of memory: traps before any store
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_trap (invoke "axpy" (i32.const 4096) (i32.const 65533) (i32.const 16384) (i32.const 200)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1440036864))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; rows: a[i] disjoint from c
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "rows" (i32.const 4096) (i32.const 1024) (i32.const 16384) (i32.const 50) (i32.const 8)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 321841100))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; rows: a[i] inside c's 3rd row
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "rows" (i32.const 4096) (i32.const 4508) (i32.const 16384) (i32.const 50) (i32.const 8)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -1669425492))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; rows: a is c (a[i] is c[i], written by row 0)
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "rows" (i32.const 4096) (i32.const 4096) (i32.const 16384) (i32.const 50) (i32.const 8)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const -2085896310))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; rows: c's last row ends at the end of memory, a in it
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "rows" (i32.const 63936) (i32.const 65496) (i32.const 16384) (i32.const 50) (i32.const 8)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1440036864))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const -110258220))
;; rows: zero rows
(assert_return (invoke "init" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "rows" (i32.const 4096) (i32.const 4096) (i32.const 16384) (i32.const 50) (i32.const 0)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4096)) (i32.const 1440036864))
(assert_return (invoke "checksum" (i32.const 49152) (i32.const 4096)) (i32.const 1616197632))
;; f64: disjoint
(assert_return (invoke "init_f64" (i32.const 0) (i32.const 8192)))
(assert_return (invoke "axpy_f64" (i32.const 4096) (i32.const 1024) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum_f64" (i32.const 0) (i32.const 8192)) (f64.const 16358892.000000))
;; f64: a[0] is c[10]
(assert_return (invoke "init_f64" (i32.const 0) (i32.const 8192)))
(assert_return (invoke "axpy_f64" (i32.const 4096) (i32.const 4176) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum_f64" (i32.const 0) (i32.const 8192)) (f64.const 17941574.000000))
;; f64: a[0] exactly after c
(assert_return (invoke "init_f64" (i32.const 0) (i32.const 8192)))
(assert_return (invoke "axpy_f64" (i32.const 4096) (i32.const 5696) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum_f64" (i32.const 0) (i32.const 8192)) (f64.const 16851020.000000))
;; f64: a[0] is c's last element
(assert_return (invoke "init_f64" (i32.const 0) (i32.const 8192)))
(assert_return (invoke "axpy_f64" (i32.const 4096) (i32.const 5688) (i32.const 16384) (i32.const 200)))
(assert_return (invoke "checksum_f64" (i32.const 0) (i32.const 8192)) (f64.const 16543440.000000))
