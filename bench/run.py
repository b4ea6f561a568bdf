#!/usr/bin/env python3
"""wasmc benchmark harness.

Builds every benchmark from the same C source as several variants, checks that
each variant prints exactly what the native build prints, times them, and
writes bench/RESULTS.md.

    python3 bench/run.py [--runs 5] [--filter REGEX] [--variants native,wasmc,...]

Variants (see bench/README.md):
  native      clang-19 -O2, x86-64 — the reference
  wasmc       clang-19 --target=wasm32-wasi -O2, then `wasmc build` (default level)
  wasmc-simd  the same with -msimd128
  wasm2c      the non-SIMD .wasm through wabt's wasm2c, clang-19 -O2, guard pages
  node        the non-SIMD .wasm under Node/V8 with bench/node/wasi-shim.mjs
  node-simd   the -msimd128 .wasm under Node/V8

Only the Python 3 standard library is used.
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
KERNEL_DIR = os.path.join(BENCH_DIR, "kernels")
SQLITE_DIR = os.path.join(BENCH_DIR, "sqlite")
STARTUP_SRC = os.path.join(BENCH_DIR, "startup", "hello.c")
W2C_HOST = os.path.join(BENCH_DIR, "wasm2c", "wasi-host.c")
NODE_RUNNER = os.path.join(BENCH_DIR, "node", "run.mjs")
NODE_SHIM = os.path.join(BENCH_DIR, "node", "wasi-shim.mjs")

ALL_VARIANTS = ["native", "wasmc", "wasmc-simd", "wasmc-base", "wasm2c", "node", "node-simd"]
VARIANT_DESC = {
    "native": "clang-19 -O2, native x86-64 (reference)",
    "wasmc": "clang-19 --target=wasm32-wasi -O2 → `wasmc build` (default level)",
    "wasmc-simd": "as wasmc, with -msimd128",
    "wasmc-base": "as wasmc, built by the baseline wasmc given with --baseline-wasmc (a before/after comparison in one run)",
    "wasm2c": "same .wasm → wasm2c (wabt 1.0.32) → clang-19 -O2, guard-page bounds checks",
    "node": "same .wasm under Node (V8) with bench/node/wasi-shim.mjs",
    "node-simd": "the -msimd128 .wasm under Node (V8)",
}

# SQLite compile-time options, shared by all builds so that the same code is compiled.
# unix-dotfile is SQLite's default VFS on WASI (no fcntl locks); the native build uses it too.
SQLITE_DEFINES = [
    "-DSQLITE_THREADSAFE=0", "-DSQLITE_OMIT_LOAD_EXTENSION", "-DSQLITE_OMIT_WAL",
    "-DSQLITE_OMIT_POPEN", "-DSQLITE_NOHAVE_SYSTEM", '-DSQLITE_DEFAULT_UNIX_VFS="unix-dotfile"',
]
SQLITE_WASI_FLAGS = [
    "-include", os.path.join(SQLITE_DIR, "wasi_compat.h"),
    "-D_WASI_EMULATED_SIGNAL", "-D_WASI_EMULATED_PROCESS_CLOCKS", "-D_WASI_EMULATED_GETPID",
    "-D_WASI_EMULATED_MMAN",
]
SQLITE_WASI_LIBS = ["-lwasi-emulated-signal", "-lwasi-emulated-process-clocks",
                    "-lwasi-emulated-getpid", "-lwasi-emulated-mman"]
SQLITE_GUEST_DIR = "/data"
# clang's options for wasm32-wasi, shared by every build of a wasm input in the project.
WASM_CONFIG = os.path.normpath(os.path.join(BENCH_DIR, "..", "cmake", "toolchains", "wasm32-wasi.cfg"))
# Debian's wasi-libc carries DWARF that would otherwise be linked into every module.
WASM_LDFLAGS = ["-Wl,--strip-debug"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- utilities

def summarize_error(text, limit=240):
    """The most telling line(s) of a tool's output, shortened."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    if not lines:
        return "(no output)"
    pick = None
    for pat in (r"\berror\b", r"wasm trap", r"\bunsupported\b", r"\bfatal\b", r"Error:", r"undefined"):
        for l in lines:
            if re.search(pat, l, re.I):
                pick = l
                break
        if pick:
            break
    if pick is None:
        pick = lines[-1]
    pick = re.sub(r"\s+", " ", pick)
    return pick if len(pick) <= limit else pick[: limit - 1] + "…"


def md_escape(s):
    return s.replace("|", "\\|").replace("\n", " ")


RUSAGE_HELPER = None  # path of the compiled bench/tools/rusage-exec.c, once built


def run_process(cmd, stdin_path=None, env=None, cwd=None, timeout=None, measure=False,
                cpu_limit=None):
    """Run cmd; return dict(ok, rc, time, stdout, stderr, maxrss_kb, utime, stime, timed_out, error).

    timeout is in wall-clock seconds; cpu_limit in CPU seconds (RLIMIT_CPU: SIGXCPU, SIGKILL 5 s
    later). With measure=True and the rusage helper available, the child is started by the helper so
    that time and peak RSS are those of the program alone (not inherited from Python)."""
    resfile = None
    if measure and RUSAGE_HELPER:
        fd, resfile = tempfile.mkstemp(prefix="rusage-")
        os.close(fd)
        os.remove(resfile)
        cmd = [RUSAGE_HELPER, resfile] + list(cmd)
    try:
        res = _run_process(cmd, stdin_path, env, cwd, timeout, cpu_limit)
        if resfile and os.path.exists(resfile):
            with open(resfile) as f:
                parts = f.read().split()
            if len(parts) == 5:
                ns, status, rss, ut, st = (int(x) for x in parts)
                res.update(time=ns / 1e9, maxrss_kb=rss, utime=ut / 1e6, stime=st / 1e6)
                rc = os.waitstatus_to_exitcode(status)
                if not res["timed_out"]:
                    res["rc"] = rc
                    res["ok"] = rc == 0
                    if rc != 0:
                        sig = -rc if rc < 0 else None
                        what = f"killed by signal {signal.Signals(sig).name}" if sig else f"exit status {rc}"
                        res["error"] = f"{what}: {summarize_error(res['stderr'])}"
        return res
    finally:
        if resfile and os.path.exists(resfile):
            os.remove(resfile)


def _cpu_limiter(seconds):
    def apply():
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    return apply


