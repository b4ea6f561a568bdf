#!/usr/bin/env python3
# Writes threaded_dispatch.wast (usage: threaded_dispatch.py OUTPUT.wast): four dispatch loops
# and, for their assertions, the results of a Python model of the same programs.
import struct
M32 = 0xFFFFFFFF

def wbytes(bs):
    return "".join(f"\\{b:02x}" for b in bs)

out = []
P = out.append
P(""";; Dispatch loops: a br_table inside a loop, as an interpreter's `switch (*pc++)` compiles.
;; wasmc rewrites such a switch so that its default is one more table entry (index clamped to
;; the table's length) and code generation can copy the dispatch into every case. Each index
;; below must reach the br_table's own target: every entry, entries that name the default
;; label (holes), the first index past the table, and indices far past it (2^31-1, 2^31,
;; 2^32-1 as unsigned). Written by threaded_dispatch.py from a model of the same programs;
;; the expectations agree with wabt's spectest-interp.
""")

# ---- 1: an interpreter over i32 opcodes in memory; holes and the default go to $bad
#   entries: 0..11 ; targets: 0->c0 1->c1 2->c2 3->bad 4->c3 5->c4 6->bad 7->c5 8->c6 9->c7 10->halt 11->bad ; default bad
entries1 = ["c0", "c1", "c2", "bad", "c3", "c4", "bad", "c5", "c6", "c7", "halt", "bad"]
weights = {"c0": 3, "c1": 5, "c2": 7, "c3": 11, "c4": 13, "c5": 17, "c6": 19, "c7": 23}
def run1(prog):
    acc = 0
    for op in prog:
        t = entries1[op] if op < len(entries1) else "bad"
        if t == "halt":
            return acc
        if t == "bad":
            acc = (acc * 31 + 1000 + op) & M32
        else:
            acc = (acc * 31 + weights[t]) & M32
    raise Exception("no halt")
progs1 = [
    list(range(10)) + [11, 12, 13, 100, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 9, 0, 10],
    [12, 12, 3, 6, 11, 0xFFFFFFFE, 1, 10],
    [10],
    [7] * 50 + [5, 4, 10],
]
P("(module")
P("  (memory 1)")
addr = 0
prog_addr = []
for prog in progs1:
    prog_addr.append(addr)
    P(f'  (data (i32.const {addr}) "{wbytes(b"".join(struct.pack("<I", x) for x in prog))}")')
    addr += 4 * len(prog)
