;; wasi-threads end to end: 4 spawned threads each take a futex mutex (cmpxchg, xchg,
;; memory.atomic.wait32/notify) 20000 times to add their start argument (1..4) to a plain
;; counter, and add 1 to an atomic counter; each records the tid it was given. The main thread
;; waits for them on a done counter (wait/notify), checks the tids, and prints both counters.
;; Expected, computed independently: 20000 * (1 + 2 + 3 + 4) = 200000 and 4 * 20000 = 80000.
;;
;; memory: 0 mutex (0 free, 1 locked, 2 locked with waiters), 4 plain counter, 8 atomic counter,
;;         12 threads done, 16 iovec, 32 tids spawn returned, 64 tids the threads saw,
;;         128 output text
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (global $threads i32 (i32.const 4))
  (global $iterations i32 (i32.const 20000))

  (func $lock
    (local $c i32)
    (local.set $c (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 0) (i32.const 1)))
    (if (local.get $c)
      (then
        (if (i32.ne (local.get $c) (i32.const 2))
          (then (local.set $c (i32.atomic.rmw.xchg (i32.const 0) (i32.const 2)))))
        (block $acquired
          (loop $retry
            (br_if $acquired (i32.eqz (local.get $c)))
            (drop (memory.atomic.wait32 (i32.const 0) (i32.const 2) (i64.const -1)))
            (local.set $c (i32.atomic.rmw.xchg (i32.const 0) (i32.const 2)))
            (br $retry))))))

  (func $unlock
    (if (i32.ne (i32.atomic.rmw.sub (i32.const 0) (i32.const 1)) (i32.const 1))
      (then
        (i32.atomic.store (i32.const 0) (i32.const 0))
        (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))))

  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (local $i i32)
    (i32.store (i32.add (i32.const 60) (i32.shl (local.get $arg) (i32.const 2))) (local.get $tid))
    (loop $again
      (call $lock)
      (i32.store (i32.const 4) (i32.add (i32.load (i32.const 4)) (local.get $arg)))
      (call $unlock)
      (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (global.get $iterations))))
    (drop (i32.atomic.rmw.add (i32.const 12) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 12) (i32.const 1))))

  ;; Writes the decimal digits of $n ending just before $end; returns where they start.
  (func $digits (param $n i32) (param $end i32) (result i32)
    (loop $more
      (local.set $end (i32.sub (local.get $end) (i32.const 1)))
      (i32.store8 (local.get $end) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $more (local.get $n)))
    (local.get $end))

  ;; Prints "<label><n>\n" (label at $label, $length bytes).
  (func $print (param $label i32) (param $length i32) (param $n i32)
    (local $start i32)
    (i32.store8 (i32.const 255) (i32.const 10))
    (local.set $start (call $digits (local.get $n) (i32.const 255)))
    (local.set $start (i32.sub (local.get $start) (local.get $length)))
    (memory.copy (local.get $start) (local.get $label) (local.get $length))
    (i32.store (i32.const 16) (local.get $start))
    (i32.store (i32.const 20) (i32.sub (i32.const 256) (local.get $start)))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))

  (func (export "_start")
    (local $i i32) (local $tid i32) (local $done i32)
    ;; spawn, start arguments 1..4
    (loop $spawn
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $tid (call $thread_spawn (local.get $i)))
      (if (i32.le_s (local.get $tid) (i32.const 0)) (then unreachable))
      (i32.store (i32.add (i32.const 28) (i32.shl (local.get $i) (i32.const 2))) (local.get $tid))
      (br_if $spawn (i32.lt_u (local.get $i) (global.get $threads))))
    ;; wait until every thread is done
    (block $all
      (loop $wait
        (local.set $done (i32.atomic.load (i32.const 12)))
        (br_if $all (i32.eq (local.get $done) (global.get $threads)))
        (drop (memory.atomic.wait32 (i32.const 12) (local.get $done) (i64.const -1)))
        (br $wait)))
    ;; each thread saw the tid its spawn returned, and the tids differ
    (local.set $i (i32.const 0))
    (loop $check
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.ne (i32.load (i32.add (i32.const 28) (i32.shl (local.get $i) (i32.const 2))))
                  (i32.load (i32.add (i32.const 60) (i32.shl (local.get $i) (i32.const 2)))))
        (then unreachable))
      (if (i32.gt_u (local.get $i) (i32.const 1))
        (then
          (if (i32.eq (i32.load (i32.add (i32.const 28) (i32.shl (local.get $i) (i32.const 2))))
                      (i32.load (i32.add (i32.const 24) (i32.shl (local.get $i) (i32.const 2)))))
            (then unreachable))))
      (br_if $check (i32.lt_u (local.get $i) (global.get $threads))))
    (call $print (i32.const 128) (i32.const 8) (i32.load (i32.const 4)))
    (call $print (i32.const 136) (i32.const 7) (i32.atomic.load (i32.const 8))))

  (data (i32.const 128) "mutexed=atomic=")
)