def _run_process(cmd, stdin_path, env, cwd, timeout, cpu_limit=None):
    res = {"ok": False, "rc": None, "time": None, "stdout": b"", "stderr": b"", "maxrss_kb": None,
           "utime": None, "stime": None, "timed_out": False, "error": None}
    stdin_f = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            try:
                p = subprocess.Popen(cmd, stdin=stdin_f, stdout=out, stderr=err, env=env, cwd=cwd,
                                     start_new_session=True,
                                     preexec_fn=_cpu_limiter(cpu_limit) if cpu_limit else None)
            except OSError as e:
                res["error"] = f"cannot start {cmd[0]}: {e.strerror}"
                return res
            timer = None
            if timeout:
                def kill():
                    res["timed_out"] = True
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                timer = threading.Timer(timeout, kill)
                timer.start()
            try:
                _, status, ru = os.wait4(p.pid, 0)
            finally:
                if timer:
                    timer.cancel()
            t1 = time.perf_counter()
            p.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            res.update(rc=p.returncode, time=t1 - t0, stdout=out.read(), stderr=err.read(),
                       maxrss_kb=ru.ru_maxrss, utime=ru.ru_utime, stime=ru.ru_stime)
            res["ok"] = p.returncode == 0 and not res["timed_out"]
            if res["timed_out"]:
                res["error"] = f"timed out after {timeout:.0f} s"
            elif p.returncode != 0:
                sig = -p.returncode if p.returncode < 0 else None
                what = f"killed by signal {signal.Signals(sig).name}" if sig else f"exit status {p.returncode}"
                res["error"] = f"{what}: {summarize_error(res['stderr'])}"
            return res
    finally:
        if stdin_path:
            stdin_f.close()


def file_key(path):
    try:
        st = os.stat(path)
        return f"{path}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return f"{path}:missing"


class Builder:
    """Runs build commands, caching outputs with a stamp of the command and inputs."""

    def __init__(self, rebuild=False):
        self.rebuild = rebuild

    def step(self, cmd, output, inputs, cwd=None, env=None, timeout=1800, cache=True):
        """Returns (ok, seconds, error message); for a cached output, the seconds of the build that made it."""
        key = hashlib.sha256(("\0".join(cmd) + "\0" + "\0".join(file_key(i) for i in inputs)).encode()).hexdigest()
        stamp = output + ".stamp"
        if cache and not self.rebuild and os.path.exists(output):
            try:
                with open(stamp) as f:
                    parts = f.read().split()
                if parts and parts[0] == key:
                    return True, (float(parts[1]) if len(parts) > 1 else None), None
            except OSError:
                pass
        os.makedirs(os.path.dirname(output), exist_ok=True)
        for p in (output, stamp):
            if os.path.exists(p):
                os.remove(p)
        r = run_process(cmd, cwd=cwd, env=env, timeout=timeout)
        if not r["ok"]:
            msg = r["error"] or "failed"
            if r["rc"] not in (None, 0) and not r["timed_out"]:
                msg = f"{os.path.basename(cmd[0])}: {summarize_error(r['stderr'] + r['stdout'])}"
            return False, r["time"], msg
        if not os.path.exists(output):
            return False, r["time"], f"{os.path.basename(cmd[0])} produced no {os.path.basename(output)}"
        with open(stamp, "w") as f:
            f.write(f"{key} {r['time']:.6f}\n")
        return True, r["time"], None


def wasm_section_sizes(path):
    """{section id: payload bytes} of a wasm binary (custom sections summed under 0)."""
    sizes = {}
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\0asm":
        return sizes
    i = 8
    while i < len(data):
        sid = data[i]
        i += 1
        n, shift = 0, 0
        while True:
            b = data[i]
            i += 1
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        sizes[sid] = sizes.get(sid, 0) + n
        i += n
    return sizes


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if out.returncode != 0:
            return "version unknown"
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def dpkg_version(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], capture_output=True, text=True)
        return out.stdout.strip() or "?"
    except OSError:
        return "?"


def machine_info():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    distro = "?"
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(), "memory": mem, "os": distro}


def read_loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def fmt_time(t):
    if t is None:
        return "—"
    if t >= 100:
        return f"{t:.0f}"
    if t >= 10:
        return f"{t:.1f}"
    return f"{t:.3f}"


def fmt_size(n):
    if n is None:
        return "—"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.2f} MiB"
    return f"{n / 1024:.0f} KiB"


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


# ---------------------------------------------------------------- tools

class Tools:
    def __init__(self, args):
        self.clang = args.clang
        self.wasm2c = shutil.which("wasm2c")
        self.node = shutil.which(args.node) or (args.node if os.path.exists(args.node) else None)
        self.wasmc = args.wasmc
        self.w2c_rt = self._find_wasm_rt()
        self.wasmc_help = None
        self.wasmc_threads_opt = None
        self.wasmc_env_opt = False

    @staticmethod
    def _find_wasm_rt():
        for d in ("/usr/src/wasm2c", "/usr/share/wabt/wasm2c"):
            if os.path.exists(os.path.join(d, "wasm-rt-impl.c")):
                hdr = d if os.path.exists(os.path.join(d, "wasm-rt.h")) else "/usr/include"
                return d, hdr
        return None

    def probe_wasmc(self):
        """Returns None if wasmc looks usable, else an error message."""
        if not os.path.exists(self.wasmc):
            return f"wasmc not found at {self.wasmc}"
        if not os.access(self.wasmc, os.X_OK):
            return f"{self.wasmc} is not executable"
        texts = []
        for cmd in ([self.wasmc, "build", "--help"], [self.wasmc, "--help"]):
            try:
                r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
                texts.append(r.stdout + r.stderr)
            except (OSError, subprocess.TimeoutExpired) as e:
                return f"cannot run {self.wasmc}: {e}"
        self.wasmc_help = "\n".join(texts)
        m = re.search(r"(--threads|--jobs)\b", self.wasmc_help)
        if m:
            self.wasmc_threads_opt = m.group(1)
        elif re.search(r"(^|[\s,])-j\b", self.wasmc_help):
            self.wasmc_threads_opt = "-j"
        self.wasmc_env_opt = bool(re.search(r"--env\b", self.wasmc_help))
        return None


# ---------------------------------------------------------------- benchmarks

