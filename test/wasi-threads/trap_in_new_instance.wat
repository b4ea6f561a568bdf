;; A trap while a spawned thread's instance is created (its start function) ends the program
;; like any trap: the start function traps once the main thread has set the flag at 0.
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func $refuse_second_instance
    (if (i32.atomic.load (i32.const 0)) (then unreachable)))
  (start $refuse_second_instance)
  (func (export "wasi_thread_start") (param i32 i32))
  (func (export "_start")
    (i32.atomic.store (i32.const 0) (i32.const 1))
    (drop (call $thread_spawn (i32.const 0)))
    ;; not reached: the spawn ends the program
    (i32.atomic.store (i32.const 0) (i32.const 0))))
