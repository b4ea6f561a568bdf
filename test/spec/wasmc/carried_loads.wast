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

;; A five-point stencil over 40x40 global arrays of f64, as clang builds it for wasm (`B[i][j] =
;; 0.2 * (A[i][j] + A[i][j-1] + A[i][j+1] + A[i+1][j] + A[i-1][j])`, compiled from C at -O2):
;; the value carried is `A[i][j+1]`, and the address arithmetic of its load begins the loop body
;; and is shared with the other loads, so that it moves together with them (and the store at the
;; end of the body needs no moving past).
(module
  (type (;0;) (func (param i32)))
  (type (;1;) (func))
  (type (;2;) (func (result f64)))
  (func $init (type 0) (param i32)
    (local i32 i32 i32 i32 i32 f64)
    local.get 0
    f64.convert_i32_s
    local.set 6
    loop  ;; label = @1
      i32.const -320
      local.set 3
      local.get 0
      local.set 1
      loop  ;; label = @2
        local.get 2
        local.get 3
        i32.add
        local.tee 4
        i32.const 14144
        i32.add
        local.get 6
        f64.store
        local.get 4
        i32.const 1344
        i32.add
        local.get 1
        f64.convert_i32_s
        f64.store
        local.get 4
        i32.const 1352
        i32.add
        local.get 1
        i32.const 7
        i32.add
        f64.convert_i32_s
        f64.store
        local.get 4
        i32.const 14152
        i32.add
        local.get 6
        f64.store
        local.get 1
        i32.const 14
        i32.add
        local.set 1
        local.get 3
        i32.const 16
        i32.add
        local.tee 3
        br_if 0 (;@2;)
      end
      local.get 2
      i32.const 320
      i32.add
      local.set 2
      local.get 0
      i32.const 31
      i32.add
      local.set 0
      local.get 5
      i32.const 1
      i32.add
      local.tee 5
      i32.const 40
      i32.ne
      br_if 0 (;@1;)
    end)
  (func $sweep (type 1)
    (local i32 i32 i32 i32 f64)
    i32.const 1
    local.set 0
    loop  ;; label = @1
      local.get 0
      i32.const 1
      i32.add
      local.set 3
      local.get 0
      i32.const 320
      i32.mul
      i32.const 1032
      i32.add
      f64.load
      local.set 4
      i32.const 0
      local.set 2
      loop  ;; label = @2
        local.get 1
        local.get 2
        i32.add
        local.tee 0
        i32.const 14152
        i32.add
        local.get 4
        local.get 0
        i32.const 1344
        i32.add
        f64.load
        f64.add
        local.get 0
        i32.const 1360
        i32.add
        f64.load
        local.tee 4
        f64.add
        local.get 0
        i32.const 1672
        i32.add
        f64.load
        f64.add
        local.get 0
        i32.const 1032
        i32.add
        f64.load
        f64.add
        f64.const 0x1.999999999999ap-3 (;=0.2;)
        f64.mul
        f64.store
        local.get 2
        i32.const 8
        i32.add
        local.tee 2
        i32.const 304
        i32.ne
        br_if 0 (;@2;)
      end
      local.get 1
      i32.const 320
      i32.add
      local.set 1
      local.get 3
      local.tee 0
      i32.const 39
      i32.ne
      br_if 0 (;@1;)
    end)
  (func $sum (type 2) (result f64)
    (local i32 i32 i32 i32 i32 i32 f64)
    i32.const 13824
    local.set 1
    i32.const 4
    local.set 2
    loop  ;; label = @1
      i32.const -320
      local.set 3
      local.get 2
      local.set 0
      loop  ;; label = @2
        local.get 6
        local.get 1
        local.get 3
        i32.add
        local.tee 4
        i32.const 320
        i32.add
        f64.load
        local.get 0
        i32.const 3
        i32.sub
        f64.convert_i32_u
        f64.mul
        f64.add
        local.get 4
        i32.const 328
        i32.add
        f64.load
        local.get 0
        i32.const 2
        i32.sub
        f64.convert_i32_u
        f64.mul
        f64.add
        local.get 4
        i32.const 336
        i32.add
        f64.load
        local.get 0
        i32.const 1
        i32.sub
        f64.convert_i32_u
        f64.mul
        f64.add
        local.get 4
        i32.const 344
        i32.add
        f64.load
        local.get 0
        f64.convert_i32_u
        f64.mul
        f64.add
        local.set 6
        local.get 0
        i32.const 4
        i32.add
        local.set 0
        local.get 3
        i32.const 32
        i32.add
        local.tee 3
        br_if 0 (;@2;)
      end
      local.get 2
      i32.const 40
      i32.add
      local.set 2
      local.get 1
      i32.const 320
      i32.add
      local.set 1
      local.get 5
      i32.const 1
      i32.add
      local.tee 5
      i32.const 40
      i32.ne
      br_if 0 (;@1;)
    end
    local.get 6)
  (memory (;0;) 1 1)
  (export "memory" (memory 0))
  (export "init" (func 0))
  (export "sweep" (func 1))
  (export "sum" (func 2)))
(assert_return (invoke "init" (i32.const 0)))
(assert_return (invoke "sweep"))
(assert_return (invoke "sum") (f64.const 0x1.ffadcf88p+29))
(assert_return (invoke "init" (i32.const 5)))
(assert_return (invoke "sweep"))
(assert_return (invoke "sum") (f64.const 0x1.015dc644p+30))
(assert_return (invoke "init" (i32.const -3)))
(assert_return (invoke "sweep"))
(assert_return (invoke "sum") (f64.const 0x1.fdd8c488p+29))