class Benchmark:
    """One program, built from one C source set into every variant."""

    def __init__(self, name, kind):
        self.name = name
        self.kind = kind  # "kernel" | "sqlite" | "startup"
        self.sources = []
        self.wasm = {}         # "plain"/"simd" -> path or None
        self.exe = {}          # variant -> path (native/wasmc/wasmc-simd/wasm2c)
        self.build_error = {}  # variant -> message
        self.build_time = {}   # step name -> seconds
        self.stdin = None

    def wasm_for(self, variant):
        return self.wasm.get("simd" if variant.endswith("-simd") else "plain")

    def command(self, variant, ctx):
        """argv to run this benchmark as `variant`."""
        extra = []
        if self.kind == "sqlite":
            db = "bench.db"
            if variant == "native":
                return [self.exe["native"], os.path.join(ctx.sqlite_data, db)]
            guest_db = f"{SQLITE_GUEST_DIR}/{db}"
            if variant.startswith("wasmc"):
                return [self.exe[variant], guest_db]
            if variant == "wasm2c":
                return [self.exe["wasm2c"], "--dir", f"{ctx.sqlite_data}::{SQLITE_GUEST_DIR}",
                        "--env", f"HOME={SQLITE_GUEST_DIR}", "--", guest_db]
            if variant.startswith("node"):
                return [ctx.tools.node, NODE_RUNNER, "--dir", f"{ctx.sqlite_data}::{SQLITE_GUEST_DIR}",
                        "--env", f"HOME={SQLITE_GUEST_DIR}", self.wasm_for(variant), guest_db]
        if variant.startswith("node"):
            return [ctx.tools.node, NODE_RUNNER, self.wasm_for(variant)] + extra
        return [self.exe[variant]] + extra

    def prepare_run(self, ctx):
        if self.kind == "sqlite":
            d = ctx.sqlite_data
            os.makedirs(d, exist_ok=True)
            for entry in os.listdir(d):
                p = os.path.join(d, entry)
                if os.path.isdir(p) and not os.path.islink(p):
                    shutil.rmtree(p)
                else:
                    os.remove(p)


class Context:
    def __init__(self, args, tools):
        self.args = args
        self.tools = tools
        self.build_dir = os.path.abspath(args.build_dir)
        self.sqlite_data = os.path.join(self.build_dir, "sqlite-data")
        self.builder = Builder(rebuild=args.rebuild)
        self.wasmc_error = None
        self.notes = []
        self.last_cpu = None
        self.load_start = "?"
        self.env = dict(os.environ)
        self.env["LC_ALL"] = "C"

    def path(self, *parts):
        return os.path.join(self.build_dir, *parts)


def discover(args):
    benches = []
    for fn in sorted(os.listdir(KERNEL_DIR)):
        if fn.endswith(".c"):
            b = Benchmark(fn[:-2], "kernel")
            b.sources = [os.path.join(KERNEL_DIR, fn)]
            benches.append(b)
    if not args.no_sqlite:
        b = Benchmark("sqlite", "sqlite")
        b.stdin = os.path.join(SQLITE_DIR, "workload.sql")
        benches.append(b)
    if args.filter:
        rx = re.compile(args.filter)
        benches = [b for b in benches if rx.search(b.name)]
    return benches


# ---------------------------------------------------------------- building

def build_wasm2c_runtime(ctx):
    """Compile wasm-rt-impl.c once. Returns (object path or None, error)."""
    if not ctx.tools.wasm2c:
        return None, "wasm2c not found"
    if not ctx.tools.w2c_rt:
        return None, "wasm2c runtime (wasm-rt-impl.c) not found"
    src_dir, hdr_dir = ctx.tools.w2c_rt
    out = ctx.path("wasm2c", "wasm-rt-impl.o")
    src = os.path.join(src_dir, "wasm-rt-impl.c")
    cmd = [ctx.tools.clang, "-O2", "-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1", "-I", src_dir, "-I", hdr_dir,
           "-c", src, "-o", out]
    ok, _, err = ctx.builder.step(cmd, out, [src])
    return (out if ok else None), err


def build_benchmark(b, ctx, variants, w2c_rt_obj, w2c_rt_err):
    """Build all requested variants of one benchmark; never raises."""
    clang = ctx.tools.clang
    need_plain = any(v in variants for v in ("wasmc", "wasmc-base", "wasm2c", "node"))
    need_simd = any(v in variants for v in ("wasmc-simd", "node-simd"))

    if b.kind == "sqlite":
        src_dir = ctx.path("sqlite-src")
        sdir = None
        fetch = run_process(["sh", os.path.join(SQLITE_DIR, "fetch.sh"), src_dir], timeout=600)
        if fetch["ok"]:
            sdir = fetch["stdout"].decode().strip().splitlines()[-1]
        if not sdir or not os.path.exists(os.path.join(sdir, "sqlite3.c")):
            msg = "SQLite source unavailable: " + (fetch["error"] or summarize_error(fetch["stderr"]))
            for v in variants:
                b.build_error[v] = msg
            return
        b.sources = [os.path.join(sdir, "shell.c"), os.path.join(sdir, "sqlite3.c")]
        inputs = b.sources + [os.path.join(SQLITE_DIR, "wasi_compat.h")]
        native_cmd = [clang, "-O2", "-w"] + SQLITE_DEFINES + ["-I", sdir] + b.sources + ["-lm"]
        wasm_cmd = ([clang, "--config=" + WASM_CONFIG, "-O2", "-w"] + SQLITE_DEFINES + SQLITE_WASI_FLAGS +
                    ["-I", sdir] + b.sources + SQLITE_WASI_LIBS + WASM_LDFLAGS)
    else:
        inputs = b.sources + [os.path.join(KERNEL_DIR, "common.h")]
        native_cmd = [clang, "-O2"] + b.sources + ["-lm"]
        wasm_cmd = [clang, "--config=" + WASM_CONFIG, "-O2"] + b.sources + ["-lm"] + WASM_LDFLAGS

    # native (always: it is the reference)
    if True:
        out = ctx.path("native", b.name)
        ok, t, err = ctx.builder.step(native_cmd + ["-o", out], out, inputs)
        if ok:
            b.exe["native"] = out
        else:
            b.build_error["native"] = err
        if t is not None:
            b.build_time["native"] = t

    # wasm (plain and simd)
    for flavour, needed in (("plain", need_plain), ("simd", need_simd)):
        if not needed:
            continue
        suffix = ".simd.wasm" if flavour == "simd" else ".wasm"
        out = ctx.path("wasm", b.name + suffix)
        cmd = wasm_cmd + (["-msimd128"] if flavour == "simd" else []) + ["-o", out]
        ok, t, err = ctx.builder.step(cmd, out, inputs)
        if ok:
            b.wasm[flavour] = out
        else:
            b.wasm[flavour] = None
            dependants = [v for v in variants if v != "native" and (v.endswith("-simd") == (flavour == "simd"))]
            for v in dependants:
                b.build_error[v] = f"wasm32-wasi build failed: {err}"
        if t is not None:
            b.build_time["wasm-" + flavour] = t

    # wasmc
    for v in ("wasmc", "wasmc-simd", "wasmc-base"):
        if v not in variants or v in b.build_error:
            continue
        if ctx.wasmc_error:
            b.build_error[v] = ctx.wasmc_error
            continue
        wasm = b.wasm_for(v)
        out = ctx.path(v, b.name)
        wasmc = ctx.args.baseline_wasmc if v == "wasmc-base" else ctx.tools.wasmc
        cmd = [wasmc, "build", wasm, "-o", out]
        if b.kind == "sqlite":
            os.makedirs(ctx.sqlite_data, exist_ok=True)
            cmd += ["--dir", f"{ctx.sqlite_data}::{SQLITE_GUEST_DIR}"]
            if ctx.tools.wasmc_env_opt:
                cmd += ["--env", f"HOME={SQLITE_GUEST_DIR}"]
        ok, t, err = ctx.builder.step(cmd, out, [wasm, wasmc])
        if ok:
            b.exe[v] = out
        else:
            b.build_error[v] = f"wasmc build failed: {err}"
        if t is not None:
            b.build_time[v] = t

    # wasm2c
    if "wasm2c" in variants and "wasm2c" not in b.build_error:
        if not w2c_rt_obj:
            b.build_error["wasm2c"] = w2c_rt_err
        else:
            wasm = b.wasm["plain"]
            wdir = ctx.path("wasm2c", b.name)
            csrc = os.path.join(wdir, "bench.c")
            ok, t, err = ctx.builder.step([ctx.tools.wasm2c, wasm, "-n", "bench", "-o", csrc], csrc, [wasm])
            if t is not None:
                b.build_time["wasm2c-translate"] = t
            if not ok:
                b.build_error["wasm2c"] = f"wasm2c failed: {err}"
            else:
                src_dir, hdr_dir = ctx.tools.w2c_rt
                out = os.path.join(wdir, b.name)
                cmd = [ctx.tools.clang, "-O2", "-w", "-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=1",
                       "-I", wdir, "-I", src_dir, "-I", hdr_dir, '-DW2C_HEADER="bench.h"',
                       csrc, W2C_HOST, w2c_rt_obj, "-lm", "-o", out]
                ok, t, err = ctx.builder.step(cmd, out, [csrc, W2C_HOST, w2c_rt_obj])
                if ok:
                    b.exe["wasm2c"] = out
                else:
                    b.build_error["wasm2c"] = f"clang (wasm2c output) failed: {err}"
                if t is not None:
                    b.build_time["wasm2c-cc"] = t

    # node needs only the .wasm and node itself
    for v in ("node", "node-simd"):
        if v in variants and v not in b.build_error and not ctx.tools.node:
            b.build_error[v] = "node not found"


