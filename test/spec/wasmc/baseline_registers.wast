;; The baseline tier's locals in registers (compiler/baseline/LocalRegisters.h): the hottest
;; integer locals in the callee-saved rbx, r12 and r13, the hottest float locals in xmm8-xmm15
;; (caller-saved: written to their slots around every call), and the value stack's entries that
;; read a local's register. Each function below would return something else if a register were
;; clobbered by a callee, saved or reloaded at the wrong time, aliased by a stale stack entry, or
;; if a parameter reached the wrong register. Run at -O0 and -O2 like every script here, and with
;; the tier forced and required for every function (spec-baseline-wasmc: baseline_registers).

;; A module of its own, so that calls to it go through an import (another instance's code). It
;; keeps hot locals in the same registers as its callers and overwrites them.
(module $clobber
  (func (export "clobber") (param $n i32) (result i32)
    (local $a i32) (local $b i64) (local $c i32) (local $x f64) (local $y f32)
    (loop $l
      (local.set $a (i32.add (local.get $a) (local.get $n)))
      (local.set $b (i64.add (local.get $b) (i64.const 3)))
      (local.set $c (i32.xor (i32.rotl (local.get $c) (i32.const 3)) (local.get $a)))
      (local.set $x (f64.add (local.get $x) (f64.const 1.5)))
      (local.set $y (f32.mul (f32.add (local.get $y) (f32.const 1)) (f32.const 1.25)))
      (br_if $l (i32.gt_s (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))))
    (i32.add (i32.add (local.get $c) (i32.wrap_i64 (local.get $b)))
             (i32.add (i32.trunc_f64_s (local.get $x)) (i32.trunc_f32_s (local.get $y)))))
)
(register "clobber" $clobber)

(module
  (import "clobber" "clobber" (func $imported (param i32) (result i32)))
  (memory 1 100)
  (table 2 funcref)
  (elem (i32.const 0) $clobber $viaTable)
  (type $unary (func (param i32) (result i32)))
  (func $clobber (param $n i32) (result i32)
    (local $a i32) (local $b i64) (local $c i32) (local $x f64) (local $y f32)
    (loop $l
      (local.set $a (i32.add (local.get $a) (local.get $n)))
      (local.set $b (i64.add (local.get $b) (i64.const 3)))
      (local.set $c (i32.xor (i32.rotl (local.get $c) (i32.const 3)) (local.get $a)))
      (local.set $x (f64.add (local.get $x) (f64.const 1.5)))
      (local.set $y (f32.mul (f32.add (local.get $y) (f32.const 1)) (f32.const 1.25)))
      (br_if $l (i32.gt_s (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))))
    (i32.add (i32.add (local.get $c) (i32.wrap_i64 (local.get $b)))
             (i32.add (i32.trunc_f64_s (local.get $x)) (i32.trunc_f32_s (local.get $y)))))
  (func $viaTable (param $n i32) (result i32) (call $clobber (i32.add (local.get $n) (i32.const 1))))

  ;; Hot locals of both kinds live across a call of each kind: wasm, indirect, imported,
  ;; memory.grow (the runtime), rounding (libm), memory.fill (libc); a local read before each call
  ;; is still on the stack when it returns.
  (func (export "across-calls") (param $n i32) (result f64)
    (local $i i32) (local $s i64) (local $t i32) (local $f f64) (local $g f32)
    (loop $l
      (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (call $clobber (i32.const 3)))))
      (local.set $t (i32.add (local.get $t)
                             (call_indirect (type $unary) (local.get $i) (i32.const 1))))
      (local.set $t (i32.add (local.get $t) (call $imported (i32.const 4))))
      (local.set $t (i32.add (local.get $t) (memory.grow (i32.const 0))))
      (local.set $f (f64.add (local.get $f) (f64.floor (f64.add (local.get $f) (f64.const 2.5)))))
      (local.set $g (f32.add (local.get $g) (f32.nearest (f32.const 1.5))))
      (memory.fill (local.get $i) (i32.const 1) (i32.const 16))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (f64.add (f64.add (local.get $f) (f64.promote_f32 (local.get $g)))
             (f64.convert_i64_s (i64.add (local.get $s) (i64.extend_i32_u (local.get $t))))))

  ;; A local.tee or local.set while a local.get of the same local is still on the stack: the
  ;; get's value is the old one.
  (func (export "tee-under") (param $x i32) (result i32)
    (i32.sub (local.get $x) (local.tee $x (i32.add (local.get $x) (i32.const 5)))))
  (func (export "set-under") (param $x i64) (result i64)
    (i64.add (local.get $x)
      (block (result i64) (local.set $x (i64.const 100)) (local.get $x))))
  (func (export "set-under-float") (param $x f64) (result f64)
    (f64.sub (local.get $x)
      (block (result f64) (local.set $x (f64.const 100)) (local.get $x))))
  (func (export "self-assign") (param $x i32) (param $y i32) (result i32)
    (local.set $x (local.get $x))
    (local.set $y (local.get $x))
    (i32.add (i32.mul (local.get $x) (i32.const 10)) (local.get $y)))

  ;; Loops and branches carrying values read from locals' registers.
  (func (export "branch-values") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done (result i32)
      (loop $l
        (local.set $acc (i32.add (local.get $acc) (local.get $i)))
        (drop (br_if $done (local.get $acc) (i32.gt_u (local.get $acc) (i32.const 100))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
      (i32.const -1)))
  (func (export "if-values") (param $a i32) (param $b f64) (result f64)
    (local $k i32)
    (loop $l
      (local.set $b
        (if (result f64) (i32.and (local.get $k) (local.get $a))
          (then (f64.add (local.get $b) (f64.convert_i32_u (local.get $k))))
          (else (f64.mul (local.get $b) (f64.const 1.5)))))
      (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 10))))
    (local.get $b))

  ;; More hot locals than registers of each kind: six integers, eleven floats.
  (func (export "pressure") (param $n i32) (result f64)
    (local $a i32) (local $b i32) (local $c i64) (local $d i64) (local $e i32)
    (local $f0 f64) (local $f1 f64) (local $f2 f64) (local $f3 f64) (local $f4 f64)
    (local $f5 f32) (local $f6 f32) (local $f7 f32) (local $f8 f64) (local $f9 f64) (local $f10 f64)
    (loop $l
      (local.set $a (i32.add (local.get $a) (i32.const 3)))
      (local.set $b (i32.xor (local.get $b) (local.get $a)))
      (local.set $c (i64.add (local.get $c) (i64.extend_i32_u (local.get $b))))
      (local.set $d (i64.sub (local.get $d) (local.get $c)))
      (local.set $e (i32.add (local.get $e) (i32.wrap_i64 (local.get $d))))
      (local.set $f0 (f64.add (local.get $f0) (f64.const 1)))
      (local.set $f1 (f64.add (local.get $f1) (local.get $f0)))
      (local.set $f2 (f64.sub (local.get $f2) (local.get $f1)))
      (local.set $f3 (f64.mul (local.get $f0) (f64.const 0.5)))
      (local.set $f4 (f64.add (local.get $f4) (local.get $f3)))
      (local.set $f5 (f32.add (local.get $f5) (f32.const 0.25)))
      (local.set $f6 (f32.sub (local.get $f6) (local.get $f5)))
      (local.set $f7 (f32.add (local.get $f7) (local.get $f6)))
      (local.set $f8 (f64.add (local.get $f8) (f64.promote_f32 (local.get $f7))))
      (local.set $f9 (f64.sub (local.get $f9) (local.get $f8)))
      (local.set $f10 (f64.add (local.get $f10) (f64.convert_i32_s (local.get $e))))
      (br_if $l (i32.gt_s (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (i32.const 0))))
    (f64.add
      (f64.add (f64.add (local.get $f0) (local.get $f1)) (f64.add (local.get $f2) (local.get $f4)))
      (f64.add
        (f64.add (f64.promote_f32 (f32.add (local.get $f6) (local.get $f7))) (local.get $f9))
        (f64.add (local.get $f10)
                 (f64.convert_i64_s (i64.add (local.get $d)
                   (i64.extend_i32_u (i32.add (local.get $e) (local.get $b)))))))))

  ;; NaN payloads, signalling ones too, through float locals, a call and a loop.
  (func $identity32 (param f32) (result f32) (local.get 0))
  (func (export "nan-local32") (param $x f32) (result i32)
    (local $y f32) (local $i i32)
    (loop $l
      (local.set $y (call $identity32 (local.get $x)))
      (local.set $x (local.get $y))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3))))
    (i32.reinterpret_f32 (local.get $y)))
  (func (export "nan-local64") (param $x f64) (result i64)
    (local $y f64) (local $i i32)
    (loop $l
      (local.set $y (local.get $x))
      (local.set $x (f64.reinterpret_i64 (i64.reinterpret_f64 (local.get $y))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3))))
    (i64.reinterpret_f64 (select (local.get $y) (local.get $x) (local.get $i))))
  (func (export "nan-store") (param $x f64) (result i64)
    (local $y f64)
    (local.set $y (local.get $x))
    (f64.store (i32.const 64) (local.get $y))
    (local.set $y (f64.load (i32.const 64)))
    (i64.reinterpret_f64 (local.get $y)))

  ;; Parameters beyond the argument registers (integers after the fifth, floats after the
  ;; eighth) come from the spill area into their locals' registers, and hot.
  (func $many (param $p0 i32) (param $p1 i64) (param $p2 i32) (param $p3 i64) (param $p4 i32)
              (param $p5 i64) (param $p6 i32) (param $p7 i64)
              (param $q0 f64) (param $q1 f64) (param $q2 f64) (param $q3 f64) (param $q4 f64)
              (param $q5 f64) (param $q6 f64) (param $q7 f32) (param $q8 f64) (param $q9 f32)
              (result f64)
    (local $i i32)
    (loop $l
      (local.set $p5 (i64.add (local.get $p5) (i64.extend_i32_u (local.get $p6))))
      (local.set $p7 (i64.mul (local.get $p7) (i64.const 3)))
      (local.set $q8 (f64.add (local.get $q8) (f64.promote_f32 (local.get $q9))))
      (local.set $q9 (f32.mul (local.get $q9) (f32.const 2)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $p4))))
    (f64.add
      (f64.add (f64.convert_i64_s (i64.add (local.get $p5) (local.get $p7)))
               (f64.add (local.get $q8) (f64.promote_f32 (local.get $q9))))
      (f64.add
        (f64.convert_i64_s (i64.add (i64.add (local.get $p1) (local.get $p3))
                                    (i64.extend_i32_u (i32.add (local.get $p0) (local.get $p2)))))
        (f64.add (f64.add (f64.add (local.get $q0) (local.get $q1)) (f64.add (local.get $q2) (local.get $q3)))
                 (f64.add (f64.add (local.get $q4) (local.get $q5))
                          (f64.add (local.get $q6) (f64.promote_f32 (local.get $q7))))))))
  (func (export "many") (param $n i32) (result f64)
    (call $many (i32.const 1) (i64.const 20) (i32.const 300) (i64.const 4000) (local.get $n)
                (i64.const 7) (i32.const 11) (i64.const 13)
                (f64.const 0.5) (f64.const 0.25) (f64.const 0.125) (f64.const 1) (f64.const 2)
                (f64.const 4) (f64.const 8) (f32.const 16) (f64.const 32) (f32.const 0.75)))

  ;; An operator whose result the next operator stores to a local in a register computes it in that
