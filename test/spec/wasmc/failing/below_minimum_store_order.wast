;; Stores below memory 0's minimum lose their trap barriers at -O2 (ReleaseTrapWitnesses,
;; lower::cannotFault), and nothing then keeps a later load that faults below them: here the loop,
;; inlined into "run" with constants and unrolled, has its first two iterations' stores (at 32772..32788,
;; below the minimum) combined by the SLP vectoriser into one vector store that it places after
;; the third iteration's load at 65533, which faults first: memory is left as reset made it. The
;; spec (and -O0, and -O2 with WASMC_NO_BELOW_MINIMUM_RELEASE=1) does the first two iterations'
;; stores before the trap. Found by a random generator of LoopRerolling's loop shapes (branch
;; rr1); LoopRerolling is not involved (WASMC_NO_LOOP_REROLLING=1 fails alike).
(module
  (memory 1)
  (func $reset (export "reset")
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 0x10000)))))
  
  ;; FNV-1a of bytes [p, p + n).
  (func $hash (export "hash") (param $p i32) (param $n i32) (result i32)
    (local $h i32)
    (local.set $h (i32.const 0x811c9dc5))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $p)))
                               (i32.const 0x01000193)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $h))
  (func $loop (export "loop") (param $p i32) (param $q i32) (param $n i32)
    (local $j i32) (local $end i32) (local $a i32) (local $b i32)  (local $z0_0 i32) (local $z0_1 i32) (local $c0_1 i32) (local $c0_2 i32)
    
    (local.set $end (i32.mul (local.get $n) (i32.const 8)))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $c0_1 (i32.load offset=4 (local.get $p))) (local.set $c0_2 (i32.load offset=0 (local.get $p)))
      (loop $l
        (local.set $a (i32.add (local.get $p) (local.get $j)))
        (local.set $b (i32.add (local.get $q) (local.get $j)))
                (local.set $z0_1 (i32.load offset=12 (local.get $a)))
        (local.set $z0_0 (i32.load offset=8 (local.get $a)))
        (i32.store offset=4 (local.get $b) (i32.xor (i32.mul (i32.const 8) (local.get $c0_2)) (i32.add (local.get $c0_2) (local.get $c0_1))))
        (i32.store offset=8 (local.get $b) (i32.xor (i32.mul (i32.const 8) (local.get $c0_1)) (i32.add (local.get $c0_1) (local.get $z0_0))))
        (local.set $c0_1 (local.get $z0_1))
        (local.set $c0_2 (local.get $z0_0))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br_if $l (i32.ne (local.get $j) (local.get $end))))))

  (func (export "run") (call $reset) (call $loop (i32.const 65505) (i32.const 32768) (i32.const 3)))
  (func (export "h") (result i32) (call $hash (i32.const 0) (i32.const 65536))))
(assert_trap (invoke "run") "out of bounds memory access")
(assert_return (invoke "h") (i32.const 114061141))