blocks = ["halt", "bad", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0"]  # outermost first
P("  (func (export \"run\") (param $pc i32) (result i32)")
P("    (local $acc i32) (local $op i32)")
P("    loop $next")
for b in blocks:
    P(f"      block ${b}")
P("        local.get $pc")
P("        i32.load")
P("        local.tee $op")
P("        br_table " + " ".join("$" + e for e in entries1) + " $bad")
for b in reversed(blocks):
    P("      end")
    if b == "halt":
        P("      local.get $acc")
        P("      return")
    else:
        P("      local.get $acc")
        P("      i32.const 31")
        P("      i32.mul")
        if b == "bad":
            P("      i32.const 1000")
            P("      local.get $op")
            P("      i32.add")
        else:
            P(f"      i32.const {weights[b]}")
        P("      i32.add")
        P("      local.set $acc")
        P("      local.get $pc")
        P("      i32.const 4")
        P("      i32.add")
        P("      local.set $pc")
        P("      br $next")
P("    end")
P("    unreachable)")
P(")")
for a, prog in zip(prog_addr, progs1):
    P(f'(assert_return (invoke "run" (i32.const {a})) (i32.const {run1(prog)}))')
P("")

# ---- 2: a br_table carrying a value; holes and the default go to the outermost target, whose
#   code runs with the carried value: every edge into it must carry it.
targets2 = ["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "dflt"]
entries2 = ["t0", "t1", "dflt", "t2", "t3", "t4", "dflt", "t5", "t6", "t7", "t8", "dflt", "t3"]
ops2 = {"t0": ("mul", 3), "t1": ("add", 5), "t2": ("xor", 0x55), "t3": ("mul", 7), "t4": ("add", 11),
        "t5": ("xor", 0x1234), "t6": ("mul", 13), "t7": ("add", 17), "t8": ("sub", 19), "dflt": ("xor", 1000)}
def apply(op, v):
    k, c = op
    return {"mul": v * c, "add": v + c, "xor": v ^ c, "sub": v - c}[k] & M32
def run2(idxs):
    acc = 0
    for i, x in enumerate(idxs):
        t = entries2[x] if x < len(entries2) else "dflt"
        acc = (acc * 31 + apply(ops2[t], i + 1)) & M32
    return acc
idx2 = list(range(16)) + [0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 12, 13, 2, 6, 11]
P("(module")
P("  (memory 1)")
P(f'  (data (i32.const 0) "{wbytes(b"".join(struct.pack("<I", x) for x in idx2))}")')
P("  (func (export \"carry\") (param $n i32) (result i32)")
P("    (local $i i32) (local $acc i32)")
P("    loop $next")
P("      local.get $acc")
P("      i32.const 31")
P("      i32.mul")
P("      block $out (result i32)")
for t in reversed(targets2):
    P(f"        block ${t} (result i32)")
P("          local.get $i")
P("          i32.const 1")
P("          i32.add")
P("          local.get $i")
P("          i32.const 4")
P("          i32.mul")
P("          i32.load")
P("          br_table " + " ".join("$" + e for e in entries2) + " $dflt")
for t in targets2:
    P("        end")
    k, c = ops2[t]
    P(f"        i32.const {c}")
    P(f"        i32.{k}")
    P("        br $out")
P("      end")
P("      i32.add")
P("      local.set $acc")
P("      local.get $i")
P("      i32.const 1")
P("      i32.add")
P("      local.tee $i")
P("      local.get $n")
P("      i32.lt_u")
P("      br_if $next")
P("    end")
P("    local.get $acc)")
P(")")
for n in (1, 3, 13, 16, len(idx2)):
    P(f'(assert_return (invoke "carry" (i32.const {n})) (i32.const {run2(idx2[:n])}))')
P("")

# ---- 3: byte opcodes (LLVM narrows the switch to i8): a 100-entry table over all 256 byte
#   values, every tenth entry a hole.
def target3(k):
    if k >= 100 or k % 10 == 3:
        return None
    return k % 9
P("(module")
P("  (memory 1)")
P(f'  (data (i32.const 0) "{wbytes(bytes(range(256)))}")')
P(f'  (data (i32.const 256) "{wbytes(bytes([255, 99, 100, 3, 13, 98, 0, 101, 254, 128, 127, 93]))}")')
P("  (func (export \"bytes\") (param $p i32) (param $end i32) (result i32)")
P("    (local $acc i32)")
P("    loop $next")
P("      block $step")
P("      block $bad")
for k in reversed(range(9)):
    P(f"      block $k{k}")
names3 = ["$bad" if target3(k) is None else f"$k{target3(k)}" for k in range(100)]
P("        local.get $p")
P("        i32.load8_u")
P("        br_table " + " ".join(names3) + " $bad")
for k in range(9):
    P("      end")
    P("      local.get $acc")
    if k % 3 == 0:
        P("      i32.const 31")
        P("      i32.mul")
        P(f"      i32.const {k * 7 + 1}")
        P("      i32.add")
    elif k % 3 == 1:
        P(f"      i32.const {k * 7 + 1}")
        P("      i32.xor")
        P(f"      i32.const {k}")
        P("      i32.rotl")
    else:
        P(f"      i32.const {k * 7 + 1}")
        P("      i32.sub")
        P(f"      i32.const {k}")
        P("      i32.shr_u")
    P("      local.set $acc")
    P("      br $step")
P("      end")
P("      local.get $acc")
P("      i32.const 31")
P("      i32.mul")
P("      i32.const 500")
P("      i32.add")
P("      local.set $acc")
P("      end")
P("      local.get $p")
P("      i32.const 1")
P("      i32.add")
P("      local.tee $p")
P("      local.get $end")
P("      i32.lt_u")
P("      br_if $next")
P("    end")
P("    local.get $acc)")
P(")")
mem3 = list(range(256)) + [255, 99, 100, 3, 13, 98, 0, 101, 254, 128, 127, 93]
def run3(p, end):
    acc = 0
    while True:
        t = target3(mem3[p])
        if t is None:
            acc = (acc * 31 + 500) & M32
        elif t % 3 == 0:
            acc = (acc * 31 + t * 7 + 1) & M32
        elif t % 3 == 1:
            v = acc ^ (t * 7 + 1)
            acc = ((v << t) | (v >> (32 - t))) & M32
        else:
            acc = ((acc - (t * 7 + 1)) & M32) >> t
        p += 1
        if not p < end:
            return acc
for p, end in ((0, 256), (256, 268), (95, 105), (3, 4)):
    P(f'(assert_return (invoke "bytes" (i32.const {p}) (i32.const {end})) (i32.const {run3(p, end)}))')
P("")

# ---- 4: the default is the loop's back edge: scan words until one is an index of the table.
exits4 = 8
entries4 = ["e0", "e1", "scan", "e2", "e3", "e4", "e5", "scan", "e6", "e7"]
words4 = [100, 0xFFFFFFFF, 2, 7, 10, 0x80000000, 9, 2, 3, 12, 0, 10, 7, 1, 11, 5]
def run4(p):
    while True:
        x = words4[p]
        p += 1
        t = entries4[x] if x < len(entries4) else "scan"
        if t != "scan":
            return int(t[1:]) * 1000 + p
P("(module")
P("  (memory 1)")
P(f'  (data (i32.const 0) "{wbytes(b"".join(struct.pack("<I", x) for x in words4))}")')
P("  (func (export \"scan\") (param $p i32) (result i32)")
P("    (local $x i32)")
for e in reversed(range(exits4)):
    P(f"    block $e{e}")
P("    loop $scan")
P("      local.get $p")
P("      i32.const 4")
P("      i32.mul")
P("      i32.load")
P("      local.get $p")
P("      i32.const 1")
P("      i32.add")
P("      local.set $p")
P("      br_table " + " ".join("$" + e for e in entries4) + " $scan")
P("    end")
for e in range(exits4):
    P("    end")
    P(f"    i32.const {e * 1000}")
    P("    local.get $p")
    P("    i32.add")
    P("    return")
P("    unreachable)")
P(")")
for p in (0, 1, 3, 4, 5, 9, 10, 12, 13):
    P(f'(assert_return (invoke "scan" (i32.const {p})) (i32.const {run4(p)}))')

text = "\n".join(out) + "\n"
import sys
open(sys.argv[1], "w").write(text)
