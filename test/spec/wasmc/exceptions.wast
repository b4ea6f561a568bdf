;; Exception handling where wasmc's lowering has choices of its own (in the legacy encoding, the
;; one wabt 1.0.32 writes; the spec's try_table scripts cover the standard one): traps and stack
;; exhaustion are never caught; a tail call leaves the caller's try blocks; values of every type
;; survive a throw, both from a callee (unwinding to a landing pad) and inside a function (a
;; branch to the handler); exceptions cross modules, also through a module that uses no
;; exception handling (its functions are `nounwind` to LLVM); calls through tables and with
;; several results inside try blocks; rethrow and delegate out of nested handlers.

(module $A
  (tag $e (export "e") (param i32))
  (func $thrower (export "thrower") (param i32) (throw $e (local.get 0)))
)
(register "A" $A)

;; A module without any exception handling between the thrower and the catcher.
(module $N
  (import "A" "thrower" (func $thrower (param i32)))
  (func (export "call") (param i32) (call $thrower (i32.add (local.get 0) (i32.const 1))))
)
(register "N" $N)

(module
  (import "A" "e" (tag $imported (param i32)))
  (import "A" "thrower" (func $a_thrower (param i32)))
  (import "N" "call" (func $n_call (param i32)))
  (tag $own (param i32))
  (tag $all (param i32 i64 f32 f64 v128 funcref externref))
  (tag $empty)
  (memory 1)
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $throw_own $two_results)
  (type $to_void (func (param i32)))
  (type $two (func (param i32) (result i32 i64)))

  (func $throw_own (param i32) (throw $own (local.get 0)))
  (func $two_results (param i32) (result i32 i64)
    (if (local.get 0) (then (throw $own (i32.const 77))))
    (i32.const 5) (i64.const 6))

  ;; Traps go to the host, whatever try blocks are around them.
  (func (export "trap-unreachable") (result i32)
    (try (result i32) (do (unreachable)) (catch_all (i32.const 1))))
  (func (export "trap-divide") (param i32) (result i32)
    (try (result i32) (do (i32.div_u (i32.const 1) (local.get 0))) (catch_all (i32.const 1))))
  (func (export "trap-memory") (result i32)
    (try (result i32) (do (i32.load (i32.const 0x10000))) (catch_all (i32.const 1))))
  (func $recurse (param i32) (result i32)
    (try (result i32)
      (do (i32.add (call $recurse (local.get 0)) (i32.const 1)))
      (catch_all (i32.const 1))))
  (func (export "exhaust") (result i32) (call $recurse (i32.const 0)))

  ;; return_call leaves the try: its callee's exception is the caller's caller's.
  (func $tail_from_try (param i32) (result i32)
    (try (result i32)
      (do (return_call $throws_i32 (local.get 0)))
      (catch_all (i32.const -1))))
  (func $throws_i32 (param i32) (result i32) (throw $own (local.get 0)))
  (func (export "tail-escapes") (param i32) (result i32) (call $tail_from_try (local.get 0)))
  (func (export "tail-caught-outside") (param i32) (result i32)
    (try (result i32)
      (do (call $tail_from_try (local.get 0)))
      (catch $own)))

  ;; Every type of value, from a callee (landing pad) and inside the function (direct branch).
  (func $throw_all (param $from_callee i32)
    (if (local.get $from_callee)
      (then (call $throw_all (i32.const 0))))
    (throw $all (i32.const -7) (i64.const 0x123456789abcdef0) (f32.const nan:0x200001)
                (f64.const -0x1.5p+70) (v128.const i32x4 1 2 3 4) (ref.func $throw_own)
                (ref.null extern)))
  (func (export "all-values") (param $from_callee i32) (result i32 i64 i32 i64 i32 i32)
    (local $i i32) (local $l i64) (local $f f32) (local $d f64) (local $v v128) (local $r funcref)
    (try
      (do
        (if (local.get $from_callee)
          (then (call $throw_all (i32.const 1)))
          (else
            (throw $all (i32.const -7) (i64.const 0x123456789abcdef0) (f32.const nan:0x200001)
                        (f64.const -0x1.5p+70) (v128.const i32x4 1 2 3 4) (ref.func $throw_own)
                        (ref.null extern)))))
      (catch $all
        (drop) (local.set $r) (local.set $v) (local.set $d) (local.set $f) (local.set $l)
        (local.set $i)))
    (local.get $i) (local.get $l) (i32.reinterpret_f32 (local.get $f))
    (i64.reinterpret_f64 (local.get $d)) (i32x4.extract_lane 3 (local.get $v))
    (ref.is_null (local.get $r)))

  ;; Across modules: the importer's tag is the exporter's, a tag of the same type is not.
  (func (export "catch-imported") (param i32) (result i32)
    (try (result i32)
      (do (call $a_thrower (local.get 0)) (i32.const -1))
      (catch $imported)))
  (func (export "own-tag-misses") (param i32) (result i32)
    (try (result i32)
      (do (call $a_thrower (local.get 0)) (i32.const -1))
      (catch $own)))
  (func (export "through-nounwind-module") (param i32) (result i32)
    (try (result i32)
      (do (call $n_call (local.get 0)) (i32.const -1))
      (catch $imported)))

  ;; Tables and several results inside try blocks.
  (func (export "indirect") (param i32) (result i32)
    (try (result i32)
      (do (call_indirect $t (type $to_void) (local.get 0) (i32.const 0)) (i32.const -1))
      (catch $own)))
  (func (export "two-results") (param i32) (result i32 i64)
    (try (result i32 i64)
      (do (call_indirect $t (type $two) (local.get 0) (i32.const 1)))
      (catch $own (i64.const -1))))

  ;; rethrow 1 out of a try nested in a catch block reaches that inner try's catch_all, then
  ;; the value comes back out of the outer exception.
  (func (export "rethrow-outer") (result i32)
    (local $seen i32)
    (try (result i32)
      (do (throw $own (i32.const 3)))
      (catch $own
        (local.set $seen)
        (try
          (do (rethrow 1))
          (catch_all (local.set $seen (i32.mul (local.get $seen) (i32.const 10)))))
        (local.get $seen))))
  ;; delegate to the function's own label: out to the caller.
  (func $delegate_out
    (try (do (call $throw_own (i32.const 4))) (delegate 0)))
  (func (export "delegate-out") (result i32)
    (try (result i32) (do (call $delegate_out) (i32.const -1)) (catch $own)))
  ;; A try whose body cannot throw, and one without catches.
  (func (export "nothing-thrown") (result i32)
    (try (result i32) (do (i32.const 8)) (catch_all (i32.const -1))))
  (func (export "no-catches") (param i32) (result i32)
    (try (result i32)
      (do (try (do (call $throw_own (local.get 0)))) (i32.const -1))
      (catch $own)))
  (func (export "empty-tag") (result i32)
    (try (result i32) (do (throw $empty)) (catch $own) (catch $empty (i32.const 9))))

  ;; Throws caught in a loop, from a hundred frames down.
  (func $down (param i32)
    (if (i32.eqz (local.get 0)) (then (throw $own (i32.const 1))))
    (call $down (i32.sub (local.get 0) (i32.const 1))))
  (func (export "loop") (param $n i32) (result i32)
    (local $sum i32)
    (loop $again
      (try
        (do (call $down (i32.const 100)))
        (catch $own (local.set $sum (i32.add (local.get $sum)))))
      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $sum))
)

