;; The thread's: waits at address 0 until the script's thread notifies it.
(module
  (memory (import "mem" "shared") 1 1 shared)
  (func (export "wait") (result i32)
    (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
  (func (export "seven") (result i32) (i32.const 7)))
