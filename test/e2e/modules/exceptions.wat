;; Exception handling (the legacy encoding, which wabt 1.0.32 and LLVM emit): a throw across a
;; thousand frames, catch by tag, a cleanup (catch_all + rethrow) that runs on the way, rethrow
;; of a caught exception, delegate, and an exception that escapes one function's try into its
;; caller's. Any wrong value is `unreachable` (exit 134); all right prints "ok".
;; e2e: exit = 0
;; e2e: stdout = ok
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (tag $error (param i32))
  (tag $other (param i64))
  (global $cleanups (mut i32) (i32.const 0))

  ;; Throws $error n from n frames down.
  (func $deep (param $n i32)
    (if (i32.eqz (local.get $n))
      (then (throw $error (i32.const 42))))
    (call $deep (i32.sub (local.get $n) (i32.const 1))))

  ;; A destructor's cleanup: runs, then passes the exception on.
  (func $with_cleanup (param $n i32)
    (try
      (do (call $deep (local.get $n)))
      (catch_all
        (global.set $cleanups (i32.add (global.get $cleanups) (i32.const 1)))
        (rethrow 0))))

  ;; Catches by tag: $other does not match, $error does.
  (func $catch_by_tag (param $n i32) (result i32)
    (try (result i32)
      (do (call $with_cleanup (local.get $n)) (i32.const -1))
      (catch $other (drop) (i32.const -2))
      (catch $error)))

  ;; A rethrown exception keeps its tag and values.
  (func $rethrow_other (result i64)
    (try (result i64)
      (do
        (try
          (do (throw $other (i64.const 7)))
          (catch $other (drop) (rethrow 0)))
        (i64.const -1))
      (catch $other)))

  ;; delegate 0 sends the inner try's exception to the outer try's handlers.
  (func $delegated (result i32)
    (try (result i32)
      (do
        (try
          (do (call $deep (i32.const 3)))
          (delegate 0))
        (i32.const -1))
      (catch $error (i32.add (i32.const 100)))))

  ;; An exception no try of this function catches reaches its caller.
  (func $escapes (throw $other (i64.const 9)))
  (func $catches_callers (result i64)
    (try (result i64)
      (do (call $escapes) (i64.const -1))
      (catch $other)))

  (func (export "_start")
    (if (i32.ne (call $catch_by_tag (i32.const 1000)) (i32.const 42)) (then (unreachable)))
    (if (i32.ne (global.get $cleanups) (i32.const 1)) (then (unreachable)))
    (if (i32.ne (call $catch_by_tag (i32.const 0)) (i32.const 42)) (then (unreachable)))
    (if (i32.ne (global.get $cleanups) (i32.const 2)) (then (unreachable)))
    (if (i64.ne (call $rethrow_other) (i64.const 7)) (then (unreachable)))
    (if (i32.ne (call $delegated) (i32.const 142)) (then (unreachable)))
    (if (i64.ne (call $catches_callers) (i64.const 9)) (then (unreachable)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
)
