// A small x86-64 machine-code encoder for the baseline tier: the instruction forms the
// baseline's lowering emits, written as bytes into a buffer. Branches inside a function are
// labels resolved here; references to symbols (calls, thread-locals) are recorded as
// relocations for the object writer (ObjectWriter.h), which turns them into MC fixups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wasmc::baseline {

enum class Reg : uint8_t {
  rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15
};
// xmm registers by number (0-15).
enum class Xmm : uint8_t {
  xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15
};

// Condition codes in the encoding's order (the low nibble of jcc/setcc/cmovcc).
enum class Cond : uint8_t {
  o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
};
inline Cond negate(Cond c) { return Cond(uint8_t(c) ^ 1); }

// [base + index * scale + disp]; index absent when `hasIndex` is false. `fs` adds the fs
// segment prefix (thread-locals).
struct Mem {
  Reg base = Reg::rbp;
  Reg index = Reg::rax;
  bool hasIndex = false;
  uint8_t scale = 1;
  int32_t disp = 0;
  bool fs = false;
};
inline Mem mem(Reg base, int32_t disp = 0) { return Mem{base, Reg::rax, false, 1, disp, false}; }
inline Mem mem(Reg base, Reg index, uint8_t scale, int32_t disp = 0) {
  return Mem{base, index, true, scale, disp, false};
}

// Operand size of integer instructions.
enum class Width : uint8_t { W8 = 1, W16 = 2, W32 = 4, W64 = 8 };

// The group-1 arithmetic operations, by their /digit.
enum class Alu : uint8_t { add = 0, or_ = 1, adc = 2, sbb = 3, and_ = 4, sub = 5, xor_ = 6, cmp = 7 };
// The group-2 shifts, by their /digit.
enum class Shift : uint8_t { rol = 0, ror = 1, shl = 4, shr = 5, sar = 7 };
// Scalar SSE arithmetic, by their second opcode byte.
enum class SseOp : uint8_t {
  sqrt = 0x51, add = 0x58, mul = 0x59, sub = 0x5c, min = 0x5d, div = 0x5e, max = 0x5f
};

struct Label {
  int id = -1;
};

struct Relocation {
  enum class Kind { Call, GotTpOff }; // rel32 to a function (PLT32); rel32 to a GOT TLS offset
  uint32_t offset;                    // of the 32-bit field in the code
  Kind kind;
  std::string symbol;
};

class X64Encoder {
public:
  const std::vector<uint8_t> &code() const { return code_; }
  const std::vector<Relocation> &relocations() const { return relocations_; }
  uint32_t size() const { return uint32_t(code_.size()); }

  // ---- Labels ----
  Label newLabel();
  void bind(Label label);
  // Whether a label is bound at `offset`: code there may be reached from elsewhere.
  bool labelAt(uint32_t offset) const { return lastBoundAt_ == offset; }
  bool isBound(Label label) const { return labelOffsets_[label.id] >= 0; }
  // Whether any branch (or jump table entry) so far targets `label`.
  bool hasUses(Label label) const {
    for (const Use &use : uses_)
      if (use.labelId == label.id)
        return true;
    return false;
  }
  // Resolves every branch to a label; false if a branch targets a label never bound.
  bool finish();

  // ---- Moves ----
  void mov(Width w, Reg dst, Reg src);             // 32/64
  void movImm(Reg dst, uint64_t value, bool is64); // shortest form
  void load(Width w, Reg dst, const Mem &m);       // zero-extending for 8/16; 32 zero-extends
  void loadSigned(Width from, Width to, Reg dst, const Mem &m); // movsx/movsxd
  void store(Width w, const Mem &m, Reg src);
  void storeImm(Width w, const Mem &m, int32_t value); // 32 or 64 (sign-extended)
  void movsx(Width from, Width to, Reg dst, Reg src);  // register forms of movsx/movsxd
  void movzx8(Reg dst, Reg src);                       // movzx r32, r8
  void lea(Reg dst, const Mem &m);
  void lea32(Reg dst, const Mem &m); // the address's low 32 bits, zero-extended: an i32 sum
  void cmov(Width w, Cond c, Reg dst, Reg src);
  void setcc(Cond c, Reg dst); // low byte

