;; The edges of the access strategies of 64-bit memories (lower/MemoryStrategy.h): a clamped
;; address (base + umin(address, 2^32) + offset) must trap for every address past the memory,
;; however far (2^32, 2^64 - 1, wrapping with the offset; offsets of 2^32 and more, which wabt
;; 1.0.32 cannot write, are in the spec's core/memory64 scripts); accesses that end exactly at the memory's end must not trap. With
;; WASMC_MEMORY64_BOUNDS_CHECKS=1 the same script checks the explicit bounds checks.
(module
  (memory i64 1 3)
  (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
  (func (export "load_off1") (param i64) (result i32) (i32.load offset=1 (local.get 0)))
  (func (export "load_offmax") (param i64) (result i32)
    (i32.load offset=0xffffffff (local.get 0)))
  (func (export "store8") (param i64 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "load8") (param i64) (result i32) (i32.load8_u (local.get 0)))
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "size") (result i64) (memory.size))
  ;; Loaded values that are never used still trap.
  (func (export "drop_load") (param i64) (drop (i64.load (local.get 0))))
)
(assert_return (invoke "load" (i64.const 65532)) (i32.const 0))
(assert_trap (invoke "load" (i64.const 65533)) "out of bounds memory access")
(assert_return (invoke "load_off1" (i64.const 65531)) (i32.const 0))
(assert_trap (invoke "load_off1" (i64.const 65532)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0x100000000)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const 0xffffffff)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load" (i64.const -4)) "out of bounds memory access")
(assert_trap (invoke "load_off1" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "load_offmax" (i64.const 0)) "out of bounds memory access")
(assert_trap (invoke "load_offmax" (i64.const 0x100000000)) "out of bounds memory access")
(assert_trap (invoke "load_offmax" (i64.const -1)) "out of bounds memory access")
(assert_trap (invoke "drop_load" (i64.const 0x100000000)) "out of bounds memory access")
(assert_trap (invoke "drop_load" (i64.const 65529)) "out of bounds memory access")
;; Growing moves the end; addresses past 2^32 stay out of bounds.
(assert_return (invoke "grow" (i64.const 2)) (i64.const 1))
(assert_return (invoke "grow" (i64.const 1)) (i64.const -1))
(assert_return (invoke "grow" (i64.const 0x1000000000000)) (i64.const -1))
(assert_return (invoke "grow" (i64.const -1)) (i64.const -1))
(assert_return (invoke "size") (i64.const 3))
(invoke "store8" (i64.const 196607) (i32.const 7))
(assert_return (invoke "load8" (i64.const 196607)) (i32.const 7))
(assert_trap (invoke "load8" (i64.const 196608)) "out of bounds memory access")
(assert_trap (invoke "load8" (i64.const 0x100000000)) "out of bounds memory access")
(assert_trap (invoke "store8" (i64.const 0x100000000) (i32.const 1)) "out of bounds memory access")

;; Atomics: misaligned in bounds traps as unaligned, misaligned and out of bounds as out of bounds.
(module
  (memory 1 1 shared)
  (func (export "rmw") (param i32) (result i32) (i32.atomic.rmw.add (local.get 0) (i32.const 1)))
  (func (export "wait") (param i32 i32) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (i64.const 1000)))
)
(assert_return (invoke "rmw" (i32.const 65532)) (i32.const 0))
(assert_trap (invoke "rmw" (i32.const 65533)) "out of bounds memory access")
(assert_trap (invoke "rmw" (i32.const 2)) "unaligned atomic")
(assert_trap (invoke "rmw" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "wait" (i32.const 0) (i32.const 0)) (i32.const 2)) ;; timed out
(assert_return (invoke "wait" (i32.const 4) (i32.const 1)) (i32.const 1)) ;; not equal
(assert_trap (invoke "wait" (i32.const 6) (i32.const 0)) "unaligned atomic")
(assert_trap (invoke "wait" (i32.const 65536) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "wait" (i32.const 65535) (i32.const 0)) "out of bounds memory access")
