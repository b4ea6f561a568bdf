# LLVM 19, lld 19, CLI11 and Catch2 v2, as Debian bookworm packages them.
find_package(LLVM REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/llvm NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "wasmc needs LLVM 19, found ${LLVM_PACKAGE_VERSION} in ${LLVM_DIR}")
endif()
find_package(LLD REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/lld NO_DEFAULT_PATH)
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")
find_package(CLI11 REQUIRED CONFIG)
# mimalloc replaces malloc in the processes that compile (wasmc, the spec and fuzzing hosts):
# LLVM allocates and frees small objects all the time, and glibc's malloc made a quarter of
# the -O2 build time of a large module (bench/COMPILE.md). Not under the sanitizers, which
# bring their own allocator.
if(NOT WASMC_SANITIZE)
  find_library(WASMC_MIMALLOC NAMES mimalloc)
  if(NOT WASMC_MIMALLOC)
    message(WARNING "mimalloc was not found (Debian: libmimalloc-dev): the compiler will use "
      "the C library's malloc and compile more slowly")
  endif()
endif()
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

# A test suite shared beside the project (read-only: ../shared/<directory>), found by a file it
# holds; the tests of a suite that is not found report themselves as skipped.
function(wasmc_find_shared_suite variable directory marker description tests)
  find_path(${variable} ${marker}
    PATHS ${CMAKE_SOURCE_DIR}/../shared/${directory} ${CMAKE_SOURCE_DIR}/../../shared/${directory}
          /work/shared/${directory}
    NO_DEFAULT_PATH
    DOC "Directory of ${description}")
  if(NOT ${variable})
    message(WARNING "${description} was not found (looked in ../shared/${directory}): the "
      "${tests} will report themselves as skipped. Set ${variable} to its directory.")
  endif()
endfunction()

wasmc_find_shared_suite(WASMC_SPEC_TESTSUITE spec-testsuite i32.wast
  "the WebAssembly spec test suite's .wast scripts" "spec tests")
wasmc_find_shared_suite(WASMC_SPEC3_TESTSUITE spec-testsuite-3.0 core/i32.json
  "the Wasm 3.0 spec test suite converted to JSON (core/, custom/, ...)" "spec3 tests")

# A test that reports itself skipped, for a suite whose inputs are missing: never a silent pass.
function(wasmc_skipped_test name reason)
  add_test(NAME "${name}" COMMAND ${CMAKE_COMMAND} -E env sh -c "echo 'skipped: ${reason}'; exit 77")
  set_tests_properties("${name}" PROPERTIES SKIP_RETURN_CODE 77)
endfunction()
