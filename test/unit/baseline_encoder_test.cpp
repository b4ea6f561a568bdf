// The baseline tier's x86-64 encoder against LLVM's own disassembler: every instruction form
// the encoder emits, with registers that need REX bits, SIB bytes and displacements of each size.
#include "baseline/X64Encoder.h"

#include <catch2/catch.hpp>

#include <llvm/MC/MCAsmInfo.h>
#include <llvm/MC/MCContext.h>
#include <llvm/MC/MCDisassembler/MCDisassembler.h>
#include <llvm/MC/MCInst.h>
#include <llvm/MC/MCInstPrinter.h>
#include <llvm/MC/MCInstrInfo.h>
#include <llvm/MC/MCRegisterInfo.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/MCTargetOptions.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Triple.h>

#include <functional>
#include <memory>
#include <sstream>

using namespace wasmc::baseline;

namespace {

const char *const kTriple = "x86_64-unknown-linux-gnu";

// The instructions in `code`, in Intel syntax with single spaces; "<invalid>" for bytes the
// disassembler refuses, "<partial>" when the last instruction does not end where the code does.
std::vector<std::string> disassemble(const std::vector<uint8_t> &code) {
  static bool initialized = [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllDisassemblers();
    return true;
  }();
  (void)initialized;
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(kTriple, error);
  REQUIRE(target);
  std::unique_ptr<llvm::MCRegisterInfo> registers(target->createMCRegInfo(kTriple));
  llvm::MCTargetOptions options;
  std::unique_ptr<llvm::MCAsmInfo> asmInfo(target->createMCAsmInfo(*registers, kTriple, options));
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(kTriple, "x86-64", "+popcnt"));
  std::unique_ptr<llvm::MCInstrInfo> instructions(target->createMCInstrInfo());
  llvm::MCContext context(llvm::Triple(kTriple), asmInfo.get(), registers.get(), subtarget.get());
  std::unique_ptr<llvm::MCDisassembler> disassembler(
      target->createMCDisassembler(*subtarget, context));
  std::unique_ptr<llvm::MCInstPrinter> printer(target->createMCInstPrinter(
      llvm::Triple(kTriple), /*Intel*/ 1, *asmInfo, *instructions, *registers));
  REQUIRE(disassembler);
  REQUIRE(printer);
  std::vector<std::string> lines;
  llvm::ArrayRef<uint8_t> bytes(code);
  uint64_t offset = 0;
  while (offset < bytes.size()) {
    llvm::MCInst inst;
    uint64_t size = 0;
    if (disassembler->getInstruction(inst, size, bytes.slice(offset), offset, llvm::nulls()) !=
        llvm::MCDisassembler::Success) {
      lines.push_back("<invalid>");
      return lines;
    }
    std::string text;
    llvm::raw_string_ostream stream(text);
    printer->printInst(&inst, offset, "", *subtarget, stream);
    stream.flush();
    std::string normalised;
    for (char c : text) {
      const char d = c == '\t' ? ' ' : c;
      if (d == ' ' && (normalised.empty() || normalised.back() == ' '))
        continue;
      normalised += d;
    }
    while (!normalised.empty() && normalised.back() == ' ')
      normalised.pop_back();
    lines.push_back(normalised);
    offset += size;
  }
  return lines;
}

void expectOne(const std::function<void(X64Encoder &)> &emit, const std::string &expected) {
  X64Encoder a;
  emit(a);
  const std::vector<std::string> lines = disassemble(a.code());
  INFO("expected: " << expected);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == expected);
}

} // namespace