  // ---- Arithmetic ----
  void alu(Alu op, Width w, Reg dst, Reg src);
  void aluImm(Alu op, Width w, Reg dst, int32_t imm);
  void aluMemImm(Alu op, Width w, const Mem &m, int32_t imm); // cmp [m], imm etc.
  void aluRegMem(Alu op, Width w, Reg dst, const Mem &m);     // op dst, [m]
  void test(Width w, Reg a, Reg b);
  void imul(Width w, Reg dst, Reg src);
  void div(Width w, Reg divisor, bool isSigned); // rdx:rax / divisor
  void signExtendAccumulator(Width w);           // cdq / cqo
  void neg(Width w, Reg r);
  void shiftCl(Shift op, Width w, Reg r);
  void shiftImm(Shift op, Width w, Reg r, uint8_t count);
  void bsr(Width w, Reg dst, Reg src);
  void bsf(Width w, Reg dst, Reg src);
  void popcnt(Width w, Reg dst, Reg src);
  void bitTestImm(uint8_t digit, Width w, Reg r, uint8_t bit); // bt=4 bts=5 btr=6 btc=7

  // ---- SSE (scalar) ----
  void movdToXmm(Width w, Xmm dst, Reg src);   // movd/movq xmm, r
  void movdFromXmm(Width w, Reg dst, Xmm src); // movd/movq r, xmm
  void sse(SseOp op, bool isDouble, Xmm dst, Xmm src);
  void ucomis(bool isDouble, Xmm a, Xmm b);
  void cvtsi2s(bool isDouble, Width from, Xmm dst, Reg src);
  void cvtts2si(bool isDouble, Width to, Reg dst, Xmm src); // truncating cvttss2si/cvttsd2si
  void movaps(Xmm dst, Xmm src);
  // Bitwise on the whole register (a scalar's lanes above are don't-care): xorps x, x zeroes.
  void xorps(Xmm dst, Xmm src);
  void andps(Xmm dst, Xmm src);
  void orps(Xmm dst, Xmm src);
  void cvtss2sd(Xmm dst, Xmm src);
  void cvtsd2ss(Xmm dst, Xmm src);
  void loadXmm(bool isDouble, Xmm dst, const Mem &m); // movss/movsd xmm, [m]
  void storeXmm(bool isDouble, const Mem &m, Xmm src); // movss/movsd [m], xmm
  // The same with a label's address (rip-relative): constants placed after the code.
  void loadXmmLabel(bool isDouble, Xmm dst, Label constant);
  void sseLabel(SseOp op, bool isDouble, Xmm dst, Label constant);

  // ---- Control ----
  void jmp(Label target);
  void jcc(Cond c, Label target);
  void jmpReg(Reg target);
  void call(const std::string &symbol);
  void callReg(Reg target);
  void ret();
  void push(Reg r);
  void pop(Reg r);
  void leave();
  void leaLabel(Reg dst, Label target); // lea dst, [rip + target]
  void repStosq();                      // rcx quadwords of rax to [rdi]
  void ud2();
  void align(uint32_t bytes);  // int3 padding to a multiple of `bytes`
  void data64(uint64_t value); // 8 bytes of data, little endian
  // rax = the thread pointer plus the initial-exec TLS offset of `symbol` is two instructions;
  // this emits the first: mov dst, [rip + symbol@GOTTPOFF].
  void loadTlsOffset(Reg dst, const std::string &symbol);
  // A 32-bit label-relative entry of a jump table: target - tableBase.
  void jumpTableEntry(Label tableBase, Label target);
  // Drops the code from `offset` on: only code with no label, branch or relocation in it.
  void truncate(uint32_t offset) { code_.resize(offset); }
  // Overwrites the 32-bit value at `offset` (a frame size patched once it is known).
  void patch32(uint32_t offset, uint32_t value);

private:
  void byte(uint8_t b) { code_.push_back(b); }
  void imm32(uint32_t v);
  void rex(bool w, unsigned reg, unsigned index, unsigned base, bool force = false);
  void modrmReg(unsigned reg, unsigned rm) { byte(uint8_t(0xc0 | ((reg & 7) << 3) | (rm & 7))); }
  void modrmMem(unsigned reg, const Mem &m);
  // opcode bytes with a register operand `reg` and memory operand `m`.
  void opMem(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, const Mem &m,
             bool forceRex = false, int prefix = -1);
  void opReg(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, unsigned rm,
             bool forceRex = false, int prefix = -1);
  void branchTo(Label target); // rel32 to a label

  std::vector<uint8_t> code_;
  std::vector<Relocation> relocations_;
  std::vector<int64_t> labelOffsets_;
  uint32_t lastBoundAt_ = UINT32_MAX;
  struct Use {
    uint32_t offset; // of the 32-bit field
    int labelId;
    int64_t base;    // value = label - base (base: end of field, or a table's label)
    int baseLabel;   // >= 0: base is that label's offset
  };
  std::vector<Use> uses_;
};

} // namespace wasmc::baseline
