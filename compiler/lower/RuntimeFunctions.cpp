#include "lower/RuntimeFunctions.h"

#include "lower/CallingConventions.h"

#include "wasmc/abi.h"

#include <llvm/ADT/SmallVector.h>

#include <type_traits>

namespace wasmc::lower {

namespace {

// The C types of runtime_functions.def, for checking its rows against abi.h.
namespace c_types {
using VOID = void;
using I32 = int32_t;
using U32 = uint32_t;
using I64 = int64_t;
using U64 = uint64_t;
using PTR = void *;
using INSTANCE = wasmc_instance *;
} // namespace c_types

#define WASMC_RUNTIME_FUNCTION(Name, Result, Params)                                                \
  static_assert(std::is_same_v<decltype(&wasmc_rt_##Name), c_types::Result(*) Params>,               \
                "runtime_functions.def disagrees with abi.h about wasmc_rt_" #Name);
namespace check {
using namespace c_types;
#include "wasmc/runtime_functions.def"
} // namespace check
#undef WASMC_RUNTIME_FUNCTION

enum class Kind { VOID, I32, U32, I64, U64, PTR, INSTANCE };
// The table's type names, as values.
namespace kinds {
constexpr Kind VOID = Kind::VOID, I32 = Kind::I32, U32 = Kind::U32, I64 = Kind::I64,
               U64 = Kind::U64, PTR = Kind::PTR, INSTANCE = Kind::INSTANCE;
} // namespace kinds

struct Row {
  const char *name;
  Kind result;
  std::vector<Kind> params;
};

template <typename... Kinds> std::vector<Kind> kindsOf(Kinds... kinds) { return {kinds...}; }

const std::vector<Row> &rows() {
  using namespace kinds;
  static const std::vector<Row> table = {
#define WASMC_RUNTIME_FUNCTION(Name, Result, Params) {#Name, Result, kindsOf Params},
#include "wasmc/runtime_functions.def"
#undef WASMC_RUNTIME_FUNCTION
  };
  return table;
}

llvm::Type *llvmType(Kind kind, llvm::LLVMContext &context) {
  switch (kind) {
  case Kind::VOID: return llvm::Type::getVoidTy(context);
  case Kind::I32:
  case Kind::U32: return llvm::Type::getInt32Ty(context);
  case Kind::I64:
  case Kind::U64: return llvm::Type::getInt64Ty(context);
  case Kind::PTR:
  case Kind::INSTANCE: return llvm::PointerType::get(context, 0);
  }
  return nullptr;
}

} // namespace

RuntimeFunctionDeclaration declareRuntimeFunction(RuntimeFunction function,
                                                  llvm::LLVMContext &context,
                                                  const llvm::Triple &triple) {
  const Row &row = rows()[size_t(function)];
  std::vector<llvm::Type *> params;
  llvm::SmallVector<bool, 8> unsignedParams;
  for (Kind kind : row.params) {
    params.push_back(llvmType(kind, context));
    unsignedParams.push_back(kind == Kind::U32);
  }
  auto *type = llvm::FunctionType::get(llvmType(row.result, context), params, false);
  return {std::string("wasmc_rt_") + row.name, type,
          cAbiAttributes(context, triple, type, unsignedParams, row.result == Kind::U32)};
}

} // namespace wasmc::lower