TEST_CASE("baseline encoder: moves", "[baseline]") {
  expectOne([](X64Encoder &a) { a.mov(Width::W64, Reg::r14, Reg::rdi); }, "mov r14, rdi");
  expectOne([](X64Encoder &a) { a.mov(Width::W32, Reg::rax, Reg::r9); }, "mov eax, r9d");
  expectOne([](X64Encoder &a) { a.movImm(Reg::r10, 0x12345678, false); }, "mov r10d, 305419896");
  expectOne([](X64Encoder &a) { a.movImm(Reg::rcx, uint64_t(-5), true); }, "mov rcx, -5");
  expectOne([](X64Encoder &a) { a.movImm(Reg::r11, 0x123456789aull, true); },
            "movabs r11, 78187493530");
  expectOne([](X64Encoder &a) { a.load(Width::W64, Reg::rax, mem(Reg::rbp, -8)); },
            "mov rax, qword ptr [rbp - 8]");
  expectOne([](X64Encoder &a) { a.load(Width::W32, Reg::r8, mem(Reg::rsp, 0x1000)); },
            "mov r8d, dword ptr [rsp + 4096]");
  expectOne([](X64Encoder &a) { a.load(Width::W8, Reg::rdx, mem(Reg::r15, Reg::rcx, 1, 3)); },
            "movzx edx, byte ptr [r15 + rcx + 3]");
  expectOne([](X64Encoder &a) { a.load(Width::W16, Reg::rsi, mem(Reg::r13)); },
            "movzx esi, word ptr [r13]");
  expectOne([](X64Encoder &a) { a.load(Width::W64, Reg::r10, mem(Reg::r12, Reg::r10, 8)); },
            "mov r10, qword ptr [r12 + 8*r10]");
  expectOne([](X64Encoder &a) { a.loadSigned(Width::W8, Width::W32, Reg::rax, mem(Reg::rdi)); },
            "movsx eax, byte ptr [rdi]");
  expectOne([](X64Encoder &a) { a.loadSigned(Width::W16, Width::W64, Reg::r9, mem(Reg::rax, 2)); },
            "movsx r9, word ptr [rax + 2]");
  expectOne(
      [](X64Encoder &a) { a.loadSigned(Width::W32, Width::W64, Reg::rcx, mem(Reg::r11, Reg::rcx, 4)); },
      "movsxd rcx, dword ptr [r11 + 4*rcx]");
  expectOne([](X64Encoder &a) { a.store(Width::W8, mem(Reg::r15, Reg::rax, 1), Reg::rsi); },
            "mov byte ptr [r15 + rax], sil");
  expectOne([](X64Encoder &a) { a.store(Width::W16, mem(Reg::rbx), Reg::r8); },
            "mov word ptr [rbx], r8w");
  expectOne([](X64Encoder &a) { a.store(Width::W32, mem(Reg::rbp, -300), Reg::rdi); },
            "mov dword ptr [rbp - 300], edi");
  expectOne([](X64Encoder &a) { a.store(Width::W64, mem(Reg::rcx, 16), Reg::r15); },
            "mov qword ptr [rcx + 16], r15");
  expectOne([](X64Encoder &a) { a.storeImm(Width::W64, mem(Reg::rbp, -24), -1); },
            "mov qword ptr [rbp - 24], -1");
  expectOne([](X64Encoder &a) { a.storeImm(Width::W32, mem(Reg::rbp, -28), 7); },
            "mov dword ptr [rbp - 28], 7");
  expectOne([](X64Encoder &a) { a.movsx(Width::W8, Width::W32, Reg::rax, Reg::rdi); },
            "movsx eax, dil");
  expectOne([](X64Encoder &a) { a.movsx(Width::W16, Width::W64, Reg::r8, Reg::r8); },
            "movsx r8, r8w");
  expectOne([](X64Encoder &a) { a.movsx(Width::W32, Width::W64, Reg::rdx, Reg::rdx); },
            "movsxd rdx, edx");
  expectOne([](X64Encoder &a) { a.movzx8(Reg::rsi, Reg::rsi); }, "movzx esi, sil");
  expectOne([](X64Encoder &a) { a.movzx8(Reg::r9, Reg::r9); }, "movzx r9d, r9b");
  expectOne([](X64Encoder &a) { a.lea(Reg::rsp, mem(Reg::rbp, -16)); }, "lea rsp, [rbp - 16]");
  expectOne([](X64Encoder &a) { a.cmov(Width::W32, Cond::e, Reg::rax, Reg::r11); },
            "cmove eax, r11d");
  expectOne([](X64Encoder &a) { a.cmov(Width::W64, Cond::ae, Reg::r8, Reg::rcx); },
            "cmovae r8, rcx");
  expectOne([](X64Encoder &a) { a.setcc(Cond::l, Reg::rdi); }, "setl dil");
  expectOne([](X64Encoder &a) { a.setcc(Cond::np, Reg::rcx); }, "setnp cl");
}

