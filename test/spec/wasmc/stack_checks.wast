;; Stack exhaustion must be caught however inlining reshapes the recursion: through small
;; functions that get inlined, mutual recursion in a loop, call_indirect and an import; and
;; functions whose calls were all inlined must still compute the right thing.
(module
  (type $i32->i32 (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $indirect $leaf)

  ;; $outer calls $small (inlined into it), which calls $outer: unbounded recursion.
  (func $small (param i32) (result i32)
    (i32.add (call $outer (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func $outer (export "inlined-recursion") (param i32) (result i32)
    (call $small (local.get 0)))

  ;; The same, bounded: recursion depth n, through the inlined function.
  (func $small-bounded (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (call $bounded (i32.sub (local.get 0) (i32.const 1))) (i32.const 2)))))
  (func $bounded (export "bounded") (param i32) (result i32)
    (call $small-bounded (local.get 0)))

  ;; Mutual recursion in a loop: the inlined callee's check sits inside the caller's loop.
  (func $ping (export "ping") (param i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum) (call $pong (local.get 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 2))))
    (local.get $sum))
  (func $pong (param i32) (result i32) (call $ping (local.get 0)))

  ;; Recursion through the table.
  (func $indirect (export "indirect") (param i32) (result i32)
    (call_indirect (type $i32->i32) (i32.add (local.get 0) (i32.const 1)) (i32.const 0)))

  ;; Leaves after inlining: $caller only calls $leaf and $leaf2, which get inlined.
  (func $leaf (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
  (func $leaf2 (param i32) (result i32) (i32.add (call $leaf (local.get 0)) (i32.const 7)))
  (func (export "caller") (param i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $leaf2 (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
    (local.get $acc))
)

(assert_exhaustion (invoke "inlined-recursion" (i32.const 0)) "call stack exhausted")
(assert_return (invoke "bounded" (i32.const 0)) (i32.const 0))
(assert_return (invoke "bounded" (i32.const 1000)) (i32.const 2000))
(assert_exhaustion (invoke "ping" (i32.const 1)) "call stack exhausted")
(assert_exhaustion (invoke "indirect" (i32.const 0)) "call stack exhausted")
(assert_return (invoke "caller" (i32.const 1)) (i32.const 7))
(assert_return (invoke "caller" (i32.const 100)) (i32.const 15550))
;; After an exhaustion, the instance still works.
(assert_return (invoke "bounded" (i32.const 10)) (i32.const 20))

;; Recursion through an imported function of another instance.
(module $M
  (func (export "bounce") (param i32) (result i32) (local.get 0)))
(register "M" $M)
(module
  (import "M" "bounce" (func $bounce (param i32) (result i32)))
  (func $rec (export "through-import") (param i32) (result i32)
    (call $rec (call $bounce (local.get 0)))))
(assert_exhaustion (invoke "through-import" (i32.const 1)) "call stack exhausted")
