# The runtime directories wasmc links against: lib/wasmc/<target>/ beside the wasmc binary, with
# the runtime, the WASI shim, the executables' main, and the C library pieces of a static link
# (crt objects, libc.a, libm.a, libgcc.a, libgcc_eh.a), so that wasmc needs nothing else at run
# time, for every target it was built with.

# Finds the C library pieces for a target in a sysroot library directory and a gcc directory.
function(wasmc_find_libc_pieces out libc_dir gcc_dir)
  set(pieces)
  foreach(file crt1.o crti.o crtn.o libc.a)
    if(NOT EXISTS ${libc_dir}/${file})
      set(${out} "" PARENT_SCOPE)
      return()
    endif()
    list(APPEND pieces ${libc_dir}/${file})
  endforeach()
  # On x86-64, libm.a is a linker script naming libm-<version>.a (and libmvec.a).
  file(READ ${libc_dir}/libm.a libm_head LIMIT 16 HEX)
  if(libm_head MATCHES "^2f2a") # "/*": a script
    file(GLOB libm_archive ${libc_dir}/libm-*.a)
    list(APPEND pieces "${libm_archive}=libm.a")
  else()
    list(APPEND pieces ${libc_dir}/libm.a)
  endif()
  foreach(file crtbeginT.o crtend.o libgcc.a libgcc_eh.a)
    if(NOT EXISTS ${gcc_dir}/${file})
      set(${out} "" PARENT_SCOPE)
      return()
    endif()
    list(APPEND pieces ${gcc_dir}/${file})
  endforeach()
  set(${out} ${pieces} PARENT_SCOPE)
endfunction()

# Assembles lib/wasmc/<target>/ from the given runtime libraries and C library pieces
# (a piece "path=name" is copied under another name).
function(wasmc_runtime_directory target_name)
  cmake_parse_arguments(ARG "" "" "LIBRARIES;PIECES;DEPENDS" ${ARGN})
  set(dir ${WASMC_RUNTIME_OUTPUT_DIR}/${target_name})
  set(outputs)
  set(commands)
  foreach(piece ${ARG_PIECES})
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
      DEPENDS ${from} VERBATIM)
  endforeach()
  foreach(library ${ARG_LIBRARIES})
    list(APPEND outputs ${dir}/lib${library}.a)
    add_custom_command(OUTPUT ${dir}/lib${library}.a
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
      COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_FILE:${library}> ${dir}/lib${library}.a
      DEPENDS ${library} VERBATIM)
  endforeach()
  add_custom_target(wasmc_runtime_${target_name} ALL DEPENDS ${outputs} ${ARG_DEPENDS})
  set_property(GLOBAL APPEND PROPERTY WASMC_RUNTIME_TARGETS wasmc_runtime_${target_name})
endfunction()

# The host target: the runtime built by this project with the host compiler.
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libgcc.a
  OUTPUT_VARIABLE host_libgcc OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(host_gcc_dir ${host_libgcc} DIRECTORY)
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libc.a
  OUTPUT_VARIABLE host_libc OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(host_libc_dir ${host_libc} DIRECTORY)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  set(WASMC_HOST_TARGET x86_64-linux)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
  set(WASMC_HOST_TARGET aarch64-linux)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "riscv64")
  set(WASMC_HOST_TARGET riscv64-linux)
endif()
wasmc_find_libc_pieces(host_pieces ${host_libc_dir} ${host_gcc_dir})
if(NOT host_pieces)
  message(FATAL_ERROR "The static C library (libc6-dev: crt1.o, libc.a; gcc: crtbeginT.o, "
    "libgcc_eh.a) was not found in ${host_libc_dir} and ${host_gcc_dir}.")
endif()
wasmc_runtime_directory(${WASMC_HOST_TARGET}
  LIBRARIES wasmc_rt wasmc_wasi wasmc_main
  PIECES ${host_pieces})

install(DIRECTORY ${WASMC_RUNTIME_OUTPUT_DIR} DESTINATION lib)
