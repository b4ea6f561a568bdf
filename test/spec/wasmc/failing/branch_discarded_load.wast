;; A load whose value a taken br_if discards still traps out of bounds (issue 12, finding 11).
;; On main dfb5743 (trap witnesses) the other forms trap (unused_loads.wast, dropped_loads.wast);
;; this one does not at -O2.
(module
  (memory 1)
  (func (export "left_by_br_if") (param $c i32) (result i32)
    (block (result i32) (i32.load (i32.const 65536)) (i32.const 5) (local.get $c) (br_if 0) (drop)))
  (func (export "left_by_br_if_at") (param $a i32) (param $c i32) (result i32)
    (block (result i32) (i32.load (local.get $a)) (i32.const 5) (local.get $c) (br_if 0) (drop)))
)

(assert_trap (invoke "left_by_br_if" (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "left_by_br_if" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "left_by_br_if_at" (i32.const 65532) (i32.const 1)) (i32.const 5))
(assert_trap (invoke "left_by_br_if_at" (i32.const 65533) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "left_by_br_if_at" (i32.const 65533) (i32.const 0)) "out of bounds memory access")