TEST_CASE("baseline encoder: arithmetic", "[baseline]") {
  expectOne([](X64Encoder &a) { a.alu(Alu::add, Width::W32, Reg::rax, Reg::rcx); }, "add eax, ecx");
  expectOne([](X64Encoder &a) { a.alu(Alu::sub, Width::W64, Reg::r10, Reg::rsi); }, "sub r10, rsi");
  expectOne([](X64Encoder &a) { a.alu(Alu::xor_, Width::W32, Reg::r8, Reg::r8); }, "xor r8d, r8d");
  expectOne([](X64Encoder &a) { a.alu(Alu::cmp, Width::W64, Reg::rdx, Reg::r9); }, "cmp rdx, r9");
  expectOne([](X64Encoder &a) { a.aluImm(Alu::and_, Width::W32, Reg::rsi, 0x7fffffff); },
            "and esi, 2147483647");
  expectOne([](X64Encoder &a) { a.aluImm(Alu::or_, Width::W64, Reg::r11, -2); }, "or r11, -2");
  expectOne([](X64Encoder &a) { a.aluImm(Alu::sub, Width::W64, Reg::rsp, 0x10000000); },
            "sub rsp, 268435456");
  expectOne([](X64Encoder &a) { a.aluImm(Alu::cmp, Width::W32, Reg::rcx, 100); }, "cmp ecx, 100");
  expectOne([](X64Encoder &a) { a.aluMemImm(Alu::cmp, Width::W64, mem(Reg::rbp, -8), 1000); },
            "cmp qword ptr [rbp - 8], 1000");
  expectOne([](X64Encoder &a) { a.aluRegMem(Alu::add, Width::W32, Reg::rax, mem(Reg::rbp, -40)); },
            "add eax, dword ptr [rbp - 40]");
  expectOne(
      [](X64Encoder &a) {
        Mem limit = mem(Reg::rax);
        limit.fs = true;
        a.aluRegMem(Alu::cmp, Width::W64, Reg::rsp, limit);
      },
      "cmp rsp, qword ptr fs:[rax]");
  expectOne([](X64Encoder &a) { a.test(Width::W32, Reg::r10, Reg::r10); }, "test r10d, r10d");
  expectOne([](X64Encoder &a) { a.imul(Width::W64, Reg::rax, Reg::r9); }, "imul rax, r9");
  expectOne([](X64Encoder &a) { a.div(Width::W32, Reg::rcx, false); }, "div ecx");
  expectOne([](X64Encoder &a) { a.div(Width::W64, Reg::r8, true); }, "idiv r8");
  expectOne([](X64Encoder &a) { a.signExtendAccumulator(Width::W32); }, "cdq");
  expectOne([](X64Encoder &a) { a.signExtendAccumulator(Width::W64); }, "cqo");
  expectOne([](X64Encoder &a) { a.neg(Width::W64, Reg::r11); }, "neg r11");
  expectOne([](X64Encoder &a) { a.shiftCl(Shift::sar, Width::W32, Reg::rdx); }, "sar edx, cl");
  expectOne([](X64Encoder &a) { a.shiftCl(Shift::rol, Width::W64, Reg::r9); }, "rol r9, cl");
  expectOne([](X64Encoder &a) { a.shiftImm(Shift::shr, Width::W64, Reg::rax, 16); }, "shr rax, 16");
  expectOne([](X64Encoder &a) { a.shiftImm(Shift::shl, Width::W32, Reg::rsi, 31); }, "shl esi, 31");
  expectOne([](X64Encoder &a) { a.shiftImm(Shift::ror, Width::W32, Reg::r10, 3); }, "ror r10d, 3");
  expectOne([](X64Encoder &a) { a.bsr(Width::W64, Reg::rax, Reg::r8); }, "bsr rax, r8");
  expectOne([](X64Encoder &a) { a.bsf(Width::W32, Reg::r11, Reg::rcx); }, "bsf r11d, ecx");
  expectOne([](X64Encoder &a) { a.popcnt(Width::W64, Reg::r9, Reg::rdx); }, "popcnt r9, rdx");
  expectOne([](X64Encoder &a) { a.bitTestImm(6, Width::W64, Reg::rcx, 63); }, "btr rcx, 63");
  expectOne([](X64Encoder &a) { a.bitTestImm(7, Width::W64, Reg::r10, 63); }, "btc r10, 63");
  expectOne([](X64Encoder &a) { a.bitTestImm(6, Width::W32, Reg::rax, 31); }, "btr eax, 31");
}

