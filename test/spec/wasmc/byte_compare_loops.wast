;; Byte-at-a-time comparison loops (wasi-libc's memcmp as clang compiles it, and a scan that
;; leaves with its pointers and count), which wasmc gives an 8-bytes-per-step loop when every
;; byte they could read is in bounds. The cases put the first difference at each position of a
;; word, with later differences in the same word, and in front of the end of memory (where an
;; 8-byte read would fault but the byte loop stops in time); the values the loops leave with,
;; traps, and memory that changes between calls must all be exactly the wasm semantics.
(module
  (memory 1)
  ;; [0, 0x8000) holds a pattern and [0x8000, 0x10000) a copy of it.
  (func $fill
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (i32.store8 offset=0x8000 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 0x8000)))))
  (start $fill)
  (func (export "poke") (param $at i32) (param $value i32)
    (i32.store8 (local.get $at) (local.get $value)))

  ;; wasi-libc's memcmp as clang-19 -O2 compiles it.
  (func (export "memcmp") (param i32 i32 i32) (result i32)
    (local i32 i32 i32)
    i32.const 0
    local.set 3
    block  ;; label = @1
      local.get 2
      i32.eqz
      br_if 0 (;@1;)
      block  ;; label = @2
        loop  ;; label = @3
          local.get 0
          i32.load8_u
          local.tee 4
          local.get 1
          i32.load8_u
          local.tee 5
          i32.ne
          br_if 1 (;@2;)
          local.get 1
          i32.const 1
          i32.add
          local.set 1
          local.get 0
          i32.const 1
          i32.add
          local.set 0
          local.get 2
          i32.const -1
          i32.add
          local.tee 2
          br_if 0 (;@3;)
          br 2 (;@1;)
        end
      end
      local.get 4
      local.get 5
      i32.sub
      local.set 3
    end
    local.get 3)

  ;; Where the scan stopped and how many bytes were left, for both ways out of the loop; the
  ;; bytes read are 5 past the pointers (a static offset).
  (func (export "scan") (param $l i32) (param $r i32) (param $n i32) (result i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (block $differ
        (loop $next
          (br_if $differ (i32.ne (i32.load8_u offset=5 (local.get $l))
                                 (i32.load8_u offset=5 (local.get $r))))
          (local.set $l (i32.add (local.get $l) (i32.const 1)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (br $done))
      (return (i32.add (i32.mul (local.get $n) (i32.const 0x100000)) (local.get $l))))
    (i32.sub (i32.const 0) (local.get $l)))
)

(assert_return (invoke "memcmp" (i32.const 0) (i32.const 0x8000) (i32.const 0x8000)) (i32.const 0))
(assert_return (invoke "memcmp" (i32.const 0x100) (i32.const 0x8100) (i32.const 0)) (i32.const 0))
(assert_return (invoke "memcmp" (i32.const 0x100) (i32.const 0x100) (i32.const 0x1000)) (i32.const 0))
(assert_return (invoke "scan" (i32.const 0) (i32.const 0x8000) (i32.const 0x7ff0)) (i32.const -32752))
(assert_return (invoke "poke" (i32.const 0x8000) (i32.const 0)))
(assert_return (invoke "memcmp" (i32.const 0) (i32.const 0x8000) (i32.const 0x100)) (i32.const 3))
(assert_return (invoke "memcmp" (i32.const 0x8000) (i32.const 0) (i32.const 0x100)) (i32.const -3))
(assert_return (invoke "scan" (i32.const 0) (i32.const 0x7ffb) (i32.const 0x100)) (i32.const 268435456))
(assert_return (invoke "poke" (i32.const 0x8000) (i32.const 3)))
(assert_return (invoke "poke" (i32.const 0x8107) (i32.const 0xff)))
(assert_return (invoke "memcmp" (i32.const 0x100) (i32.const 0x8100) (i32.const 0x100)) (i32.const -203))
(assert_return (invoke "memcmp" (i32.const 0x8100) (i32.const 0x100) (i32.const 0x100)) (i32.const 203))
(assert_return (invoke "memcmp" (i32.const 0x101) (i32.const 0x8101) (i32.const 6)) (i32.const 0))
(assert_return (invoke "memcmp" (i32.const 0x101) (i32.const 0x8101) (i32.const 7)) (i32.const -203))
(assert_return (invoke "scan" (i32.const 0xfb) (i32.const 0x80fb) (i32.const 0x100)) (i32.const 261095682))
(assert_return (invoke "poke" (i32.const 0x8148) (i32.const 0)))
(assert_return (invoke "memcmp" (i32.const 0x100) (i32.const 0x8100) (i32.const 0x100)) (i32.const -203))
(assert_return (invoke "memcmp" (i32.const 0x108) (i32.const 0x8108) (i32.const 0x100)) (i32.const 251))
(assert_return (invoke "memcmp" (i32.const 0x108) (i32.const 0x8108) (i32.const 0x40)) (i32.const 0))
(assert_return (invoke "memcmp" (i32.const 0x108) (i32.const 0x8108) (i32.const 0x41)) (i32.const 251))
(assert_return (invoke "poke" (i32.const 0x814b) (i32.const 0)))
(assert_return (invoke "poke" (i32.const 0x814d) (i32.const 0xff)))
(assert_return (invoke "memcmp" (i32.const 0x149) (i32.const 0x8149) (i32.const 0x10)) (i32.const 16))
(assert_return (invoke "memcmp" (i32.const 0x14a) (i32.const 0x814a) (i32.const 0x10)) (i32.const 16))
(assert_return (invoke "memcmp" (i32.const 0x8149) (i32.const 0x149) (i32.const 0x10)) (i32.const -16))
(assert_return (invoke "poke" (i32.const 0x8500) (i32.const 1)))
(assert_return (invoke "poke" (i32.const 0x8500) (i32.const 0x84)))
(assert_return (invoke "memcmp" (i32.const 0x400) (i32.const 0x8400) (i32.const 0x200)) (i32.const -129))
(assert_return (invoke "scan" (i32.const 0x3f0) (i32.const 0x83f0) (i32.const 0x200)) (i32.const 256902395))
(assert_return (invoke "poke" (i32.const 0x8500) (i32.const 0x83)))
(assert_return (invoke "memcmp" (i32.const 0x400) (i32.const 0x8400) (i32.const 0x200)) (i32.const -128))
(assert_return (invoke "memcmp" (i32.const 0x7ff0) (i32.const 0xfff0) (i32.const 0x10)) (i32.const 0))
(assert_trap (invoke "memcmp" (i32.const 0x7ff0) (i32.const 0xfff0) (i32.const 0x11)) "out of bounds memory access")
(assert_trap (invoke "memcmp" (i32.const 0x7ff0) (i32.const 0xfff0) (i32.const 0x20)) "out of bounds memory access")
(assert_trap (invoke "scan" (i32.const 0x7feb) (i32.const 0xffeb) (i32.const 0x20)) "out of bounds memory access")
(assert_return (invoke "poke" (i32.const 0xfff3) (i32.const 0)))
(assert_return (invoke "memcmp" (i32.const 0x7ff0) (i32.const 0xfff0) (i32.const 0x20)) (i32.const 168))
(assert_return (invoke "memcmp" (i32.const 0xfff0) (i32.const 0x7ff0) (i32.const 0x1000)) (i32.const -168))
(assert_return (invoke "scan" (i32.const 0xffe0) (i32.const 0x7fe0) (i32.const 0x100)) (i32.const 253820910))
(assert_return (invoke "scan" (i32.const 0x7fe0) (i32.const 0xffe0) (i32.const 0x100)) (i32.const 253788142))
(assert_return (invoke "poke" (i32.const 0xfffd) (i32.const 0)))
(assert_return (invoke "memcmp" (i32.const 0x7ff4) (i32.const 0xfff4) (i32.const 0x20)) (i32.const 238))
(assert_return (invoke "memcmp" (i32.const 0xfff4) (i32.const 0x7ff4) (i32.const 0x20)) (i32.const -238))
(assert_return (invoke "scan" (i32.const 0x7fef) (i32.const 0xffef) (i32.const 0x20)) (i32.const 24150008))
(assert_return (invoke "scan" (i32.const 0xffef) (i32.const 0x7fef) (i32.const 0x20)) (i32.const 24182776))
(assert_trap (invoke "memcmp" (i32.const 0xfffffff0) (i32.const 0) (i32.const 0x20)) "out of bounds memory access")
(assert_trap (invoke "memcmp" (i32.const 0) (i32.const 0xfffffff0) (i32.const 0x20)) "out of bounds memory access")
(assert_return (invoke "memcmp" (i32.const 0xfff8) (i32.const 0x7ff8) (i32.const 0xffffffff)) (i32.const -238))
