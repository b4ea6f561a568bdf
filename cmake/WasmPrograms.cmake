# Building C programs to wasm32-wasi with clang-19, and wasm modules to native executables with
# the wasmc built by this project.

# wasmc_wasm_program(<name> SOURCES <c files> [CFLAGS <flags>] [LIBS <flags>])
#   -> ${CMAKE_CURRENT_BINARY_DIR}/<name>.wasm, target wasm_<name>
function(wasmc_wasm_program name)
  cmake_parse_arguments(ARG "" "" "SOURCES;CFLAGS;LIBS" ${ARGN})
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm)
  set(sources)
  foreach(source ${ARG_SOURCES})
    get_filename_component(source ${source} ABSOLUTE)
    list(APPEND sources ${source})
  endforeach()
  add_custom_command(OUTPUT ${output}
    COMMAND ${WASMC_WASM_CLANG} -O2 ${ARG_CFLAGS} ${sources} -o ${output} ${ARG_LIBS}
    DEPENDS ${sources} ${WASMC_WASM_CONFIG}
    COMMENT "clang-19: ${name}.wasm" VERBATIM)
  add_custom_target(wasm_${name} ALL DEPENDS ${output})
endfunction()

# wasmc_native_program(<name> WASM <file> [FLAGS <wasmc build flags>])
#   -> ${CMAKE_CURRENT_BINARY_DIR}/<name>, built by `wasmc build`, target native_<name>
function(wasmc_native_program name)
  cmake_parse_arguments(ARG "" "WASM" "FLAGS" ${ARGN})
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${name})
  get_property(runtimes GLOBAL PROPERTY WASMC_RUNTIME_TARGETS)
  add_custom_command(OUTPUT ${output}
    COMMAND $<TARGET_FILE:wasmc> build ${ARG_WASM} -o ${output} ${ARG_FLAGS}
    DEPENDS ${ARG_WASM} wasmc ${runtimes}
    COMMENT "wasmc: ${name}" VERBATIM)
  add_custom_target(native_${name} ALL DEPENDS ${output})
endfunction()