TEST_CASE("baseline encoder: SSE", "[baseline]") {
  expectOne([](X64Encoder &a) { a.movdToXmm(Width::W32, Xmm::xmm0, Reg::r10); }, "movd xmm0, r10d");
  expectOne([](X64Encoder &a) { a.movdToXmm(Width::W64, Xmm::xmm1, Reg::rax); }, "movq xmm1, rax");
  expectOne([](X64Encoder &a) { a.movdFromXmm(Width::W32, Reg::rsi, Xmm::xmm0); }, "movd esi, xmm0");
  expectOne([](X64Encoder &a) { a.movdFromXmm(Width::W64, Reg::r11, Xmm::xmm0); }, "movq r11, xmm0");
  expectOne([](X64Encoder &a) { a.sse(SseOp::add, false, Xmm::xmm0, Xmm::xmm1); }, "addss xmm0, xmm1");
  expectOne([](X64Encoder &a) { a.sse(SseOp::sub, true, Xmm::xmm0, Xmm::xmm1); }, "subsd xmm0, xmm1");
  expectOne([](X64Encoder &a) { a.sse(SseOp::mul, false, Xmm::xmm2, Xmm::xmm3); }, "mulss xmm2, xmm3");
  expectOne([](X64Encoder &a) { a.sse(SseOp::div, true, Xmm::xmm0, Xmm::xmm1); }, "divsd xmm0, xmm1");
  expectOne([](X64Encoder &a) { a.sse(SseOp::sqrt, false, Xmm::xmm0, Xmm::xmm0); }, "sqrtss xmm0, xmm0");
  expectOne([](X64Encoder &a) { a.sse(SseOp::min, false, Xmm::xmm0, Xmm::xmm1); }, "minss xmm0, xmm1");
  expectOne([](X64Encoder &a) { a.sse(SseOp::max, true, Xmm::xmm0, Xmm::xmm1); }, "maxsd xmm0, xmm1");
  expectOne([](X64Encoder &a) { a.movaps(Xmm::xmm1, Xmm::xmm0); }, "movaps xmm1, xmm0");
  expectOne([](X64Encoder &a) { a.movaps(Xmm::xmm9, Xmm::xmm2); }, "movaps xmm9, xmm2");
  expectOne([](X64Encoder &a) { a.movaps(Xmm::xmm3, Xmm::xmm15); }, "movaps xmm3, xmm15");
  expectOne([](X64Encoder &a) { a.xorps(Xmm::xmm8, Xmm::xmm8); }, "xorps xmm8, xmm8");
  expectOne([](X64Encoder &a) { a.andps(Xmm::xmm2, Xmm::xmm12); }, "andps xmm2, xmm12");
  expectOne([](X64Encoder &a) { a.orps(Xmm::xmm11, Xmm::xmm7); }, "orps xmm11, xmm7");
  expectOne([](X64Encoder &a) { a.sse(SseOp::add, true, Xmm::xmm10, Xmm::xmm3); }, "addsd xmm10, xmm3");
  expectOne([](X64Encoder &a) { a.sse(SseOp::mul, false, Xmm::xmm4, Xmm::xmm14); }, "mulss xmm4, xmm14");
  expectOne([](X64Encoder &a) { a.ucomis(true, Xmm::xmm13, Xmm::xmm2); }, "ucomisd xmm13, xmm2");
  expectOne([](X64Encoder &a) { a.movdToXmm(Width::W64, Xmm::xmm9, Reg::r12); }, "movq xmm9, r12");
  expectOne([](X64Encoder &a) { a.movdFromXmm(Width::W32, Reg::rbx, Xmm::xmm15); }, "movd ebx, xmm15");
  expectOne([](X64Encoder &a) { a.cvtsi2s(true, Width::W64, Xmm::xmm8, Reg::r13); }, "cvtsi2sd xmm8, r13");
  expectOne([](X64Encoder &a) { a.cvtts2si(false, Width::W32, Reg::r12, Xmm::xmm11); }, "cvttss2si r12d, xmm11");
  expectOne([](X64Encoder &a) { a.cvtss2sd(Xmm::xmm12, Xmm::xmm12); }, "cvtss2sd xmm12, xmm12");
  expectOne([](X64Encoder &a) { a.ucomis(false, Xmm::xmm0, Xmm::xmm1); }, "ucomiss xmm0, xmm1");
  expectOne([](X64Encoder &a) { a.ucomis(true, Xmm::xmm1, Xmm::xmm0); }, "ucomisd xmm1, xmm0");
  expectOne([](X64Encoder &a) { a.cvtsi2s(false, Width::W32, Xmm::xmm0, Reg::r9); },
            "cvtsi2ss xmm0, r9d");
  expectOne([](X64Encoder &a) { a.cvtsi2s(true, Width::W64, Xmm::xmm0, Reg::rcx); },
            "cvtsi2sd xmm0, rcx");
  expectOne([](X64Encoder &a) { a.cvtts2si(true, Width::W32, Reg::r9, Xmm::xmm0); },
            "cvttsd2si r9d, xmm0");
  expectOne([](X64Encoder &a) { a.cvtts2si(false, Width::W64, Reg::rax, Xmm::xmm1); },
            "cvttss2si rax, xmm1");
  expectOne([](X64Encoder &a) { a.cvtss2sd(Xmm::xmm0, Xmm::xmm0); }, "cvtss2sd xmm0, xmm0");
  expectOne([](X64Encoder &a) { a.cvtsd2ss(Xmm::xmm0, Xmm::xmm0); }, "cvtsd2ss xmm0, xmm0");
  expectOne([](X64Encoder &a) { a.loadXmm(false, Xmm::xmm3, mem(Reg::rbp, -48)); },
            "movss xmm3, dword ptr [rbp - 48]");
  expectOne([](X64Encoder &a) { a.loadXmm(false, Xmm::xmm12, mem(Reg::r15, Reg::rbx, 1, 8)); },
            "movss xmm12, dword ptr [r15 + rbx + 8]");
  expectOne([](X64Encoder &a) { a.storeXmm(true, mem(Reg::rbp, -72), Xmm::xmm15); },
            "movsd qword ptr [rbp - 72], xmm15");
  expectOne([](X64Encoder &a) { a.loadXmm(true, Xmm::xmm7, mem(Reg::rbp, -200)); },
            "movsd xmm7, qword ptr [rbp - 200]");
  expectOne([](X64Encoder &a) { a.storeXmm(true, mem(Reg::rbp, -8), Xmm::xmm1); },
            "movsd qword ptr [rbp - 8], xmm1");
  expectOne([](X64Encoder &a) { a.storeXmm(false, mem(Reg::rbp, -12), Xmm::xmm6); },
            "movss dword ptr [rbp - 12], xmm6");
}

