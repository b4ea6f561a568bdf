# wasmc_shim_library(<name> [EXCLUDE <regex>]): a static library of the WASI shim and the runtime
# as they are built for executables, less runtime/src/main.cpp (and the runtime sources matching
# <regex>), for the standalone builds under sanitizers (test/fuzz, test/tsan). WASMC_SOURCE_DIR
# is the source tree's root.
function(wasmc_shim_library name)
  cmake_parse_arguments(ARG "" "EXCLUDE" "" ${ARGN})
  file(GLOB wasi_sources CONFIGURE_DEPENDS ${WASMC_SOURCE_DIR}/wasi-libc-shim/src/*.cpp)
  file(GLOB rt_sources CONFIGURE_DEPENDS ${WASMC_SOURCE_DIR}/runtime/src/*.cpp)
  list(FILTER rt_sources EXCLUDE REGEX ".*/main\\.cpp$")
  if(ARG_EXCLUDE)
    list(FILTER rt_sources EXCLUDE REGEX "${ARG_EXCLUDE}")
  endif()
  add_library(${name} STATIC ${wasi_sources} ${rt_sources})
  target_include_directories(${name} PUBLIC ${WASMC_SOURCE_DIR}/runtime/include
                             ${WASMC_SOURCE_DIR}/wasi-libc-shim/include)
  target_include_directories(${name} PRIVATE ${WASMC_SOURCE_DIR}/wasi-libc-shim/src)
  target_compile_options(${name} PRIVATE -fno-exceptions -fno-rtti)
endfunction()
