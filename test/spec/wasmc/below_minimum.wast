;; Accesses at a constant address below the minimum size of memory 0's type cannot fault, and
;; lose their trap witnesses and barriers at -O2 (ReleaseTrapWitnessesPass, marked
;; !wasmc.below.minimum; WASMC_NO_BELOW_MINIMUM_RELEASE keeps them). These check the boundary:
;; memory 0 has one page at least, so the last 8 bytes an i64 may use start at 65528; an access
;; reaching byte 65536 still traps, also where its value is unused (a load without its witness
;; would be deleted) and where a global write comes before it in a loop (without a barrier the
;; global could be kept in a register and written back after the loop, which the fault never
;; reaches). The first module's functions carry pass_switches.py's marks.
(module
  (memory 1)
  (global $count (mut i32) (i32.const 0))

  ;; In bounds, at the last 8 bytes: the address as a constant, and as a constant offset.
  (func (export "store_last") (param $v i64)
    (i64.store (i32.const 65528) (local.get $v)))
  (func (export "load_last") (result i64)
    (i64.load offset=65528 (i32.const 0)))

  ;; A loop over fixed addresses: adds n to each of the last two i32 and counts in a global.
  (func (export "bump_last") (param $n i32) (local $i i32)
    (loop $l
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (i32.store (i32.const 65528) (i32.add (i32.load (i32.const 65528)) (i32.const 1)))
      (i32.store (i32.const 65532) (i32.add (i32.load (i32.const 65532)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
  (func (export "count") (result i32) (global.get $count))

  ;; One byte further: each traps, whether or not its value is used.
  (func (export "drop_past") (i64.load (i32.const 65529)) (drop))
  (func (export "drop_past_offset") (i32.load offset=65533 (i32.const 0)) (drop))
  (func (export "load_past") (result i64) (i64.load (i32.const 65529)))
  (func (export "load_byte_at_end") (result i32) (i32.load8_u (i32.const 65536)))

  ;; Counts in a global, then stores past the end: traps at the first store, after one count.
  (func (export "count_then_store_past") (param $n i32) (local $i i32)
    (loop $l
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (i64.store (i32.const 65529) (i64.extend_i32_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))

  ;; The same past the end of the first page when memory has grown: in bounds then.
  (func (export "grow") (result i32) (memory.grow (i32.const 1)))
  (func (export "store_second_page") (param $v i64)
    (i64.store (i32.const 65536) (local.get $v)))
  (func (export "load_second_page") (result i64)
    (i64.load (i32.const 65536)))
)

(assert_return (invoke "store_last" (i64.const 0x0102030405060708)))
(assert_return (invoke "load_last") (i64.const 0x0102030405060708))
(assert_return (invoke "bump_last" (i32.const 5)))
(assert_return (invoke "load_last") (i64.const 0x010203090506070d))
(assert_return (invoke "count") (i32.const 5))
;; A wasm loop runs at least once: n = 0 bumps once.
(assert_return (invoke "bump_last" (i32.const 0)))
(assert_return (invoke "count") (i32.const 6))

(assert_trap (invoke "drop_past") "out of bounds memory access")
(assert_trap (invoke "drop_past_offset") "out of bounds memory access")
(assert_trap (invoke "load_past") "out of bounds memory access")
(assert_trap (invoke "load_byte_at_end") "out of bounds memory access")
(assert_trap (invoke "count_then_store_past" (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "count") (i32.const 7))
(assert_return (invoke "load_last") (i64.const 0x0102030a0506070e))

(assert_trap (invoke "store_second_page" (i64.const 7)) "out of bounds memory access")
(assert_return (invoke "grow") (i32.const 1))
(assert_return (invoke "store_second_page" (i64.const 7)))
(assert_return (invoke "load_second_page") (i64.const 7))
(assert_return (invoke "load_past") (i64.const 0x070102030a050607))
(assert_return (invoke "count_then_store_past" (i32.const 3)))
(assert_return (invoke "count") (i32.const 10))

;; An imported memory's type gives its minimum too: here it has two pages, its type says one,
;; so only the first page's accesses are released, and the second page's still work.
(module $exporter
  (memory (export "m") 2)
  (data (i32.const 65536) "\2a"))
(register "exporter" $exporter)
(module
  (import "exporter" "m" (memory 1))
  (func (export "load_second") (result i32) (i32.load8_u (i32.const 65536)))
  (func (export "load_last_of_first") (result i32) (i32.load8_u (i32.const 65535)))
  (func (export "drop_past_second") (i32.load8_u (i32.const 131072)) (drop)))
(assert_return (invoke "load_second") (i32.const 42))
(assert_return (invoke "load_last_of_first") (i32.const 0))
(assert_trap (invoke "drop_past_second") "out of bounds memory access")
