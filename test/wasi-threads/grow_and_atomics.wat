;; Eight threads hammer one atomic counter and grow the shared memory while the others use it:
;; each adds 1 to the counter 5000 times and every 250 adds grows the memory by a page and
;; writes and reads the last word of the size it then sees (pages another thread just added must
;; be usable; a fault there is a trap). At the end: the counter is 8 * 5000, every grow
;; succeeded (8 * 20 pages, within the maximum of 200) and the memory has 1 + 160 pages.
;; memory: 0 counter, 4 threads done, 8 successful grows
(module
  (import "wasi" "thread-spawn" (func $thread_spawn (param i32) (result i32)))
  (import "env" "memory" (memory 1 200 shared))
  (func $hammer
    (local $i i32) (local $last i32)
    (loop $again
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 250)))
        (then
          (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1))
            (then (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 1)))))
          ;; the last word of the memory as this thread now sees it
          (local.set $last (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 4)))
          (i32.atomic.store (local.get $last) (i32.const 0x5eed))
          (if (i32.ne (i32.atomic.load (local.get $last)) (i32.const 0x5eed)) (then unreachable))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 5000)))))
  (func (export "wasi_thread_start") (param i32 i32)
    (call $hammer)
    (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
    (drop (memory.atomic.notify (i32.const 4) (i32.const 1))))
  (func (export "_start")
    (local $k i32) (local $done i32)
    (loop $spawn
      (if (i32.le_s (call $thread_spawn (local.get $k)) (i32.const 0)) (then unreachable))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $spawn (i32.lt_u (local.get $k) (i32.const 8))))
    (block $all
      (loop $wait
        (local.set $done (i32.atomic.load (i32.const 4)))
        (br_if $all (i32.eq (local.get $done) (i32.const 8)))
        (drop (memory.atomic.wait32 (i32.const 4) (local.get $done) (i64.const -1)))
        (br $wait)))
    (if (i32.ne (i32.atomic.load (i32.const 0)) (i32.const 40000)) (then unreachable))
    ;; 8 threads x 20 grows = 160 of the 199 pages there is room for: all succeed
    (if (i32.ne (i32.atomic.load (i32.const 8)) (i32.const 160)) (then unreachable))
    (if (i32.ne (memory.size) (i32.const 161)) (then unreachable))))
