;; The script's: notifies address 0 until it wakes a waiter.
(module
  (memory (import "mem" "shared") 1 1 shared)
  (func (export "wake") (result i32)
    (loop
      (br_if 0 (i32.ne (memory.atomic.notify (i32.const 0) (i32.const 1)) (i32.const 1))))
    (i32.const 1)))
