# The Wasm 3.0 spec test suite (../shared/spec-testsuite-3.0, already converted to JSON: no
# wast2json), through the same harness with --wasm3 (the threads proposal's groups with --threads,
# see WASMC_SPEC3_THREADS_GROUPS). One CTest per script, named after its .wast:
#   "spec3: <group>/<path>.wast"       at -O${WASMC_SPEC3_OPT_LEVEL} (0 by default)   label spec3
#   "spec3-O2: <group>/<path>.wast"    at -O2                                         label spec3-O2
#   "spec3-stress: <group>/<path>.wast" at -O2 under WASMC_STRESS_BOUNDS=1            label stress
#   "spec3-<target>: <group>/<path>"   at -O2 for each cross target, under qemu-user  label spec3-cross
# Which scripts (each list below says why):
#   * the scripts of the groups in WASMC_SPEC3_GROUPS whose features wasmc implements: every command
#     must pass (a command counted unsupported fails the test: exit status 77 is no skip for them);
#   * WASMC_SPEC3_PARTLY_UNSUPPORTED: scripts of those groups where some modules use a feature wasmc
#     does not implement yet. Their other commands must pass; the test reports itself skipped
#     (status 77) while any command is unsupported, so it never counts as a pass;
#   * WASMC_SPEC3_UNIMPLEMENTED: directories and scripts of features wasmc does not implement. They
#     are not registered (they would only cost CI time to say "unsupported");
#     test/spec/update-results.sh runs them all and RESULTS.md shows what is refused;
#   * WASMC_SPEC3_PENDING: scripts of the features being implemented now, registered once they
#     pass (issue 14 is done: tail calls, extended constant expressions, typed function references,
#     exception handling in both encodings, the legacy one's scripts as the group
#     legacy-exceptions).
set(WASMC_SPEC3_OPT_LEVEL 0 CACHE STRING "Optimisation level of the \"spec3:\" tests")
option(WASMC_SPEC3_O2 "Run the spec3 scripts at -O2 as well (spec3-O2)" ON)

if(NOT WASMC_SPEC3_TESTSUITE)
  wasmc_skipped_test("spec3: testsuite"
    "the Wasm 3.0 spec test suite was not found (WASMC_SPEC3_TESTSUITE)")
  return()
endif()

set(WASMC_SPEC3_GROUPS core custom legacy-exceptions proposal-threads threads-repo
    proposal-wide-arithmetic)
# The threads proposal is based on Wasm 2.0, and its scripts expect what came later (multiple
# memories, memory.size's memory index) to be invalid or malformed: they run in their language,
# Wasm 2.0 and the proposal (wasmc-spec --threads), not with --wasm3.
set(WASMC_SPEC3_THREADS_GROUPS proposal-threads threads-repo)
# Scripts that predate reference types (wasmc-spec --no-reference-types): the threads proposal's
# copy of Wasm 1.0's imports.wast expects multiple tables to be invalid.
set(WASMC_SPEC3_NO_REFERENCE_TYPES proposal-threads/imports.wast)
# <path prefix>=<feature>: not registered.
set(WASMC_SPEC3_UNIMPLEMENTED
  "core/gc/=garbage collection"
)
# <script>=<feature>: registered, skipped while some of their modules are unsupported.
set(WASMC_SPEC3_PARTLY_UNSUPPORTED
  "core/ref_null.wast=garbage collection (its null references)"
  "core/type-rec.wast=garbage collection (struct types)"
  "core/bulk-memory/table_init.wast=garbage collection (a struct type)"
  "core/memory64/table_init64.wast=garbage collection (a struct type)")
set(WASMC_SPEC3_PENDING)
# The cross targets run the scripts of what Wasm 3.0 changed in code generation and the runtime:
# tail calls, typed function references, canonical types across modules, exceptions (the
# unwinder and the personality routine on each target), 64-bit memories (their clamped addresses
# and bounds checks), multiple memories, SIMD, relaxed SIMD (its deterministic results) and wide
# arithmetic (each target's 128-bit carry chains and widening multiplies).
set(WASMC_SPEC3_CROSS_SCRIPTS
  core/exceptions/tag.wast core/exceptions/throw.wast core/exceptions/throw_ref.wast
  core/exceptions/try_table.wast legacy-exceptions/rethrow.wast legacy-exceptions/throw.wast
  legacy-exceptions/try_catch.wast legacy-exceptions/try_delegate.wast
  core/return_call.wast core/return_call_indirect.wast core/return_call_ref.wast
  core/call_ref.wast core/br_on_null.wast core/br_on_non_null.wast core/ref_as_non_null.wast
  core/local_init.wast core/type-equivalence.wast core/type-canon.wast)
foreach(script address64 align64 binary_leb128_64 bulk64 endianness64 float_memory64 load64
        memory64 memory_copy64 memory_fill64 memory_grow64 memory_init64 memory_redundancy64
        memory_trap64)
  list(APPEND WASMC_SPEC3_CROSS_SCRIPTS core/memory64/${script}.wast)
endforeach()
# Relaxed SIMD: the same deterministic results are expected on every target.
foreach(script i16x8_relaxed_q15mulr_s i32x4_relaxed_trunc i8x16_relaxed_swizzle relaxed_dot_product
        relaxed_laneselect relaxed_madd_nmadd relaxed_min_max)
  list(APPEND WASMC_SPEC3_CROSS_SCRIPTS core/relaxed-simd/${script}.wast)
