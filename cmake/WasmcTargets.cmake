# The runtime directories wasmc links against: lib/wasmc/<target>/ beside the wasmc binary, with
# the runtime, the WASI shim, the executables' main, and the C library pieces of a static link
# (crt objects, libc.a, libm.a, libgcc.a, libgcc_eh.a), so that wasmc needs nothing else at run
# time, for every target it was built with.
#
# Each target's runtime is built by clang-19 with the target's toolchain file
# (cmake/toolchains/<target>.cmake), as a separate CMake project (cmake/RuntimeProject), so the
# host target is built exactly like the cross targets: optimised, without debug information.
include(ExternalProject)

set(WASMC_CROSS_TARGETS "aarch64-linux;riscv64-linux" CACHE STRING
  "Cross targets to build runtimes for, when their Debian cross C library is installed")

# The C library pieces of target `arch` (x86_64, aarch64, riscv64): a list of paths, where
# "path=name" copies under another name; empty if the C library is not installed.
function(wasmc_find_libc_pieces out arch)
  if(arch STREQUAL WASMC_HOST_ARCH)
    set(libc_dir /usr/lib/${arch}-linux-gnu)
    set(gcc_dir ${WASMC_HOST_GCC_DIR})
  else()
    set(libc_dir /usr/${arch}-linux-gnu/lib)
    file(GLOB gcc_dirs /usr/lib/gcc-cross/${arch}-linux-gnu/*)
    list(SORT gcc_dirs)
    list(GET gcc_dirs -1 gcc_dir)
  endif()
  set(pieces)
  foreach(file crt1.o crti.o crtn.o libc.a libm.a)
    if(NOT EXISTS ${libc_dir}/${file})
      set(${out} "" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  list(APPEND pieces ${libc_dir}/crt1.o ${libc_dir}/crti.o ${libc_dir}/crtn.o ${libc_dir}/libc.a)
  # On x86-64, libm.a is a linker script naming libm-<version>.a (and libmvec.a).
  file(READ ${libc_dir}/libm.a libm_head LIMIT 2 HEX)
  if(libm_head STREQUAL "2f2a") # "/*": a script
    file(GLOB libm_archive ${libc_dir}/libm-*.a)
    list(APPEND pieces "${libm_archive}=libm.a")
  else()
    list(APPEND pieces ${libc_dir}/libm.a)
  endif()
  foreach(file crtbeginT.o crtend.o libgcc.a libgcc_eh.a)
    if(NOT gcc_dir OR NOT EXISTS ${gcc_dir}/${file})
      set(${out} "" PARENT_SCOPE)
      return()
    endif()
    list(APPEND pieces ${gcc_dir}/${file})
  endforeach()
  set(${out} ${pieces} PARENT_SCOPE)
endfunction()

# Builds the runtime for `target_name` (<arch>-linux) and assembles lib/wasmc/<target_name>/.
function(wasmc_target_runtime target_name arch pieces)
  set(dir ${WASMC_RUNTIME_OUTPUT_DIR}/${target_name})
  set(build ${CMAKE_BINARY_DIR}/runtime-${target_name})
  set(libraries
    ${build}/runtime/libwasmc_rt.a
    ${build}/runtime/libwasmc_main.a
    ${build}/wasi-libc-shim/libwasmc_wasi.a)
  ExternalProject_Add(wasmc_runtime_build_${target_name}
    SOURCE_DIR ${PROJECT_SOURCE_DIR}/cmake/RuntimeProject
    BINARY_DIR ${build}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchains/${arch}-linux.cmake
      -DCMAKE_BUILD_TYPE=Release
      -DWASMC_SOURCE_DIR=${PROJECT_SOURCE_DIR}
    CMAKE_GENERATOR ${CMAKE_GENERATOR}
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${libraries})
  set(outputs)
  foreach(piece ${pieces} ${libraries})
    if(piece MATCHES "^(.*)=(.*)$")
      set(from ${CMAKE_MATCH_1})
      set(name ${CMAKE_MATCH_2})
    else()
      set(from ${piece})
      get_filename_component(name ${piece} NAME)
    endif()
    list(APPEND outputs ${dir}/${name})
    add_custom_command(OUTPUT ${dir}/${name}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
      COMMAND ${CMAKE_COMMAND} -E copy_if_different ${from} ${dir}/${name}
      DEPENDS ${from} wasmc_runtime_build_${target_name} VERBATIM)
  endforeach()
  add_custom_target(wasmc_runtime_${target_name} ALL DEPENDS ${outputs})
  set_property(GLOBAL APPEND PROPERTY WASMC_RUNTIME_TARGETS wasmc_runtime_${target_name})
  set_property(GLOBAL APPEND PROPERTY WASMC_BUILT_TARGETS ${target_name})
endfunction()

if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  set(WASMC_HOST_ARCH x86_64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
  set(WASMC_HOST_ARCH aarch64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "riscv64")
  set(WASMC_HOST_ARCH riscv64)
else()
  message(FATAL_ERROR "wasmc runs on x86-64, AArch64 and RISC-V 64 Linux hosts")
endif()
set(WASMC_HOST_TARGET ${WASMC_HOST_ARCH}-linux)
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-libgcc-file-name
  OUTPUT_VARIABLE host_libgcc OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(WASMC_HOST_GCC_DIR ${host_libgcc} DIRECTORY)

wasmc_find_libc_pieces(host_pieces ${WASMC_HOST_ARCH})
if(NOT host_pieces)
  message(FATAL_ERROR "The static C library for ${WASMC_HOST_TARGET} (libc6-dev: crt1.o, "
    "libc.a; gcc: crtbeginT.o, libgcc_eh.a) was not found")
endif()
wasmc_target_runtime(${WASMC_HOST_TARGET} ${WASMC_HOST_ARCH} "${host_pieces}")

foreach(target ${WASMC_CROSS_TARGETS})
  string(REGEX REPLACE "-linux$" "" arch ${target})
  if(arch STREQUAL WASMC_HOST_ARCH)
    continue()
  endif()
  wasmc_find_libc_pieces(pieces ${arch})
  if(pieces)
    message(STATUS "wasmc: building the runtime for ${target}")
    wasmc_target_runtime(${target} ${arch} "${pieces}")
  else()
    message(STATUS "wasmc: no ${arch} cross C library, ${target} not supported by this build")
  endif()
endforeach()

install(DIRECTORY ${WASMC_RUNTIME_OUTPUT_DIR} DESTINATION lib)