# ---------------------------------------------------------------- running

def first_difference(expected, got):
    e = expected.decode("utf-8", "replace").splitlines()
    g = got.decode("utf-8", "replace").splitlines()
    for i in range(max(len(e), len(g))):
        a = e[i] if i < len(e) else "<end of output>"
        c = g[i] if i < len(g) else "<end of output>"
        if a != c:
            return f"line {i + 1}: expected {a[:80]!r}, got {c[:80]!r}"
    return "outputs differ"


class Cell:
    def __init__(self):
        self.times = []
        self.cpu = []
        self.rss = []
        self.error = None      # build/run failure (no timing)
        self.mismatch = None   # wrong output (timing kept but flagged)
        self.excluded = None   # not applicable (reason)

    @property
    def median(self):
        return statistics.median(self.times) if self.times else None

    @property
    def cpu_median(self):
        return statistics.median(self.cpu) if self.cpu else None


def run_one(b, variant, ctx, expected):
    """One run; returns (time or None, rss, error, (mismatch, stdout)); cpu time in ctx.last_cpu."""
    b.prepare_run(ctx)
    cmd = b.command(variant, ctx)
    env = dict(ctx.env)
    if b.kind == "sqlite" and variant == "native":
        env["HOME"] = ctx.sqlite_data  # keep the user's ~/.sqliterc out of it
    r = run_process(cmd, stdin_path=b.stdin, env=env, timeout=ctx.args.timeout, measure=True)
    ctx.last_cpu = (r["utime"] or 0) + (r["stime"] or 0)
    if not r["ok"]:
        return None, None, r["error"] or "run failed", None
    mismatch = None
    if expected is not None and r["stdout"] != expected:
        mismatch = first_difference(expected, r["stdout"])
    return r["time"], r["maxrss_kb"], None, (mismatch, r["stdout"])


def measure(benches, variants, ctx):
    cells = {b.name: {v: Cell() for v in variants} for b in benches}
    expected = {}
    outputs = {}
    # Verification (and warm-up) pass: native first, its output is the reference.
    log("== verifying outputs (one warm-up run per variant)")
    for b in benches:
        for v in variants:
            c = cells[b.name][v]
            if v in b.build_error:
                c.error = b.build_error[v]
                continue
        nat = cells[b.name].get("native")
        if "native" not in b.exe:
            ref_err = b.build_error.get("native", "native build failed")
            log(f"   {b.name}: no native reference ({ref_err}); outputs cannot be checked")
            ref = None
        else:
            t, rss, err, mm = run_one(b, "native", ctx, None)
            if err:
                if nat:
                    nat.error = err
                ref = None
                log(f"   {b.name}: native run FAILED: {err}")
            else:
                ref = mm[1]
                log(f"   {b.name}: native {t:.3f} s")
        expected[b.name] = ref
        outputs[b.name] = {}
        for v in variants:
            if v == "native" or cells[b.name][v].error:
                continue
            t, rss, err, mm = run_one(b, v, ctx, ref)
            c = cells[b.name][v]
            if err:
                c.error = f"run failed: {err}"
                log(f"   {b.name}: {v} FAILED: {err}")
                continue
            if ref is None:
                c.mismatch = None
            elif mm[0]:
                c.mismatch = mm[0]
                log(f"   !!! {b.name}: {v} OUTPUT MISMATCH vs native: {mm[0]}")
            log(f"   {b.name}: {v} {t:.3f} s{'  (MISMATCH)' if c.mismatch else ''}")

    runs = ctx.args.runs
    log(f"== timing: {runs} runs, variants rotated between runs")
    for r in range(runs):
        for b in benches:
            live = [v for v in variants if not cells[b.name][v].error]
            if not live:
                continue
            k = r % len(live)
            order = live[k:] + live[:k]
            line = []
            for v in order:
                c = cells[b.name][v]
                if c.error:
                    continue
                t, rss, err, mm = run_one(b, v, ctx, expected[b.name])
                if err:
                    c.error = f"run {r + 1} failed: {err}"
                    line.append(f"{v}=FAIL")
                    log(f"   {b.name}: {v} FAILED in run {r + 1}: {err}")
                    continue
                if mm[0] and not c.mismatch:
                    c.mismatch = mm[0]
                    log(f"   !!! {b.name}: {v} OUTPUT MISMATCH vs native in run {r + 1}: {mm[0]}")
                c.times.append(t)
                c.cpu.append(ctx.last_cpu)
                c.rss.append(rss)
                line.append(f"{v}={t:.3f}")
            log(f"   run {r + 1}/{runs} {b.name}: " + " ".join(line))
    return cells


