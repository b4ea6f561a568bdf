;; Guest memory is shared and hostile: while the main thread calls fd_write 20000 times with one
;; iovec, a spawned thread keeps changing that iovec between a valid 1-byte buffer and ones far
;; out of bounds (a huge length, a base past the end). Each call must either write at most 1 byte
;; or fail with EFAULT (21): the shim checks the iovec it copied and writes from that copy.
;; memory: 0 stop flag, 16 iovec (base, length), 24 bytes written, 64 "x"
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "memory" (memory 1 1 shared))
  (func (export "wasi_thread_start") (param i32 i32)
    (loop $flip
      (i32.atomic.store (i32.const 20) (i32.const 0xfffffff0))
      (i32.atomic.store (i32.const 20) (i32.const 1))
      (i32.atomic.store (i32.const 16) (i32.const 0xffffff00))
      (i32.atomic.store (i32.const 16) (i32.const 64))
      (br_if $flip (i32.eqz (i32.atomic.load (i32.const 0))))))
  (func (export "_start")
    (local $i i32) (local $errno i32)
    (i32.store8 (i32.const 64) (i32.const 120))
    (i32.store (i32.const 16) (i32.const 64))
    (i32.store (i32.const 20) (i32.const 1))
    (if (i32.le_s (call $thread_spawn (i32.const 0)) (i32.const 0)) (then unreachable))
    (loop $write
      (local.set $errno (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
      (if (i32.eqz (local.get $errno))
        (then (if (i32.gt_u (i32.load (i32.const 24)) (i32.const 1)) (then unreachable)))
        (else (if (i32.ne (local.get $errno) (i32.const 21)) (then unreachable))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $write (i32.lt_u (local.get $i) (i32.const 20000))))
    (i32.atomic.store (i32.const 0) (i32.const 1))))
