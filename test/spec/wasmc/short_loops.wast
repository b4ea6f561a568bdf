;; Written by short_loops.py beside it (see there): do not edit.
(module
  (memory 1)
  (func $reset (export "reset")
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (i32.add (i32.mul (local.get $i) (i32.const 7)) (i32.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 0x10000)))))
  (start $reset)
  ;; FNV-1a of bytes [p, p + n).
  (func (export "hash") (param $p i32) (param $n i32) (result i32)
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

  ;; qsort's swap_bytes as clang-19 -O2 compiles it for wasm32:
  ;;   while (size >= 4) { swap 4 bytes; a += 4; b += 4; size -= 4; }
  ;;   while (size--) { swap 1 byte; }
  (func (export "swap_words") (param i32 i32 i32)
    (local i32 i32 i32)
    block
      local.get 2
      i32.const 4
      i32.lt_u
      br_if 0
      block
        local.get 2
        i32.const -4
        i32.add
        local.tee 3
        i32.const 2
        i32.shr_u
        i32.const 1
        i32.add
        i32.const 3
        i32.and
        local.tee 4
        i32.eqz
        br_if 0
        local.get 2
        local.get 4
        i32.const 2
        i32.shl
        i32.sub
        local.set 2
        loop
          local.get 0
          i32.load align=1
          local.set 5
          local.get 0
          local.get 1
          i32.load align=1
          i32.store align=1
          local.get 1
          local.get 5
          i32.store align=1
          local.get 1
          i32.const 4
          i32.add
          local.set 1
          local.get 0
          i32.const 4
          i32.add
          local.set 0
          local.get 4
          i32.const -1
          i32.add
          local.tee 4
          br_if 0
        end
      end
      local.get 3
      i32.const 12
      i32.lt_u
      br_if 0
      loop
        local.get 0
        i32.load align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load align=1
        i32.store align=1
        local.get 1
        local.get 4
        i32.store align=1
        local.get 0
        i32.load offset=4 align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load offset=4 align=1
        i32.store offset=4 align=1
        local.get 1
        local.get 4
        i32.store offset=4 align=1
        local.get 0
        i32.load offset=8 align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load offset=8 align=1
        i32.store offset=8 align=1
        local.get 1
        local.get 4
        i32.store offset=8 align=1
        local.get 0
        i32.load offset=12 align=1
        local.set 4
        local.get 0
        local.get 1
        i32.load offset=12 align=1
        i32.store offset=12 align=1
        local.get 1
        local.get 4
        i32.store offset=12 align=1
        local.get 1
        i32.const 16
        i32.add
        local.set 1
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        local.get 2
        i32.const -16
        i32.add
        local.tee 2
        i32.const 3
        i32.gt_u
        br_if 0
      end
    end
    block
      local.get 2
      i32.eqz
      br_if 0
      block
        block
          local.get 2
          i32.const 3
          i32.and
          local.tee 4
          br_if 0
          local.get 2
          local.set 3
          br 1
        end
        local.get 2
        i32.const -4
        i32.and
        local.set 3
        loop
          local.get 0
          i32.load8_u
          local.set 5
          local.get 0
          local.get 1
          i32.load8_u
          i32.store8
          local.get 1
          local.get 5
          i32.store8
          local.get 1
          i32.const 1
          i32.add
          local.set 1
          local.get 0
          i32.const 1
          i32.add
          local.set 0
          local.get 4
          i32.const -1
          i32.add
          local.tee 4
          br_if 0
        end
      end
      local.get 2
      i32.const 4
      i32.lt_u
      br_if 0
      loop
        local.get 0
        i32.load8_u
        local.set 4
        local.get 0
        local.get 1
        i32.load8_u
        i32.store8
        local.get 1
        local.get 4
        i32.store8
        local.get 0
        i32.const 1
        i32.add
        local.tee 4
        i32.load8_u
        local.set 5
        local.get 4
        local.get 1
        i32.const 1
        i32.add
        local.tee 2
        i32.load8_u
        i32.store8
        local.get 2
        local.get 5
        i32.store8
        local.get 0
        i32.const 2
        i32.add
        local.tee 4
        i32.load8_u
        local.set 5
        local.get 4
        local.get 1
        i32.const 2
        i32.add
        local.tee 2
        i32.load8_u
        i32.store8
        local.get 2
        local.get 5
        i32.store8
        local.get 0
        i32.const 3
        i32.add
        local.tee 4
        i32.load8_u
        local.set 5
        local.get 4
        local.get 1
        i32.const 3
        i32.add
        local.tee 2
        i32.load8_u
        i32.store8
        local.get 2
        local.get 5
        i32.store8
        local.get 1
        i32.const 4
        i32.add
        local.set 1
        local.get 0
        i32.const 4
        i32.add
        local.set 0
        local.get 3
        i32.const -4
        i32.add
        local.tee 3
        br_if 0
      end
    end)

  ;; dst[i] = src[i] + i for i < (n & 15) + 1: at most 16 iterations.
  (func (export "copy16") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32) (local $k i32)
    (local.set $k (i32.add (i32.and (local.get $n) (i32.const 15)) (i32.const 1)))
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                          (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $k)))))

  ;; The same for i < 16: a constant trip count, versioned (its checked copy is straight-line
  ;; code without witnesses).
  (func (export "copy_const16") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                          (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16)))))

  ;; The same for i < (n & 15) + 2: at most 17 iterations.
  (func (export "copy17") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32) (local $k i32)
    (local.set $k (i32.add (i32.and (local.get $n) (i32.const 15)) (i32.const 2)))
    (loop $l
      (i32.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))
                          (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $k)))))
)

