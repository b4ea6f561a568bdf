#include "baseline/X64Encoder.h"

namespace wasmc::baseline {

namespace {

unsigned num(Reg r) { return unsigned(r); }
unsigned num(Xmm x) { return unsigned(x); }
bool isByteRegNeedingRex(unsigned r) { return r >= 4 && r <= 7; } // spl, bpl, sil, dil
bool fitsInt8(int64_t v) { return v >= -128 && v <= 127; }

} // namespace

// ---- Labels ----

Label X64Encoder::newLabel() {
  labelOffsets_.push_back(-1);
  return Label{int(labelOffsets_.size() - 1)};
}

void X64Encoder::bind(Label label) {
  labelOffsets_[label.id] = int64_t(code_.size());
  lastBoundAt_ = size();
}

void X64Encoder::branchTo(Label target) {
  uses_.push_back(Use{size(), target.id, int64_t(size()) + 4, -1});
  imm32(0);
}

void X64Encoder::jumpTableEntry(Label tableBase, Label target) {
  uses_.push_back(Use{size(), target.id, 0, tableBase.id});
  imm32(0);
}

bool X64Encoder::finish() {
  for (const Use &use : uses_) {
    const int64_t target = labelOffsets_[use.labelId];
    const int64_t base = use.baseLabel >= 0 ? labelOffsets_[use.baseLabel] : use.base;
    if (target < 0 || base < 0)
      return false;
    patch32(use.offset, uint32_t(int32_t(target - base)));
  }
  uses_.clear();
  return true;
}

void X64Encoder::patch32(uint32_t offset, uint32_t value) {
  for (int i = 0; i < 4; ++i)
    code_[offset + i] = uint8_t(value >> (8 * i));
}

// ---- Encoding helpers ----

void X64Encoder::imm32(uint32_t v) {
  for (int i = 0; i < 4; ++i)
    byte(uint8_t(v >> (8 * i)));
}

void X64Encoder::rex(bool w, unsigned reg, unsigned index, unsigned base, bool force) {
  const uint8_t value = uint8_t(0x40 | (w << 3) | ((reg >> 3) << 2) | ((index >> 3) << 1) | (base >> 3));
  if (value != 0x40 || force)
    byte(value);
}

void X64Encoder::modrmMem(unsigned reg, const Mem &m) {
  const unsigned base = num(m.base);
  const bool needsSib = m.hasIndex || (base & 7) == 4;
  unsigned mod;
  if (m.disp == 0 && (base & 7) != 5)
    mod = 0;
  else if (fitsInt8(m.disp))
    mod = 1;
  else
    mod = 2;
  byte(uint8_t((mod << 6) | ((reg & 7) << 3) | (needsSib ? 4 : (base & 7))));
  if (needsSib) {
    const unsigned scaleBits = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
    const unsigned index = m.hasIndex ? (num(m.index) & 7) : 4;
    byte(uint8_t((scaleBits << 6) | (index << 3) | (base & 7)));
  }
  if (mod == 1)
    byte(uint8_t(int8_t(m.disp)));
  else if (mod == 2)
    imm32(uint32_t(m.disp));
}

void X64Encoder::opMem(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, const Mem &m,
                       bool forceRex, int prefix) {
  if (m.fs)
    byte(0x64);
  if (prefix >= 0)
    byte(uint8_t(prefix));
  rex(w, reg, m.hasIndex ? num(m.index) : 0, num(m.base), forceRex);
  for (uint8_t b : opcode)
    byte(b);
  modrmMem(reg, m);
}

void X64Encoder::opReg(bool w, std::initializer_list<uint8_t> opcode, unsigned reg, unsigned rm,
                       bool forceRex, int prefix) {
  if (prefix >= 0)
    byte(uint8_t(prefix));
  rex(w, reg, 0, rm, forceRex);
  for (uint8_t b : opcode)
    byte(b);
  modrmReg(reg, rm);
}

// ---- Moves ----

void X64Encoder::mov(Width w, Reg dst, Reg src) { opReg(w == Width::W64, {0x89}, num(src), num(dst)); }

void X64Encoder::movImm(Reg dst, uint64_t value, bool is64) {
  if (!is64 || value <= 0xffffffffull) { // mov r32, imm32 zero-extends
    rex(false, 0, 0, num(dst));
    byte(uint8_t(0xb8 + (num(dst) & 7)));
    imm32(uint32_t(value));
  } else if (int64_t(value) == int64_t(int32_t(value))) {
    opReg(true, {0xc7}, 0, num(dst));
    imm32(uint32_t(value));
  } else {
    rex(true, 0, 0, num(dst));
    byte(uint8_t(0xb8 + (num(dst) & 7)));
    imm32(uint32_t(value));
    imm32(uint32_t(value >> 32));
  }
}

void X64Encoder::load(Width w, Reg dst, const Mem &m) {
  switch (w) {
  case Width::W8: opMem(false, {0x0f, 0xb6}, num(dst), m); break;
  case Width::W16: opMem(false, {0x0f, 0xb7}, num(dst), m); break;
  case Width::W32: opMem(false, {0x8b}, num(dst), m); break;
  case Width::W64: opMem(true, {0x8b}, num(dst), m); break;
  }
}

void X64Encoder::loadSigned(Width from, Width to, Reg dst, const Mem &m) {
  const bool w = to == Width::W64;
  if (from == Width::W8)
    opMem(w, {0x0f, 0xbe}, num(dst), m);
  else if (from == Width::W16)
    opMem(w, {0x0f, 0xbf}, num(dst), m);
  else
    opMem(true, {0x63}, num(dst), m);
}

void X64Encoder::store(Width w, const Mem &m, Reg src) {
  switch (w) {
  case Width::W8: opMem(false, {0x88}, num(src), m, isByteRegNeedingRex(num(src))); break;
  case Width::W16: opMem(false, {0x89}, num(src), m, false, 0x66); break;
  case Width::W32: opMem(false, {0x89}, num(src), m); break;
  case Width::W64: opMem(true, {0x89}, num(src), m); break;
  }
}

void X64Encoder::storeImm(Width w, const Mem &m, int32_t value) {
  opMem(w == Width::W64, {0xc7}, 0, m);
  imm32(uint32_t(value));
}

void X64Encoder::movsx(Width from, Width to, Reg dst, Reg src) {
  const bool w = to == Width::W64;
  if (from == Width::W8)
    opReg(w, {0x0f, 0xbe}, num(dst), num(src), isByteRegNeedingRex(num(src)));
  else if (from == Width::W16)
    opReg(w, {0x0f, 0xbf}, num(dst), num(src));
  else
    opReg(true, {0x63}, num(dst), num(src));
}

void X64Encoder::movzx8(Reg dst, Reg src) {
  opReg(false, {0x0f, 0xb6}, num(dst), num(src), isByteRegNeedingRex(num(src)));
}

void X64Encoder::lea(Reg dst, const Mem &m) { opMem(true, {0x8d}, num(dst), m); }
void X64Encoder::lea32(Reg dst, const Mem &m) { opMem(false, {0x8d}, num(dst), m); }

void X64Encoder::cmov(Width w, Cond c, Reg dst, Reg src) {
  opReg(w == Width::W64, {0x0f, uint8_t(0x40 + uint8_t(c))}, num(dst), num(src));
}

void X64Encoder::setcc(Cond c, Reg dst) {
  opReg(false, {0x0f, uint8_t(0x90 + uint8_t(c))}, 0, num(dst), isByteRegNeedingRex(num(dst)));
}

// ---- Arithmetic ----

void X64Encoder::alu(Alu op, Width w, Reg dst, Reg src) {
  opReg(w == Width::W64, {uint8_t((uint8_t(op) << 3) | 1)}, num(src), num(dst));
}

void X64Encoder::aluImm(Alu op, Width w, Reg dst, int32_t imm) {
  if (fitsInt8(imm)) {
    opReg(w == Width::W64, {0x83}, uint8_t(op), num(dst));
    byte(uint8_t(int8_t(imm)));
  } else {
    opReg(w == Width::W64, {0x81}, uint8_t(op), num(dst));
    imm32(uint32_t(imm));
  }
}

void X64Encoder::aluMemImm(Alu op, Width w, const Mem &m, int32_t imm) {
  if (fitsInt8(imm)) {
    opMem(w == Width::W64, {0x83}, uint8_t(op), m);
    byte(uint8_t(int8_t(imm)));
  } else {
    opMem(w == Width::W64, {0x81}, uint8_t(op), m);
    imm32(uint32_t(imm));
  }
}

void X64Encoder::aluRegMem(Alu op, Width w, Reg dst, const Mem &m) {
  opMem(w == Width::W64, {uint8_t((uint8_t(op) << 3) | 3)}, num(dst), m);
}

void X64Encoder::test(Width w, Reg a, Reg b) { opReg(w == Width::W64, {0x85}, num(b), num(a)); }

void X64Encoder::imul(Width w, Reg dst, Reg src) {
  opReg(w == Width::W64, {0x0f, 0xaf}, num(dst), num(src));
}

void X64Encoder::div(Width w, Reg divisor, bool isSigned) {
  opReg(w == Width::W64, {0xf7}, isSigned ? 7 : 6, num(divisor));
}

void X64Encoder::signExtendAccumulator(Width w) {
  if (w == Width::W64)
    byte(0x48);
  byte(0x99);
}

void X64Encoder::neg(Width w, Reg r) { opReg(w == Width::W64, {0xf7}, 3, num(r)); }

void X64Encoder::shiftCl(Shift op, Width w, Reg r) {
  opReg(w == Width::W64, {0xd3}, uint8_t(op), num(r));
}

void X64Encoder::shiftImm(Shift op, Width w, Reg r, uint8_t count) {
  opReg(w == Width::W64, {0xc1}, uint8_t(op), num(r));
  byte(count);
}

void X64Encoder::bsr(Width w, Reg dst, Reg src) { opReg(w == Width::W64, {0x0f, 0xbd}, num(dst), num(src)); }
void X64Encoder::bsf(Width w, Reg dst, Reg src) { opReg(w == Width::W64, {0x0f, 0xbc}, num(dst), num(src)); }
void X64Encoder::popcnt(Width w, Reg dst, Reg src) {
  opReg(w == Width::W64, {0x0f, 0xb8}, num(dst), num(src), false, 0xf3);
}

void X64Encoder::bitTestImm(uint8_t digit, Width w, Reg r, uint8_t bit) {
  opReg(w == Width::W64, {0x0f, 0xba}, digit, num(r));
  byte(bit);
}

// ---- SSE ----

void X64Encoder::movdToXmm(Width w, Xmm dst, Reg src) {
  opReg(w == Width::W64, {0x0f, 0x6e}, num(dst), num(src), false, 0x66);
}
void X64Encoder::movdFromXmm(Width w, Reg dst, Xmm src) {
  opReg(w == Width::W64, {0x0f, 0x7e}, num(src), num(dst), false, 0x66);
}
void X64Encoder::sse(SseOp op, bool isDouble, Xmm dst, Xmm src) {
  opReg(false, {0x0f, uint8_t(op)}, num(dst), num(src), false, isDouble ? 0xf2 : 0xf3);
}
void X64Encoder::ucomis(bool isDouble, Xmm a, Xmm b) {
  opReg(false, {0x0f, 0x2e}, num(a), num(b), false, isDouble ? 0x66 : -1);
}
void X64Encoder::cvtsi2s(bool isDouble, Width from, Xmm dst, Reg src) {
  opReg(from == Width::W64, {0x0f, 0x2a}, num(dst), num(src), false, isDouble ? 0xf2 : 0xf3);
}
void X64Encoder::cvtts2si(bool isDouble, Width to, Reg dst, Xmm src) {
  opReg(to == Width::W64, {0x0f, 0x2c}, num(dst), num(src), false, isDouble ? 0xf2 : 0xf3);
}
void X64Encoder::movaps(Xmm dst, Xmm src) { opReg(false, {0x0f, 0x28}, num(dst), num(src)); }
void X64Encoder::xorps(Xmm dst, Xmm src) { opReg(false, {0x0f, 0x57}, num(dst), num(src)); }
void X64Encoder::andps(Xmm dst, Xmm src) { opReg(false, {0x0f, 0x54}, num(dst), num(src)); }
void X64Encoder::orps(Xmm dst, Xmm src) { opReg(false, {0x0f, 0x56}, num(dst), num(src)); }
void X64Encoder::cvtss2sd(Xmm dst, Xmm src) { opReg(false, {0x0f, 0x5a}, num(dst), num(src), false, 0xf3); }
void X64Encoder::cvtsd2ss(Xmm dst, Xmm src) { opReg(false, {0x0f, 0x5a}, num(dst), num(src), false, 0xf2); }
void X64Encoder::loadXmm(bool isDouble, Xmm dst, const Mem &m) {
  opMem(false, {0x0f, 0x10}, num(dst), m, false, isDouble ? 0xf2 : 0xf3);
}

void X64Encoder::storeXmm(bool isDouble, const Mem &m, Xmm src) {
  opMem(false, {0x0f, 0x11}, num(src), m, false, isDouble ? 0xf2 : 0xf3);
}

void X64Encoder::loadXmmLabel(bool isDouble, Xmm dst, Label constant) {
  sseLabel(SseOp(0x10), isDouble, dst, constant); // movss/movsd: the same form
}

void X64Encoder::sseLabel(SseOp op, bool isDouble, Xmm dst, Label constant) {
  byte(isDouble ? 0xf2 : 0xf3);
  rex(false, num(dst), 0, 0);
  byte(0x0f);
  byte(uint8_t(op));
  byte(uint8_t(((num(dst) & 7) << 3) | 5)); // mod 00, rm 101: rip-relative
  branchTo(constant);                       // the displacement ends the instruction
}

// ---- Control ----

void X64Encoder::jmp(Label target) {
  byte(0xe9);
  branchTo(target);
}

void X64Encoder::jcc(Cond c, Label target) {
  byte(0x0f);
  byte(uint8_t(0x80 + uint8_t(c)));
  branchTo(target);
}

void X64Encoder::jmpReg(Reg target) { opReg(false, {0xff}, 4, num(target)); }

void X64Encoder::call(const std::string &symbol) {
  byte(0xe8);
  relocations_.push_back(Relocation{size(), Relocation::Kind::Call, symbol});
  imm32(0);
}

void X64Encoder::callReg(Reg target) { opReg(false, {0xff}, 2, num(target)); }
void X64Encoder::ret() { byte(0xc3); }

void X64Encoder::push(Reg r) {
  rex(false, 0, 0, num(r));
  byte(uint8_t(0x50 + (num(r) & 7)));
}

void X64Encoder::pop(Reg r) {
  rex(false, 0, 0, num(r));
  byte(uint8_t(0x58 + (num(r) & 7)));
}

void X64Encoder::leave() { byte(0xc9); }

void X64Encoder::leaLabel(Reg dst, Label target) {
  rex(true, num(dst), 0, 0);
  byte(0x8d);
  byte(uint8_t(((num(dst) & 7) << 3) | 5)); // mod 00, rm 101: rip-relative
  branchTo(target);
}

void X64Encoder::repStosq() {
  byte(0xf3);
  byte(0x48);
  byte(0xab);
}

void X64Encoder::align(uint32_t bytes) {
  while (code_.size() % bytes)
    byte(0xcc);
}

void X64Encoder::data64(uint64_t value) {
  imm32(uint32_t(value));
  imm32(uint32_t(value >> 32));
}

void X64Encoder::ud2() {
  byte(0x0f);
  byte(0x0b);
}

void X64Encoder::loadTlsOffset(Reg dst, const std::string &symbol) {
  rex(true, num(dst), 0, 0);
  byte(0x8b);
  byte(uint8_t(((num(dst) & 7) << 3) | 5)); // mod 00, rm 101: rip-relative
  relocations_.push_back(Relocation{size(), Relocation::Kind::GotTpOff, symbol});
  imm32(0);
}

} // namespace wasmc::baseline
