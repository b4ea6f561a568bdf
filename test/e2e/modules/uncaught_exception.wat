;; An exception nothing catches ends the program like a trap: exit status 134 and
;; "wasm exception: uncaught <tag>" with the backtrace of the wasm functions it passed, after a
;; cleanup (catch_all + rethrow) ran on its way out.
;; e2e: exit = 134
;; e2e: stdout = cleanup
;; e2e: stderr_contains = wasm exception: uncaught my_error
;; e2e: stderr_contains = wasm backtrace:
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "cleanup\n")
  (tag $my_error (export "my_error") (param i32))
  (func $thrower (throw $my_error (i32.const 1)))
  (func $middle
    (try
      (do (call $thrower))
      (catch_all
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 8))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (rethrow 0))))
  (func (export "_start") (call $middle))
)
