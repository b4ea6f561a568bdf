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

} // namespace

TEST_CASE("the LLVM module descriptor matches wasmc_module_desc on every target", "[abi]") {
  for (const wasmc::codegen::TargetInfo &target : wasmc::codegen::allTargets()) {
    INFO("target " << target.name);
    llvm::LLVMContext context;
    llvm::DataLayout layout = dataLayoutOf(target);
    llvm::StructType *type = wasmc::lower::moduleDescriptorType(context);
    const llvm::StructLayout *fields = layout.getStructLayout(type);
    const size_t expected[] = {
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
        offsetof(wasmc_module_desc, initialize),
        offsetof(wasmc_module_desc, start),
        offsetof(wasmc_module_desc, code_begin),
        offsetof(wasmc_module_desc, code_end),
    };
    REQUIRE(type->getNumElements() == sizeof(expected) / sizeof(expected[0]));
    for (unsigned i = 0; i < type->getNumElements(); ++i) {
      INFO("field " << i);
      CHECK(fields->getElementOffset(i) == expected[i]);
    }
    CHECK(fields->getSizeInBytes() == sizeof(wasmc_module_desc));
    CHECK(layout.getPointerSize() == sizeof(void *));
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
}
