;; What a function did before it trapped stays done (the spec's traps abort the computation,
;; they do not undo it): global and memory writes made before a load traps must be visible after
;; it. Found by the differential fuzzer (test/difffuzz, seed 659 at -O2): LLVM, taking loads for
;; operations that cannot fail, kept a global in a register across a loop and wrote it back only
;; after the loop, so the trap lost the writes.
(module
  (memory 1)
  (global $count (mut i32) (i32.const 0))
  (global $wide (mut i64) (i64.const 0))

  ;; Counts in a global, then reads 16 KiB further each iteration: traps at the fifth read.
  (func (export "count_in_global") (param $n i32) (result i32) (local $i i32) (local $sum i32)
    (loop $l
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (local.set $sum
        (i32.add (local.get $sum) (i32.load (i32.mul (local.get $i) (i32.const 16384)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))
  (func (export "count") (result i32) (global.get $count))

  ;; The same with the count in memory and an i64 global: traps at the fifth read too.
  (func (export "count_in_memory") (param $n i32) (result i64) (local $i i32) (local $sum i64)
    (loop $l
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
      (global.set $wide (i64.add (global.get $wide) (i64.const 3)))
      (local.set $sum
        (i64.add (local.get $sum) (i64.load offset=8 (i32.mul (local.get $i) (i32.const 16384)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))
  (func (export "count_at_0") (result i32) (i32.load (i32.const 0)))
  (func (export "wide") (result i64) (global.get $wide))
)

(assert_return (invoke "count_in_global" (i32.const 4)) (i32.const 0))
(assert_return (invoke "count") (i32.const 4))
(assert_trap (invoke "count_in_global" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 9))

(assert_trap (invoke "count_in_memory" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "count_at_0") (i32.const 5))
(assert_return (invoke "wide") (i64.const 15))