# ---------------------------------------------------------------- compile speed, start-up, sizes

def compile_stats(benches, ctx):
    """wasmc compile time per module (fresh builds, sequential, nothing else running)."""
    stats = {"rows": [], "threads_opt": ctx.tools.wasmc_threads_opt, "error": ctx.wasmc_error}
    if ctx.wasmc_error:
        return stats
    ncpu = os.cpu_count() or 1
    configs = [("default", [])]
    if ctx.tools.wasmc_threads_opt:
        configs = [("1 thread", [ctx.tools.wasmc_threads_opt, "1"]),
                   (f"{ncpu} threads", [ctx.tools.wasmc_threads_opt, str(ncpu)])]
    stats["configs"] = [c[0] for c in configs]
    tmpdir = ctx.path("compile-stats")
    os.makedirs(tmpdir, exist_ok=True)
    log(f"== wasmc compile speed ({', '.join(c[0] for c in configs)}; median of {ctx.args.compile_runs})")
    for b in benches:
        wasm = b.wasm.get("plain")
        if not wasm:
            continue
        sizes = wasm_section_sizes(wasm)
        row = {"name": b.name, "wasm_bytes": os.path.getsize(wasm), "code_bytes": sizes.get(10, 0),
               "times": {}, "errors": {}}
        for label, extra in configs:
            ts = []
            for _ in range(ctx.args.compile_runs):
                out = os.path.join(tmpdir, b.name)
                cmd = [ctx.tools.wasmc, "build", wasm, "-o", out] + extra
                if b.kind == "sqlite":
                    cmd += ["--dir", f"{ctx.sqlite_data}::{SQLITE_GUEST_DIR}"]
                r = run_process(cmd, timeout=1800)
                if not r["ok"]:
                    row["errors"][label] = r["error"]
                    break
                ts.append(r["time"])
            if ts:
                row["times"][label] = statistics.median(ts)
        w2c = (b.build_time.get("wasm2c-translate"), b.build_time.get("wasm2c-cc"))
        row["wasm2c_time"] = (w2c[0] or 0) + w2c[1] if w2c[1] else None
        row["native_time"] = b.build_time.get("native")
        stats["rows"].append(row)
        log(f"   {b.name}: code {row['code_bytes'] / 1e6:.3f} MB: " +
            ", ".join(f"{k} {v:.3f} s" for k, v in row["times"].items()) +
            (f" errors: {row['errors']}" if row["errors"] else ""))
    return stats


def startup_stats(ctx, variants):
    """Mean wall time per run of a hello-world executable, per variant."""
    n = ctx.args.startup_runs
    res = {"runs": n, "rows": {}, "sizes": {}}
    if n <= 0:
        return res
    b = Benchmark("hello", "startup")
    b.sources = [STARTUP_SRC]
    vs = [v for v in ("native", "wasmc", "wasm2c", "node") if v in variants or v == "native"]
    w2c_obj, w2c_err = build_wasm2c_runtime(ctx)
    build_benchmark(b, ctx, vs, w2c_obj, w2c_err)
    expected = b"hello, world\n"
    live = []
    for v in vs:
        if v in b.build_error:
            res["rows"][v] = {"error": b.build_error[v]}
            continue
        t, rss, err, mm = run_one(b, v, ctx, expected)
        if err or mm[0]:
            res["rows"][v] = {"error": err or f"wrong output: {mm[0]}"}
            continue
        live.append(v)
        res["rows"][v] = {"times": []}
    log(f"== start-up: {n} runs of hello per variant ({', '.join(live)})")
    for i in range(n):
        for v in live[i % max(1, len(live)):] + live[: i % max(1, len(live))]:
            row = res["rows"][v]
            if "error" in row:
                continue
            r = run_process(b.command(v, ctx), env=ctx.env, timeout=60, measure=True)
            if not r["ok"]:
                row["error"] = r["error"]
                continue
            row["times"].append(r["time"])
    for v, row in res["rows"].items():
        if row.get("times"):
            row["mean"] = statistics.fmean(row["times"])
            row["median"] = statistics.median(row["times"])
    for v in ("native", "wasmc", "wasm2c"):
        if v in b.exe:
            res["sizes"][v] = os.path.getsize(b.exe[v])
    if b.wasm.get("plain"):
        res["sizes"]["wasm"] = os.path.getsize(b.wasm["plain"])
    res["exe"] = dict(b.exe)
    res["wasm"] = b.wasm.get("plain")
    return res


def is_dynamic(path):
    """Whether an ELF64 little-endian executable has a PT_INTERP (dynamic loader) program header."""
    import struct
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
                return True  # not ELF64 LE: make no claim of being static
            phoff, = struct.unpack_from("<Q", head, 32)
            phentsize, phnum = struct.unpack_from("<HH", head, 54)
            f.seek(phoff)
            ph = f.read(phentsize * phnum)
    except (OSError, struct.error):
        return True
    return any(struct.unpack_from("<I", ph, i * phentsize)[0] == 3 for i in range(phnum))


