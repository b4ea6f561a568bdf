;; Thread start-up cost under wasi-threads: the time from just before wasi.thread-spawn to the
;; first instruction of wasi_thread_start (CLOCK_MONOTONIC read by the main thread, then by the
;; new thread first thing), for N threads one after the other; prints each sample in ns.
;; N is the start argument-free constant below; bench/threads/pthread_spawn.c measures the same
;; for pthread_create.
;; memory: 0 started flag, 8 time before spawn, 16 time the thread started, 24 iovec,
;;         32 bytes written, 64 text
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get"
    (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (global $samples i32 (i32.const 2000))

  (func (export "wasi_thread_start") (param i32 i32)
    (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 16)))
    (i32.atomic.store (i32.const 0) (i32.const 1))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))

  ;; Prints $n in decimal and a newline.
  (func $print (param $n i64)
    (local $at i32)
    (local.set $at (i32.const 127))
    (i32.store8 (local.get $at) (i32.const 10))
    (loop $more
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i64.store8 (local.get $at) (i64.add (i64.const 48) (i64.rem_u (local.get $n) (i64.const 10))))
      (local.set $n (i64.div_u (local.get $n) (i64.const 10)))
      (br_if $more (i64.ne (local.get $n) (i64.const 0))))
    (i32.store (i32.const 24) (local.get $at))
    (i32.store (i32.const 28) (i32.sub (i32.const 128) (local.get $at)))
    (drop (call $fd_write (i32.const 1) (i32.const 24) (i32.const 1) (i32.const 32))))

  (func (export "_start")
    (local $i i32)
    (loop $sample
      (i32.atomic.store (i32.const 0) (i32.const 0))
      (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 8)))
      (if (i32.le_s (call $thread_spawn (i32.const 0)) (i32.const 0)) (then unreachable))
      (block $started
        (loop $wait
          (br_if $started (i32.atomic.load (i32.const 0)))
          (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
          (br $wait)))
      (call $print (i64.sub (i64.load (i32.const 16)) (i64.load (i32.const 8))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $sample (i32.lt_u (local.get $i) (global.get $samples))))))
