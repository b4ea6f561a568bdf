;; Each thread is a new instance: its globals (a C stack pointer) and tables start from the
;; module's initial values whatever other threads did to theirs, and what it does to them stays
;; its own; the memory is the one they share. 100 threads one after the other, each checking
;; and changing its state, then counting itself done; the main thread checks its own state.
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (global $sp (mut i32) (i32.const 1000))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $one)
  (type $r (func (result i32)))
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (elem declare func $two)
  ;; the state of a fresh instance, then changes it
  (func $check_and_change
    (if (i32.ne (global.get $sp) (i32.const 1000)) (then unreachable))
    (if (i32.ne (call_indirect (type $r) (i32.const 0)) (i32.const 1)) (then unreachable))
    (if (i32.eqz (ref.is_null (table.get $t (i32.const 1)))) (then unreachable))
    (global.set $sp (i32.const 5))
    (table.set $t (i32.const 0) (ref.func $two))
    (table.set $t (i32.const 1) (ref.func $two)))
  (func (export "wasi_thread_start") (param i32 i32)
    (call $check_and_change)
    (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  (func (export "_start")
    (local $i i32) (local $done i32)
    (call $check_and_change)
    (loop $spawn
      (if (i32.le_s (call $thread_spawn (local.get $i)) (i32.const 0)) (then unreachable))
      ;; one at a time: wait for this one
      (block $finished
        (loop $wait
          (local.set $done (i32.atomic.load (i32.const 0)))
          (br_if $finished (i32.gt_u (local.get $done) (local.get $i)))
          (drop (memory.atomic.wait32 (i32.const 0) (local.get $done) (i64.const -1)))
          (br $wait)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $spawn (i32.lt_u (local.get $i) (i32.const 100))))
    ;; the main instance's state is what it made it
    (if (i32.ne (global.get $sp) (i32.const 5)) (then unreachable))
    (if (i32.ne (call_indirect (type $r) (i32.const 0)) (i32.const 2)) (then unreachable))))
