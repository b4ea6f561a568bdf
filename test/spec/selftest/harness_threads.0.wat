;; Modules of harness_threads.json, the harness's own test of the threads proposal's thread and
;; wait commands (wast2json cannot write them): test/spec/CMakeLists.txt assembles them with
;; wat2wasm. This one is the shared memory.
(module (memory (export "shared") 1 1 shared))
