;; proc_exit on a spawned thread ends the program with its status, while the main thread is
;; busy in a loop.
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "wasi_thread_start") (param i32 i32) (call $proc_exit (local.get 1)))
  (func (export "_start")
    (if (i32.le_s (call $thread_spawn (i32.const 42)) (i32.const 0)) (then unreachable))
    (loop $forever (br $forever))))