;; register (`x = x + 1` as one add), unless its right-hand side reads that local and its
;; left-hand side does not; a read of the local still on the stack keeps the old value.
  (func (export "into-local") (param $x i32) (param $y i32) (param $f f64) (param $g f64) (result f64)
    (local $z i64)
    (local.get $x)
    (local.set $x (i32.add (local.get $x) (i32.const 1)))
    (local.set $y (i32.sub (local.get $x) (local.get $y)))
    (local.set $x (i32.sub (i32.const 100) (local.get $x)))
    (local.set $y (i32.mul (local.get $y) (local.get $y)))
    (local.set $z (i64.mul (i64.extend_i32_u (local.get $x)) (i64.const 0x100000001)))
    (local.set $z (i64.sub (local.get $z) (i64.const -0x200000000)))
    (local.set $f (f64.sub (local.get $g) (local.get $f)))
    (local.set $f (f64.div (local.get $f) (f64.const 2)))
    (local.set $g (f64.add (local.get $f) (local.get $g)))
    (i32.add (local.tee $x (i32.xor (local.get $x) (local.get $y))))
    (f64.convert_i32_s)
    (local.get $g)
    (local.set $g (f64.mul (local.get $g) (local.get $g)))
    (f64.add)
    (f64.add (local.get $g))
    (f64.add (f64.add (f64.convert_i64_u (local.get $z)) (local.get $f)))
    (f64.add (f64.convert_i32_s (local.get $x))))