(assert_trap (invoke "trap-unreachable") "unreachable")
(assert_trap (invoke "trap-divide" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "trap-memory") "out of bounds memory access")
(assert_exhaustion (invoke "exhaust") "call stack exhausted")

(assert_exception (invoke "tail-escapes" (i32.const 5)))
(assert_return (invoke "tail-caught-outside" (i32.const 5)) (i32.const 5))

(assert_return (invoke "all-values" (i32.const 0))
  (i32.const -7) (i64.const 0x123456789abcdef0) (i32.const 0x7fa00001)
  (i64.const 0xc455000000000000) (i32.const 4) (i32.const 0))
(assert_return (invoke "all-values" (i32.const 1))
  (i32.const -7) (i64.const 0x123456789abcdef0) (i32.const 0x7fa00001)
  (i64.const 0xc455000000000000) (i32.const 4) (i32.const 0))

(assert_return (invoke "catch-imported" (i32.const 11)) (i32.const 11))
(assert_exception (invoke "own-tag-misses" (i32.const 11)))
(assert_return (invoke "through-nounwind-module" (i32.const 11)) (i32.const 12))

(assert_return (invoke "indirect" (i32.const 13)) (i32.const 13))
(assert_return (invoke "two-results" (i32.const 0)) (i32.const 5) (i64.const 6))
(assert_return (invoke "two-results" (i32.const 1)) (i32.const 77) (i64.const -1))

(assert_return (invoke "rethrow-outer") (i32.const 30))
(assert_return (invoke "delegate-out") (i32.const 4))
(assert_return (invoke "nothing-thrown") (i32.const 8))
(assert_return (invoke "no-catches" (i32.const 14)) (i32.const 14))
(assert_return (invoke "empty-tag") (i32.const 9))
(assert_return (invoke "loop" (i32.const 2000)) (i32.const 2000))
