;; A call in flight acts on the descriptor it looked up, never on one that another thread opens
;; meanwhile under the same host number. Two threads keep creating "x" (path_open, O_CREAT) in
;; the directory "c", whose guest number is at 4; the main thread keeps retiring that descriptor
;; (fd_close, or fd_renumber of a new "c" over it, in turn) and at once opening "b", which the host
;; numbers as the descriptor just closed, through a descriptor whose inheriting rights lack
;; path_create_file: no call may create anything in "b". (A shim that looks a descriptor up under
;; its lock but then uses the host number after another thread has closed it creates "b/x": a
;; write through a read-only capability.) A creating thread may see the descriptor free (EBADF),
;; "b" under its number (ENOTCAPABLE) or the other thread's "x" (ENOTDIR); any other error ends
;; the program with 100 + errno, "b/x" existing at the end with 99. Each creating thread goes
;; on until it has created (opened) "x" 10000 times.
;; memory: 0 creating threads done, 4 the guest number of "c", 8 "c", 9 "b", 10 "x", 11 ".",
;;   12 "b/x", 32 the read-only directory, 36 path_open's result (main), 40 "b"'s number,
;;   64 fdstat / filestat (64 bytes); thread k (1, 2) works at 1024 * k: +0 path_open's result
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $mkdir (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_rights"
    (func $fd_fdstat_set_rights (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_renumber" (func $fd_renumber (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "env" "memory" (memory 1 1 shared))
  (data (i32.const 8) "cbx.b/x")

  (func $check (param $errno i32)
    (if (local.get $errno) (then (call $proc_exit (i32.add (i32.const 100) (local.get $errno))))))

  ;; Opens directory $name (one byte at $name) beneath $dir; returns its guest number.
  (func $open_dir (param $dir i32) (param $name i32) (result i32)
    (call $check (call $path_open (local.get $dir) (i32.const 0) (local.get $name) (i32.const 1)
      (i32.const 2) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 36)))
    (i32.load (i32.const 36)))

  (func $create_x (param $k i32)
    (local $out i32) (local $i i32) (local $errno i32)
    (local.set $out (i32.mul (i32.const 1024) (local.get $k)))
    (loop $again
      (local.set $errno (call $path_open (i32.atomic.load (i32.const 4)) (i32.const 0)
        (i32.const 10) (i32.const 1) (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0)
        (local.get $out)))
      (if (i32.eqz (local.get $errno))
        (then
          (call $check (call $fd_close (i32.load (local.get $out))))
          (local.set $i (i32.add (local.get $i) (i32.const 1))))
        (else
          (if (i32.and (i32.ne (local.get $errno) (i32.const 8))          ;; EBADF
                       (i32.and (i32.ne (local.get $errno) (i32.const 76)) ;; ENOTCAPABLE
                                (i32.ne (local.get $errno) (i32.const 54)))) ;; ENOTDIR
            (then (call $check (local.get $errno))))))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10000)))))

  (func (export "wasi_thread_start") (param i32 i32)
    (call $create_x (local.get 1))
    (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1))))

  (func (export "_start")
    (local $k i32) (local $round i32) (local $c i32) (local $ro i32)
    (call $check (call $mkdir (i32.const 3) (i32.const 8) (i32.const 1)))
    (call $check (call $mkdir (i32.const 3) (i32.const 9) (i32.const 1)))
    ;; The read-only directory: "." with path_create_file taken out of its inheriting rights.
    (local.set $ro (call $open_dir (i32.const 3) (i32.const 11)))
    (call $check (call $fd_fdstat_get (local.get $ro) (i32.const 64)))
    (call $check (call $fd_fdstat_set_rights (local.get $ro) (i64.load (i32.const 72))
      (i64.and (i64.load (i32.const 80)) (i64.const -1025))))
    (i32.atomic.store (i32.const 4) (call $open_dir (i32.const 3) (i32.const 8)))
    (loop $spawn
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (if (i32.le_s (call $thread_spawn (local.get $k)) (i32.const 0)) (then unreachable))
      (br_if $spawn (i32.lt_u (local.get $k) (i32.const 2))))
    (loop $rounds
      (if (i32.and (local.get $round) (i32.const 1))
        (then
          ;; A new "c" over the old one, whose host number "b" then gets.
          (local.set $c (call $open_dir (i32.const 3) (i32.const 8)))
          (call $check (call $fd_renumber (local.get $c) (i32.atomic.load (i32.const 4))))
          (i32.store (i32.const 40) (call $open_dir (local.get $ro) (i32.const 9))))
        (else
          ;; Close "c", open "b" (its host number, and likely its guest number), reopen "c".
          (call $check (call $fd_close (i32.atomic.load (i32.const 4))))
          (i32.store (i32.const 40) (call $open_dir (local.get $ro) (i32.const 9)))
          (i32.atomic.store (i32.const 4) (call $open_dir (i32.const 3) (i32.const 8)))))
      (call $check (call $fd_close (i32.load (i32.const 40))))
      (local.set $round (i32.add (local.get $round) (i32.const 1)))
      (br_if $rounds (i32.lt_u (i32.atomic.load (i32.const 0)) (i32.const 2))))
    (if (i32.ne (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 12) (i32.const 3)
                  (i32.const 64))
                (i32.const 44)) ;; ENOENT
      (then (call $proc_exit (i32.const 99))))))
