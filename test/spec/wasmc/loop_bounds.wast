;; Loops versioned behind a check that none of their accesses can fault (LoopAddressWidening.cpp:
;; the in-bounds check): the check at its boundaries. Each loop runs once where the check holds
;; (the copy without trap witnesses and barriers runs) and once where it fails just so (the
;; original runs and traps, or does not trap because the failing access is never made).
(module
  (memory 1 3)
  (global $count (mut i32) (i32.const 0))

  ;; Sums n i32s from a: for (i = 0; i < n; i++) sum += a[i], counting each element in a global.
  (func (export "sum") (param $a i32) (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (global.set $count (i32.add (global.get $count) (i32.const 1)))
        (local.set $s (i32.add (local.get $s)
          (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
    (local.get $s))

  ;; The same with an i64 load at offset 4 past each element (8 bytes from a + 4i + 4).
  (func (export "sum_wide") (param $a i32) (param $n i32) (result i64) (local $i i32) (local $s i64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $s (i64.add (local.get $s)
          (i64.load offset=4 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
    (local.get $s))

  ;; Fills n i32s from a with v (a store loop, counted in a global).
  (func (export "fill") (param $a i32) (param $n i32) (param $v i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (i32.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))) (local.get $v))
        (global.set $count (i32.add (global.get $count) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))))

  ;; dst[i] = src[i] + 1 for n i32s, forwards; dst and src may overlap.
  (func (export "copy_inc") (param $dst i32) (param $src i32) (param $n i32) (local $i i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
          (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                   (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))))

  ;; Walks down from a in steps of 4 to (and including) address end, storing the count: the
  ;; 32-bit address wraps below 0 when end is "negative".
  (func (export "store_down") (param $a i32) (param $end i32)
    (loop $l
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (i32.store (local.get $a) (global.get $count))
      (local.set $a (i32.sub (local.get $a) (i32.const 4)))
      (br_if $l (i32.ne (local.get $a) (i32.sub (local.get $end) (i32.const 4))))))

  ;; Sums i32s at a + 4i for i from 0 while a + 4i != end (the loop counts in its address, which
  ;; may wrap around 2^32 back into memory).
  (func (export "sum_to") (param $a i32) (param $end i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $a))))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br_if $l (i32.ne (local.get $a) (local.get $end))))
    (local.get $s))

  (func (export "count") (result i32) (global.get $count))
  (func (export "reset") (global.set $count (i32.const 0)))
  (func (export "at") (param $a i32) (result i32) (i32.load (local.get $a)))
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
)

;; The last element in bounds, then one past it.
(assert_return (invoke "fill" (i32.const 65528) (i32.const 2) (i32.const 5)))
(assert_return (invoke "sum" (i32.const 65528) (i32.const 2)) (i32.const 10))
(assert_return (invoke "sum_wide" (i32.const 65520) (i32.const 2)) (i64.const 0xa_0000_0005))
(assert_trap (invoke "sum_wide" (i32.const 65520) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "reset"))
(assert_trap (invoke "sum" (i32.const 65528) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 3))
(assert_trap (invoke "fill" (i32.const 65520) (i32.const 5) (i32.const 9)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 7))
(assert_return (invoke "at" (i32.const 65532)) (i32.const 9))

;; Zero-trip loops: no access, however far out of bounds.
(assert_return (invoke "sum" (i32.const 0xfffffff0) (i32.const 0)) (i32.const 0))
(assert_return (invoke "fill" (i32.const 0x7fff0000) (i32.const 0) (i32.const 1)))
(assert_return (invoke "count") (i32.const 7))

;; Addresses that wrap at 2^32 (back into memory: only the check's 64-bit arithmetic can tell):
;; from a = 0xfffffff8 the first access faults; from a = 8, 2^30 elements end at 4, wrapped,
;; and the access at 65536 faults first; a loop that counts in its address to 16 from 0xfffffff8.
(assert_trap (invoke "sum" (i32.const 0xfffffff8) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "reset"))
(assert_trap (invoke "sum" (i32.const 8) (i32.const 0x4000_0000)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 16383))
(assert_return (invoke "fill" (i32.const 0) (i32.const 4) (i32.const 3)))
(assert_trap (invoke "sum_to" (i32.const 0xfffffff8) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "sum_to" (i32.const 0) (i32.const 16)) (i32.const 12))
(assert_return (invoke "reset"))
(assert_trap (invoke "store_down" (i32.const 12) (i32.const -8)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 5))
(assert_return (invoke "at" (i32.const 0)) (i32.const 4))
(assert_return (invoke "at" (i32.const 12)) (i32.const 1))
(assert_return (invoke "store_down" (i32.const 12) (i32.const 0)))
(assert_return (invoke "at" (i32.const 0)) (i32.const 9))

;; Overlapping arrays: each element copied forwards onto the next sees the one before it.
(assert_return (invoke "fill" (i32.const 1024) (i32.const 64) (i32.const 0)))
(assert_return (invoke "copy_inc" (i32.const 1028) (i32.const 1024) (i32.const 63)))
(assert_return (invoke "at" (i32.const 1028)) (i32.const 1))
(assert_return (invoke "at" (i32.const 1100)) (i32.const 19))
(assert_return (invoke "at" (i32.const 1276)) (i32.const 63))
(assert_return (invoke "copy_inc" (i32.const 1024) (i32.const 1028) (i32.const 63)))
(assert_return (invoke "at" (i32.const 1024)) (i32.const 2))
(assert_return (invoke "at" (i32.const 1272)) (i32.const 64))
(assert_return (invoke "at" (i32.const 1276)) (i32.const 63))
;; A copy that runs off the end: what it stored before the trap stays.
(assert_trap (invoke "copy_inc" (i32.const 65500) (i32.const 1024) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "at" (i32.const 65532)) (i32.const 11))

;; The check reads the memory's current size: after memory.grow the same loop is in bounds.
(assert_trap (invoke "fill" (i32.const 65536) (i32.const 4) (i32.const 6)) "out of bounds memory access")
(assert_return (invoke "grow") (i32.const 1))
(assert_return (invoke "fill" (i32.const 65536) (i32.const 4) (i32.const 6)))
(assert_return (invoke "sum" (i32.const 65536) (i32.const 4)) (i32.const 24))
(assert_return (invoke "sum" (i32.const 131064) (i32.const 2)) (i32.const 0))
(assert_trap (invoke "sum" (i32.const 131064) (i32.const 3)) "out of bounds memory access")
