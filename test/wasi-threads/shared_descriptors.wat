;; The WASI context is shared and thread-safe: five threads (four spawned and the main one) each
;; open 8 descriptors at once in a granted directory (path_open), write to each, check the
;; preopen's name length (fd_prestat_get) and close them, 200 times, so that the descriptor table
;; grows and shrinks under the others' feet. Any error ends the program with 100 + errno; at the
;; end every open must have been counted.
;; memory: 0 opens counted, 4 threads done; thread k (0 main, 1..4) works at 1024 * (k + 1):
;;   +0 path "fk", +16 iovec, +24 bytes written, +32 "x", +40 prestat, +64 its 8 descriptors
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))

  (func $check (param $errno i32)
    (if (local.get $errno) (then (call $proc_exit (i32.add (i32.const 100) (local.get $errno))))))

  (func $work (param $k i32)
    (local $base i32) (local $round i32) (local $i i32) (local $fd i32)
    (local.set $base (i32.mul (i32.const 1024) (i32.add (local.get $k) (i32.const 1))))
    (i32.store8 (local.get $base) (i32.const 102)) ;; "f"
    (i32.store8 (i32.add (local.get $base) (i32.const 1)) (i32.add (i32.const 48) (local.get $k)))
    (i32.store (i32.add (local.get $base) (i32.const 16)) (i32.add (local.get $base) (i32.const 32)))
    (i32.store (i32.add (local.get $base) (i32.const 20)) (i32.const 1))
    (i32.store8 (i32.add (local.get $base) (i32.const 32)) (i32.const 120)) ;; "x"
    (loop $rounds
      (local.set $i (i32.const 0))
      (loop $open
        (call $check (call $path_open (i32.const 3) (i32.const 0) (local.get $base) (i32.const 2)
          (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0)
          (i32.add (i32.add (local.get $base) (i32.const 64)) (i32.shl (local.get $i) (i32.const 2)))))
        (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $open (i32.lt_u (local.get $i) (i32.const 8))))
      (call $check (call $fd_prestat_get (i32.const 3) (i32.add (local.get $base) (i32.const 40))))
      (if (i32.ne (i32.load (i32.add (local.get $base) (i32.const 44))) (i32.const 7)) ;; "scratch"
        (then unreachable))
      (local.set $i (i32.const 0))
      (loop $close
        (local.set $fd (i32.load (i32.add (i32.add (local.get $base) (i32.const 64))
                                          (i32.shl (local.get $i) (i32.const 2)))))
        (call $check (call $fd_write (local.get $fd) (i32.add (local.get $base) (i32.const 16))
                                     (i32.const 1) (i32.add (local.get $base) (i32.const 24))))
        (call $check (call $fd_close (local.get $fd)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $close (i32.lt_u (local.get $i) (i32.const 8))))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $round) (i32.const 200)))))

  (func (export "wasi_thread_start") (param i32 i32)
    (call $work (local.get 1))
    (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 4) (i32.const 1))))

  (func (export "_start")
    (local $k i32) (local $done i32)
    (loop $spawn
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (if (i32.le_s (call $thread_spawn (local.get $k)) (i32.const 0)) (then unreachable))
      (br_if $spawn (i32.lt_u (local.get $k) (i32.const 4))))
    (call $work (i32.const 0))
    (block $all
      (loop $wait
        (local.set $done (i32.atomic.load (i32.const 4)))
        (br_if $all (i32.eq (local.get $done) (i32.const 4)))
        (drop (memory.atomic.wait32 (i32.const 4) (local.get $done) (i64.const -1)))
        (br $wait)))
    ;; 5 threads x 200 rounds x 8 opens
    (if (i32.ne (i32.atomic.load (i32.const 0)) (i32.const 8000)) (then unreachable))))
