;; A load traps out of bounds even when it only feeds an operation whose result is dropped, or
;; is dropped in a loop: forms the differential fuzzer found not trapping (test/difffuzz, seeds
;; 1783 and 5388 at -O0 and -O2, on main before the trap witnesses of issue 12, finding 11).
;; test/spec/wasmc/unused_loads.wast has the other forms.
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func (export "dropped_and") (param $a i32)
    (drop (i32.and (i32.load (local.get $a)) (i32.const 15))))
  (func (export "dropped_select_condition") (param $a i32)
    (drop (select (i32.const 1) (i32.const 2) (i32.load offset=22 align=2 (local.get $a)))))
  (func (export "dropped_in_loop") (param $a i32) (param $n i32) (result i32) (local $i i32)
    (loop $l
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (drop (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 12)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
)

(assert_return (invoke "dropped_and" (i32.const 65532)))
(assert_trap (invoke "dropped_and" (i32.const 65533)) "out of bounds memory access")
(assert_trap (invoke "dropped_and" (i32.const -23234)) "out of bounds memory access")
(assert_return (invoke "dropped_select_condition" (i32.const 65510)))
(assert_trap (invoke "dropped_select_condition" (i32.const 65511)) "out of bounds memory access")
(assert_trap (invoke "dropped_select_condition" (i32.const 536870912)) "out of bounds memory access")
(assert_return (invoke "dropped_in_loop" (i32.const 0) (i32.const 15)) (i32.const 15))
(assert_trap (invoke "dropped_in_loop" (i32.const 0) (i32.const 17)) "out of bounds memory access")