;; swap_words: every size 0..40, in bounds.
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 1)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 2)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 4)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 5)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 6)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 7)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 8)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 9)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 10)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 11)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 12)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 13)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 16)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 17)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 18)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 19)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 20)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 21)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 22)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 23)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 24)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 25)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 26)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 27)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 28)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 29)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 30)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 31)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 32)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 33)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 34)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 35)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 36)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 37)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 38)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 39)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 256) (i32.const 512) (i32.const 40)))
(assert_return (invoke "hash" (i32.const 0x100) (i32.const 48)) (i32.const 2016318597))
(assert_return (invoke "hash" (i32.const 0x200) (i32.const 48)) (i32.const 2016318597))
;; swap_words: b ending exactly at the end of memory, one and four bytes past it.
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65533) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 628011496))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1153538010))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65533) (i32.const 768) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 628011496))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1153538010))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65534) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 926578689))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -905101515))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65534) (i32.const 768) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 926578689))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -905101515))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65537) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65537) (i32.const 768) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65532) (i32.const 4)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 2072012445))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1796429187))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65532) (i32.const 768) (i32.const 4)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 2072012445))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1796429187))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65533) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65533) (i32.const 768) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65536) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65536) (i32.const 768) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65531) (i32.const 5)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -204096442))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -709609808))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65531) (i32.const 768) (i32.const 5)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -204096442))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -709609808))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65532) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 2072012445))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1796429187))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65532) (i32.const 768) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 2072012445))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1796429187))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65535) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65535) (i32.const 768) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1747528059))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65528) (i32.const 8)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -356556987))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -323737979))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65528) (i32.const 768) (i32.const 8)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -356556987))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -323737979))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65529) (i32.const 8)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1021688541))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -982357595))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65529) (i32.const 768) (i32.const 8)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1021688541))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -982357595))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65532) (i32.const 8)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 2072012445))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1796429187))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65532) (i32.const 768) (i32.const 8)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 2072012445))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1796429187))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65525) (i32.const 11)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 651258792))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -2119593378))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65525) (i32.const 768) (i32.const 11)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 651258792))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -2119593378))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65526) (i32.const 11)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1622795615))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1224437845))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65526) (i32.const 768) (i32.const 11)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1622795615))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1224437845))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65529) (i32.const 11)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1021688541))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -982357595))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65529) (i32.const 768) (i32.const 11)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1021688541))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -982357595))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65524) (i32.const 12)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1552664493))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 749325101))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65524) (i32.const 768) (i32.const 12)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1552664493))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 749325101))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65525) (i32.const 12)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1463037331))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1150446187))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65525) (i32.const 768) (i32.const 12)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1463037331))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1150446187))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65528) (i32.const 12)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -356556987))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -323737979))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65528) (i32.const 768) (i32.const 12)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -356556987))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -323737979))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65521) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 984481672))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 376984954))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65521) (i32.const 768) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 984481672))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 376984954))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65522) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1780456331))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1153950681))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65522) (i32.const 768) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1780456331))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1153950681))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65525) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1463037331))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1150446187))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65525) (i32.const 768) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1463037331))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -1150446187))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65520) (i32.const 16)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -962236859))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1281227333))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65520) (i32.const 768) (i32.const 16)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -962236859))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1281227333))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65521) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1427659477))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -343393051))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65521) (i32.const 768) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1427659477))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -343393051))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65524) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1552664493))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 749325101))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65524) (i32.const 768) (i32.const 16)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1552664493))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 749325101))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65516) (i32.const 20)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1969955933))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 381580253))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65516) (i32.const 768) (i32.const 20)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1969955933))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 381580253))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65517) (i32.const 20)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 734266645))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 2091755957))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65517) (i32.const 768) (i32.const 20)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 734266645))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 2091755957))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65520) (i32.const 20)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -962236859))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1281227333))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65520) (i32.const 768) (i32.const 20)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -962236859))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1281227333))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65513) (i32.const 23)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1762864952))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -543847566))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65513) (i32.const 768) (i32.const 23)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -1762864952))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -543847566))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65514) (i32.const 23)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1250593397))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1796753545))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65514) (i32.const 768) (i32.const 23)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 1250593397))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 1796753545))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65517) (i32.const 23)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 734266645))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 2091755957))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65517) (i32.const 768) (i32.const 23)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 734266645))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 2091755957))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 768) (i32.const 65508) (i32.const 28)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 830538317))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 64690221))
(assert_return (invoke "reset"))
(assert_return (invoke "swap_words" (i32.const 65508) (i32.const 768) (i32.const 28)))
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 830538317))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 64690221))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65509) (i32.const 28)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -534117603))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -624883003))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65509) (i32.const 768) (i32.const 28)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const -534117603))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const -624883003))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 768) (i32.const 65512) (i32.const 28)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 418339973))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 160019781))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 65512) (i32.const 768) (i32.const 28)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x300) (i32.const 32)) (i32.const 418339973))
(assert_return (invoke "hash" (i32.const 0xffe0) (i32.const 32)) (i32.const 160019781))
;; swap_words: addresses that wrap at 2^32.
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const -4) (i32.const 1024) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 1024) (i32.const -2) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const -4) (i32.const 1024) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 1024) (i32.const -2) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const -4) (i32.const 1024) (i32.const 7)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 1024) (i32.const -2) (i32.const 7)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const -4) (i32.const 1024) (i32.const 20)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
(assert_return (invoke "reset"))
(assert_trap (invoke "swap_words" (i32.const 1024) (i32.const -2) (i32.const 20)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x400) (i32.const 32)) (i32.const 417890693))
;; copy16: every n 0..17 (n & 15 words and more), in bounds.
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 832458693))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 1)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 502061894))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 2)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1568681928))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1001382815))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 4)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1853226267))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 5)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -8846030))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 6)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1878882208))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 7)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 222441301))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 8)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 764955773))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 9)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -525991059))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 10)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1678368443))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 11)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1388390398))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 12)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1365602354))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 13)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1061454999))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -816546989))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 16)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 832458693))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 8192) (i32.const 17)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 502061894))
;; copy16: the last store exactly at the end of memory and past it, the last load likewise.
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 65532) (i32.const 8192) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const 1295971453))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 65532) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1767400259))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65533) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 832458693))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 65536) (i32.const 8192) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const 1344872581))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65536) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 832458693))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 65520) (i32.const 8192) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const 1819197665))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 65520) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -999948831))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65521) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1605636422))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 65524) (i32.const 8192) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const 1983242332))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65524) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -2022048776))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 65476) (i32.const 8192) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1231071205))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 65476) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1024237984))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65477) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 648675672))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 65480) (i32.const 8192) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const 1381004201))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65480) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1504479918))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 65472) (i32.const 8192) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -149591090))
(assert_return (invoke "reset"))
(assert_return (invoke "copy16" (i32.const 4096) (i32.const 65472) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1641232075))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65473) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1223549970))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 65476) (i32.const 8192) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1231071205))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const 65476) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1024237984))
;; copy16: addresses that wrap at 2^32.
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const -8) (i32.const 8192) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x0) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const -4) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const -8) (i32.const 8192) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x0) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy16" (i32.const 4096) (i32.const -4) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 16)) (i32.const 23767877))
;; copy_const16: every n 0..17 (n & 15 words and more), in bounds.
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 1)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 2)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 4)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 5)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 6)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 7)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 8)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 9)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 10)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 11)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 12)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 13)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 16)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 8192) (i32.const 17)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
;; copy_const16: the last store exactly at the end of memory and past it, the last load likewise.
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 65472) (i32.const 8192) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -149591090))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 65472) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1641232075))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65473) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1223549970))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 65476) (i32.const 8192) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1231071205))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65476) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1024237984))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 65472) (i32.const 8192) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -149591090))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 65472) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1641232075))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65473) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1223549970))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 65476) (i32.const 8192) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1231071205))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65476) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1024237984))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 65472) (i32.const 8192) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -149591090))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 65472) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1641232075))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65473) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1223549970))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 65476) (i32.const 8192) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1231071205))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65476) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1024237984))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 65472) (i32.const 8192) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -149591090))
(assert_return (invoke "reset"))
(assert_return (invoke "copy_const16" (i32.const 4096) (i32.const 65472) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1641232075))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65473) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1223549970))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 65476) (i32.const 8192) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1231071205))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const 65476) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1024237984))
;; copy_const16: addresses that wrap at 2^32.
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const -8) (i32.const 8192) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x0) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const -4) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const -8) (i32.const 8192) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x0) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy_const16" (i32.const 4096) (i32.const -4) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 16)) (i32.const 23767877))
;; copy17: every n 0..17 (n & 15 words and more), in bounds.
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 502061894))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 1)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1568681928))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 2)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1001382815))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1853226267))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 4)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -8846030))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 5)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1878882208))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 6)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 222441301))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 7)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 764955773))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 8)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -525991059))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 9)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1678368443))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 10)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1388390398))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 11)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1365602354))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 12)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1061454999))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 13)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -816546989))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1618564206))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1217494466))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 16)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 502061894))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 8192) (i32.const 17)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1568681928))
;; copy17: the last store exactly at the end of memory and past it, the last load likewise.
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 65528) (i32.const 8192) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1105252914))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 65528) (i32.const 0)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 699470838))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65529) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1461465725))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 65532) (i32.const 8192) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const 1295971453))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65532) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1767400259))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 65516) (i32.const 8192) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1653977811))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 65516) (i32.const 3)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1190151525))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65517) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 170391045))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 65520) (i32.const 8192) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const 1819197665))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65520) (i32.const 3)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -999948831))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 65472) (i32.const 8192) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -149591090))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 65472) (i32.const 14)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1641232075))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65473) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 1223549970))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 65476) (i32.const 8192) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1231071205))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65476) (i32.const 14)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1024237984))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 65468) (i32.const 8192) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -1762136046))
(assert_return (invoke "reset"))
(assert_return (invoke "copy17" (i32.const 4096) (i32.const 65468) (i32.const 15)))
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -138608963))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65469) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const 2096800997))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 65472) (i32.const 8192) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0xffb0) (i32.const 80)) (i32.const -149591090))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const 65472) (i32.const 15)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 80)) (i32.const -1641232075))
;; copy17: addresses that wrap at 2^32.
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const -8) (i32.const 8192) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x0) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const -4) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const -8) (i32.const 8192) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x0) (i32.const 16)) (i32.const 23767877))
(assert_return (invoke "reset"))
(assert_trap (invoke "copy17" (i32.const 4096) (i32.const -4) (i32.const 5)) "out of bounds memory access")
(assert_return (invoke "hash" (i32.const 0x1000) (i32.const 16)) (i32.const 23767877))
