# LLVM 19, lld 19, CLI11 and Catch2 v2, as Debian bookworm packages them.
find_package(LLVM REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/llvm NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "wasmc needs LLVM 19, found ${LLVM_PACKAGE_VERSION} in ${LLVM_DIR}")
endif()
find_package(LLD REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/lld NO_DEFAULT_PATH)
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")
find_package(CLI11 REQUIRED CONFIG)
find_package(Catch2 2 CONFIG)

find_program(WASMC_CLANG NAMES clang-19 HINTS ${LLVM_TOOLS_BINARY_DIR} REQUIRED)
# clang-19 building wasm32-wasi modules: the command every build of a wasm input starts with.
set(WASMC_WASM_CONFIG ${CMAKE_CURRENT_LIST_DIR}/toolchains/wasm32-wasi.cfg)
set(WASMC_WASM_CLANG ${WASMC_CLANG} --config=${WASMC_WASM_CONFIG})
find_program(WASMC_WAST2JSON NAMES wast2json)
find_program(WASMC_NODE NAMES node nodejs)

# The wasm32-wasi sysroot of Debian's wasi-libc and clang's wasm32 builtins.
if(EXISTS /usr/lib/wasm32-wasi/libc.a OR EXISTS /usr/share/wasi-sysroot)
  set(WASMC_HAVE_WASI_SDK ON)
endif()

# The official spec test suite (read-only, shared beside the project: ../shared/spec-testsuite).
find_path(WASMC_SPEC_TESTSUITE i32.wast
  PATHS ${CMAKE_SOURCE_DIR}/../shared/spec-testsuite ${CMAKE_SOURCE_DIR}/../../shared/spec-testsuite
        /work/shared/spec-testsuite
  NO_DEFAULT_PATH
  DOC "Directory of the WebAssembly spec test suite's .wast scripts")
if(NOT WASMC_SPEC_TESTSUITE)
  message(WARNING "The spec test suite was not found (looked in ../shared/spec-testsuite): the "
    "spec tests will report themselves as skipped. Set WASMC_SPEC_TESTSUITE to its directory.")
endif()

# The Wasm 3.0 spec test suite, already converted to wast2json's JSON (../shared/spec-testsuite-3.0).
find_path(WASMC_SPEC3_TESTSUITE core/i32.json
  PATHS ${CMAKE_SOURCE_DIR}/../shared/spec-testsuite-3.0
        ${CMAKE_SOURCE_DIR}/../../shared/spec-testsuite-3.0 /work/shared/spec-testsuite-3.0
  NO_DEFAULT_PATH
  DOC "Directory of the Wasm 3.0 spec test suite converted to JSON (core/, custom/, ...)")
if(NOT WASMC_SPEC3_TESTSUITE)
  message(WARNING "The Wasm 3.0 spec test suite was not found (looked in "
    "../shared/spec-testsuite-3.0): the spec3 tests will report themselves as skipped. Set "
    "WASMC_SPEC3_TESTSUITE to its directory.")
endif()

# A test that reports itself skipped, for a suite whose inputs are missing: never a silent pass.
function(wasmc_skipped_test name reason)
  add_test(NAME "${name}" COMMAND ${CMAKE_COMMAND} -E env sh -c "echo 'skipped: ${reason}'; exit 77")
  set_tests_properties("${name}" PROPERTIES SKIP_RETURN_CODE 77)
endfunction()