TEST_CASE("baseline encoder: control", "[baseline]") {
  expectOne([](X64Encoder &a) { a.jmpReg(Reg::r11); }, "jmp r11");
  expectOne([](X64Encoder &a) { a.callReg(Reg::r11); }, "call r11");
  expectOne([](X64Encoder &a) { a.ret(); }, "ret");
  expectOne([](X64Encoder &a) { a.push(Reg::r14); }, "push r14");
  expectOne([](X64Encoder &a) { a.push(Reg::rbx); }, "push rbx");
  expectOne([](X64Encoder &a) { a.push(Reg::r12); }, "push r12");
  expectOne([](X64Encoder &a) { a.pop(Reg::r13); }, "pop r13");
  // Locals' registers as an address's index and as a stored byte.
  expectOne([](X64Encoder &a) { a.load(Width::W32, Reg::rax, mem(Reg::r15, Reg::r12, 1, 4)); },
            "mov eax, dword ptr [r15 + r12 + 4]");
  expectOne([](X64Encoder &a) { a.store(Width::W8, mem(Reg::r15, Reg::r13, 1), Reg::rbx); },
            "mov byte ptr [r15 + r13], bl");
  expectOne([](X64Encoder &a) { a.store(Width::W8, mem(Reg::r15, Reg::rbx, 1), Reg::r12); },
            "mov byte ptr [r15 + rbx], r12b");
  expectOne([](X64Encoder &a) { a.mov(Width::W32, Reg::r13, Reg::r13); }, "mov r13d, r13d");
  expectOne([](X64Encoder &a) { a.lea32(Reg::rax, mem(Reg::r12, 100)); }, "lea eax, [r12 + 100]");
  expectOne([](X64Encoder &a) { a.lea32(Reg::r9, mem(Reg::rbx, Reg::r13, 1)); },
            "lea r9d, [rbx + r13]");
  expectOne([](X64Encoder &a) { a.lea32(Reg::rcx, mem(Reg::r13, -8)); }, "lea ecx, [r13 - 8]");
  expectOne([](X64Encoder &a) { a.push(Reg::rbp); }, "push rbp");
  expectOne([](X64Encoder &a) { a.pop(Reg::r15); }, "pop r15");
  expectOne([](X64Encoder &a) { a.leave(); }, "leave");
  expectOne([](X64Encoder &a) { a.ud2(); }, "ud2");
  expectOne([](X64Encoder &a) { a.repStosq(); }, "rep stosq qword ptr es:[rdi], rax");
  expectOne([](X64Encoder &a) { a.call("f"); }, "call 0");
  expectOne([](X64Encoder &a) { a.loadTlsOffset(Reg::rax, "t"); }, "mov rax, qword ptr [rip]");

  // Labels: forward and backward branches, a rip-relative lea and a jump table entry.
  X64Encoder a;
  const Label top = a.newLabel(), bottom = a.newLabel(), table = a.newLabel();
  a.bind(top);
  a.jcc(Cond::ne, bottom);  // 0: 6 bytes
  a.jmp(top);               // 6: 5 bytes
  a.leaLabel(Reg::r10, table); // 11: 7 bytes
  a.bind(bottom);           // 18
  a.ret();                  // 18
  a.bind(table);            // 19
  a.jumpTableEntry(table, top);
  REQUIRE(a.finish());
  const std::vector<uint8_t> code(a.code().begin(), a.code().begin() + 19);
  const std::vector<std::string> lines = disassemble(code);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "jne 12"); // displacements: 18 - 6, 0 - 11
  CHECK(lines[1] == "jmp -11");
  CHECK(lines[2] == "lea r10, [rip + 1]");
  CHECK(lines[3] == "ret");
  const int32_t entry = int32_t(a.code()[19] | a.code()[20] << 8 | a.code()[21] << 16 |
                                uint32_t(a.code()[22]) << 24);
  CHECK(entry == -19);
  REQUIRE(a.relocations().empty());

  // Constants after the code, aligned, read rip-relative by an SSE operation and a load.
  X64Encoder c;
  const Label constant = c.newLabel();
  c.sseLabel(SseOp::mul, true, Xmm::xmm9, constant); // 0: 9 bytes
  c.loadXmmLabel(false, Xmm::xmm2, constant);        // 9: 8 bytes
  c.align(8);                                        // 17: 7 bytes of padding
  c.bind(constant);                                  // 24
  c.data64(0x4000000000000000ull);
  REQUIRE(c.finish());
  REQUIRE(c.size() == 32);
  const std::vector<std::string> constantLines =
      disassemble(std::vector<uint8_t>(c.code().begin(), c.code().begin() + 17));
  REQUIRE(constantLines.size() == 2);
  CHECK(constantLines[0] == "mulsd xmm9, qword ptr [rip + 15]");
  CHECK(constantLines[1] == "movss xmm2, dword ptr [rip + 7]");
  CHECK(c.code()[17] == 0xcc);
  CHECK(c.code()[31] == 0x40);
}
