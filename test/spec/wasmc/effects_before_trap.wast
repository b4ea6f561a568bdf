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

;; A store that faults loses what came before it as much as a load does: the global is counted
;; before each store, which traps at the fifth (address 65536).
(module
  (memory 1)
  (global $count (mut i32) (i32.const 0))
  (global $calls (mut i32) (i32.const 0))
  (func (export "count_then_store") (param $n i32) (local $i i32)
    (loop $l
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (i32.store (i32.mul (local.get $i) (i32.const 16384)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "count") (result i32) (global.get $count))

  ;; A call that writes a global, before a load that traps.
  (func $note (global.set $calls (i32.add (global.get $calls) (i32.const 1))))
  (func (export "call_then_load") (param $n i32) (result i32) (local $i i32) (local $sum i32)
    (loop $l
      (call $note)
      (local.set $sum
        (i32.add (local.get $sum) (i32.load (i32.mul (local.get $i) (i32.const 16384)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))
  (func (export "calls") (result i32) (global.get $calls))

  ;; The inner loop only reads; the outer one writes a global between inner loops: the inner
  ;; loop's trap must find the outer loop's writes done.
  (func (export "outer_writes") (param $rows i32) (result i32)
    (local $r i32) (local $i i32) (local $sum i32)
    (loop $outer
      (global.set $count (i32.add (global.get $count) (i32.const 100)))
      (local.set $i (i32.const 0))
      (loop $inner
        (local.set $sum (i32.add (local.get $sum)
          (i32.load (i32.add (i32.mul (local.get $r) (i32.const 16384))
                             (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $i) (i32.const 16))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $r) (local.get $rows))))
    (local.get $sum))

  ;; Stores in bounds, then one past the end in the same loop: the stores made stay made.
  (func (export "fill_past_end") (param $from i32) (local $a i32)
    (local.set $a (local.get $from))
    (loop $l
      (i32.store (local.get $a) (i32.const 7))
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br_if $l (i32.ne (local.get $a) (i32.const 65540)))))
  (func (export "at") (param $a i32) (result i32) (i32.load (local.get $a)))
)

(assert_return (invoke "count_then_store" (i32.const 4)))
(assert_return (invoke "count") (i32.const 4))
(assert_trap (invoke "count_then_store" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 9))

(assert_return (invoke "call_then_load" (i32.const 4)) (i32.const 6))
(assert_return (invoke "calls") (i32.const 4))
(assert_trap (invoke "call_then_load" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "calls") (i32.const 9))

(assert_return (invoke "outer_writes" (i32.const 4)) (i32.const 6))
(assert_return (invoke "count") (i32.const 409))
(assert_trap (invoke "outer_writes" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 909))

(assert_trap (invoke "fill_past_end" (i32.const 65520)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 913))
(assert_return (invoke "at" (i32.const 65520)) (i32.const 7))
(assert_return (invoke "at" (i32.const 65532)) (i32.const 7))

;; Without a loop: a global written, a faulting access, the global written again. To LLVM the
;; first write is dead unless what follows the access may end the program and observe memory
;; (found by the fuzzer, seed 659: binaryen's hang-limit counter).
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func (export "store_between") (param $a i32)
    (global.set $g (i32.const 50))
    (i32.store (local.get $a) (i32.const 1))
    (global.set $g (i32.const 60)))
  (func (export "load_between") (param $a i32) (result i32) (local $v i32)
    (global.set $g (i32.const 70))
    (local.set $v (i32.load (local.get $a)))
    (global.set $g (i32.const 80))
    (local.get $v))
  (func (export "memory_between") (param $a i32)
    (i32.store (i32.const 16) (i32.const 90))
    (drop (i32.load (local.get $a)))
    (i32.store (i32.const 16) (i32.const 91)))
  (func (export "g") (result i32) (global.get $g))
  (func (export "at16") (result i32) (i32.load (i32.const 16)))
)
(assert_trap (invoke "store_between" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "g") (i32.const 50))
(assert_trap (invoke "load_between" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "g") (i32.const 70))
(assert_trap (invoke "memory_between" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "at16") (i32.const 90))
(assert_return (invoke "store_between" (i32.const 65532)))
(assert_return (invoke "g") (i32.const 60))

;; A loop whose stores move from iteration to iteration (nothing LICM could keep in a register)
;; and whose stride is not known when it is compiled (so no in-bounds check covers it): its
;; witnesses and barriers go, but it must not be vectorised, which would load several
;; iterations' elements before storing the first. The load of the 67th element faults.
(module
  (memory 1)
  (func (export "copy_strided") (param $dst i32) (param $src i32) (param $n i32) (param $stride i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $stride)))
        (i32.add (i32.load (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $stride))))
                 (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "at") (param $a i32) (result i32) (i32.load (local.get $a)))
)
(assert_return (invoke "copy_strided" (i32.const 1024) (i32.const 64000) (i32.const 64) (i32.const 4)))
(assert_return (invoke "at" (i32.const 1276)) (i32.const 1))
(assert_trap (invoke "copy_strided" (i32.const 2048) (i32.const 65000) (i32.const 100) (i32.const 8))
  "out of bounds memory access")
(assert_return (invoke "at" (i32.const 2048)) (i32.const 1))
(assert_return (invoke "at" (i32.const 2576)) (i32.const 1))
(assert_return (invoke "at" (i32.const 2584)) (i32.const 0))

;; A load from an address that does not change, in a counted loop that is checked in bounds:
;; LICM hoists the load out of the loop and leaves its witness in it; the check covers only the
;; loop's own accesses, so the witness must stay and the load must fault (the fuzzer's seed 2354,
;; which ran on to binaryen's hang limit instead).
(module
  (memory 1)
  (global $budget (mut i32) (i32.const 0))
  (func (export "fixed_load") (param $a i32) (param $n i32) (local $v i64)
    (global.set $budget (local.get $n))
    (loop $l
      (global.set $budget (i32.sub (global.get $budget) (i32.const 1)))
      (local.set $v (i64.load offset=22 (local.get $a)))
      (br_if $l (global.get $budget))))
  (func (export "budget") (result i32) (global.get $budget))
)
(assert_trap (invoke "fixed_load" (i32.const -96) (i32.const 50)) "out of bounds memory access")
(assert_return (invoke "budget") (i32.const 49))
(assert_return (invoke "fixed_load" (i32.const 64) (i32.const 50)))
(assert_return (invoke "budget") (i32.const 0))
