;; Calls and returns keep a NaN's bits, signalling ones included, whatever the number of results
;; (issue 12, finding 12: on x86-64 the C convention returns the third and fourth float of a
;; struct in x87 registers, whose loads and stores quiet signalling NaNs).
(module
  (type $f32x3 (func (result f32 f32 f32)))
  (type $f32x4 (func (result f32 f32 f32 f32)))
  (type $f64x3 (func (result f64 f64 f64)))
  (table funcref (elem $three $four $three_f64))

  (func $three (result f32 f32 f32)
    (f32.const 1) (f32.const 2) (f32.const nan:0x200000))
  (func $four (result f32 f32 f32 f32)
    (f32.const 1) (f32.const 2) (f32.const -nan:0x1) (f32.const nan:0x200001))
  (func $three_f64 (result f64 f64 f64)
    (f64.const 1) (f64.const 2) (f64.const nan:0x4000000000001))

  ;; Through the export wrapper, to the host.
  (func (export "three") (result f32 f32 f32) (call $three))
  (func (export "four") (result f32 f32 f32 f32) (call $four))
  (func (export "three_f64") (result f64 f64 f64) (call $three_f64))

  ;; Through call_indirect, then looked at as bits inside wasm.
  (func (export "three_indirect_bits") (result i32)
    (call_indirect (type $f32x3) (i32.const 0))
    (i32.reinterpret_f32) (return))
  (func (export "four_indirect_bits") (result i32 i32)
    (local $c f32) (local $d f32)
    (call_indirect (type $f32x4) (i32.const 1))
    (local.set $d) (local.set $c) (drop) (drop)
    (i32.reinterpret_f32 (local.get $c)) (i32.reinterpret_f32 (local.get $d)))
  (func (export "three_f64_indirect_bits") (result i64)
    (call_indirect (type $f64x3) (i32.const 2))
    (i64.reinterpret_f64) (return))

  ;; Through a recursive function, which is not inlined.
  (func $countdown (param $n i32) (result f32 f32 f32)
    (if (result f32 f32 f32) (local.get $n)
      (then (call $countdown (i32.sub (local.get $n) (i32.const 1))))
      (else (f32.const 0) (f32.const 0) (f32.const nan:0x200000))))
  (func (export "recursive_bits") (result i32)
    (call $countdown (i32.const 3))
    (i32.reinterpret_f32) (return))
)

(assert_return (invoke "three") (f32.const 1) (f32.const 2) (f32.const nan:0x200000))
(assert_return (invoke "four") (f32.const 1) (f32.const 2) (f32.const -nan:0x1) (f32.const nan:0x200001))
(assert_return (invoke "three_f64") (f64.const 1) (f64.const 2) (f64.const nan:0x4000000000001))
(assert_return (invoke "three_indirect_bits") (i32.const 0x7fa00000))
(assert_return (invoke "four_indirect_bits") (i32.const 0xff800001) (i32.const 0x7fa00001))
(assert_return (invoke "three_f64_indirect_bits") (i64.const 0x7ff4000000000001))
(assert_return (invoke "recursive_bits") (i32.const 0x7fa00000))
