// Trap witnesses. A wasm load traps when any byte it names lies past the end of memory, whether
// or not its value is used; with guard pages (abi.h) the trap is the load's own fault. LLVM may
// delete a load whose value is unused and narrow one of which only some bits are used (`i32.wrap`
// of an i64 load, a masked byte, one lane of a v128), and then the trap is lost. So every load
// from linear memory is followed by a witness: an empty inline asm that takes the loaded value in
// a register. To LLVM it reads memory and writes none, so loads still move and combine around it
// (a witness that wrote even inaccessible memory would stop EarlyCSE from merging loads, and
// made GVN quadratic on 30,000 nested ifs) while stores before it stay before it, and it may not
// return, so nothing deletes it (nor a call of a function that has one); it keeps the whole
// value alive to the machine code.
//
// A store that faults loses what came before it just as well: LICM promotes a global written in
// a loop to a register and writes it back at the loop's exits, which a fault never reaches,
// unless something in the loop may not return. So every store to linear memory is followed by a
// trap barrier, the same empty inline asm without operands; so is every global.set, or LICM would
// hoist a load from a fixed address out of the loop, above the write. The witnesses of loads do this for
// the loops they are in; both go where a run-time check proves that no access of a loop can
// fault (LoopAddressWidening.cpp), and witnesses of loads in loops that write nothing go before
// the vectoriser (ReleaseTrapWitnessesPass, codegen/WasmPasses.h). At -O0, where only
// instruction selection could drop a load and nothing moves a store, loads are volatile instead
// and stores have no barrier.
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/TargetParser/Triple.h>

namespace wasmc::lower {

// Marks the load that goes before a store which may tear (FunctionLowering::storeMayTear): it
// faults where the store would, before the store writes any byte.
inline constexpr const char *kStoreProbeMetadata = "wasmc.store.probe";

// Adds the witness of `load` at the builder's position (right after the load), for the module's
// target `triple`.
void addTrapWitness(llvm::IRBuilder<> &b, const llvm::Triple &triple, llvm::LoadInst *load);

// Adds a trap barrier at the builder's position (right after a store to linear memory).
void addTrapBarrier(llvm::IRBuilder<> &b, const llvm::Triple &triple);

// Prepares a function for FastISel (which -O2 gives huge functions, codegen/Tiers.h), which
// deletes any instruction that writes no memory and whose value is unused: to LLVM, witnesses
// and barriers are such. A load witnessed directly becomes volatile (as at -O0) and its witness
// goes; any other witness, and every barrier, stays, no longer marked read-only.
void keepTrapsForFastSelection(llvm::Function &function);

// Whether `instruction` is a trap witness; the loaded value it keeps alive.
bool isTrapWitness(const llvm::Instruction &instruction);
llvm::Value *witnessedValue(const llvm::CallInst &witness);

// Whether `instruction` is a trap barrier.
bool isTrapBarrier(const llvm::Instruction &instruction);

} // namespace wasmc::lower