def strip_size(path, ctx):
    strip = shutil.which("llvm-strip-19") or shutil.which("strip")
    if not strip or not path or not os.path.exists(path):
        return None
    out = ctx.path("stripped", os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    r = run_process([strip, "-o", out, path], timeout=120)
    return os.path.getsize(out) if r["ok"] else None


# ---------------------------------------------------------------- report

def write_report(path, benches, variants, cells, cstats, sstats, ctx, started, elapsed):
    info = machine_info()
    t = ctx.tools
    lines = []
    w = lines.append
    w("# wasmc benchmark results")
    w("")
    w(f"Generated {started.strftime('%Y-%m-%d %H:%M:%S %Z').strip()} by `bench/run.py` "
      f"(total harness time {elapsed / 60:.1f} min).")
    w("")
    w("Command:")
    w("")
    w("```")
    w(ctx.command_line)
    w("```")
    w("")
    w("## Machine")
    w("")
    w(f"* CPU: {info['cpu']}, {info['cores']} cores; memory {info['memory']}")
    w(f"* OS: {info['os']}, kernel {info['kernel']}")
    w(f"* load average (1/5/15 min) at start: {ctx.load_start}; at end: {read_loadavg()}")
    try:
        if float(ctx.load_start.split()[0]) > 0.5 * (os.cpu_count() or 1):
            w("* **warning: the machine was busy when the run started; wall times include that load**")
    except (ValueError, IndexError):
        pass
    w(f"* clang: {tool_version([t.clang, '--version'])}")
    w(f"* wasi-libc (Debian): {dpkg_version('wasi-libc')}")
    w(f"* wabt (wasm2c): {tool_version(['wasm2c', '--version']) if t.wasm2c else 'not found'}")
    w(f"* node: {tool_version([t.node, '--version']) if t.node else 'not found'}")
    if ctx.wasmc_error:
        w(f"* wasmc: unavailable ({ctx.wasmc_error})")
    else:
        ver = tool_version([t.wasmc, "--version"])
        w(f"* wasmc: `{os.path.relpath(t.wasmc, REPO_DIR) if t.wasmc.startswith(REPO_DIR) else t.wasmc}`"
          f" ({ver})")
        rev = subprocess.run(["git", "-C", REPO_DIR, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        if rev.returncode == 0:
            w(f"* repository HEAD: {rev.stdout.strip()} (plus any uncommitted changes)")
    w("")
    w("## Variants")
    w("")
    for v in variants:
        w(f"* **{v}** — {VARIANT_DESC[v]}")
    w("")
    w(f"Each cell: median wall-clock seconds of {ctx.args.runs} runs (whole process: start-up, "
      "instantiation, and for node the V8 compile), and in parentheses the ratio to native "
      "(lower is better). Before timing, every variant runs once and its stdout is compared "
      "byte for byte with native's; every timed run is compared too.")
    w("")

    footnotes = []  # (message, [where...])

    def note(where, msg):
        for i, (m, places) in enumerate(footnotes):
            if m == msg:
                places.append(where)
                return f"[{i + 1}]"
        footnotes.append((msg, [where]))
        return f"[{len(footnotes)}]"

    def ratio_table(metric):
        """Markdown lines: medians per benchmark and variant with ratios, plus geomeans."""
        out_lines = ["| benchmark | " + " | ".join(variants) + " |", "|" + "---|" * (len(variants) + 1)]
        ratios = {v: {} for v in variants}
        for b in benches:
            row = cells[b.name]
            nat = row.get("native")
            nat_t = (nat.median if metric == "wall" else nat.cpu_median) if nat else None
            mism = [v for v in variants if row[v].mismatch]
            out = [f"**⚠ {b.name} (MISMATCH)**" if mism else b.name]
            for v in variants:
                c = row[v]
                val = c.median if metric == "wall" else c.cpu_median
                if c.error:
                    out.append(f"FAILED {note(f'{b.name}/{v}', c.error)}")
                    continue
                if val is None:
                    out.append("—")
                    continue
                cell = fmt_time(val)
                if v != "native" and nat_t:
                    ratio = val / nat_t
                    cell += f" ({ratio:.2f}×)"
                    if not c.mismatch:
                        ratios[v][b.name] = ratio
                if c.mismatch:
                    cell = f"**{cell} WRONG OUTPUT** {note(f'{b.name}/{v}', 'output differs from native: ' + c.mismatch)}"
                out.append(cell)
            out_lines.append("| " + " | ".join(md_escape(x) for x in out) + " |")
        common = [b.name for b in benches if all(b.name in ratios[v] for v in variants if v != "native")]
        gm_all = ["**geomean (all that ran)**"]
        gm_common = [f"**geomean (common {len(common)})**"]
        for v in variants:
            if v == "native":
                gm_all.append("1.00×")
                gm_common.append("1.00×")
                continue
            g = geomean(ratios[v].values())
            gm_all.append(f"**{g:.2f}×** (n={len(ratios[v])})" if g else "—")
            gc = geomean([ratios[v][n] for n in common])
            gm_common.append(f"**{gc:.2f}×**" if gc and common else "—")
        out_lines.append("| " + " | ".join(gm_all) + " |")
        out_lines.append("| " + " | ".join(gm_common) + " |")
        return out_lines

    for line in ratio_table("wall"):
        w(line)
    w("")
    w("Geometric means are of the per-benchmark ratios to native; \"common\" uses only the "
      "benchmarks on which every variant ran with correct output, so those are comparable "
      "across columns. Wrong-output cells are excluded from both.")
    w("")
    if footnotes:
        w("Failures and mismatches:")
        w("")
        for i, (msg, places) in enumerate(footnotes, 1):
            where = ", ".join(places) if len(places) <= 6 else f"{len(places)} cells ({', '.join(places[:4])}, …)"
            w(f"{i}. {md_escape(msg)} — {md_escape(where)}")
        w("")

    w("### CPU time")
    w("")
    w("Median user + system CPU seconds of the same runs (from wait4), with ratios to native. Less "
      "sensitive than wall time to other load on the machine; for node it includes V8's background "
      "compiler and GC threads.")
    w("")
    for line in ratio_table("cpu"):
        w(line)
    w("")

    # spread and memory
    w("### Run-to-run spread and peak memory")
    w("")
    w("Each cell: wall-time spread / CPU-time spread / peak RSS in MiB. Spread = (max − min) / median "
      "of the timed runs; RSS is the median run's peak resident set (from wait4).")
    w("")
    w("| benchmark | " + " | ".join(variants) + " |")
    w("|" + "---|" * (len(variants) + 1))

    def spread(xs):
        if len(xs) < 2 or not statistics.median(xs):
            return "—"
        return f"{(max(xs) - min(xs)) / statistics.median(xs) * 100:.0f}%"

    for b in benches:
        out = [b.name]
        for v in variants:
            c = cells[b.name][v]
            if not c.times:
                out.append("—")
                continue
            rss = statistics.median(c.rss) / 1024 if c.rss and all(c.rss) else None
            out.append(f"{spread(c.times)} / {spread(c.cpu)} / " + (f"{rss:.1f}" if rss is not None else "—"))
        w("| " + " | ".join(out) + " |")
    w("")

    # native times (sizing)
    w("### Benchmarks")
    w("")
    w("| benchmark | what it exercises |")
    w("|---|---|")
    for b in benches:
        w(f"| {b.name} | {md_escape(describe(b))} |")
    w("")

    # compile speed
    w("## wasmc compile speed")
    w("")
    if cstats.get("error"):
        w(f"Not measured: {cstats['error']}.")
        w("")
    elif not cstats["rows"]:
        w("Not measured (no modules).")
        w("")
    else:
        cfgs = cstats["configs"]
        if cstats["threads_opt"]:
            w(f"`wasmc build` with `{cstats['threads_opt']} 1` and `{cstats['threads_opt']} {os.cpu_count()}`, "
              f"median of {ctx.args.compile_runs} fresh builds each, run one at a time after the timing runs. ")
        else:
            w(f"`wasmc build` at its defaults, median of {ctx.args.compile_runs} fresh builds, one at a time "
              "(wasmc --help shows no thread-count option, so 1-vs-all-cores is not measured). ")
        has_w2c = any(r.get("wasm2c_time") for r in cstats["rows"])
        w("Code = size of the wasm code section; s/MB uses the last column's times.")
        if has_w2c:
            w("wasm2c + clang is the build-phase timing of translating and compiling the same module with "
              f"wasm2c and clang-19 -O2 (builds ran {ctx.args.jobs} in parallel, so it is indicative only; "
              "for cached builds, the time of the build that produced them).")
        w("")
        w("| module | wasm size | code size | " + " | ".join(f"wasmc {c} (s)" for c in cfgs) +
          " | wasmc s/MB code |" + (" wasm2c + clang (s) |" if has_w2c else ""))
        w("|" + "---|" * (4 + len(cfgs) + (1 if has_w2c else 0)))
        ok_rows = [r for r in cstats["rows"] if all(c in r["times"] for c in cfgs)]
        last = cfgs[-1]
        for r in cstats["rows"]:
            cells_ = []
            for c in cfgs:
                if c in r["times"]:
                    cells_.append(f"{r['times'][c]:.3f}")
                else:
                    cells_.append("FAILED: " + md_escape(summarize_error(r["errors"].get(c, "?"), 120)))
            per_mb = (r["times"][last] / (r["code_bytes"] / 1e6)
                      if last in r["times"] and r["code_bytes"] else None)
            w(f"| {r['name']} | {fmt_size(r['wasm_bytes'])} | {fmt_size(r['code_bytes'])} | "
              + " | ".join(cells_)
              + (f" | {per_mb:.3g} |" if per_mb else " | — |")
              + ((f" {r['wasm2c_time']:.2f} |" if r.get("wasm2c_time") else " — |") if has_w2c else ""))
        if ok_rows:
            tot_code = sum(r["code_bytes"] for r in ok_rows)
            tot = {c: sum(r["times"][c] for r in ok_rows) for c in cfgs}
            label = ("**total**" if len(ok_rows) == len(cstats["rows"])
                     else f"**total ({len(ok_rows)} modules that compiled)**")
            per_mb = tot[last] / (tot_code / 1e6) if tot_code else None
            w(f"| {label} | {fmt_size(sum(r['wasm_bytes'] for r in ok_rows))} | {fmt_size(tot_code)} | "
              + " | ".join(f"{tot[c]:.3f}" for c in cfgs)
              + (f" | {per_mb:.3g} |" if per_mb else " | — |")
              + (f" {sum(r.get('wasm2c_time') or 0 for r in ok_rows):.2f} |" if has_w2c else ""))
            w("")
            if len(cfgs) == 2 and tot[cfgs[1]]:
                w(f"Parallel speed-up ({cfgs[1]} vs {cfgs[0]}, summed over those modules): "
                  f"{tot[cfgs[0]] / tot[cfgs[1]]:.2f}×.")
                big = max(ok_rows, key=lambda r: r["code_bytes"])
                if big["times"][cfgs[1]]:
                    w(f"Largest module ({big['name']}, {fmt_size(big['code_bytes'])} of code): "
                      f"{big['times'][cfgs[0]] / big['times'][cfgs[1]]:.2f}×.")
                w("")
            if tot_code and tot[last]:
                w(f"Throughput ({last}): {tot_code / 1e6 / tot[last]:.2f} MB of wasm code per second "
                  "(small modules are dominated by fixed costs: start-up, runtime link).")
                w("")
        else:
            w("")

    # start-up
    w("## Start-up time")
    w("")
    if sstats.get("runs", 0) <= 0:
        w("Not measured (--startup-runs 0).")
    else:
        w(f"`bench/startup/hello.c` (prints one line), {sstats['runs']} runs per variant, interleaved; "
          "wall-clock per run from fork to wait4 of the program (measured by bench/tools/rusage-exec).")
        w("")
        w("| variant | mean per run (ms) | median (ms) | vs native |")
        w("|---|---|---|---|")
        nat = sstats["rows"].get("native", {}).get("mean")
        for v, row in sstats["rows"].items():
            if "mean" in row:
                rel = f"{row['mean'] / nat:.2f}×" if nat else "—"
                w(f"| {v} | {row['mean'] * 1000:.2f} | {row['median'] * 1000:.2f} | {rel} |")
            else:
                w(f"| {v} | FAILED: {md_escape(summarize_error(row.get('error', '?'), 160))} | | |")
        w("")

    # sizes
    w("## Executable sizes")
    w("")
    w("As built (not stripped), and in parentheses after `llvm-strip-19`; \"static\" marks executables "
      "without a dynamic loader (the others link glibc dynamically, which is not counted). wasm = the "
      "non-SIMD module that wasmc, wasm2c and node consume.")
    w("")
    size_vs = [v for v in ("native", "wasmc", "wasmc-simd", "wasm2c") if v in variants]
    w("| program | wasm | " + " | ".join(size_vs) + " |")
    w("|" + "---|" * (2 + len(size_vs)))
    rows = []
    if sstats.get("exe"):
        rows.append(("hello", sstats.get("wasm"), sstats["exe"]))
    for b in benches:
        rows.append((b.name, b.wasm.get("plain"), b.exe))
    for name, wasm, exes in rows:
        out = [name, fmt_size(os.path.getsize(wasm)) if wasm and os.path.exists(wasm) else "—"]
        for v in size_vs:
            p = exes.get(v)
            if p and os.path.exists(p):
                link = "" if is_dynamic(p) else ", static"
                out.append(f"{fmt_size(os.path.getsize(p))} ({fmt_size(strip_size(p, ctx))}{link})")
            else:
                out.append("—")
        w("| " + " | ".join(out) + " |")
    w("")

    if ctx.notes:
        w("## Notes")
        w("")
        for n in ctx.notes:
            w(f"* {n}")
        w("")
    text = "\n".join(lines) + "\n"
    with open(path, "w") as f:
        f.write(text)
    return text


DESCRIPTIONS = {}


def describe(b):
    if b.kind == "sqlite":
        return ("SQLite shell (amalgamation from the sqlite3 npm package) running bench/sqlite/workload.sql "
                "on a fresh database in a granted directory: bulk inserts in transactions, indexes, "
                "point lookups, joins, aggregates, window functions, sorting, updates")
    if b.name not in DESCRIPTIONS:
        try:
            with open(b.sources[0]) as f:
                text = f.read(2000)
            m = re.match(r"\s*/\*(.*?)\*/", text, re.S)
            d = re.sub(r"\s*\n\s*\*?\s*", " ", m.group(1)).strip() if m else ""
        except OSError:
            d = ""
        DESCRIPTIONS[b.name] = d
    return DESCRIPTIONS[b.name]


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per benchmark and variant (default 5)")
    ap.add_argument("--filter", help="only benchmarks whose name matches this regex")
    ap.add_argument("--variants", default=",".join(ALL_VARIANTS),
                    help=f"comma-separated subset of {','.join(ALL_VARIANTS)}")
    ap.add_argument("--build-dir", default=os.environ.get("WASMC_BENCH_BUILD", "/tmp/wasmc-bench"),
                    help="build outputs (default /tmp/wasmc-bench)")
    ap.add_argument("--output", default=os.path.join(BENCH_DIR, "RESULTS.md"), help="report path")
    ap.add_argument("--wasmc", default=os.path.join(REPO_DIR, "build", "wasmc"), help="wasmc executable")
    ap.add_argument("--baseline-wasmc", metavar="PATH",
                    help="another wasmc (e.g. a build of the previous commit): adds the variant wasmc-base")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--node", default="node")
    ap.add_argument("--no-sqlite", action="store_true", help="skip the SQLite benchmark")
    ap.add_argument("--rebuild", action="store_true", help="ignore cached build outputs")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel build jobs")
    ap.add_argument("--timeout", type=float, default=300, help="per-run timeout in seconds (default 300)")
    ap.add_argument("--compile-runs", type=int, default=3, help="wasmc builds per module for compile speed")
    ap.add_argument("--no-compile-stats", action="store_true")
    ap.add_argument("--startup-runs", type=int, default=200, help="hello-world runs per variant (0 to skip)")
    ap.add_argument("--list", action="store_true", help="list benchmarks and exit")
    args = ap.parse_args()

    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    bad = [v for v in variants if v not in ALL_VARIANTS]
    if bad:
        ap.error(f"unknown variants: {', '.join(bad)}")
    if args.baseline_wasmc:
        variants.append("wasmc-base")
    elif "wasmc-base" in variants:
        variants.remove("wasmc-base")
    if "native" not in variants:
        variants.insert(0, "native")  # the reference is always needed
    variants = [v for v in ALL_VARIANTS if v in variants]

    benches = discover(args)
    if args.list:
        for b in benches:
            print(f"{b.name:14s} {describe(b)[:100]}")
        return 0
    if not benches:
        log("no benchmarks match")
        return 1

    started = datetime.datetime.now().astimezone()
    t_start = time.time()
    tools = Tools(args)
    ctx = Context(args, tools)
    ctx.load_start = read_loadavg()
    ctx.command_line = "python3 " + " ".join(shlex.quote(a) for a in
                                              [os.path.relpath(os.path.abspath(sys.argv[0]), REPO_DIR)] + sys.argv[1:])
    os.makedirs(ctx.build_dir, exist_ok=True)
    if shutil.which(args.clang) is None:
        log(f"error: {args.clang} not found")
        return 1

    if any(v.startswith("wasmc") for v in variants):
        ctx.wasmc_error = tools.probe_wasmc()
        if ctx.wasmc_error:
            log(f"note: {ctx.wasmc_error}; the wasmc variants will be reported as failed")
        else:
            log(f"wasmc: {tools.wasmc}" + (f" (thread option {tools.wasmc_threads_opt})"
                                           if tools.wasmc_threads_opt else " (no thread-count option)"))
    if "wasm2c" in variants:
        ctx.notes.append("wasm2c runs only the non-SIMD module: wabt 1.0.32's wasm2c aborts on SIMD "
                         "instructions, so there is no wasm2c-simd variant.")
    ctx.notes.append("SQLite is built with the same options for every variant "
                     f"({' '.join(SQLITE_DEFINES)}); the WASI builds add "
                     f"{' '.join(SQLITE_WASI_FLAGS[2:])} and a small compat header "
                     "(bench/sqlite/wasi_compat.h: chmod/realpath stubs for shell.c).")
    ctx.notes.append("The wasm modules use Debian's wasi-libc (malloc = dlmalloc, printf = musl); the "
                     "native build uses glibc. Allocation-heavy benchmarks (binarytrees, wordfreq, "
                     "sqlite) therefore also compare two different allocators.")

    # the timing helper
    global RUSAGE_HELPER
    helper_src = os.path.join(BENCH_DIR, "tools", "rusage-exec.c")
    helper = ctx.path("tools", "rusage-exec")
    ok, _, err = ctx.builder.step([args.clang, "-O2", helper_src, "-o", helper], helper, [helper_src])
    if ok:
        RUSAGE_HELPER = helper
    else:
        log(f"note: cannot build the rusage helper ({err}); peak RSS will include Python's")
        ctx.notes.append("Peak RSS figures include the harness's own RSS (the rusage helper failed to build).")

    # build
    log(f"== building {len(benches)} benchmarks into {ctx.build_dir} ({args.jobs} jobs)")
    w2c_obj, w2c_err = (None, None)
    if "wasm2c" in variants:
        w2c_obj, w2c_err = build_wasm2c_runtime(ctx)
        if w2c_err:
            log(f"note: wasm2c variant unavailable: {w2c_err}")

    def build(b):
        t0 = time.time()
        try:
            build_benchmark(b, ctx, variants, w2c_obj, w2c_err)
        except Exception as e:  # keep going: report, don't crash
            for v in variants:
                b.build_error.setdefault(v, f"harness error while building: {e!r}")
        errs = "; ".join(f"{v}: {m}" for v, m in b.build_error.items())
        log(f"   built {b.name} in {time.time() - t0:.1f} s" + (f" — failures: {errs}" if errs else ""))

    # SQLite takes longest: start it first.
    order = sorted(benches, key=lambda b: b.kind != "sqlite")
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        list(ex.map(build, order))

    cells = measure(benches, variants, ctx)

    cstats = {"rows": [], "error": "skipped (--no-compile-stats)"}
    if not args.no_compile_stats and any(v.startswith("wasmc") for v in variants):
        cstats = compile_stats(benches, ctx)
    elif not any(v.startswith("wasmc") for v in variants):
        cstats = {"rows": [], "error": "wasmc variants not selected"}

    sstats = startup_stats(ctx, variants)

    elapsed = time.time() - t_start
    text = write_report(args.output, benches, variants, cells, cstats, sstats, ctx, started, elapsed)

    # raw data for later analysis
    raw = {
        "started": started.isoformat(), "command": ctx.command_line, "variants": variants,
        "cells": {b: {v: {"times": c.times, "cpu": c.cpu, "rss_kb": c.rss, "error": c.error, "mismatch": c.mismatch}
                      for v, c in row.items()} for b, row in cells.items()},
        "compile": cstats, "startup": {k: v for k, v in sstats.items()},
    }
    with open(ctx.path("results.json"), "w") as f:
        json.dump(raw, f, indent=1, default=str)

    mism = [(b, v) for b, row in cells.items() for v, c in row.items() if c.mismatch]
    log(f"== wrote {args.output} and {ctx.path('results.json')} ({elapsed / 60:.1f} min)")
    if mism:
        log("!!! OUTPUT MISMATCHES: " + ", ".join(f"{b}/{v}" for b, v in mism))
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
