;; Loops whose trip count LLVM computes (constant bounds, or `i < n`) have their addresses widened
;; to 64 bits too (LoopAddressWidening.cpp): `base + zext(i32 sum)` becomes `base + zext(start) +
;; stride * i + c`, behind a check that no sum wraps around 2^32, and that check is left out where
;; SCEV proves it (constant bounds and constant bases). Each case below is right only if the check
;; (or the proof) is exact: the last access exactly at the end of memory and the first one past
;; it, constant-trip loops that run off the end (the trap at the right iteration, the stores
;; before it done), zero-trip loops, a loop writing its own next input, sums that wrap at 2^32 in
;; a 4 GiB memory (where the wrapped address is valid and the widened one is not), and a check
;; after memory.grow in the same function.
(module
  (memory 1 3)

  ;; Stores v + i at a + 4i for i < n (n may be 0: the loop is guarded).
  (func (export "fill") (param $a i32) (param $n i32) (param $v i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (i32.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))
                   (i32.add (local.get $v) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))))

  ;; The same with constant bounds and a constant base: 1000 stores whose last ends exactly at
  ;; the end of the first page, then 1001 (the last one past it).
  (func (export "fill_to_end") (param $v i32) (local $i i32)
    (loop $l
      (i32.store (i32.add (i32.const 61536) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (local.get $v) (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000)))))
  (func (export "fill_past_end") (param $v i32) (local $i i32)
    (loop $l
      (i32.store (i32.add (i32.const 61536) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (local.get $v) (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1001)))))
  ;; Grows memory by a page, then runs the loop above: the size checked is the grown one.
  (func (export "grow_then_fill_past_end") (param $v i32) (result i32) (local $i i32) (local $old i32)
    (local.set $old (memory.grow (i32.const 1)))
    (loop $l
      (i32.store (i32.add (i32.const 61536) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (local.get $v) (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1001))))
    (local.get $old))

  ;; Constant bounds and base, counting down through address 0: 1000 stores at 3992 - 4i, the
  ;; last at -4 (that is 0xfffffffc, out of bounds).
  (func (export "store_down_through_zero") (param $v i32) (local $i i32)
    (loop $l
      (i32.store (i32.sub (i32.const 3992) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (local.get $v) (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000)))))

  ;; Constant bounds and base: the sum of 1000 i32s from 0x4000, and their prefix sums in place,
  ;; a[i + 1] += a[i] (each iteration reads what the one before wrote).
  (func (export "sum_block") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (i32.const 0x4000) (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
    (local.get $s))
  (func (export "prefix_sums") (local $i i32) (local $p i32)
    (loop $l
      (local.set $p (i32.add (i32.const 0x4000) (i32.shl (local.get $i) (i32.const 2))))
      (i32.store offset=4 (local.get $p)
        (i32.add (i32.load (local.get $p)) (i32.load offset=4 (local.get $p))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 999)))))

  (func (export "at") (param $a i32) (result i32) (i32.load (local.get $a)))
)

;; The last store exactly at the end of memory, then one past it: the trap comes at that store,
;; after all the others.
(assert_return (invoke "fill" (i32.const 65528) (i32.const 2) (i32.const 5)))
(assert_return (invoke "at" (i32.const 65532)) (i32.const 6))
(assert_trap (invoke "fill" (i32.const 65528) (i32.const 3) (i32.const 7)) "out of bounds memory access")
(assert_return (invoke "at" (i32.const 65528)) (i32.const 7))
(assert_return (invoke "at" (i32.const 65532)) (i32.const 8))
(assert_return (invoke "fill_to_end" (i32.const 100)))
(assert_return (invoke "at" (i32.const 61536)) (i32.const 100))
(assert_return (invoke "at" (i32.const 65532)) (i32.const 1099))
(assert_trap (invoke "fill_past_end" (i32.const 2000)) "out of bounds memory access")
(assert_return (invoke "at" (i32.const 61536)) (i32.const 2000))
(assert_return (invoke "at" (i32.const 65532)) (i32.const 2999))

;; Zero-trip loops make no access, wherever they point.
(assert_return (invoke "fill" (i32.const 0xfffffff0) (i32.const 0) (i32.const 1)))
(assert_return (invoke "fill" (i32.const 65536) (i32.const 0) (i32.const 1)))

