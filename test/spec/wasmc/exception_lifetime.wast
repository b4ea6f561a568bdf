;; When wasmc frees exceptions (abi.h, "Exception handling"), in the legacy encoding (the one
;; wabt 1.0.32 writes; exception_lifetime_table/ covers try_table and exnrefs): a catch block's
;; exception stays alive while `rethrow` may raise it, through nested blocks, through new
;; exceptions thrown and caught inside the block, and while a nested try catches that very
;; exception again; it is released on every way out of the block (its end, br, br_if,
;; br_table, return, return_call, a new exception, delegate past it, a trap). Freed memory is
;; reused by the next exception of the same size, so using a freed one shows as a wrong value;
;; releasing one twice crashes. The loops run each way out many times.

(module
  (tag $e (param i32))
  (tag $f (param i32))
  (func $throw_e (param i32) (throw $e (local.get 0)))
  (func $throw_f (param i32) (throw $f (local.get 0)))
  (func $plus_5000 (param i32) (result i32) (i32.add (local.get 0) (i32.const 5000)))

  ;; Exceptions thrown and caught inside the catch block, then rethrow from nested blocks.
  (func $rethrow_nested (export "rethrow-nested") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_e (local.get 0)) (i32.const -1))
          (catch $e
            (drop)
            (block
              (block
                (loop
                  (try (do (call $throw_f (i32.const 99))) (catch $f (drop)))
                  (try (do (throw $e (i32.const 98))) (catch_all))
                  (try (do (call $throw_e (i32.const 97))) (catch $e (drop)))
                  (rethrow 3))))
            (i32.const -2))))
      (catch $e)))

  ;; A nested try catches the caught exception again (rethrow 1) and ends: the outer catch block
  ;; still holds it.
  (func $rethrow_caught_again (export "rethrow-caught-again") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_e (local.get 0)) (i32.const -1))
          (catch $e
            (drop)
            (try (do (rethrow 1)) (catch $e (drop)))
            (try (do (rethrow 1)) (catch_all))
            (try (do (try (do (rethrow 2)) (catch_all (rethrow 0)))) (catch $e (drop)))
            (try (do (throw $e (i32.const 77))) (catch $e (drop)))
            (rethrow 0))))
      (catch $e)))

  ;; The ways out of a catch block ($how 0..5), each with its own result.
  (func $leave (param $how i32) (param $v i32) (result i32)
    (block $out (result i32)
      (try (result i32)
        (do (call $throw_e (local.get $v)) (i32.const -1))
        (catch $e
          (local.set $v)
          (block $inner
            (if (i32.eq (local.get $how) (i32.const 0))
              (then (br $out (local.get $v))))
            (if (i32.eq (local.get $how) (i32.const 1))
              (then (return (i32.add (local.get $v) (i32.const 1000)))))
            (drop (br_if $out (i32.add (local.get $v) (i32.const 2000))
                              (i32.eq (local.get $how) (i32.const 2))))
            (drop
              (block $z (result i32)
                (i32.add (local.get $v) (i32.const 3000))
                (i32.sub (local.get $how) (i32.const 3))
                (br_table $out $z)))
            (if (i32.eq (local.get $how) (i32.const 5))
              (then (return_call $plus_5000 (local.get $v))))
            (br_if $inner (i32.eq (local.get $how) (i32.const 6))))
          (i32.add (local.get $v) (i32.const 4000))))))
  (func (export "leave") (param i32 i32) (result i32) (call $leave (local.get 0) (local.get 1)))

  ;; Every way out n times; the sum of the results.
  (func (export "leave-loop") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $l
      (local.set $sum
        (i32.add (local.get $sum)
                 (call $leave (i32.rem_u (local.get $i) (i32.const 7)) (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))

  ;; A new exception leaves the catch block (from a callee and thrown in place).
  (func (export "throw-in-catch") (param $v i32) (param $call i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_e (local.get $v)) (i32.const -1))
          (catch $e
            (i32.add (i32.const 10))
            (if (param i32) (local.get $call)
              (then (call $throw_f))
              (else (throw $f)))
            (i32.const -2))))
      (catch $f)))

  ;; delegate past a catch block: the exception goes to the try around it.
  (func (export "delegate-from-catch") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_e (local.get 0)) (i32.const -1))
          (catch $e
            (drop)
            (block
              (try (do (call $throw_f (i32.const 5))) (delegate 2)))
            (i32.const -2))))
      (catch $f (i32.add (i32.const 100)))))

  (func (export "loops") (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (loop $l
      (local.set $sum
        (i32.add (local.get $sum)
          (i32.add
            (call $rethrow_caught_again (local.get $i))
            (call $rethrow_nested (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $sum))

  ;; A trap in a catch block: the runtime frees the exception the block held.
  (func (export "trap-in-catch") (param i32)
    (try (do (call $throw_e (local.get 0))) (catch_all (unreachable))))

  ;; Rethrown from a catch block to the host, twice: the first is freed when the second is
  ;; reported.
  (func (export "rethrow-uncaught") (param i32)
    (try (do (call $throw_e (local.get 0))) (catch_all (rethrow 0))))
)

(assert_return (invoke "rethrow-nested" (i32.const 7)) (i32.const 7))
(assert_return (invoke "rethrow-caught-again" (i32.const 8)) (i32.const 8))
(assert_return (invoke "leave" (i32.const 0) (i32.const 1)) (i32.const 1))
(assert_return (invoke "leave" (i32.const 1) (i32.const 1)) (i32.const 1001))
(assert_return (invoke "leave" (i32.const 2) (i32.const 1)) (i32.const 2001))
(assert_return (invoke "leave" (i32.const 3) (i32.const 1)) (i32.const 3001))
(assert_return (invoke "leave" (i32.const 4) (i32.const 1)) (i32.const 4001))
(assert_return (invoke "leave" (i32.const 5) (i32.const 1)) (i32.const 5001))
(assert_return (invoke "leave" (i32.const 6) (i32.const 1)) (i32.const 4001))
;; 7 ways, 1 each: 1 + 1001 + 2001 + 3001 + 4001 + 5001 + 4001 = 19007 per 7 calls
(assert_return (invoke "leave-loop" (i32.const 70000)) (i32.const 190070000))
(assert_return (invoke "throw-in-catch" (i32.const 1) (i32.const 1)) (i32.const 11))
(assert_return (invoke "throw-in-catch" (i32.const 2) (i32.const 0)) (i32.const 12))
(assert_return (invoke "delegate-from-catch" (i32.const 1)) (i32.const 105))
;; sum over i < 1000 of 2i = 999000
(assert_return (invoke "loops" (i32.const 1000)) (i32.const 999000))
(assert_exception (invoke "rethrow-uncaught" (i32.const 1)))
(assert_exception (invoke "rethrow-uncaught" (i32.const 2)))
(assert_return (invoke "rethrow-caught-again" (i32.const 9)) (i32.const 9))
(assert_trap (invoke "trap-in-catch" (i32.const 3)) "unreachable")
(assert_return (invoke "rethrow-nested" (i32.const 10)) (i32.const 10))
