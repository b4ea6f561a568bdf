#include "baseline/ObjectWriter.h"

#include "wasmc/abi.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/MC/MCAsmBackend.h>
#include <llvm/MC/MCAsmInfo.h>
#include <llvm/MC/MCCodeEmitter.h>
#include <llvm/MC/MCContext.h>
#include <llvm/MC/MCExpr.h>
#include <llvm/MC/MCFixup.h>
#include <llvm/MC/MCInstrInfo.h>
#include <llvm/MC/MCObjectFileInfo.h>
#include <llvm/MC/MCObjectStreamer.h>
#include <llvm/MC/MCObjectWriter.h>
#include <llvm/MC/MCRegisterInfo.h>
#include <llvm/MC/MCSectionELF.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/MCTargetOptions.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Triple.h>

#include <algorithm>
#include <memory>

namespace wasmc::baseline {

unsigned dwarfRegister(Reg reg) {
  // rax rdx rcx rbx rsi rdi rbp rsp r8..r15 in DWARF order.
  static const unsigned numbers[16] = {0, 2, 1, 3, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15};
  return numbers[unsigned(reg)];
}

namespace {

llvm::Error failure(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "baseline: " + message);
}

// Emits `function`'s bytes, stopping where a CFI rule starts or a relocation's field begins.
void emitFunction(llvm::MCObjectStreamer &streamer, llvm::MCContext &context,
                  const llvm::MCSubtargetInfo &subtarget, llvm::MCSection *section,
                  const CompiledFunction &function) {
  streamer.switchSection(section);
  streamer.emitCodeAlignment(llvm::Align(16), &subtarget);
  llvm::MCSymbol *symbol = context.getOrCreateSymbol(function.symbol);
  streamer.emitSymbolAttribute(symbol, llvm::MCSA_Global);
  streamer.emitSymbolAttribute(symbol, llvm::MCSA_Hidden);
  streamer.emitSymbolAttribute(symbol, llvm::MCSA_ELF_TypeFunction);
  streamer.emitLabel(symbol);
  streamer.emitCFIStartProc(/*IsSimple=*/false);

  std::vector<uint32_t> stops;
  for (const CfiRule &rule : function.cfi)
    stops.push_back(rule.offset);
  for (const Relocation &relocation : function.relocations)
    stops.push_back(relocation.offset);
  stops.push_back(uint32_t(function.code.size()));
  std::sort(stops.begin(), stops.end());

  const auto *bytes = reinterpret_cast<const char *>(function.code.data());
  uint32_t position = 0;
  size_t nextRule = 0, nextRelocation = 0;
  for (uint32_t stop : stops) {
    if (stop > position) {
      streamer.emitBytes(llvm::StringRef(bytes + position, stop - position));
      position = stop;
    }
    for (; nextRule < function.cfi.size() && function.cfi[nextRule].offset == position; ++nextRule) {
      const CfiRule &rule = function.cfi[nextRule];
      switch (rule.kind) {
      case CfiRule::Kind::DefCfaOffset: streamer.emitCFIDefCfaOffset(rule.value); break;
      case CfiRule::Kind::Offset: streamer.emitCFIOffset(rule.dwarfRegister, rule.value); break;
      case CfiRule::Kind::DefCfaRegister: streamer.emitCFIDefCfaRegister(rule.dwarfRegister); break;
      case CfiRule::Kind::DefCfa: streamer.emitCFIDefCfa(rule.dwarfRegister, rule.value); break;
      }
    }
    for (; nextRelocation < function.relocations.size() &&
           function.relocations[nextRelocation].offset == position;
         ++nextRelocation) {
      const Relocation &relocation = function.relocations[nextRelocation];
      const auto variant = relocation.kind == Relocation::Kind::Call
                               ? llvm::MCSymbolRefExpr::VK_PLT
                               : llvm::MCSymbolRefExpr::VK_GOTTPOFF;
      // The field is the last 4 bytes of its instruction: rip is 4 bytes past its start.
      llvm::MCSymbol *referenced = context.getOrCreateSymbol(relocation.symbol);
      if (relocation.kind == Relocation::Kind::GotTpOff)
        streamer.emitSymbolAttribute(referenced, llvm::MCSA_ELF_TypeTLS);
      const llvm::MCExpr *target = llvm::MCBinaryExpr::createAdd(
          llvm::MCSymbolRefExpr::create(referenced, variant, context),
          llvm::MCConstantExpr::create(-4, context), context);
      // What emitting an instruction does for its operands: the symbol enters the symbol table.
      streamer.visitUsedExpr(*target);
      llvm::MCDataFragment *fragment = streamer.getOrCreateDataFragment(&subtarget);
      fragment->getFixups().push_back(
          llvm::MCFixup::create(uint32_t(fragment->getContents().size()), target, llvm::FK_PCRel_4));
      fragment->getContents().append(4, '\0');
      position += 4;
    }
  }
  streamer.emitCFIEndProc();
  llvm::MCSymbol *end = context.createTempSymbol();
  streamer.emitLabel(end);
  streamer.emitELFSize(symbol, llvm::MCBinaryExpr::createSub(
                                   llvm::MCSymbolRefExpr::create(end, context),
                                   llvm::MCSymbolRefExpr::create(symbol, context), context));
}

} // namespace