endforeach()
list(APPEND WASMC_SPEC3_CROSS_SCRIPTS proposal-wide-arithmetic/wide-arithmetic.wast)
# All of SIMD (the Wasm 2.0 cross tests run a part of it); the threads proposal's scripts, all of
# them: atomics, and the litmus tests whose `thread` commands run on threads of the agent
# (qemu-user runs them as host threads).
foreach(group core/simd proposal-threads threads-repo)
  file(GLOB_RECURSE group_scripts RELATIVE ${WASMC_SPEC3_TESTSUITE} CONFIGURE_DEPENDS
    ${WASMC_SPEC3_TESTSUITE}/${group}/*.json)
  foreach(script ${group_scripts})
    string(REGEX REPLACE "\\.json$" ".wast" script ${script})
    list(APPEND WASMC_SPEC3_CROSS_SCRIPTS ${script})
  endforeach()
endforeach()
foreach(script address0 address1 data0 data1 imports2 linking1 load2 memory-multi memory_copy0
        memory_copy1 memory_fill0 memory_grow memory_init0 memory_size2 memory_trap1 store2)
  list(APPEND WASMC_SPEC3_CROSS_SCRIPTS core/multi-memory/${script}.wast)
endforeach()

set(spec3_scripts)
foreach(group ${WASMC_SPEC3_GROUPS})
  file(GLOB_RECURSE group_scripts RELATIVE ${WASMC_SPEC3_TESTSUITE} CONFIGURE_DEPENDS
    ${WASMC_SPEC3_TESTSUITE}/${group}/*.json)
  list(SORT group_scripts)
  list(APPEND spec3_scripts ${group_scripts})
endforeach()

# "<key>=<value>" entries: the value of the entry whose key `text` starts with, or "".
function(spec3_lookup entries text out)
  set(found "")
  foreach(entry ${entries})
    string(FIND "${entry}" "=" equals)
    string(SUBSTRING "${entry}" 0 ${equals} key)
    math(EXPR after "${equals} + 1")
    string(SUBSTRING "${entry}" ${after} -1 value)
    string(FIND "${text}" "${key}" at)
    if(at EQUAL 0)
      set(found "${value}")
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

foreach(script ${spec3_scripts})
  string(REGEX REPLACE "\\.json$" ".wast" name ${script})
  spec3_lookup("${WASMC_SPEC3_UNIMPLEMENTED}" ${script} unimplemented)
  if(unimplemented OR name IN_LIST WASMC_SPEC3_PENDING)
    continue()
  endif()
  spec3_lookup("${WASMC_SPEC3_PARTLY_UNSUPPORTED}" ${name} partly)
  set(language --wasm3)
  string(REGEX REPLACE "/.*" "" group ${name})
  if(group IN_LIST WASMC_SPEC3_THREADS_GROUPS)
    set(language --threads)
  endif()
  if(name IN_LIST WASMC_SPEC3_NO_REFERENCE_TYPES)
    list(APPEND language --no-reference-types)
  endif()
  set(levels spec3 -O${WASMC_SPEC3_OPT_LEVEL})
  if(WASMC_SPEC3_O2)
    # spec3-stress: -O2 under WASMC_STRESS_BOUNDS (lower/StressedBounds.h), label stress.
    list(APPEND levels spec3-O2 -O2 spec3-stress -O2)
  endif()
  while(levels)
    list(POP_FRONT levels label level)
    add_test(NAME "${label}: ${name}"
      COMMAND wasmc-spec ${language} ${level} ${WASMC_SPEC3_TESTSUITE}/${script})
    set_tests_properties("${label}: ${name}" PROPERTIES TIMEOUT ${WASMC_SPEC_TIMEOUT}
      LABELS ${label})
    if(label STREQUAL spec3-stress)
      set_tests_properties("${label}: ${name}" PROPERTIES LABELS stress
        ENVIRONMENT WASMC_STRESS_BOUNDS=1)
    endif()
    if(partly)
      set_tests_properties("${label}: ${name}" PROPERTIES SKIP_RETURN_CODE 77)
    endif()
  endwhile()
  if(name IN_LIST WASMC_SPEC3_CROSS_SCRIPTS)
    foreach(target ${WASMC_SPEC_AGENT_TARGETS})
      string(REGEX REPLACE "-linux$" "" arch ${target})
      if(target STREQUAL WASMC_HOST_TARGET)
        continue()
      endif()
      # Registered only where qemu-user is: without SKIP_RETURN_CODE, an unsupported command
      # (wasmc-spec's 77) fails them like the others.
      find_program(WASMC_QEMU_${arch} NAMES qemu-${arch} qemu-${arch}-static)
      if(NOT WASMC_QEMU_${arch})
        if(NOT TEST "spec3-${target}: qemu-${arch}")
          wasmc_skipped_test("spec3-${target}: qemu-${arch}" "qemu-${arch} is not installed")
        endif()
        continue()
      endif()
      add_test(NAME "spec3-${target}: ${name}"
        COMMAND wasmc-spec ${language} -O2 --target ${target}
                --agent ${CMAKE_CURRENT_BINARY_DIR}/wasmc-spec-agent-${target}
                ${WASMC_SPEC3_TESTSUITE}/${script})
      set_tests_properties("spec3-${target}: ${name}" PROPERTIES TIMEOUT ${WASMC_SPEC_TIMEOUT}
        LABELS spec3-cross)
    endforeach()
  endif()
endforeach()