;; Sums that wrap: from 0xfffffff8 the first store is already out of bounds (the third would
;; be at 0); the loop counting down stores 999 values, down to address 0, and traps at
;; 0xfffffffc.
(assert_trap (invoke "fill" (i32.const 0xfffffff8) (i32.const 4) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "at" (i32.const 0)) (i32.const 0))
(assert_trap (invoke "store_down_through_zero" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "at" (i32.const 3992)) (i32.const 10))
(assert_return (invoke "at" (i32.const 4)) (i32.const 1007))
(assert_return (invoke "at" (i32.const 0)) (i32.const 1008))

;; Reads and writes at constant addresses, each iteration reading the one before's store.
(assert_return (invoke "fill" (i32.const 0x4000) (i32.const 1000) (i32.const 0)))
(assert_return (invoke "sum_block") (i32.const 499500))
(assert_return (invoke "prefix_sums"))
(assert_return (invoke "at" (i32.const 0x4000)) (i32.const 0))
(assert_return (invoke "at" (i32.const 0x400c)) (i32.const 6))
(assert_return (invoke "at" (i32.const 0x4f9c)) (i32.const 499500))
(assert_return (invoke "sum_block") (i32.const 166666500))

;; After memory.grow in the same function, the loop that ran off the end fits.
(assert_return (invoke "grow_then_fill_past_end" (i32.const 3000)) (i32.const 1))
(assert_return (invoke "at" (i32.const 65536)) (i32.const 4000))

;; A 4 GiB memory, where a sum that wraps around 2^32 addresses valid memory: the widened loop
;; would reach past 4 GiB and fault.
(module
  (memory 65536)

  ;; Stores v + i at a + 64i for 1024 iterations (constant bounds).
  (func (export "spread") (param $a i32) (param $v i32) (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 6)))
                 (i32.add (local.get $v) (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024)))))
  ;; The same from the constant base 0xffff8000: the 512th store wraps to address 0.
  (func (export "spread_wrapping") (param $v i32) (local $i i32)
    (loop $l
      (i32.store (i32.add (i32.const 0xffff8000) (i32.shl (local.get $i) (i32.const 6)))
                 (i32.add (local.get $v) (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024)))))
  ;; The sum of what `spread` stored from a.
  (func (export "sum_spread") (param $a i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 6))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024))))
    (local.get $s))

  (func (export "at") (param $a i32) (result i32) (i32.load (local.get $a)))
)

;; The last store ends exactly at 2^32 (no sum wraps), then sums that wrap on the last iteration,
;; half-way, and on the second.
(assert_return (invoke "spread" (i32.const 0xffff003c) (i32.const 1)))
(assert_return (invoke "at" (i32.const 0xfffffffc)) (i32.const 1024))
(assert_return (invoke "at" (i32.const 0)) (i32.const 0))
(assert_return (invoke "sum_spread" (i32.const 0xffff003c)) (i32.const 524800))
(assert_return (invoke "spread" (i32.const 0xffff0040) (i32.const 2000)))
(assert_return (invoke "at" (i32.const 0xffffffc0)) (i32.const 3022))
(assert_return (invoke "at" (i32.const 0)) (i32.const 3023))
(assert_return (invoke "sum_spread" (i32.const 0xffff0040)) (i32.const 2571776))
(assert_return (invoke "spread_wrapping" (i32.const 5000)))
(assert_return (invoke "at" (i32.const 0xffffffc0)) (i32.const 5511))
(assert_return (invoke "at" (i32.const 0)) (i32.const 5512))
(assert_return (invoke "at" (i32.const 0x7fc0)) (i32.const 6023))
(assert_return (invoke "sum_spread" (i32.const 0xffff8000)) (i32.const 5643776))
(assert_return (invoke "spread" (i32.const 0xffffffc0) (i32.const 7000)))
(assert_return (invoke "at" (i32.const 0xffffffc0)) (i32.const 7000))
(assert_return (invoke "at" (i32.const 0)) (i32.const 7001))
(assert_return (invoke "at" (i32.const 0xff80)) (i32.const 8023))
