;; A load past the end of the shared memory on a spawned thread faults on that thread and is
;; the trap "out of bounds memory access" (the thread's own signal stack and trap state).
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func $load_past_the_end (export "wasi_thread_start") (param i32 i32)
    (drop (i32.load (local.get 1))))
  (func (export "_start")
    (if (i32.le_s (call $thread_spawn (i32.const 65536)) (i32.const 0)) (then unreachable))
    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))))
