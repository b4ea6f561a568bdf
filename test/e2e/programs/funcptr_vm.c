// Function pointers: a bytecode interpreter dispatching through a table of handlers, a table of
// operations with different signatures behind casts back to the right type, function pointers
// stored in structs (vtables), passed as callbacks, returned from functions, and compared.
// e2e: cflags = -O2 | -O0 | -O2 -mmultivalue -Xclang -target-abi -Xclang experimental-mv
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct VM VM;
typedef void (*Handler)(VM *);
struct VM {
  int64_t stack[256];
  int sp;
  int pc;
  const uint8_t *code;
  int running;
  uint64_t steps;
};

static void op_halt(VM *vm) { vm->running = 0; }
static void op_push(VM *vm) { vm->stack[vm->sp++] = (int8_t)vm->code[vm->pc++]; }
static void op_add(VM *vm) { vm->sp--; vm->stack[vm->sp - 1] += vm->stack[vm->sp]; }
static void op_sub(VM *vm) { vm->sp--; vm->stack[vm->sp - 1] -= vm->stack[vm->sp]; }
static void op_mul(VM *vm) { vm->sp--; vm->stack[vm->sp - 1] *= vm->stack[vm->sp]; }
static void op_dup(VM *vm) { vm->stack[vm->sp] = vm->stack[vm->sp - 1]; vm->sp++; }
static void op_swap(VM *vm) { int64_t t = vm->stack[vm->sp - 1]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2]; vm->stack[vm->sp - 2] = t; }
static void op_jnz(VM *vm) { // jump back by the operand if the top is non-zero (pops)
  int8_t off = (int8_t)vm->code[vm->pc++];
  if (vm->stack[--vm->sp]) vm->pc += off;
}
static void op_over(VM *vm) { vm->stack[vm->sp] = vm->stack[vm->sp - 2]; vm->sp++; }
static void op_drop(VM *vm) { vm->sp--; }
static void op_rot(VM *vm) { int64_t a = vm->stack[vm->sp - 3]; memmove(&vm->stack[vm->sp - 3], &vm->stack[vm->sp - 2], 2 * sizeof a); vm->stack[vm->sp - 1] = a; }

static const Handler handlers[] = {op_halt, op_push, op_add, op_sub, op_mul, op_dup, op_swap, op_jnz, op_over, op_drop, op_rot};
enum { HALT, PUSH, ADD, SUB, MUL, DUP, SWAP, JNZ, OVER, DROP, ROT };

static int64_t run(const uint8_t *code) {
  VM vm = {.sp = 0, .pc = 0, .code = code, .running = 1};
  while (vm.running) {
    uint8_t op = code[vm.pc++];
    handlers[op](&vm);
    vm.steps++;
  }
  printf("  steps %llu sp %d\n", (unsigned long long)vm.steps, vm.sp);
  return vm.stack[vm.sp - 1];
}

// Shapes with a vtable.
typedef struct Shape Shape;
typedef struct { double (*area)(const Shape *); const char *(*name)(void); void (*scale)(Shape *, double); } ShapeOps;
struct Shape { const ShapeOps *ops; double a, b; };
static double rect_area(const Shape *s) { return s->a * s->b; }
static double tri_area(const Shape *s) { return s->a * s->b / 2; }
static const char *rect_name(void) { return "rectangle"; }
static const char *tri_name(void) { return "triangle"; }
static void scale_both(Shape *s, double k) { s->a *= k; s->b *= k; }
static const ShapeOps rect_ops = {rect_area, rect_name, scale_both};
static const ShapeOps tri_ops = {tri_area, tri_name, scale_both};

// Functions of different types in one table, called through their real types.
typedef void (*AnyFn)(void);
static int32_t f_i(int32_t x) { return x * 3; }
static int64_t f_l(int64_t x, int64_t y) { return x * y - 1; }
static double f_d(double x, float y) { return x / (double)y; }
static float f_f(void) { return 2.5f; }
static struct { char kind; AnyFn fn; } mixed[] = {
    {'i', (AnyFn)f_i}, {'l', (AnyFn)f_l}, {'d', (AnyFn)f_d}, {'f', (AnyFn)f_f},
};

typedef int (*BinOp)(int, int);
static int op_max(int a, int b) { return a > b ? a : b; }
static int op_min(int a, int b) { return a < b ? a : b; }
static int op_gcd(int a, int b) { while (b) { int t = a % b; a = b; b = t; } return a; }
static BinOp choose(char c) { return c == '>' ? op_max : c == '<' ? op_min : op_gcd; }
static int fold(const int *v, int n, BinOp op) { int acc = v[0]; for (int i = 1; i < n; ++i) acc = op(acc, v[i]); return acc; }

int main(void) {
  // factorial(20) by a loop: n=20, acc=1; loop: acc*=n, n-=1 while n
  const uint8_t fact[] = {PUSH, 1, PUSH, 20, /*loop*/ DUP, ROT, MUL, SWAP, PUSH, 1, SUB, DUP, JNZ, (uint8_t)-10, DROP, HALT};
  printf("factorial: %lld\n", (long long)run(fact));
  // sum of 1..100 counting down
  const uint8_t sum[] = {PUSH, 0, PUSH, 100, /*loop*/ DUP, ROT, ADD, SWAP, PUSH, 1, SUB, DUP, JNZ, (uint8_t)-10, DROP, HALT};
  printf("sum: %lld\n", (long long)run(sum));
  const uint8_t arith[] = {PUSH, 7, PUSH, 6, MUL, PUSH, 100, OVER, SUB, SWAP, DROP, HALT};
  printf("arith: %lld\n", (long long)run(arith));

  Shape shapes[] = {{&rect_ops, 3, 4}, {&tri_ops, 3, 4}, {&rect_ops, 0.5, 0.25}};
  for (int i = 0; i < 3; ++i) {
    shapes[i].ops->scale(&shapes[i], 2);
    printf("%s area %g (same ops as first: %d)\n", shapes[i].ops->name(), shapes[i].ops->area(&shapes[i]),
           shapes[i].ops->area == shapes[0].ops->area);
  }
  for (int i = 0; i < 4; ++i) {
    switch (mixed[i].kind) {
    case 'i': printf("i %d\n", ((int32_t(*)(int32_t))mixed[i].fn)(14)); break;
    case 'l': printf("l %lld\n", (long long)((int64_t(*)(int64_t, int64_t))mixed[i].fn)(1ll << 40, 3)); break;
    case 'd': printf("d %.17g\n", ((double (*)(double, float))mixed[i].fn)(1.0, 3.0f)); break;
    case 'f': printf("f %g\n", (double)((float (*)(void))mixed[i].fn)()); break;
    }
  }
  int v[] = {84, 36, 120, 48, 60};
  const char *ops = "><g";
  for (int i = 0; i < 3; ++i) printf("fold %c = %d\n", ops[i], fold(v, 5, choose(ops[i])));
  printf("choose is stable: %d, distinct: %d\n", choose('>') == op_max, choose('<') != choose('>'));
  return 0;
}
