;; memory64 and multiple memories end to end: a sieve of Eratosthenes in a 64-bit memory grown
;; with an i64 delta and addressed past 64 KiB with i64 addresses (and a constant offset), its
;; message copied in from a second, 32-bit memory (memory.copy between memories), printed
;; through WASI from memory 0.
;; e2e: exit = 0
;; e2e: stdout = primes below 100000: 9592 (memory 0: 3 pages)
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory $main (export "memory") i64 1)
  (memory $text 1)
  (data (memory $text) (i32.const 16) "primes below 100000: ")
  (data (memory $text) (i32.const 64) " (memory 0: ")
  (data (memory $text) (i32.const 96) " pages)\n")

  (global $limit i64 (i64.const 100000))
  (global $flags i64 (i64.const 0x10000)) ;; the sieve's bytes: page 1 onwards

  ;; Writes `value` in decimal at `at` in memory 0; returns the address after it.
  (func $decimal (param $value i64) (param $at i64) (result i64)
    (local $digits i64) (local $v i64) (local $end i64)
    (local.set $v (local.get $value))
    (local.set $digits (i64.const 1))
    (block $done
      (loop $count
        (br_if $done (i64.lt_u (local.get $v) (i64.const 10)))
        (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
        (local.set $digits (i64.add (local.get $digits) (i64.const 1)))
        (br $count)))
    (local.set $end (i64.add (local.get $at) (local.get $digits)))
    (local.set $v (local.get $end))
    (loop $write
      (local.set $v (i64.sub (local.get $v) (i64.const 1)))
      (i64.store8 $main (local.get $v)
        (i64.add (i64.const 48) (i64.rem_u (local.get $value) (i64.const 10))))
      (local.set $value (i64.div_u (local.get $value) (i64.const 10)))
      (br_if $write (i64.gt_u (local.get $v) (local.get $at))))
    (local.get $end))

  (func (export "_start")
    (local $i i64) (local $j i64) (local $count i64) (local $at i64)
    ;; Two more pages for the sieve: memory.grow takes and returns an i64 here.
    (if (i64.ne (memory.grow $main (i64.const 2)) (i64.const 1)) (then unreachable))
    (memory.fill $main (global.get $flags) (i32.const 1) (global.get $limit))
    (local.set $i (i64.const 2))
    (loop $outer
      (if (i32.load8_u $main offset=0x10000 (local.get $i))
        (then
          (local.set $count (i64.add (local.get $count) (i64.const 1)))
          (local.set $j (i64.mul (local.get $i) (local.get $i)))
          (block $marked
            (loop $inner
              (br_if $marked (i64.ge_u (local.get $j) (global.get $limit)))
              (i64.store8 $main (i64.add (global.get $flags) (local.get $j)) (i64.const 0))
              (local.set $j (i64.add (local.get $j) (local.get $i)))
              (br $inner)))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $outer (i64.lt_u (local.get $i) (global.get $limit))))
    ;; The message: text from memory 1, numbers written in memory 0, from address 256.
    (memory.copy $main $text (i64.const 256) (i32.const 16) (i32.const 21))
    (local.set $at (call $decimal (local.get $count) (i64.const 277)))
    (memory.copy $main $text (local.get $at) (i32.const 64) (i32.const 12))
    (local.set $at (call $decimal (memory.size $main) (i64.add (local.get $at) (i64.const 12))))
    (memory.copy $main $text (local.get $at) (i32.const 96) (i32.const 8))
    (local.set $at (i64.add (local.get $at) (i64.const 8)))
    ;; One iovec at address 0: {256, length}.
    (i32.store $main (i64.const 0) (i32.const 256))
    (i32.store $main (i64.const 4) (i32.wrap_i64 (i64.sub (local.get $at) (i64.const 256))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
)