;; A load whose value goes to a local in a register is loaded there: from an address in that
  ;; very register (pointer chasing), with a read of the local still on the stack.
  (func (export "chase") (param $p i32) (param $n i32) (result i32)
    (local $sum i32) (local $f f64) (local $g f64)
    (i32.store (i32.const 200) (i32.const 208))
    (i32.store (i32.const 208) (i32.const 216))
    (i32.store (i32.const 216) (i32.const 200))
    (f64.store (i32.const 224) (f64.const 2.5))
    (loop $l
      (local.get $sum)
      (local.get $p)
      (local.set $p (i32.load (local.get $p)))
      (local.get $p)
      (i32.add)
      (i32.add)
      (local.set $sum)
      (local.get $g)
      (local.set $g (f64.load (i32.const 224)))
      (local.set $f (f64.add (local.get $f) (f64.add (local.get $g))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.add (i32.mul (local.get $sum) (i32.const 1000))
             (i32.add (local.get $p) (i32.trunc_f64_s (local.get $f)))))

  ;; Sums computed by lea from a local's register and a constant or another register (wrapping as
  ;; i32 and i64 arithmetic do; constants that do not fit a displacement take the usual way),
  ;; and commutative operators computed in their right-hand side's register.
  (func (export "sums") (param $a i32) (param $b i64) (result i64)
    (local $c i32) (local $d i64)
    (local.set $c (i32.add (local.get $a) (i32.const 0x7fffffff)))
    (local.set $d (i64.sub (local.get $b) (i64.const 0x80000000)))
    (i64.add
      (i64.extend_i32_u (i32.add (i32.sub (local.get $a) (i32.const -5)) (local.get $c)))
      (i64.add
        (i64.add (local.get $d) (i64.const 0x100000000))
        (i64.add (i64.sub (local.get $b) (i64.const 0x8000000000000000))
                 (i64.xor (local.get $d) (i64.mul (local.get $b) (i64.const 3)))))))
  ;; Float constants read from after the code, and commutative float operators.
  (func (export "float-constants") (param $x f64) (param $y f32) (result f64)
    (local $z f64)
    (local.set $z (f64.mul (local.get $x) (f64.const 0.5)))
    (f64.add (f64.add (local.get $z) (f64.sub (local.get $x) (f64.const -1.25)))
             (f64.promote_f32 (f32.mul (local.get $y) (f32.add (local.get $y) (f32.const 3))))))
  (func (export "nan-constant") (param $x f64) (result f64)
    (f64.add (local.get $x) (f64.const -nan:0x8)))

  ;; Copies between locals in registers and locals in slots (more integer locals than registers).
  (func (export "copies") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $c i64) (local $d i64) (local $e i64) (local $f i64)
    (local $g i64)
    (loop $l
      (local.set $a (i64.add (local.get $a) (i64.const 1)))
      (local.set $b (local.get $a))
      (local.set $c (i64.add (local.get $c) (local.get $b)))
      (local.set $d (local.get $c))
      (local.set $e (i64.xor (i64.rotl (local.get $e) (i64.const 7)) (local.get $d)))
      (local.set $f (local.tee $g (local.get $e)))
      (local.set $a (i64.add (local.get $a) (i64.and (local.get $f) (i64.const 3))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.add (i64.add (local.get $a) (local.get $b))
             (i64.add (i64.mul (local.get $c) (local.get $d))
                      (i64.sub (local.get $g) (local.get $f)))))

  ;; Arguments moved straight from the registers they were computed in to the argument registers,
  ;; where some sit in another argument's register (or in rsi, the results pointer's).
  (func $weigh (param i32 i32 i32 i32 i32) (result i32)
    (i32.add (i32.add (i32.add (local.get 0) (i32.mul (local.get 1) (i32.const 10)))
                      (i32.add (i32.mul (local.get 2) (i32.const 100))
                               (i32.mul (local.get 3) (i32.const 1000))))
             (i32.mul (local.get 4) (i32.const 10000))))
  (func $weighFloats (param f64 f64 f64 f32) (result f64)
    (f64.add (f64.add (local.get 0) (f64.mul (local.get 1) (f64.const 10)))
             (f64.add (f64.mul (local.get 2) (f64.const 100))
                      (f64.promote_f32 (f32.mul (local.get 3) (f32.const 1000))))))
  (func $pair (param i32 i32 i32) (result i32 i32)
    (i32.sub (local.get 0) (local.get 1)) (i32.mul (local.get 1) (local.get 2)))
  (func (export "argument-moves") (param $a i32) (param $b i32) (param $x f64) (result f64)
    (f64.add
      (f64.convert_i32_s
        (i32.add
          (call $weigh (i32.add (local.get $a) (i32.const 1)) (i32.add (local.get $a) (i32.const 2))
                       (i32.add (local.get $b) (i32.const 3)) (i32.add (local.get $b) (i32.const 4))
                       (local.get $a))
          (i32.add
            (call $pair (i32.add (local.get $a) (i32.const 1)) (i32.add (local.get $a) (i32.const 2))
                        (i32.add (local.get $a) (i32.const 3))))))
      (call $weighFloats (f64.add (local.get $x) (f64.const 1)) (f64.add (local.get $x) (f64.const 2))
                         (f64.sub (local.get $x) (f64.const 3)) (f32.const 4))))

  ;; select taking the flags of the comparison right before it, of integers and floats.
  (func (export "select-fused") (param $a i32) (param $b i32) (param $x f64) (param $y f64)
                                (result f64)
    (f64.add
      (f64.convert_i32_s (select (local.get $a) (local.get $b) (i32.lt_s (local.get $a) (local.get $b))))
      (f64.add (select (local.get $x) (local.get $y) (f64.gt (local.get $x) (local.get $y)))
               (f64.convert_i32_u (select (i32.const 7) (local.get $b) (i32.eqz (local.get $a)))))))

    ;; Comparisons taken by the br_if or if right after them as condition codes, of each kind,
  ;; with values carried, and a comparison's result used as a value too.
  (func (export "fused") (param $a i32) (param $b i64) (result i32)
    (local $r i32)
    (block $out (result i32)
      (if (i32.lt_s (local.get $a) (i32.const 0))
        (then (local.set $r (i32.const 1))))
      (if (i64.ge_u (local.get $b) (i64.const 100))
        (then (local.set $r (i32.or (local.get $r) (i32.const 2)))))
      (if (i32.eqz (local.get $a))
        (then (local.set $r (i32.or (local.get $r) (i32.const 4)))))
      (drop (br_if $out (i32.or (local.get $r) (i32.const 8)) (i64.eqz (local.get $b))))
      (drop (br_if $out (i32.or (local.get $r) (i32.const 16))
                        (i32.gt_u (local.get $a) (i32.const 1000))))
      (i32.add (local.get $r) (i32.mul (i32.le_s (local.get $a) (i32.const 5)) (i32.const 32)))))
)

