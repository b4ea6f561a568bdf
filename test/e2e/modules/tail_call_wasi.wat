;; return_call to WASI functions, which an executable calls directly in the C convention: no
;; tail call is possible there, so each is a call and a return with its result (tail calls between
;; wasm functions are test/spec/wasmc/tail_calls.wast's).
;; e2e: exit = 7
;; e2e: stdout = ok
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  ;; fd_write's errno, through a tail call.
  (func $write (param $fd i32) (result i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (return_call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func $exit (param i32) (return_call $proc_exit (local.get 0)))
  (func (export "_start")
    (if (call $write (i32.const 1)) (then (unreachable)))
    (if (i32.ne (i32.load (i32.const 8)) (i32.const 3)) (then (unreachable)))
    (call $exit (i32.const 7))
    (unreachable))
)
