// The compiler's LLVM view of the contract structures must lay them out exactly as the C
// compiler does for the runtime (abi.h), on every target wasmc supports.
#include "codegen/Targets.h"
#include "lower/Descriptor.h"

#include "wasmc/abi.h"

#include <catch2/catch.hpp>
#include <llvm/IR/DataLayout.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Target/TargetOptions.h>

#include <memory>

namespace {

llvm::DataLayout dataLayoutOf(const wasmc::codegen::TargetInfo &target) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  std::string error;
  const llvm::Target *llvmTarget = llvm::TargetRegistry::lookupTarget(target.triple, error);
  REQUIRE(llvmTarget != nullptr);
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      target.triple, target.defaultCpu, target.defaultFeatures, llvm::TargetOptions(),
      llvm::Reloc::Static));
  REQUIRE(machine != nullptr);
  return machine->createDataLayout();
}

// That the LLVM struct `type` lays out its fields at `offsets` (offsetof of the C structure
// `name`, in order) and has the C structure's `size`.
void checkLayout(const llvm::DataLayout &layout, const char *name, llvm::StructType *type,
                 std::initializer_list<size_t> offsets, size_t size) {
  INFO(name);
  REQUIRE(type->getNumElements() == offsets.size());
  const llvm::StructLayout *fields = layout.getStructLayout(type);
  unsigned i = 0;
  for (size_t offset : offsets) {
    INFO("field " << i);
    CHECK(fields->getElementOffset(i++) == offset);
  }
  CHECK(fields->getSizeInBytes() == size);
}

} // namespace

TEST_CASE("the LLVM module descriptor matches wasmc_module_desc on every target", "[abi]") {
  for (const wasmc::codegen::TargetInfo &target : wasmc::codegen::allTargets()) {
    INFO("target " << target.name);
    llvm::LLVMContext context;
    llvm::DataLayout layout = dataLayoutOf(target);
    checkLayout(layout, "wasmc_module_desc", wasmc::lower::moduleDescriptorType(context), {
        offsetof(wasmc_module_desc, abi_version),
        offsetof(wasmc_module_desc, name),
        offsetof(wasmc_module_desc, num_types),
        offsetof(wasmc_module_desc, types),
        offsetof(wasmc_module_desc, num_imports),
        offsetof(wasmc_module_desc, imports),
        offsetof(wasmc_module_desc, num_funcs),
        offsetof(wasmc_module_desc, num_imported_funcs),
        offsetof(wasmc_module_desc, func_types),
        offsetof(wasmc_module_desc, func_code),
        offsetof(wasmc_module_desc, func_array_calls),
        offsetof(wasmc_module_desc, func_names),
        offsetof(wasmc_module_desc, import_thunks),
        offsetof(wasmc_module_desc, num_tables),
        offsetof(wasmc_module_desc, num_imported_tables),
        offsetof(wasmc_module_desc, tables),
        offsetof(wasmc_module_desc, num_memories),
        offsetof(wasmc_module_desc, num_imported_memories),
        offsetof(wasmc_module_desc, memories),
        offsetof(wasmc_module_desc, num_globals),
        offsetof(wasmc_module_desc, num_imported_globals),
        offsetof(wasmc_module_desc, globals),
        offsetof(wasmc_module_desc, num_exports),
        offsetof(wasmc_module_desc, exports),
        offsetof(wasmc_module_desc, num_data),
        offsetof(wasmc_module_desc, data),
        offsetof(wasmc_module_desc, num_elems),
        offsetof(wasmc_module_desc, elems),
        offsetof(wasmc_module_desc, num_tags),
        offsetof(wasmc_module_desc, num_imported_tags),
        offsetof(wasmc_module_desc, tags),
        offsetof(wasmc_module_desc, initialize),
        offsetof(wasmc_module_desc, start),
        offsetof(wasmc_module_desc, code_begin),
        offsetof(wasmc_module_desc, code_end),
    }, sizeof(wasmc_module_desc));
    CHECK(layout.getPointerSize() == sizeof(void *));
  }
}

