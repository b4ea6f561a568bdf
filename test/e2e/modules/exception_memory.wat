;; Exceptions are freed (abi.h, "Exception handling"): millions of throws, caught by legacy
;; catch blocks in the ways C++ uses them (a catch by tag, a cleanup's catch_all + rethrow, a
;; new exception thrown from a catch block), stay within a few megabytes. Before, every
;; exception stayed allocated (~100 bytes each: a gigabyte here). Prints "ok" when the counts
;; are right.
;; e2e: exit = 0
;; e2e: stdout = ok
;; e2e: max_rss_mb = 200
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (tag $error (param i32))
  (tag $other (param i32))

  (func $thrower (param i32) (throw $error (local.get 0)))

  ;; A cleanup (catch_all, rethrow) on the way out of a callee.
  (func $with_cleanup (param i32)
    (try (do (call $thrower (local.get 0))) (catch_all (rethrow 0))))

  (func (export "_start")
    (local $i i32) (local $sum i32)
    ;; Thrown and caught in one function (a branch to the handler): 10 million.
    (loop $l
      (try
        (do (throw $error (local.get $i)))
        (catch $error (local.set $sum (i32.add (local.get $sum) (i32.const 1))) (drop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 10000000))))
    ;; A new exception from a catch block: 2 million, both freed.
    (local.set $i (i32.const 0))
    (loop $l
      (try
        (do
          (try
            (do (throw $error (local.get $i)))
            (catch $error (throw $other))))
        (catch $other (local.set $sum (i32.add (local.get $sum) (i32.const 1))) (drop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 2000000))))
    ;; Unwinding from callees through a cleanup: 100,000.
    (local.set $i (i32.const 0))
    (loop $l
      (try
        (do (call $with_cleanup (local.get $i)))
        (catch $error (local.set $sum (i32.add (local.get $sum) (i32.const 1))) (drop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 100000))))
    (if (i32.ne (local.get $sum) (i32.const 12100000)) (then (unreachable)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
)
