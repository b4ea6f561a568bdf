/* A small stack-based bytecode virtual machine with a switch-dispatch loop,
 * running programs assembled at start-up: an iterative Fibonacci mod 2^32,
 * a nested-loop sum with calls, and a sieve in VM memory. */
#include "common.h"

enum {
  OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER,
  OP_ADD, OP_SUB, OP_MUL, OP_DIVU, OP_MODU, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR,
  OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ,
  OP_LOAD, OP_STORE,     /* local variables */
  OP_MLOAD, OP_MSTORE,   /* VM heap memory */
  OP_CALL, OP_RET, OP_INC, OP_DEC, OP_PRINT
};

#define MAXCODE 1024
#define STACK 1024
#define HEAP (1 << 20)

typedef struct { int32_t code[MAXCODE]; int n; } prog_t;

static void emit(prog_t *p, int32_t x) { p->code[p->n++] = x; }
static void emit2(prog_t *p, int32_t op, int32_t arg) { emit(p, op); emit(p, arg); }

static uint32_t vm_heap[HEAP];
static uint64_t out_hash = FNV_INIT;

static uint32_t run(const int32_t *code, uint64_t *steps_out) {
  uint32_t stack[STACK];
  uint32_t locals[64 * 16];
  int32_t rstack[64];
  int sp = 0, fp = 0, rsp = 0, pc = 0;
  uint64_t steps = 0;
  for (;;) {
    steps++;
    int32_t op = code[pc++];
    switch (op) {
      case OP_HALT: *steps_out = steps; return sp > 0 ? stack[sp - 1] : 0;
      case OP_PUSH: stack[sp++] = (uint32_t)code[pc++]; break;
      case OP_POP: sp--; break;
      case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case OP_SWAP: { uint32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case OP_OVER: stack[sp] = stack[sp - 2]; sp++; break;
      case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case OP_DIVU: sp--; stack[sp - 1] = stack[sp] ? stack[sp - 1] / stack[sp] : 0; break;
      case OP_MODU: sp--; stack[sp - 1] = stack[sp] ? stack[sp - 1] % stack[sp] : 0; break;
      case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case OP_OR: sp--; stack[sp - 1] |= stack[sp]; break;
      case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
      case OP_SHL: sp--; stack[sp - 1] <<= (stack[sp] & 31); break;
      case OP_SHR: sp--; stack[sp - 1] >>= (stack[sp] & 31); break;
      case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
      case OP_JMP: pc = code[pc]; break;
      case OP_JZ: sp--; pc = stack[sp] == 0 ? code[pc] : pc + 1; break;
      case OP_JNZ: sp--; pc = stack[sp] != 0 ? code[pc] : pc + 1; break;
      case OP_LOAD: stack[sp++] = locals[fp + code[pc++]]; break;
      case OP_STORE: locals[fp + code[pc++]] = stack[--sp]; break;
      case OP_MLOAD: stack[sp - 1] = vm_heap[stack[sp - 1] & (HEAP - 1)]; break;
      case OP_MSTORE: sp -= 2; vm_heap[stack[sp] & (HEAP - 1)] = stack[sp + 1]; break; /* addr value -- */
      case OP_CALL: rstack[rsp++] = pc + 1; fp += 16; pc = code[pc]; break;
      case OP_RET: pc = rstack[--rsp]; fp -= 16; break;
      case OP_INC: locals[fp + code[pc++]]++; break;
      case OP_DEC: locals[fp + code[pc++]]--; break;
      case OP_PRINT: { uint32_t v = stack[--sp]; out_hash = fnv1a64(&v, 4, out_hash); break; }
      default: printf("bad opcode %d at %d\n", op, pc - 1); exit(1);
    }
  }
}

/* fib: locals a=0 b=1 i=n; loop: t=a+b; a=b; b=t; i--; until i==0 */
static void build_fib(prog_t *p, int32_t n) {
  p->n = 0;
  emit2(p, OP_PUSH, 0); emit2(p, OP_STORE, 0);
  emit2(p, OP_PUSH, 1); emit2(p, OP_STORE, 1);
  emit2(p, OP_PUSH, n); emit2(p, OP_STORE, 2);
  int loop = p->n;
  emit2(p, OP_LOAD, 0); emit2(p, OP_LOAD, 1); emit(p, OP_ADD);
  emit2(p, OP_LOAD, 1); emit2(p, OP_STORE, 0);
  emit2(p, OP_STORE, 1);
  emit2(p, OP_DEC, 2);
  emit2(p, OP_LOAD, 2); emit2(p, OP_JNZ, loop);
  emit2(p, OP_LOAD, 0); emit(p, OP_DUP); emit(p, OP_PRINT);
  emit(p, OP_HALT);
}

/* nested loops: for i<n: for j<m: acc += f(i,j) where f is a called subroutine
 * computing (i*j) ^ (i+j) with its arguments passed on the stack. */
static void build_nested(prog_t *p, int32_t n, int32_t m) {
  p->n = 0;
  emit2(p, OP_PUSH, 0); emit2(p, OP_STORE, 0); /* i */
  emit2(p, OP_PUSH, 0); emit2(p, OP_STORE, 2); /* acc */
  int outer = p->n;
  emit2(p, OP_PUSH, 0); emit2(p, OP_STORE, 1); /* j */
  int inner = p->n;
  emit2(p, OP_LOAD, 2);
  emit2(p, OP_LOAD, 0); emit2(p, OP_LOAD, 1);
  int callsite = p->n;
  emit2(p, OP_CALL, 0); /* patched */
  emit(p, OP_ADD); emit2(p, OP_STORE, 2);
  emit2(p, OP_INC, 1);
  emit2(p, OP_LOAD, 1); emit2(p, OP_PUSH, m); emit(p, OP_LT); emit2(p, OP_JNZ, inner);
  emit2(p, OP_INC, 0);
  emit2(p, OP_LOAD, 0); emit2(p, OP_PUSH, n); emit(p, OP_LT); emit2(p, OP_JNZ, outer);
  emit2(p, OP_LOAD, 2); emit(p, OP_DUP); emit(p, OP_PRINT);
  emit(p, OP_HALT);
  int fn = p->n;
  p->code[callsite + 1] = fn;
  /* f(x, y): stack ... x y -> ... (x*y)^(x+y) */
  emit2(p, OP_STORE, 1); emit2(p, OP_STORE, 0);
  emit2(p, OP_LOAD, 0); emit2(p, OP_LOAD, 1); emit(p, OP_MUL);
  emit2(p, OP_LOAD, 0); emit2(p, OP_LOAD, 1); emit(p, OP_ADD);
  emit(p, OP_XOR);
  emit(p, OP_RET);
}

/* sieve of Eratosthenes in VM heap memory up to n, count primes */
static void build_sieve(prog_t *p, int32_t n) {
  p->n = 0;
  /* clear: for i=0..n-1 heap[i]=0 */
  emit2(p, OP_PUSH, 0); emit2(p, OP_STORE, 0);
  int clr = p->n;
  emit2(p, OP_LOAD, 0); emit2(p, OP_PUSH, 0); emit(p, OP_MSTORE);
  emit2(p, OP_INC, 0);
  emit2(p, OP_LOAD, 0); emit2(p, OP_PUSH, n); emit(p, OP_LT); emit2(p, OP_JNZ, clr);
  /* i = 2, count = 0 */
  emit2(p, OP_PUSH, 2); emit2(p, OP_STORE, 0);
  emit2(p, OP_PUSH, 0); emit2(p, OP_STORE, 3);
  int outer = p->n;
  emit2(p, OP_LOAD, 0); emit(p, OP_MLOAD);
  int jz_composite = p->n;
  emit2(p, OP_JNZ, 0); /* patched: skip if composite */
  emit2(p, OP_INC, 3);
  /* only i <= 1000 can have i*i < n (and i*i must not wrap) */
  emit2(p, OP_LOAD, 0); emit2(p, OP_PUSH, 1001); emit(p, OP_LT);
  int jz_big = p->n;
  emit2(p, OP_JZ, 0); /* patched */
  /* j = i*i; while j<n: heap[j]=1; j+=i */
  emit2(p, OP_LOAD, 0); emit(p, OP_DUP); emit(p, OP_MUL); emit2(p, OP_STORE, 1);
  int inner = p->n;
  emit2(p, OP_LOAD, 1); emit2(p, OP_PUSH, n); emit(p, OP_LT);
  int jz_done = p->n;
  emit2(p, OP_JZ, 0); /* patched */
  emit2(p, OP_LOAD, 1); emit2(p, OP_PUSH, 1); emit(p, OP_MSTORE);
  emit2(p, OP_LOAD, 1); emit2(p, OP_LOAD, 0); emit(p, OP_ADD); emit2(p, OP_STORE, 1);
  emit2(p, OP_JMP, inner);
  int next = p->n;
  p->code[jz_composite + 1] = next;
  p->code[jz_done + 1] = next;
  p->code[jz_big + 1] = next;
  emit2(p, OP_INC, 0);
  emit2(p, OP_LOAD, 0); emit2(p, OP_PUSH, n); emit(p, OP_LT); emit2(p, OP_JNZ, outer);
  emit2(p, OP_LOAD, 3); emit(p, OP_DUP); emit(p, OP_PRINT);
  emit(p, OP_HALT);
}

#ifndef SCALE
#define SCALE 10
#endif

int main(void) {
  static prog_t p;
  uint64_t steps, total_steps = 0;
  build_fib(&p, 3000000 * SCALE);
  uint32_t fib = run(p.code, &steps); total_steps += steps;
  build_nested(&p, 300 * SCALE, 1000);
  uint32_t nest = run(p.code, &steps); total_steps += steps;
  uint32_t primes = 0;
  for (int k = 0; k < SCALE; k++) {
    build_sieve(&p, 1000000 - k * 1000);
    primes += run(p.code, &steps); total_steps += steps;
  }
  printf("interp fib=%u nested=%u primes=%u steps=%llu out=%016llx\n", fib, nest, primes,
         (unsigned long long)total_steps, (unsigned long long)out_hash);
  return 0;
}
