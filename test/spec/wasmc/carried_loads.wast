;; A value loaded in one iteration and used in the next, in a local (clang's loop load
;; elimination, a stencil's `A[i+1]` becoming the next iteration's `A[i]`), in a loop that also
;; stores: in the loop LoopAddressWidening versions as in bounds, CarriedLoadHoisting.cpp moves such
;; a load above the stores before it when each stores a constant distance away from the bytes it
;; reads. Each function below stores `prev * 3 + i` at `p + D` and then loads `prev` from `p`
;; (p = a + 4i): distances of whole elements either way (hoisted, and the vectoriser takes the loop
;; storing behind), none or part of an element (left in place: the store changes what the load
;; reads). The cases: every distance, a zero-trip loop, the last access exactly at the end of
;; memory and one past it (the trap at the right iteration, the stores before it done), and sums
;; that wrap around 2^32.
(module
  (memory 1)
  (func (export "shift_back") (param $a i32) (param $n i32) (local $i i32) (local $p i32) (local $prev i32)
    (local.set $prev (i32.const 7))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (i32.sub (local.get $p) (i32.const 4)) (i32.add (i32.mul (local.get $prev) (i32.const 3)) (local.get $i)))
        (local.set $prev (i32.load (local.get $p)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
  (func (export "shift_ahead") (param $a i32) (param $n i32) (local $i i32) (local $p i32) (local $prev i32)
    (local.set $prev (i32.const 7))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (i32.add (local.get $p) (i32.const 4)) (i32.add (i32.mul (local.get $prev) (i32.const 3)) (local.get $i)))
        (local.set $prev (i32.load (local.get $p)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
  (func (export "shift_same") (param $a i32) (param $n i32) (local $i i32) (local $p i32) (local $prev i32)
    (local.set $prev (i32.const 7))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (i32.add (local.get $p) (i32.const 0)) (i32.add (i32.mul (local.get $prev) (i32.const 3)) (local.get $i)))
        (local.set $prev (i32.load (local.get $p)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
  (func (export "shift_half_ahead") (param $a i32) (param $n i32) (local $i i32) (local $p i32) (local $prev i32)
    (local.set $prev (i32.const 7))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (i32.add (local.get $p) (i32.const 2)) (i32.add (i32.mul (local.get $prev) (i32.const 3)) (local.get $i)))
        (local.set $prev (i32.load (local.get $p)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
  (func (export "shift_half_back") (param $a i32) (param $n i32) (local $i i32) (local $p i32) (local $prev i32)
    (local.set $prev (i32.const 7))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (i32.sub (local.get $p) (i32.const 2)) (i32.add (i32.mul (local.get $prev) (i32.const 3)) (local.get $i)))
        (local.set $prev (i32.load (local.get $p)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
  (func (export "shift_back2") (param $a i32) (param $n i32) (local $i i32) (local $p i32) (local $prev i32)
    (local.set $prev (i32.const 7))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))
        (i32.store (i32.sub (local.get $p) (i32.const 8)) (i32.add (i32.mul (local.get $prev) (i32.const 3)) (local.get $i)))
        (local.set $prev (i32.load (local.get $p)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
  (func (export "init") (param $a i32) (param $n i32) (local $k i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (i32.store (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2)))
                   (i32.add (i32.mul (local.get $k) (i32.const 7)) (i32.const 1)))
        (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))))
  (func (export "checksum") (param $a i32) (param $n i32) (result i32) (local $k i32) (local $s i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $s (i32.add (local.get $s)
          (i32.mul (i32.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2))))
                   (i32.add (local.get $k) (i32.const 1)))))
        (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n)))))
    (local.get $s))
)

(assert_return (invoke "init" (i32.const 16384) (i32.const 1010)))
;; shift_back: store at distance -4 from the load
(assert_return (invoke "shift_back" (i32.const 16400) (i32.const 1000)))
(assert_return (invoke "checksum" (i32.const 16384) (i32.const 1010)) (i32.const -1140764407))
(assert_return (invoke "init" (i32.const 16384) (i32.const 1010)))
;; shift_ahead: store at distance 4 from the load
(assert_return (invoke "shift_ahead" (i32.const 16400) (i32.const 1000)))
(assert_return (invoke "checksum" (i32.const 16384) (i32.const 1010)) (i32.const -828314905))
(assert_return (invoke "init" (i32.const 16384) (i32.const 1010)))
;; shift_same: store at distance 0 from the load
(assert_return (invoke "shift_same" (i32.const 16400) (i32.const 1000)))
(assert_return (invoke "checksum" (i32.const 16384) (i32.const 1010)) (i32.const 463868407))
(assert_return (invoke "init" (i32.const 16384) (i32.const 1010)))
;; shift_half_ahead: store at distance 2 from the load
(assert_return (invoke "shift_half_ahead" (i32.const 16400) (i32.const 1000)))
(assert_return (invoke "checksum" (i32.const 16384) (i32.const 1010)) (i32.const 1142140608))
(assert_return (invoke "init" (i32.const 16384) (i32.const 1010)))
;; shift_half_back: store at distance -2 from the load
(assert_return (invoke "shift_half_back" (i32.const 16400) (i32.const 1000)))
(assert_return (invoke "checksum" (i32.const 16384) (i32.const 1010)) (i32.const 577370125))
(assert_return (invoke "init" (i32.const 16384) (i32.const 1010)))
;; shift_back2: store at distance -8 from the load
(assert_return (invoke "shift_back2" (i32.const 16400) (i32.const 1000)))
(assert_return (invoke "checksum" (i32.const 16384) (i32.const 1010)) (i32.const -1144783362))
(assert_return (invoke "init" (i32.const 256) (i32.const 8)))
;; zero-trip: nothing stored
(assert_return (invoke "shift_back" (i32.const 272) (i32.const 0)))
(assert_return (invoke "checksum" (i32.const 256) (i32.const 8)) (i32.const 1212))
(assert_return (invoke "init" (i32.const 65136) (i32.const 100)))
;; the last load ends at the end of memory
(assert_return (invoke "shift_back" (i32.const 65136) (i32.const 100)))
(assert_return (invoke "checksum" (i32.const 65136) (i32.const 100)) (i32.const 7204000))
(assert_return (invoke "init" (i32.const 65136) (i32.const 100)))
;; one element further: the last load traps, after its store
(assert_trap (invoke "shift_back" (i32.const 65140) (i32.const 100)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 65136) (i32.const 100)) (i32.const 7347768))
(assert_return (invoke "init" (i32.const 65136) (i32.const 100)))
;; storing ahead, the last store ends at the end of memory
(assert_return (invoke "shift_ahead" (i32.const 65132) (i32.const 100)))
(assert_return (invoke "checksum" (i32.const 65136) (i32.const 100)) (i32.const 1055441636))
(assert_return (invoke "init" (i32.const 65136) (i32.const 100)))
;; one further: the last store traps
(assert_trap (invoke "shift_ahead" (i32.const 65136) (i32.const 100)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 65136) (i32.const 100)) (i32.const -1218948093))
(assert_return (invoke "init" (i32.const 0) (i32.const 4)))
;; the store's sum wraps to 0, the load's does not
(assert_trap (invoke "shift_ahead" (i32.const 4294967292) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4)) (i32.const 170))
(assert_return (invoke "init" (i32.const 0) (i32.const 4)))
;; the first store is at 0 - 4
(assert_trap (invoke "shift_back" (i32.const 0) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "checksum" (i32.const 0) (i32.const 4)) (i32.const 150))
(assert_return (invoke "init" (i32.const 0) (i32.const 8)))
;; from address 0 up
(assert_return (invoke "shift_back" (i32.const 4) (i32.const 7)))
(assert_return (invoke "checksum" (i32.const 0) (i32.const 8)) (i32.const 2966))
