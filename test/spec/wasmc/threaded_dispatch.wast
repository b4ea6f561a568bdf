;; Dispatch loops: a br_table inside a loop, as an interpreter's `switch (*pc++)` compiles.
;; wasmc rewrites such a switch so that its default is one more table entry (index clamped to
;; the table's length) and code generation can copy the dispatch into every case. Each index
;; below must reach the br_table's own target: every entry, entries that name the default
;; label (holes), the first index past the table, and indices far past it (2^31-1, 2^31,
;; 2^32-1 as unsigned). Written by threaded_dispatch.py from a model of the same programs;
;; the expectations agree with wabt's spectest-interp.

(module
  (memory 1)
  (data (i32.const 0) "\00\00\00\00\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00\06\00\00\00\07\00\00\00\08\00\00\00\09\00\00\00\0b\00\00\00\0c\00\00\00\0d\00\00\00\64\00\00\00\ff\ff\ff\7f\00\00\00\80\ff\ff\ff\ff\09\00\00\00\00\00\00\00\0a\00\00\00")
  (data (i32.const 80) "\0c\00\00\00\0c\00\00\00\03\00\00\00\06\00\00\00\0b\00\00\00\fe\ff\ff\ff\01\00\00\00\0a\00\00\00")
  (data (i32.const 112) "\0a\00\00\00")
  (data (i32.const 116) "\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\07\00\00\00\05\00\00\00\04\00\00\00\0a\00\00\00")
  (func (export "run") (param $pc i32) (result i32)
    (local $acc i32) (local $op i32)
    loop $next
      block $halt
      block $bad
      block $c7
      block $c6
      block $c5
      block $c4
      block $c3
      block $c2
      block $c1
      block $c0
        local.get $pc
        i32.load
        local.tee $op
        br_table $c0 $c1 $c2 $bad $c3 $c4 $bad $c5 $c6 $c7 $halt $bad $bad
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 3
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 5
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 7
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 11
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 13
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 17
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 19
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 23
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 1000
      local.get $op
      i32.add
      i32.add
      local.set $acc
      local.get $pc
      i32.const 4
      i32.add
      local.set $pc
      br $next
      end
      local.get $acc
      return
    end
    unreachable)
)
(assert_return (invoke "run" (i32.const 0)) (i32.const 1783016235))
(assert_return (invoke "run" (i32.const 80)) (i32.const 370753871))
(assert_return (invoke "run" (i32.const 112)) (i32.const 0))
(assert_return (invoke "run" (i32.const 116)) (i32.const 913182398))

(module
  (memory 1)
  (data (i32.const 0) "\00\00\00\00\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00\06\00\00\00\07\00\00\00\08\00\00\00\09\00\00\00\0a\00\00\00\0b\00\00\00\0c\00\00\00\0d\00\00\00\0e\00\00\00\0f\00\00\00\ff\ff\ff\7f\00\00\00\80\ff\ff\ff\ff\0c\00\00\00\0d\00\00\00\02\00\00\00\06\00\00\00\0b\00\00\00")
  (func (export "carry") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    loop $next
      local.get $acc
      i32.const 31
      i32.mul
      block $out (result i32)
        block $dflt (result i32)
        block $t8 (result i32)
        block $t7 (result i32)
        block $t6 (result i32)
        block $t5 (result i32)
        block $t4 (result i32)
        block $t3 (result i32)
        block $t2 (result i32)
        block $t1 (result i32)
        block $t0 (result i32)
          local.get $i
          i32.const 1
          i32.add
          local.get $i
          i32.const 4
          i32.mul
          i32.load
          br_table $t0 $t1 $dflt $t2 $t3 $t4 $dflt $t5 $t6 $t7 $t8 $dflt $t3 $dflt
        end
        i32.const 3
        i32.mul
        br $out
        end
        i32.const 5
        i32.add
        br $out
        end
        i32.const 85
        i32.xor
        br $out
        end
        i32.const 7
        i32.mul
        br $out
        end
        i32.const 11
        i32.add
        br $out
        end
        i32.const 4660
        i32.xor
        br $out
        end
        i32.const 13
        i32.mul
        br $out
        end
        i32.const 17
        i32.add
        br $out
        end
        i32.const 19
        i32.sub
        br $out
        end
        i32.const 1000
        i32.xor
        br $out
      end
      i32.add
      local.set $acc
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $next
    end
    local.get $acc)
)
(assert_return (invoke "carry" (i32.const 1)) (i32.const 3))
(assert_return (invoke "carry" (i32.const 3)) (i32.const 4103))
(assert_return (invoke "carry" (i32.const 13)) (i32.const 230116580))
(assert_return (invoke "carry" (i32.const 16)) (i32.const 636221427))
(assert_return (invoke "carry" (i32.const 24)) (i32.const 2893802999))

(module
  (memory 1)
  (data (i32.const 0) "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f\20\21\22\23\24\25\26\27\28\29\2a\2b\2c\2d\2e\2f\30\31\32\33\34\35\36\37\38\39\3a\3b\3c\3d\3e\3f\40\41\42\43\44\45\46\47\48\49\4a\4b\4c\4d\4e\4f\50\51\52\53\54\55\56\57\58\59\5a\5b\5c\5d\5e\5f\60\61\62\63\64\65\66\67\68\69\6a\6b\6c\6d\6e\6f\70\71\72\73\74\75\76\77\78\79\7a\7b\7c\7d\7e\7f\80\81\82\83\84\85\86\87\88\89\8a\8b\8c\8d\8e\8f\90\91\92\93\94\95\96\97\98\99\9a\9b\9c\9d\9e\9f\a0\a1\a2\a3\a4\a5\a6\a7\a8\a9\aa\ab\ac\ad\ae\af\b0\b1\b2\b3\b4\b5\b6\b7\b8\b9\ba\bb\bc\bd\be\bf\c0\c1\c2\c3\c4\c5\c6\c7\c8\c9\ca\cb\cc\cd\ce\cf\d0\d1\d2\d3\d4\d5\d6\d7\d8\d9\da\db\dc\dd\de\df\e0\e1\e2\e3\e4\e5\e6\e7\e8\e9\ea\eb\ec\ed\ee\ef\f0\f1\f2\f3\f4\f5\f6\f7\f8\f9\fa\fb\fc\fd\fe\ff")
  (data (i32.const 256) "\ff\63\64\03\0d\62\00\65\fe\80\7f\5d")
  (func (export "bytes") (param $p i32) (param $end i32) (result i32)
    (local $acc i32)
    loop $next
      block $step
      block $bad
      block $k8
      block $k7
      block $k6
      block $k5
      block $k4
      block $k3
      block $k2
      block $k1
      block $k0
        local.get $p
        i32.load8_u
        br_table $k0 $k1 $k2 $bad $k4 $k5 $k6 $k7 $k8 $k0 $k1 $k2 $k3 $bad $k5 $k6 $k7 $k8 $k0 $k1 $k2 $k3 $k4 $bad $k6 $k7 $k8 $k0 $k1 $k2 $k3 $k4 $k5 $bad $k7 $k8 $k0 $k1 $k2 $k3 $k4 $k5 $k6 $bad $k8 $k0 $k1 $k2 $k3 $k4 $k5 $k6 $k7 $bad $k0 $k1 $k2 $k3 $k4 $k5 $k6 $k7 $k8 $bad $k1 $k2 $k3 $k4 $k5 $k6 $k7 $k8 $k0 $bad $k2 $k3 $k4 $k5 $k6 $k7 $k8 $k0 $k1 $bad $k3 $k4 $k5 $k6 $k7 $k8 $k0 $k1 $k2 $bad $k4 $k5 $k6 $k7 $k8 $k0 $bad
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 1
      i32.add
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 8
      i32.xor
      i32.const 1
      i32.rotl
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 15
      i32.sub
      i32.const 2
      i32.shr_u
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 22
      i32.add
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 29
      i32.xor
      i32.const 4
      i32.rotl
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 36
      i32.sub
      i32.const 5
      i32.shr_u
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 43
      i32.add
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 50
      i32.xor
      i32.const 7
      i32.rotl
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 57
      i32.sub
      i32.const 8
      i32.shr_u
      local.set $acc
      br $step
      end
      local.get $acc
      i32.const 31
      i32.mul
      i32.const 500
      i32.add
      local.set $acc
      end
      local.get $p
      i32.const 1
      i32.add
      local.tee $p
      local.get $end
      i32.lt_u
      br_if $next
    end
    local.get $acc)
)
(assert_return (invoke "bytes" (i32.const 0) (i32.const 256)) (i32.const 2188907215))
(assert_return (invoke "bytes" (i32.const 256) (i32.const 268)) (i32.const 2408889410))
(assert_return (invoke "bytes" (i32.const 95) (i32.const 105)) (i32.const 3688607298))
(assert_return (invoke "bytes" (i32.const 3) (i32.const 4)) (i32.const 500))

(module
  (memory 1)
  (data (i32.const 0) "\64\00\00\00\ff\ff\ff\ff\02\00\00\00\07\00\00\00\0a\00\00\00\00\00\00\80\09\00\00\00\02\00\00\00\03\00\00\00\0c\00\00\00\00\00\00\00\0a\00\00\00\07\00\00\00\01\00\00\00\0b\00\00\00\05\00\00\00")
  (func (export "scan") (param $p i32) (result i32)
    (local $x i32)
    block $e7
    block $e6
    block $e5
    block $e4
    block $e3
    block $e2
    block $e1
    block $e0
    loop $scan
      local.get $p
      i32.const 4
      i32.mul
      i32.load
      local.get $p
      i32.const 1
      i32.add
      local.set $p
      br_table $e0 $e1 $scan $e2 $e3 $e4 $e5 $scan $e6 $e7 $scan
    end
    end
    i32.const 0
    local.get $p
    i32.add
    return
    end
    i32.const 1000
    local.get $p
    i32.add
    return
    end
    i32.const 2000
    local.get $p
    i32.add
    return
    end
    i32.const 3000
    local.get $p
    i32.add
    return
    end
    i32.const 4000
    local.get $p
    i32.add
    return
    end
    i32.const 5000
    local.get $p
    i32.add
    return
    end
    i32.const 6000
    local.get $p
    i32.add
    return
    end
    i32.const 7000
    local.get $p
    i32.add
    return
    unreachable)
)
(assert_return (invoke "scan" (i32.const 0)) (i32.const 7007))
(assert_return (invoke "scan" (i32.const 1)) (i32.const 7007))
(assert_return (invoke "scan" (i32.const 3)) (i32.const 7007))
(assert_return (invoke "scan" (i32.const 4)) (i32.const 7007))
(assert_return (invoke "scan" (i32.const 5)) (i32.const 7007))
(assert_return (invoke "scan" (i32.const 9)) (i32.const 11))
(assert_return (invoke "scan" (i32.const 10)) (i32.const 11))
(assert_return (invoke "scan" (i32.const 12)) (i32.const 1014))
(assert_return (invoke "scan" (i32.const 13)) (i32.const 1014))