(assert_return (invoke "across-calls" (i32.const 5)) (f64.const 33196))
(assert_return (invoke "tee-under" (i32.const 9)) (i32.const -5))
(assert_return (invoke "set-under" (i64.const 1)) (i64.const 101))
(assert_return (invoke "set-under-float" (f64.const 1)) (f64.const -99))
(assert_return (invoke "self-assign" (i32.const 3) (i32.const 8)) (i32.const 33))
(assert_return (invoke "branch-values" (i32.const 20)) (i32.const 105))
(assert_return (invoke "branch-values" (i32.const 5)) (i32.const -1))
(assert_return (invoke "if-values" (i32.const 2) (f64.const 1)) (f64.const 65.953125))
(assert_return (invoke "pressure" (i32.const 50)) (f64.const 4287133429.25))
(assert_return (invoke "nan-local32" (f32.const nan:0x1)) (i32.const 0x7f800001))
(assert_return (invoke "nan-local32" (f32.const -nan:0x200001)) (i32.const 0xffa00001))
(assert_return (invoke "nan-local64" (f64.const nan:0x1)) (i64.const 0x7ff0000000000001))
(assert_return (invoke "nan-local64" (f64.const -nan:0x4000000000001)) (i64.const 0xfff4000000000001))
(assert_return (invoke "nan-store" (f64.const nan:0x5)) (i64.const 0x7ff0000000000005))
(assert_return (invoke "many" (i32.const 4)) (f64.const 5512.125))
(assert_return (invoke "into-local" (i32.const 7) (i32.const 3) (f64.const 1.5) (f64.const 10)) (f64.const 403726926282.5625))
(assert_return (invoke "chase" (i32.const 200) (i32.const 4)) (i32.const 1656225))
(assert_return (invoke "sums" (i32.const 7) (i64.const 0x123456789)) (i64.const 9223372067206864950))
(assert_return (invoke "sums" (i32.const -1) (i64.const -1)) (i64.const 9223372043297226754))
(assert_return (invoke "float-constants" (f64.const 3) (f32.const 0.5)) (f64.const 7.5))
(assert_return (invoke "nan-constant" (f64.const 1)) (f64.const nan:arithmetic))
(assert_return (invoke "copies" (i32.const 20)) (i64.const 105047))
(assert_return (invoke "argument-moves" (i32.const 1) (i32.const 2) (f64.const 0.5)) (f64.const 20319.5))
(assert_return (invoke "select-fused" (i32.const 0) (i32.const 5) (f64.const 1.5) (f64.const -2)) (f64.const 8.5))
(assert_return (invoke "select-fused" (i32.const 9) (i32.const -5) (f64.const -1) (f64.const 3)) (f64.const 4294967289))
(assert_return (invoke "fused" (i32.const -3) (i64.const 0)) (i32.const 9))
(assert_return (invoke "fused" (i32.const 0) (i64.const 100)) (i32.const 38))
(assert_return (invoke "fused" (i32.const 2000) (i64.const 1)) (i32.const 16))
(assert_return (invoke "fused" (i32.const 5) (i64.const 7)) (i32.const 32))
(assert_return (invoke "fused" (i32.const 6) (i64.const 700)) (i32.const 2))
