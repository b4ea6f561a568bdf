;; 32-bit arguments whose 64-bit registers hold garbage above bit 31, passed to C: a WASI call
;; made directly, one made through a table (the import thunk), and runtime entry points. The C
;; ABI of riscv64 requires them sign-extended; x86-64 and AArch64 ignore the upper half. Each
;; value is an i64 with the wanted low half and 1s above it, wrapped: LLVM passes the register as
;; it is unless the call says the callee expects an extended value. Expects a preopen at fd 3;
;; writes "ok" and exits 0, or exits with the number of the check that failed.
;; e2e: dir = /jail
;; e2e: exit = 0
;; e2e: stdout = ok
(module
  (type $fd_write_type (func (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (type $fd_write_type)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1 4)
  (table $wasi 1 funcref)
  (elem (table $wasi) (i32.const 0) func $fd_write)
  (data (i32.const 0) "made-by-wasm")
  (data (i32.const 16) "ok\n")
  (data (i32.const 32) "\10\00\00\00\03\00\00\00") ;; iovec {16, 3}
  ;; Not a constant to LLVM: the garbage is in a register at run time.
  (global $garbage (mut i64) (i64.const 0xffffffff00000000))

  (func $dirty (param i32) (result i32)
    (i32.wrap_i64 (i64.or (global.get $garbage) (i64.extend_i32_u (local.get 0)))))
  (func $check (param i32 i32)
    (if (i32.eqz (local.get 0)) (then (call $proc_exit (local.get 1)))))

  (func (export "_start")
    ;; A direct call: mkdir "made-by-wasm" in the preopen.
    (call $check
      (i32.eqz (call $path_create_directory
        (call $dirty (i32.const 3)) (call $dirty (i32.const 0)) (call $dirty (i32.const 12))))
      (i32.const 1))
    (call $check
      (i32.eqz (call $path_filestat_get (call $dirty (i32.const 3)) (call $dirty (i32.const 0))
        (call $dirty (i32.const 0)) (call $dirty (i32.const 12)) (call $dirty (i32.const 64))))
      (i32.const 2))
    ;; Runtime entry points: memory.grow by 1 page from 1; table.grow by 2 entries from 1.
    (call $check
      (i32.eq (memory.grow (call $dirty (i32.const 1))) (i32.const 1)) (i32.const 3))
    (call $check (i32.eq (memory.size) (i32.const 2)) (i32.const 4))
    (call $check
      (i32.eq (table.grow $wasi (ref.null func) (call $dirty (i32.const 2))) (i32.const 1))
      (i32.const 5))
    ;; Through the table: the import thunk calls the shim's fd_write.
    (call $check
      (i32.eqz (call_indirect $wasi (type $fd_write_type)
        (call $dirty (i32.const 1)) (call $dirty (i32.const 32)) (call $dirty (i32.const 1))
        (call $dirty (i32.const 48)) (i32.const 0)))
      (i32.const 6))
    (call $check (i32.eq (i32.load (i32.const 48)) (i32.const 3)) (i32.const 7)))
)
