;; Spawned threads spawn too: the thread started with n < 10 spawns the one with n + 1 (its
;; instance carries the executable's imports on), then counts itself done; the main thread
;; waits for all ten and checks that each got a tid different from its spawner's.
;; memory: 0 threads done, 4 + 4n the tid thread n was given, 64 + 4n the tid its spawn returned
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "wasi_thread_start") (param $tid i32) (param $n i32)
    (local $child i32)
    (i32.store (i32.add (i32.const 4) (i32.shl (local.get $n) (i32.const 2))) (local.get $tid))
    (if (i32.lt_u (local.get $n) (i32.const 10))
      (then
        (local.set $child (call $thread_spawn (i32.add (local.get $n) (i32.const 1))))
        (if (i32.le_s (local.get $child) (i32.const 0)) (then unreachable))
        (i32.store (i32.add (i32.const 64) (i32.shl (local.get $n) (i32.const 2)))
                   (local.get $child))))
    (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  (func (export "_start")
    (local $done i32) (local $n i32)
    (if (i32.le_s (call $thread_spawn (i32.const 1)) (i32.const 0)) (then unreachable))
    (block $all
      (loop $wait
        (local.set $done (i32.atomic.load (i32.const 0)))
        (br_if $all (i32.eq (local.get $done) (i32.const 10)))
        (drop (memory.atomic.wait32 (i32.const 0) (local.get $done) (i64.const -1)))
        (br $wait)))
    ;; thread n + 1 got the tid thread n's spawn returned, and it differs from thread n's
    (local.set $n (i32.const 1))
    (loop $check
      (if (i32.ne (i32.load (i32.add (i32.const 64) (i32.shl (local.get $n) (i32.const 2))))
                  (i32.load (i32.add (i32.const 8) (i32.shl (local.get $n) (i32.const 2)))))
        (then unreachable))
      (if (i32.eq (i32.load (i32.add (i32.const 4) (i32.shl (local.get $n) (i32.const 2))))
                  (i32.load (i32.add (i32.const 8) (i32.shl (local.get $n) (i32.const 2)))))
        (then unreachable))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $check (i32.lt_u (local.get $n) (i32.const 10))))))
