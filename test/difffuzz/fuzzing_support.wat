;; What wasmc-difffuzz-host's fuzzing-support imports do with exceptions, checked against
;; binaryen's interpreter (CTest "difffuzz: fuzzing-support", difffuzz.py --check): `throw` of 0
;; is a JavaScript exception (the JS tag's, payload `jserror`), of anything else an exception of
;; the imported wasmtag; the JS exceptions of table-get and call-export[-catch] are catchable;
;; call-*-catch catch exceptions, not traps; an exception goes on through call-export and
;; call-ref into the calling wasm code; an uncaught exception's values are compared. Binaryen
;; runs the exports in the order of the export section: the table's comes last, so that the
;; function exports are numbered from 0.
(module
  (import "fuzzing-support" "throw" (func $throw (param i32)))
  (import "fuzzing-support" "log-i32" (func $log (param i32)))
  (import "fuzzing-support" "call-export" (func $call-export (param i32 i32)))
  (import "fuzzing-support" "call-export-catch" (func $call-export-catch (param i32) (result i32)))
  (import "fuzzing-support" "call-ref" (func $call-ref (param funcref i32)))
  (import "fuzzing-support" "call-ref-catch" (func $call-ref-catch (param funcref) (result i32)))
  (import "fuzzing-support" "table-get" (func $table-get (param i32) (result funcref)))
  (import "fuzzing-support" "wasmtag" (tag $wasmtag (param i32)))
  (import "fuzzing-support" "jstag" (tag $jstag (param externref)))
  (tag $own (param i64 f32 f64 v128 funcref))
  (table $table 2 funcref)
  (elem declare func $throws-wasm $returns-exnref $takes-i64 $traps)

  (func $throws-wasm (export "throws-wasm") ;; export 0
    (call $throw (i32.const 7)))
  (func $throws-js (export "throws-js") ;; export 1
    (call $throw (i32.const 0)))
  (func $returns-exnref (export "returns-exnref") (result exnref) ;; 2: JS cannot call it
    (block $caught (result exnref)
      (try_table (catch_all_ref $caught) (call $throw (i32.const 1)))
      (ref.null exn)))
  (func $takes-i64 (export "takes-i64") (param i64) (result i32) ;; 3: nor this one
    (i32.const 1))
  (func $traps (export "traps") ;; 4
    (unreachable))

  (func (export "throws-own-tag") ;; an exception's values are compared
    (throw $own (i64.const -2) (f32.const 1.5) (f64.const -0x1p-1074)
                (v128.const i32x4 1 2 3 0x80000000) (ref.func $traps)))
  (func (export "catch-wasm") (result i32)
    (block $caught (result i32)
      (try_table (catch $wasmtag $caught) (call $throw (i32.const 42)))
      (i32.const -1)))
  (func (export "catch-js") (result externref)
    (block $caught (result externref)
      (try_table (catch $jstag $caught) (call $throw (i32.const 0)))
      (ref.null extern)))
  (func (export "catch-all-of-table-get") (result i32)
    (block $caught
      (try_table (catch_all $caught) (drop (call $table-get (i32.const 5)))))
    (i32.const 3))
  (func (export "call-export-catch") (result i32)
    (call $log (call $call-export-catch (i32.const 0)))  ;; a wasm exception
    (call $log (call $call-export-catch (i32.const 1)))  ;; a JS exception
    (call $log (call $call-export-catch (i32.const 2)))  ;; an exnref result
    (call $log (call $call-export-catch (i32.const 3)))  ;; an i64 parameter
    (call $log (call $call-export-catch (i32.const 99))) ;; no such export
    (call $call-export-catch (i32.const 4)))             ;; a trap is not caught
  (func (export "exception-through-call-export") (result i32)
    (block $caught (result i32)
      (try_table (catch $wasmtag $caught) (call $call-export (i32.const 0) (i32.const 0)))
      (i32.const -1)))
  (func (export "exception-through-call-ref") (result i32)
    (block $caught (result i32)
      (try_table (catch $wasmtag $caught) (call $call-ref (ref.func $throws-wasm) (i32.const 1)))
      (i32.const -1)))
  (func (export "call-ref-catch") (result i32)
    (i32.add (call $call-ref-catch (ref.func $returns-exnref))
             (call $call-ref-catch (ref.null func))))
  (func (export "legacy-catch") (result i32)
    (try (result i32)
      (do (call $throw (i32.const 9)) (i32.const 0))
      (catch $wasmtag)
      (catch_all (i32.const 5))))
  (func (export "legacy-catch-all-of-js") (result i32)
    (try (result i32)
      (do (call $throw (i32.const 0)) (i32.const 0))
      (catch $wasmtag)
      (catch_all (i32.const 5))))
  (func (export "trap-not-caught") (result i32)
    (block $caught
      (try_table (catch_all $caught) (call $call-ref (ref.func $traps) (i32.const 0))))
    (i32.const 3))
  (export "table" (table $table)))
