;; f32.sub of a signalling NaN constant and +0 must give an arithmetic NaN (quiet bit set), also
;; when the difference flows through a select. Found by difffuzz seed 50028 (func_11): at -O2
;; wasmc returned 0xffaf5758, the operand itself.
(module
  (func (export "select-sub") (result f32) (local f32)
    (select (f32.sub (f32.const -nan:0x2f5758) (local.get 0)) (f32.const 65454)
            (i32.trunc_sat_f64_s (f64.const -0x1p+57))))
)
(assert_return (invoke "select-sub") (f32.const nan:arithmetic))
