;; Every load names bytes that must be in bounds: a load whose value is never used still traps
;; when they are not, and so does a load of which only some bytes are used (issue 12, finding 11:
;; instruction selection dropped loads left on the operand stack, LLVM deleted loads dead after
;; optimisation and narrowed loads straddling the end of memory to in-bounds ones).
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))

  ;; The value is left on the operand stack and discarded by the branch.
  (func (export "left_by_return") (result i32)
    (i32.load (i32.const 16777216)) (i32.const 5) (return))
  (func (export "left_by_br") (result i32)
    (block (result i32) (i32.load (i32.const 16777216)) (i32.const 5) (br 0)))
  (func (export "left_by_br_if") (param $c i32) (result i32)
    (block (result i32) (i32.load (i32.const 65536)) (i32.const 5) (local.get $c) (br_if 0) (drop)))

  ;; The value goes into an operation whose result is dropped (found by the fuzzer, seeds 1783
  ;; and 5388, at -O0 as well).
  (func (export "dropped_and") (param $a i32)
    (drop (i32.and (i32.load (local.get $a)) (i32.const 15))))
  (func (export "dropped_select_condition") (param $a i32)
    (drop (select (i32.const 1) (i32.const 2) (i32.load offset=22 align=2 (local.get $a)))))

  ;; The value dies after optimisation.
  (func (export "overwritten_local") (param $a i32) (result i32) (local $x i32)
    (local.set $x (i32.load (local.get $a)))
    (local.set $x (i32.const 7))
    (local.get $x))
  (func (export "times_zero") (param $a i32) (result i32)
    (i32.mul (i32.load (local.get $a)) (i32.const 0)))
  (func (export "unused_in_loop") (param $a i32) (param $n i32) (result i32) (local $i i32)
    (loop $l
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (drop (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 12)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))

  ;; Only some of the bytes are used: the others must be in bounds all the same.
  (func (export "wrap_i64_load") (param $a i32) (result i32)
    (i32.wrap_i64 (i64.load (local.get $a))))
  (func (export "wrap_i64_load_at_end") (result i32)
    (i32.wrap_i64 (i64.load (i32.const 65529))))
  (func (export "low_byte") (param $a i32) (result i32)
    (i32.and (i32.load (local.get $a)) (i32.const 0xff)))
  (func (export "low_byte_at_end") (result i32)
    (i32.and (i32.load (i32.const 65533)) (i32.const 0xff)))
  (func (export "lane_0") (param $a i32) (result i32)
    (i32x4.extract_lane 0 (v128.load (local.get $a))))
  (func (export "lane_0_at_end") (result i32)
    (i32x4.extract_lane 0 (v128.load (i32.const 65521))))
)

(assert_trap (invoke "left_by_return") "out of bounds memory access")
(assert_trap (invoke "left_by_br") "out of bounds memory access")
(assert_trap (invoke "left_by_br_if" (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "left_by_br_if" (i32.const 0)) "out of bounds memory access")

(assert_return (invoke "dropped_and" (i32.const 65532)))
(assert_trap (invoke "dropped_and" (i32.const 65533)) "out of bounds memory access")
(assert_trap (invoke "dropped_and" (i32.const -23234)) "out of bounds memory access")
(assert_return (invoke "dropped_select_condition" (i32.const 65510)))
(assert_trap (invoke "dropped_select_condition" (i32.const 65511)) "out of bounds memory access")
(assert_trap (invoke "dropped_select_condition" (i32.const 536870912)) "out of bounds memory access")

(assert_return (invoke "overwritten_local" (i32.const 65532)) (i32.const 7))
(assert_trap (invoke "overwritten_local" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "times_zero" (i32.const 0)) (i32.const 0))
(assert_trap (invoke "times_zero" (i32.const 65536)) "out of bounds memory access")
(assert_trap (invoke "times_zero" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "unused_in_loop" (i32.const 0) (i32.const 15)) (i32.const 15))
(assert_trap (invoke "unused_in_loop" (i32.const 0) (i32.const 17)) "out of bounds memory access")

(assert_return (invoke "wrap_i64_load" (i32.const 65528)) (i32.const 0))
(assert_trap (invoke "wrap_i64_load" (i32.const 65529)) "out of bounds memory access")
(assert_trap (invoke "wrap_i64_load_at_end") "out of bounds memory access")
(assert_return (invoke "low_byte" (i32.const 65532)) (i32.const 0))
(assert_trap (invoke "low_byte" (i32.const 65533)) "out of bounds memory access")
(assert_trap (invoke "low_byte_at_end") "out of bounds memory access")
(assert_return (invoke "lane_0" (i32.const 65520)) (i32.const 0))
(assert_trap (invoke "lane_0" (i32.const 65521)) "out of bounds memory access")
(assert_trap (invoke "lane_0_at_end") "out of bounds memory access")
