// Aggregates: structs passed and returned by value (large and small), struct assignment and
// memcpy, arrays of structs, nested structs and unions, bit-fields, packed structs with
// unaligned members, flexible array members, and compound literals.
// e2e: cflags = -O2 | -O0 | -O2 -mmultivalue -Xclang -target-abi -Xclang experimental-mv
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int32_t x, y; } Point;
typedef struct { Point a, b; char tag[13]; double weight; uint64_t id; } Segment;
typedef struct { uint8_t bytes[300]; uint32_t count; } Big;
typedef union { float f; uint32_t u; uint8_t b[4]; } Pun;
typedef struct {
  unsigned a : 3;
  unsigned b : 5;
  signed c : 4;
  unsigned d : 20;
  uint64_t e : 40;
  unsigned : 0;
  unsigned f : 1;
} Bits;
typedef struct __attribute__((packed)) { uint8_t kind; uint32_t value; uint16_t small; uint64_t wide; } Packed;
typedef struct { uint32_t len; int32_t items[]; } Flex;

__attribute__((noinline)) static Point add(Point p, Point q) { return (Point){p.x + q.x, p.y + q.y}; }
__attribute__((noinline)) static Segment flip(Segment s) {
  Segment r = s;
  r.a = s.b;
  r.b = s.a;
  r.weight = -s.weight;
  r.tag[0] = 'F';
  return r;
}
__attribute__((noinline)) static Big fill(uint8_t seed) {
  Big b;
  for (int i = 0; i < 300; ++i) b.bytes[i] = (uint8_t)(seed + i * 7);
  b.count = 300;
  return b;
}
__attribute__((noinline)) static uint32_t sum_big(Big b) {
  uint32_t s = 0;
  for (uint32_t i = 0; i < b.count; ++i) s += b.bytes[i];
  b.bytes[0] = 0; // modifies the callee's copy only
  return s;
}

int main(void) {
  Point p = add((Point){3, -4}, (Point){10, 20});
  printf("point %d %d\n", p.x, p.y);
  Segment s = {{1, 2}, {3, 4}, "segment-one", 2.5, 0x1122334455667788ull};
  Segment t = flip(s);
  printf("flip: a=(%d,%d) b=(%d,%d) tag=%s weight=%g id=%llx; original tag %s\n", t.a.x, t.a.y, t.b.x, t.b.y, t.tag,
         t.weight, (unsigned long long)t.id, s.tag);
  Big b = fill(5);
  Big c = b; // struct assignment copies everything
  c.bytes[299] = 0;
  printf("big sums %u %u, first byte still %u\n", sum_big(b), sum_big(c), b.bytes[0]);
  Segment arr[10];
  for (int i = 0; i < 10; ++i) {
    arr[i] = s;
    arr[i].a.x = i;
    arr[i].id += (uint64_t)i;
  }
  Segment moved[10];
  memcpy(moved, arr, sizeof arr);
  memmove(&moved[1], &moved[0], 9 * sizeof moved[0]);
  printf("moved: %d %d %d, id %llx\n", moved[0].a.x, moved[1].a.x, moved[9].a.x, (unsigned long long)moved[9].id);

  Pun u = {.f = -1.5f};
  printf("pun %08x bytes %02x %02x %02x %02x\n", u.u, u.b[0], u.b[1], u.b[2], u.b[3]);
  Bits bits;
  memset(&bits, 0, sizeof bits);
  bits.a = 13;      // truncated to 3 bits
  bits.b = 31;
  bits.c = -3;
  bits.d = 0xfffff;
  bits.e = 0xffffffffffull;
  bits.f = 1;
  bits.d += 2;      // wraps within 20 bits
  printf("bits a=%u b=%u c=%d d=%u e=%llx f=%u sizeof %zu\n", bits.a, bits.b, bits.c, bits.d,
         (unsigned long long)bits.e, bits.f, sizeof bits);

  unsigned char raw[64];
  for (int i = 0; i < 64; ++i) raw[i] = (unsigned char)(i * 11 + 1);
  Packed *pk = (Packed *)(raw + 1); // unaligned
  printf("packed sizeof %zu offsets %zu %zu %zu: kind %u value %08x small %04x wide %016llx\n", sizeof(Packed),
         offsetof(Packed, value), offsetof(Packed, small), offsetof(Packed, wide), pk->kind, pk->value, pk->small,
         (unsigned long long)pk->wide);
  pk->value = 0xdeadbeef;
  pk->wide = 0x0102030405060708ull;
  printf("raw after unaligned stores: %02x %02x %02x %02x %02x %02x\n", raw[2], raw[3], raw[4], raw[5], raw[8], raw[15]);

  Flex *f = malloc(sizeof(Flex) + 100 * sizeof(int32_t));
  f->len = 100;
  for (uint32_t i = 0; i < f->len; ++i) f->items[i] = (int32_t)(i * i) - 500;
  int64_t total = 0;
  for (uint32_t i = 0; i < f->len; ++i) total += f->items[i];
  printf("flex total %lld\n", (long long)total);
  free(f);
  Point *pts = (Point[]){{1, 1}, {2, 4}, {3, 9}};
  printf("compound %d\n", pts[0].y + pts[1].y + pts[2].y);
  return 0;
}