TEST_CASE("the LLVM descriptor arrays match their abi.h structures on every target", "[abi]") {
  for (const wasmc::codegen::TargetInfo &target : wasmc::codegen::allTargets()) {
    INFO("target " << target.name);
    llvm::LLVMContext context;
    llvm::DataLayout layout = dataLayoutOf(target);
    wasmc::lower::DescriptorElementTypes types = wasmc::lower::descriptorElementTypes(context);
    checkLayout(layout, "wasmc_functype_desc", types.functype,
                {offsetof(wasmc_functype_desc, num_params), offsetof(wasmc_functype_desc, num_results),
                 offsetof(wasmc_functype_desc, types)},
                sizeof(wasmc_functype_desc));
    checkLayout(layout, "wasmc_type_desc", types.type,
                {offsetof(wasmc_type_desc, func), offsetof(wasmc_type_desc, rec_group_size),
                 offsetof(wasmc_type_desc, is_final)},
                sizeof(wasmc_type_desc));
    checkLayout(layout, "wasmc_valtype", wasmc::lower::valTypeType(context),
                {offsetof(wasmc_valtype, code), offsetof(wasmc_valtype, nullable),
                 offsetof(wasmc_valtype, heap), offsetof(wasmc_valtype, reserved),
                 offsetof(wasmc_valtype, index)},
                sizeof(wasmc_valtype));
    checkLayout(layout, "wasmc_import_desc", types.import,
                {offsetof(wasmc_import_desc, module), offsetof(wasmc_import_desc, name),
                 offsetof(wasmc_import_desc, module_length), offsetof(wasmc_import_desc, name_length),
                 offsetof(wasmc_import_desc, kind), offsetof(wasmc_import_desc, index)},
                sizeof(wasmc_import_desc));
    checkLayout(layout, "wasmc_table_desc", types.table,
                {offsetof(wasmc_table_desc, limits), offsetof(wasmc_table_desc, elem_type)},
                sizeof(wasmc_table_desc));
    checkLayout(layout, "wasmc_limits_desc", types.memory,
                {offsetof(wasmc_limits_desc, min), offsetof(wasmc_limits_desc, max),
                 offsetof(wasmc_limits_desc, has_max), offsetof(wasmc_limits_desc, flags)},
                sizeof(wasmc_limits_desc));
    checkLayout(layout, "wasmc_global_desc", types.global,
                {offsetof(wasmc_global_desc, type), offsetof(wasmc_global_desc, is_mutable),
                 offsetof(wasmc_global_desc, reserved)},
                sizeof(wasmc_global_desc));
    checkLayout(layout, "wasmc_export_desc", types.exportEntry,
                {offsetof(wasmc_export_desc, name), offsetof(wasmc_export_desc, name_length),
                 offsetof(wasmc_export_desc, kind), offsetof(wasmc_export_desc, index),
                 offsetof(wasmc_export_desc, reserved)},
                sizeof(wasmc_export_desc));
    checkLayout(layout, "wasmc_data_desc", types.data,
                {offsetof(wasmc_data_desc, bytes), offsetof(wasmc_data_desc, size),
                 offsetof(wasmc_data_desc, mode), offsetof(wasmc_data_desc, reserved),
                 offsetof(wasmc_data_desc, placement)},
                sizeof(wasmc_data_desc));
    checkLayout(layout, "wasmc_elem_desc", types.elem,
                {offsetof(wasmc_elem_desc, size), offsetof(wasmc_elem_desc, elem_type),
                 offsetof(wasmc_elem_desc, mode), offsetof(wasmc_elem_desc, reserved),
                 offsetof(wasmc_elem_desc, func_indices), offsetof(wasmc_elem_desc, placement)},
                sizeof(wasmc_elem_desc));
    auto *placement = llvm::cast<llvm::StructType>(types.elem->getElementType(5));
    checkLayout(layout, "wasmc_segment_placement", placement,
                {offsetof(wasmc_segment_placement, offset), offsetof(wasmc_segment_placement, index),
                 offsetof(wasmc_segment_placement, offset_computed)},
                sizeof(wasmc_segment_placement));
    checkLayout(layout, "wasmc_tag_desc", types.tag,
                {offsetof(wasmc_tag_desc, name), offsetof(wasmc_tag_desc, type_index),
                 offsetof(wasmc_tag_desc, reserved)},
                sizeof(wasmc_tag_desc));
  }
}

TEST_CASE("the instance and the objects it points to keep their documented layout", "[abi]") {
  // The static assertions in abi.h already check this at compile time; these make the offsets
  // that generated code uses visible in the test report too.
  CHECK(offsetof(wasmc_instance, memory_base) == WASMC_INSTANCE_MEMORY_BASE);
  CHECK(offsetof(wasmc_instance, funcs) == WASMC_INSTANCE_FUNCS);
  CHECK(sizeof(wasmc_funcref) == WASMC_FUNCREF_SIZE);
  CHECK(offsetof(wasmc_table, size) == WASMC_TABLE_SIZE);
  CHECK(offsetof(wasmc_memory, size) == WASMC_MEMORY_SIZE);
  CHECK(offsetof(wasmc_instance, tags) == WASMC_INSTANCE_TAGS);
  CHECK(offsetof(wasmc_exception, tag) == WASMC_EXCEPTION_TAG);
  CHECK(sizeof(wasmc_exception) == WASMC_EXCEPTION_VALUES); // the values follow
  CHECK(offsetof(wasmc_memory, base) == WASMC_MEMORY_BASE);
  CHECK(sizeof(wasmc_memory) == WASMC_MEMORY_OBJECT_SIZE);
}
