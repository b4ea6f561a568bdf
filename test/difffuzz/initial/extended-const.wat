;; Initial content for -ttf with extended constant expressions (difffuzz.py --features
;; extended-const): binaryen makes none itself. The globals are exported, so the fuzzer logs them.
(module
  (global $a (export "ec-a") i32 (i32.add (i32.const 100) (i32.mul (i32.const 3) (i32.const -5))))
  (global $b (export "ec-b") i64
    (i64.sub (i64.const 1) (i64.mul (i64.const 0x10000) (i64.const 0x100000))))
  (global $c (export "ec-c") i32 (i32.sub (i32.mul (i32.const 0x10000) (i32.const 0x10001))
                                          (i32.const 0x7fffffff)))
  (global $d (export "ec-d") (mut i64) (i64.add (i64.const -1) (i64.const -0x8000000000000000))))
