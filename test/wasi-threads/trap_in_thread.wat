;; A trap on a spawned thread ends the program with the trap's message, a backtrace of that
;; thread and status 134, while the main thread waits forever.
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func $crash_in_thread (export "wasi_thread_start") (param i32 i32) unreachable)
  (func (export "_start")
    (if (i32.le_s (call $thread_spawn (i32.const 0)) (i32.const 0)) (then unreachable))
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))))
