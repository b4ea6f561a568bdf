;; Unbounded recursion on a spawned thread is the trap "call stack exhausted" (the thread's own
;; stack limit), not a crash.
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func $recurse (param i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get 0) (i32.const 1))) (local.get 0)))
  (func (export "wasi_thread_start") (param i32 i32) (drop (call $recurse (i32.const 0))))
  (func (export "_start")
    (if (i32.le_s (call $thread_spawn (i32.const 0)) (i32.const 0)) (then unreachable))
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))))
