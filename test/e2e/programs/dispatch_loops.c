// Dispatch loops, as interpreters and state machines are written: `for (;;) switch (*pc++)`
// over int and byte opcodes, with unused opcodes (holes) and out-of-range ones going to the
// default, a default in the middle of the cases, and a computed-goto interpreter (clang turns
// its indirect gotos into a br_table in a loop). wasmc threads such loops at -O2.
// e2e: cflags = -O2 | -O0 | -Os | -O3 -msimd128
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { HALT, PUSH, ADD, SUB, MUL, XOR, DUP, SWAP, DROP, JNZ, DEC, ROT, SHL, PRINT, NOP = 16, MARK = 18 };

static uint32_t stack[256];

// Opcodes 14, 15, 17 and >= 19 are unused: each one met is counted and skipped.
__attribute__((noinline)) static uint64_t run_words(const int32_t *code, unsigned *bad) {
  unsigned sp = 0;
  uint64_t hash = 1469598103934665603ull;
  for (const int32_t *pc = code;;) {
    int32_t op = *pc++;
    switch (op) {
    case HALT: return hash ^ sp;
    case PUSH: stack[sp++ & 255] = (uint32_t)*pc++; break;
    case ADD: sp--; stack[(sp - 1) & 255] += stack[sp & 255]; break;
    case SUB: sp--; stack[(sp - 1) & 255] -= stack[sp & 255]; break;
    case MUL: sp--; stack[(sp - 1) & 255] *= stack[sp & 255]; break;
    case XOR: sp--; stack[(sp - 1) & 255] ^= stack[sp & 255]; break;
    case DUP: stack[sp & 255] = stack[(sp - 1) & 255]; sp++; break;
    case SWAP: {
      uint32_t t = stack[(sp - 1) & 255];
      stack[(sp - 1) & 255] = stack[(sp - 2) & 255];
      stack[(sp - 2) & 255] = t;
      break;
    }
    case DROP: sp--; break;
    case JNZ: {
      int32_t target = *pc++;
      if (stack[--sp & 255] != 0)
        pc = code + target;
      break;
    }
    case DEC: stack[(sp - 1) & 255]--; break;
    case ROT: { uint32_t v = stack[(sp - 1) & 255]; stack[(sp - 1) & 255] = (v << 7) | (v >> 25); break; }
    default: ++*bad; hash = (hash ^ (uint32_t)op) * 1099511628211ull; break;
    case SHL: sp--; stack[(sp - 1) & 255] <<= stack[sp & 255] & 31; break;
    case PRINT: hash = (hash ^ stack[--sp & 255]) * 1099511628211ull; break;
    case NOP: break;
    case MARK: hash += 0x9e3779b97f4a7c15ull; break;
    }
  }
}

// Byte opcodes: a run-length state machine over text, one state per byte class.
__attribute__((noinline)) static uint32_t scan_bytes(const unsigned char *text, size_t n) {
  uint32_t words = 0, digits = 0, spaces = 0, other = 0, h = 0;
  for (size_t i = 0; i < n; i++) {
    switch (text[i]) {
    case 'a': case 'b': case 'c': case 'd': case 'e': case 'f': case 'g': case 'h': case 'i':
    case 'j': case 'k': case 'l': case 'm': case 'n': case 'o': case 'p': case 'q': case 'r':
    case 's': case 't': case 'u': case 'v': case 'w': case 'x': case 'y': case 'z':
      words++; h = h * 31 + text[i]; break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8':
    case '9':
      digits++; h = (h ^ text[i]) * 16777619u; break;
    case ' ': case '\t': case '\n': spaces++; h = (h << 3) | (h >> 29); break;
    case '.': h += 1000; break;
    case ',': h -= 7; break;
    default: other++; h ^= 0x5bd1e995u + text[i]; break;
    }
  }
  return h ^ words ^ (digits << 8) ^ (spaces << 16) ^ (other << 24);
}

// The same VM with computed goto; opcodes beyond the table go to `bad`.
__attribute__((noinline)) static uint32_t run_goto(const uint8_t *code, unsigned *bad) {
  static const void *labels[] = {&&halt, &&inc, &&dbl, &&neg, &&skip, &&back, &&hole, &&mix};
  uint32_t acc = 1;
  unsigned steps = 0;
  const uint8_t *pc = code;
#define NEXT                                                                                     \
  do {                                                                                           \
    if (++steps > 100000) goto halt;                                                             \
    uint8_t op = *pc++;                                                                          \
    if (op >= sizeof labels / sizeof labels[0]) goto unknown;                                    \
    goto *labels[op];                                                                            \
  } while (0)
  NEXT;
inc: acc += 3; NEXT;
dbl: acc *= 2; NEXT;
neg: acc = -acc; NEXT;
skip: pc++; NEXT;
back: if (acc & 1) pc -= 4; acc >>= 1; NEXT;
hole: ++*bad; NEXT;
mix: acc = acc * 2654435761u + 17; NEXT;
unknown: ++*bad; acc ^= pc[-1]; NEXT;
halt:
#undef NEXT
  return acc ^ steps;
}

int main(void) {
  // Count down from 50000, mixing every value through each arithmetic opcode, with unused
  // opcodes 14, 15, 17, 19, 255, -1 and INT32_MIN in the loop body.
  int32_t program[] = {
      PUSH, 50000,                                                 // 0: n
      DUP, PUSH, 3, MUL, DUP, ROT, XOR, PUSH, 5, SHL, PRINT,       // 2
      14, 15, NOP, 17, MARK, 19, 255, -1, INT32_MIN,               // 13
      PUSH, 7, PUSH, 9, SWAP, SUB, DROP,                           // 22
      DEC, DUP, JNZ, 2,                                            // 29
      PUSH, 1, ADD, PRINT, HALT,                                   // 33
  };
  unsigned bad = 0;
  uint64_t words = run_words(program, &bad);
  printf("words: %016llx bad=%u\n", (unsigned long long)words, bad);

  static unsigned char text[200000];
  const char *sample = "The quick brown fox, 1234 jumps. Over the lazy dog\t42!\n\x80\xff~";
  for (size_t i = 0; i < sizeof text; i++)
    text[i] = (unsigned char)sample[i % strlen(sample)] ^ (unsigned char)(i % 7 == 0 ? 0x20 : 0);
  printf("bytes: %08x\n", scan_bytes(text, sizeof text));

  uint8_t goto_code[64];
  for (unsigned i = 0; i < sizeof goto_code - 1; i++)
    goto_code[i] = (uint8_t)((i * 37 + 11) % 10 + 1); // 1..10: 8, 9 and 10 are unknown
  goto_code[sizeof goto_code - 1] = 0;
  goto_code[5] = 200;
  bad = 0;
  uint32_t g = run_goto(goto_code, &bad);
  printf("goto: %08x bad=%u\n", g, bad);
  return 0;
}