llvm::Expected<std::string> writeObject(const std::string &tripleName,
                                        const std::vector<CompiledFunction> &functions) {
  const llvm::Triple triple(tripleName);
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(tripleName, error);
  if (!target)
    return failure(error);
  std::unique_ptr<llvm::MCRegisterInfo> registers(target->createMCRegInfo(tripleName));
  llvm::MCTargetOptions options;
  std::unique_ptr<llvm::MCAsmInfo> asmInfo(target->createMCAsmInfo(*registers, tripleName, options));
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(tripleName, "x86-64", ""));
  std::unique_ptr<llvm::MCInstrInfo> instructions(target->createMCInstrInfo());
  if (!registers || !asmInfo || !subtarget || !instructions)
    return failure("no MC support for " + tripleName);
  llvm::MCContext context(triple, asmInfo.get(), registers.get(), subtarget.get());
  std::unique_ptr<llvm::MCObjectFileInfo> fileInfo(
      target->createMCObjectFileInfo(context, /*PIC=*/true));
  context.setObjectFileInfo(fileInfo.get());

  llvm::SmallString<0> buffer;
  llvm::raw_svector_ostream stream(buffer);
  std::unique_ptr<llvm::MCAsmBackend> backend(
      target->createMCAsmBackend(*subtarget, *registers, options));
  std::unique_ptr<llvm::MCCodeEmitter> emitter(target->createMCCodeEmitter(*instructions, context));
  if (!backend || !emitter)
    return failure("no object emission for " + tripleName);
  std::unique_ptr<llvm::MCObjectWriter> writer = backend->createObjectWriter(stream);
  std::unique_ptr<llvm::MCStreamer> streamer(target->createMCObjectStreamer(
      triple, context, std::move(backend), std::move(writer), std::move(emitter), *subtarget));
  auto &objectStreamer = static_cast<llvm::MCObjectStreamer &>(*streamer);
  objectStreamer.initSections(false, *subtarget);

  llvm::MCSection *code = context.getELFSection(WASMC_CODE_SECTION, llvm::ELF::SHT_PROGBITS,
                                                llvm::ELF::SHF_ALLOC | llvm::ELF::SHF_EXECINSTR);
  for (const CompiledFunction &function : functions)
    emitFunction(objectStreamer, context, *subtarget, code, function);
  if (llvm::MCSection *noteStack = asmInfo->getNonexecutableStackSection(context))
    objectStreamer.switchSection(noteStack);
  objectStreamer.finish();
  if (context.hadError())
    return failure("object emission failed");
  return std::string(buffer.str());
}

} // namespace wasmc::baseline
