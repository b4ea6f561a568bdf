;; Wasm's float add, sub, mul and div return an arithmetic NaN (quiet bit set) when an operand is
;; a signalling NaN. LLVM folds x - 0, x + -0, x * 1, x / 1, -0 - x and x * -1 to x or -x, which
;; keeps a signalling x signalling; here the identity operand becomes a constant only in the
;; optimiser (lower/NaNGuard.h): a local never set, a constant argument after inlining, a constant
;; stored and loaded back, a global nothing writes, a phi or select of constants, a loop's first
;; iteration, a conversion or square root of a constant, vector lanes. Expectations agree with
;; wabt's interpreter. f32 signalling NaN: nan:0x200000; f64: nan:0x4000000000000.

;; Found by difffuzz seed 50028 (func_11): at -O2 wasmc returned 0xffaf5758, the operand itself.
(module
  (func (export "select-sub") (result f32) (local f32)
    (select (f32.sub (f32.const -nan:0x2f5758) (local.get 0)) (f32.const 65454)
            (i32.trunc_sat_f64_s (f64.const -0x1p+57))))
)
(assert_return (invoke "select-sub") (f32.const nan:arithmetic))

(module
  (memory 1)
  (global $zero (mut f64) (f64.const 0))
  (global $one (mut f32) (f32.const 1))

  (func $sub32 (param f32 f32) (result f32) (f32.sub (local.get 0) (local.get 1)))
  (func $add32 (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func $mul32 (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
  (func $div32 (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
  (func $sub64 (param f64 f64) (result f64) (f64.sub (local.get 0) (local.get 1)))
  (func $mul64 (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))

  ;; A local that is never set holds +0.
  (func (export "unset-local-sub") (param f32) (result f32) (local f32)
    (f32.sub (local.get 0) (local.get 1)))
  (func (export "unset-local-add") (param f64) (result f64) (local f64)
    (f64.add (local.get 0) (f64.neg (local.get 1))))

  ;; Constant arguments, after inlining.
  (func (export "inlined-sub") (param f32) (result f32) (call $sub32 (local.get 0) (f32.const 0)))
  (func (export "inlined-add") (param f32) (result f32) (call $add32 (local.get 0) (f32.const -0)))
  (func (export "inlined-add-left") (param f32) (result f32) (call $add32 (f32.const -0) (local.get 0)))
  (func (export "inlined-neg-sub") (param f32) (result f32) (call $sub32 (f32.const -0) (local.get 0)))
  (func (export "inlined-mul") (param f32) (result f32) (call $mul32 (local.get 0) (f32.const 1)))
  (func (export "inlined-mul-left") (param f32) (result f32) (call $mul32 (f32.const 1) (local.get 0)))
  (func (export "inlined-mul-minus-one") (param f32) (result f32) (call $mul32 (local.get 0) (f32.const -1)))
  (func (export "inlined-div") (param f32) (result f32) (call $div32 (local.get 0) (f32.const 1)))
  (func (export "inlined-div-minus-one") (param f32) (result f32) (call $div32 (local.get 0) (f32.const -1)))
  (func (export "inlined-sub64") (param f64) (result f64) (call $sub64 (local.get 0) (f64.const 0)))
  (func (export "inlined-mul64") (param f64) (result f64) (call $mul64 (local.get 0) (f64.const 1)))

  ;; A constant stored, then loaded back.
  (func (export "stored-one") (param f64) (result f64)
    (f64.store (i32.const 8) (f64.const 1))
    (f64.mul (local.get 0) (f64.load (i32.const 8))))
  ;; Globals nothing else writes.
  (func (export "global-zero") (param f64) (result f64) (f64.sub (local.get 0) (global.get $zero)))
  (func (export "global-one") (param f32) (result f32) (f32.div (local.get 0) (global.get $one)))

  ;; Both arms set the same constant: a phi of constants.
  (func (export "phi-one") (param f32 i32) (result f32) (local f32)
    (if (local.get 1) (then (local.set 2 (f32.const 1))) (else (local.set 2 (f32.const 1))))
    (f32.mul (local.get 0) (local.get 2)))
  ;; A select of constants, one of them an identity.
  (func (export "select-zero") (param f32 i32) (result f32)
    (f32.sub (local.get 0) (select (f32.const 0) (f32.const 2) (local.get 1))))

  ;; A product that starts at 1: its first iteration is 1 * p[0].
  (func (export "product") (param f64) (result f64) (local i32 f64)
    (f64.store (i32.const 16) (local.get 0))
    (f64.store (i32.const 24) (f64.const 2))
    (f64.store (i32.const 32) (f64.const 3))
    (f64.store (i32.const 40) (f64.const 4))
    (local.set 2 (f64.const 1))
    (loop $next
      (local.set 2 (f64.mul (local.get 2) (f64.load offset=16 (local.get 1))))
      (br_if $next (i32.ne (local.tee 1 (i32.add (local.get 1) (i32.const 8))) (i32.const 32))))
    (local.get 2))
  ;; A sum that starts at -0.
  (func (export "sum") (param f32) (result f32) (local i32 f32)
    (f32.store (i32.const 64) (local.get 0))
    (local.set 2 (f32.const -0))
    (loop $next
      (local.set 2 (f32.add (local.get 2) (f32.load offset=64 (local.get 1))))
      (br_if $next (i32.ne (local.tee 1 (i32.add (local.get 1) (i32.const 4))) (i32.const 4))))
    (local.get 2))

  ;; Conversions and square roots of constants.
  (func (export "converted-one") (param f64) (result f64) (local i32)
    (local.set 1 (i32.const 1))
    (f64.mul (local.get 0) (f64.convert_i32_s (local.get 1))))
  (func (export "sqrt-one") (param f32) (result f32) (local f32)
    (local.set 1 (f32.const 1))
    (f32.div (local.get 0) (f32.sqrt (local.get 1))))
  (func (export "promoted-zero") (param f64) (result f64) (local f32)
    (f64.add (local.get 0) (f64.promote_f32 (f32.neg (local.get 1)))))

  ;; Vector lanes.
  (func (export "splat-one") (param v128) (result v128) (local f32)
    (local.set 1 (f32.const 1))
    (f32x4.mul (local.get 0) (f32x4.splat (local.get 1))))
  (func (export "splat-zero") (param v128) (result v128) (local f64)
    (f64x2.sub (local.get 0) (f64x2.splat (local.get 1))))
)

(assert_return (invoke "unset-local-sub" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "unset-local-sub" (f32.const -1.5)) (f32.const -1.5))
(assert_return (invoke "unset-local-add" (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "unset-local-add" (f64.const 2.5)) (f64.const 2.5))

(assert_return (invoke "inlined-sub" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-sub" (f32.const -0)) (f32.const -0))
(assert_return (invoke "inlined-add" (f32.const -nan:0x1)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-add-left" (f32.const nan:0x3)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-neg-sub" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-neg-sub" (f32.const 3)) (f32.const -3))
(assert_return (invoke "inlined-mul" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-mul-left" (f32.const -nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-mul-minus-one" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-mul-minus-one" (f32.const 4)) (f32.const -4))
(assert_return (invoke "inlined-div" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-div-minus-one" (f32.const -nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "inlined-sub64" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "inlined-mul64" (f64.const -nan:0x1)) (f64.const nan:arithmetic))

(assert_return (invoke "stored-one" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "stored-one" (f64.const 7)) (f64.const 7))
(assert_return (invoke "global-zero" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "global-one" (f32.const nan:0x200000)) (f32.const nan:arithmetic))

(assert_return (invoke "phi-one" (f32.const nan:0x200000) (i32.const 0)) (f32.const nan:arithmetic))
(assert_return (invoke "phi-one" (f32.const nan:0x200000) (i32.const 1)) (f32.const nan:arithmetic))
(assert_return (invoke "select-zero" (f32.const nan:0x200000) (i32.const 1)) (f32.const nan:arithmetic))
(assert_return (invoke "select-zero" (f32.const 5) (i32.const 0)) (f32.const 3))

(assert_return (invoke "product" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "product" (f64.const 0.5)) (f64.const 12))
(assert_return (invoke "sum" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "sum" (f32.const -0)) (f32.const -0))

(assert_return (invoke "converted-one" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "sqrt-one" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "promoted-zero" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))

(assert_return (invoke "splat-one" (v128.const f32x4 nan:0x200000 -nan:0x1 1.5 -0))
               (v128.const f32x4 nan:arithmetic nan:arithmetic 1.5 -0))
(assert_return (invoke "splat-zero" (v128.const f64x2 nan:0x4000000000000 -2))
               (v128.const f64x2 nan:arithmetic -2))

;; Unary operations and conversions of signalling NaNs that LLVM may fold when the operand is a
;; constant (also after inlining): each result is arithmetic.
(module
  (func (export "sqrt") (result f32) (f32.sqrt (f32.const nan:0x200000)))
  (func (export "sqrt64") (result f64) (f64.sqrt (f64.const nan:0x4000000000000)))
  (func (export "ceil") (result f32) (f32.ceil (f32.const nan:0x200000)))
  (func (export "floor") (result f64) (f64.floor (f64.const -nan:0x4000000000000)))
  (func (export "trunc") (result f32) (f32.trunc (f32.const nan:0x200000)))
  (func (export "nearest") (result f32) (f32.nearest (f32.const nan:0x200000)))
  (func (export "min") (result f32) (f32.min (f32.const nan:0x200000) (f32.const 1)))
  (func (export "max") (result f64) (f64.max (f64.const 1) (f64.const nan:0x4000000000000)))
  (func (export "demote") (result f32) (f32.demote_f64 (f64.const nan:0x4000000000000)))
  (func (export "promote") (result f64) (f64.promote_f32 (f32.const nan:0x200000)))
  (func $id (param f32) (result f32) (local.get 0))
  (func (export "sqrt-inl") (result f32) (f32.sqrt (call $id (f32.const nan:0x200000))))
  (func (export "ceil-inl") (result f32) (f32.ceil (call $id (f32.const nan:0x200000))))
  (func (export "promote-inl") (result f64) (f64.promote_f32 (call $id (f32.const nan:0x200000))))
  (func (export "vsqrt") (result v128) (f32x4.sqrt (v128.const f32x4 nan:0x200000 1 4 nan:0x200000)))
  (func (export "vceil") (result v128) (f64x2.ceil (v128.const f64x2 nan:0x4000000000000 1.5)))
  (func (export "vmin") (result v128) (f32x4.min (v128.const f32x4 nan:0x200000 1 4 nan:0x200000) (v128.const f32x4 0 0 0 0)))
  (func (export "vpromote") (result v128) (f64x2.promote_low_f32x4 (v128.const f32x4 nan:0x200000 1 4 nan:0x200000)))
  (func (export "vdemote") (result v128) (f32x4.demote_f64x2_zero (v128.const f64x2 nan:0x4000000000000 1)))
)
(assert_return (invoke "sqrt") (f32.const nan:arithmetic))
(assert_return (invoke "sqrt64") (f64.const nan:arithmetic))
(assert_return (invoke "ceil") (f32.const nan:arithmetic))
(assert_return (invoke "floor") (f64.const nan:arithmetic))
(assert_return (invoke "trunc") (f32.const nan:arithmetic))
(assert_return (invoke "nearest") (f32.const nan:arithmetic))
(assert_return (invoke "min") (f32.const nan:arithmetic))
(assert_return (invoke "max") (f64.const nan:arithmetic))
(assert_return (invoke "demote") (f32.const nan:arithmetic))
(assert_return (invoke "promote") (f64.const nan:arithmetic))
(assert_return (invoke "sqrt-inl") (f32.const nan:arithmetic))
(assert_return (invoke "ceil-inl") (f32.const nan:arithmetic))
(assert_return (invoke "promote-inl") (f64.const nan:arithmetic))
(assert_return (invoke "vsqrt") (v128.const f32x4 nan:arithmetic 1 2 nan:arithmetic))
(assert_return (invoke "vceil") (v128.const f64x2 nan:arithmetic 2))
(assert_return (invoke "vmin") (v128.const f32x4 nan:arithmetic 0 0 nan:arithmetic))
(assert_return (invoke "vpromote") (v128.const f64x2 nan:arithmetic 1))
(assert_return (invoke "vdemote") (v128.const f32x4 nan:arithmetic 1 0 0))
