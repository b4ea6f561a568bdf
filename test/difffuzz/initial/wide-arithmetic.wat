;; Initial content for -ttf with wide arithmetic (difffuzz.py --features wide-arithmetic):
;; binaryen makes these operators (almost) never itself, but keeps these functions, puts random
;; code into their operands and calls them from its own. The constants give carries, borrows and
;; high halves even with the zeros the exports are called with.
(module
  (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.add128 (i64.xor (local.get 0) (i64.const -1)) (local.get 1)
                (i64.or (local.get 2) (i64.const 1))
                (i64.sub (local.get 3) (i64.const 0x7fffffffffffffff))))
  (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.sub128 (local.get 0) (i64.add (local.get 1) (i64.const 0x8000000000000000))
                (i64.or (local.get 2) (i64.const 3)) (local.get 3)))
  (func (export "mul_wide_s") (param i64 i64) (result i64 i64)
    (i64.mul_wide_s (i64.sub (local.get 0) (i64.const 0x123456789abcdef))
                    (i64.xor (local.get 1) (i64.const 0x7edcba9876543210))))
  (func (export "mul_wide_u") (param i64 i64) (result i64 i64)
    (i64.mul_wide_u (i64.sub (local.get 0) (i64.const 3)) (i64.or (local.get 1) (i64.const -5))))
  (func (export "wide-mixed") (param i64 i64) (result i64)
    (local $lo i64) (local $hi i64)
    (i64.mul_wide_u (i64.add (local.get 0) (i64.const -7)) (i64.const -1))
    (local.set $hi)
    (local.set $lo)
    (i64.sub128 (local.get $lo) (local.get $hi) (local.get 1) (i64.const 1))
    (i64.xor)))
