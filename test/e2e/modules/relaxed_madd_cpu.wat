;; relaxed_madd/nmadd are unfused on every CPU: built for x86-64 with FMA3 (`--features +fma`,
;; where LLVM could contract the multiplication and the addition into one vfmadd), and on the
;; cross targets, the products still round before the sum. (1 + 2^-12)^2 rounds to 1 + 2^-11,
;; so a * b - (1 + 2^-11) is 0 unfused and 2^-24 fused (f32; f64 likewise with 2^-27 and 2^-54).
;; Operands come from mutable globals, so that nothing is folded at compile time. Writes "ok"
;; and exits 0, or exits with the number of the check that failed.
;; e2e: build_x86_64 = --features +fma
;; e2e: exit = 0
;; e2e: stdout = ok
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (data (i32.const 32) "\10\00\00\00\03\00\00\00") ;; iovec {16, 3}
  (global $a32 (mut v128) (v128.const f32x4 0x1.001p+0 0x1.001p+0 0x1.001p+0 0x1.001p+0))
  (global $c32 (mut v128) (v128.const f32x4 -0x1.002p+0 0x1.002p+0 -0x1.002p+0 0x1.002p+0))
  (global $a64 (mut v128) (v128.const f64x2 0x1.0000002p+0 0x1.0000002p+0))
  (global $c64 (mut v128) (v128.const f64x2 -0x1.0000004p+0 0x1.0000004p+0))

  (func $check (param v128 v128 i32)
    (if (i32.eqz (i64x2.all_true (i64x2.eq (local.get 0) (local.get 1))))
      (then (call $proc_exit (local.get 2)))))
  (func (export "_start")
    (call $check (f32x4.relaxed_madd (global.get $a32) (global.get $a32) (global.get $c32))
                 (v128.const f32x4 0 0x1.002p+1 0 0x1.002p+1) (i32.const 1))
    (call $check (f32x4.relaxed_nmadd (global.get $a32) (global.get $a32) (global.get $c32))
                 (v128.const f32x4 -0x1.002p+1 0 -0x1.002p+1 0) (i32.const 2))
    (call $check (f64x2.relaxed_madd (global.get $a64) (global.get $a64) (global.get $c64))
                 (v128.const f64x2 0 0x1.0000004p+1) (i32.const 3))
    (call $check (f64x2.relaxed_nmadd (global.get $a64) (global.get $a64) (global.get $c64))
                 (v128.const f64x2 -0x1.0000004p+1 0) (i32.const 4))
    (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40))))
)
