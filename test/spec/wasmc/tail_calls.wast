;; Tail calls run in constant stack whatever the callee's signature: a million calls deep between
;; functions of different types, with more parameters of every kind than any target has argument
;; registers (AArch64 and RISC-V pass those through the spill area, CallingConventions.h), through
;; tables, with several results (the caller's results pointer is passed on), to a host function;
;; traps keep working at the end of such a chain, and ordinary recursion still exhausts the stack.

(module
  (import "spectest" "print_i32" (func $print_i32 (param i32)))

  ;; Narrow and wide alternate: every other call has 21 parameters (i32, i64, f32, f64, v128).
  (type $wide (func (param i64 i32 i64 f32 f64 v128 i32 i64 f32 f64 v128 i32 i64 f32 f64 v128
                            i32 i64 i64 i64 i64) (result i64)))
  (func $narrow (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (local.get $acc))
      (else
        (return_call $wide_f (i64.sub (local.get $n) (i64.const 1))
          (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4) (v128.const i32x4 5 6 7 8)
          (i32.const 9) (i64.const 10) (f32.const 11) (f64.const 12) (v128.const i64x2 13 14)
          (i32.const 15) (i64.const 16) (f32.const 17) (f64.const 18) (v128.const i32x4 19 0 0 0)
          (i32.const 20) (i64.const 21) (i64.const 22) (i64.const 23) (local.get $acc)))))
  (func $wide_f (type $wide)
    (return_call $narrow (local.get 0)
      (i64.add (local.get 20)
        (i64.add
          (i64.add (i64.extend_i32_u (i32.add (local.get 1) (local.get 6)))
                   (i64.add (local.get 2) (local.get 19)))
          (i64.add
            (i64.add (i64.trunc_f32_u (f32.add (local.get 3) (local.get 13)))
                     (i64.trunc_f64_u (f64.add (local.get 4) (local.get 14))))
            (i64.add
              (i64.add (i64x2.extract_lane 1 (local.get 5)) (i64x2.extract_lane 1 (local.get 10)))
              (i64.extend_i32_u (i32x4.extract_lane 0 (local.get 15)))))))))
  (func (export "narrow-wide") (param i64) (result i64) (call $narrow (local.get 0) (i64.const 0)))

  ;; The same through a table, each function calling the other.
  (table $tab 2 funcref)
  (elem (table $tab) (i32.const 0) func $ping $pong)
  (func $ping (type $wide)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.add (local.get 20) (i64x2.extract_lane 0 (local.get 15))))
      (else
        (return_call_indirect $tab (type $wide)
          (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (local.get 2) (local.get 3)
          (local.get 4) (local.get 5) (local.get 6) (local.get 7) (local.get 8) (local.get 9)
          (local.get 10) (local.get 11) (local.get 12) (local.get 13) (local.get 14)
          (local.get 15) (local.get 16) (local.get 17) (local.get 18) (local.get 19)
          (i64.add (local.get 20) (local.get 18))
          (i32.const 1)))))
  (func $pong (type $wide)
    (return_call_indirect $tab (type $wide)
      (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (local.get 11)
      (local.get 12) (local.get 13) (local.get 14) (local.get 15) (local.get 16) (local.get 17)
      (local.get 18) (local.get 19) (i64.add (local.get 20) (local.get 19))
      (i32.const 0)))
  (func (export "ping-pong") (param i64) (result i64)
    (call $ping (local.get 0) (i32.const 0) (i64.const 0) (f32.const 0) (f64.const 0)
      (v128.const i32x4 0 0 0 0) (i32.const 0) (i64.const 0) (f32.const 0) (f64.const 0)
      (v128.const i32x4 0 0 0 0) (i32.const 0) (i64.const 0) (f32.const 0) (f64.const 0)
      (v128.const i64x2 7 0) (i32.const 0) (i64.const 0) (i64.const 2) (i64.const 3) (i64.const 0)))

  ;; Several results: the innermost callee writes them through the outermost caller's pointer.
  (func $fib (param $n i64) (param $a i64) (param $b i64) (result i64 i64)
    (if (result i64 i64) (i64.eqz (local.get $n))
      (then (local.get $a) (local.get $b))
      (else (return_call $fib_step (local.get $n) (local.get $a) (local.get $b) (f64.const 0)))))
  (func $fib_step (param $n i64) (param $a i64) (param $b i64) (param f64) (result i64 i64)
    (return_call $fib (i64.sub (local.get $n) (i64.const 1)) (local.get $b)
      (i64.add (local.get $a) (local.get $b))))
  (func (export "fib") (param i64) (result i64 i64)
    (return_call $fib (local.get 0) (i64.const 0) (i64.const 1)))

  ;; A host function, through the import's thunk.
  (func (export "tail-to-host") (param i32) (return_call $print_i32 (local.get 0)))

  ;; A trap at the end of a long chain.
  (func $countdown-then-trap (param i64) (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (if (i64.eqz (local.get 0)) (then (unreachable)))
    (return_call $countdown-then-trap (i64.sub (local.get 0) (i64.const 1))
      (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6)
      (local.get 7) (local.get 8) (local.get 9) (local.get 10) (local.get 11) (local.get 12)
      (local.get 13)))
  (func (export "trap-at-depth") (param i64)
    (call $countdown-then-trap (local.get 0) (i64.const 1) (i64.const 2) (i64.const 3)
      (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9)
      (i64.const 10) (i64.const 11) (i64.const 12) (i64.const 13)))

  ;; An ordinary call in the same position is no tail call: the stack runs out.
  (func $recurse (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
    (call $recurse (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
      (local.get 5) (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10)
      (local.get 11) (local.get 12) (local.get 13)))
  (func (export "exhaust") (result i64)
    (call $recurse (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)
      (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)
      (i64.const 0) (i64.const 0) (i64.const 0)))
)

;; Each round trip adds (1+9) + (2+23) + (3+17) + (4+18) + 0x800000007 (lane 1 of i32x4 5 6 7 8)
;; + 14 + 19 = 34359738485.
(assert_return (invoke "narrow-wide" (i64.const 1)) (i64.const 34359738485))
(assert_return (invoke "narrow-wide" (i64.const 1000000)) (i64.const 34359738485000000))
;; ping adds 2 (local 18), pong 3 (local 19); the last ping adds lane 0 of local 15 (7).
(assert_return (invoke "ping-pong" (i64.const 1)) (i64.const 12))
(assert_return (invoke "ping-pong" (i64.const 1000000)) (i64.const 5000007))
(assert_return (invoke "fib" (i64.const 10)) (i64.const 55) (i64.const 89))
(assert_return (invoke "fib" (i64.const 1000000)) (i64.const 0xc506ab88705714bb) (i64.const 0x2641a9a802e2699d))
(assert_return (invoke "tail-to-host" (i32.const 42)))
(assert_trap (invoke "trap-at-depth" (i64.const 1000000)) "unreachable")
(assert_exhaustion (invoke "exhaust") "call stack exhausted")
