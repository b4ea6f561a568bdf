// A minimal WASI preview1 (wasi_snapshot_preview1) implementation for running
// the benchmark modules under Node's V8, written for the wasmc benchmark suite.
//
// Why not node:wasi: Node 20's built-in WASI crashes (SIGSEGV) at exit after
// long runs on the benchmark machine, so we use this small, synchronous shim.
//
// Covers: args/environ, clocks, random, stdio, proc_exit, poll_oneoff (clock
// sleeps only), and a file system rooted in pre-opened directories (enough for
// SQLite's default WASI VFS "unix-dotfile": open/read/write/seek/stat/truncate/
// sync/unlink/mkdir/rmdir/readdir). Paths can never escape a pre-opened
// directory. Anything else returns ENOSYS.

import fs from 'node:fs';
import path from 'node:path';

// errno values from the WASI preview1 witx
export const E = {
  SUCCESS: 0, ACCES: 2, AGAIN: 6, BADF: 8, EXIST: 20, FAULT: 21, FBIG: 22, INVAL: 28, IO: 29,
  ISDIR: 31, LOOP: 32, MFILE: 33, NAMETOOLONG: 37, NOENT: 44, NOMEM: 48, NOSPC: 51, NOSYS: 52,
  NOTDIR: 54, NOTEMPTY: 55, NOTSUP: 58, NOTTY: 59, PERM: 63, PIPE: 64, RANGE: 68, ROFS: 69,
  SPIPE: 70, XDEV: 75, NOTCAPABLE: 76,
};

const HOST_ERRNO = {
  EACCES: E.ACCES, EAGAIN: E.AGAIN, EBADF: E.BADF, EEXIST: E.EXIST, EFBIG: E.FBIG, EINVAL: E.INVAL,
  EIO: E.IO, EISDIR: E.ISDIR, ELOOP: E.LOOP, EMFILE: E.MFILE, ENAMETOOLONG: E.NAMETOOLONG,
  ENOENT: E.NOENT, ENOMEM: E.NOMEM, ENOSPC: E.NOSPC, ENOSYS: E.NOSYS, ENOTDIR: E.NOTDIR,
  ENOTEMPTY: E.NOTEMPTY, ENOTSUP: E.NOTSUP, EPERM: E.PERM, EPIPE: E.PIPE, EROFS: E.ROFS,
  ESPIPE: E.SPIPE, EXDEV: E.XDEV,
};

const FILETYPE = { UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7 };
const RIGHTS_ALL = 0x1fffffffn;
const RIGHT_FD_READ = 1n << 1n, RIGHT_FD_SEEK = 1n << 2n, RIGHT_FD_TELL = 1n << 5n, RIGHT_FD_WRITE = 1n << 6n;
const OFLAGS = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 };
const FDFLAGS = { APPEND: 1 };

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms) { Atomics.wait(sleepCell, 0, 0, ms); }

// fs.writeSync/readSync that wait out EAGAIN (stdio may be non-blocking).
function writeAll(fd, buf, pos) {
  for (;;) {
    try { return fs.writeSync(fd, buf, 0, buf.length, pos); } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      sleepMs(1);
    }
  }
}
function readSome(fd, buf, pos) {
  for (;;) {
    try { return fs.readSync(fd, buf, 0, buf.length, pos); } catch (e) {
      if (e.code === 'EOF') return 0;
      if (e.code !== 'EAGAIN') throw e;
      sleepMs(1);
    }
  }
}

export class ProcExit extends Error {
  constructor(code) { super(`proc_exit(${code})`); this.code = code; }
}

class WasiError extends Error {
  constructor(errno) { super(`wasi errno ${errno}`); this.errno = errno; }
}

function hostErrno(e) {
  if (e instanceof WasiError) return e.errno;
  if (e instanceof ProcExit) throw e;
  if (e && e.code && HOST_ERRNO[e.code] !== undefined) return HOST_ERRNO[e.code];
  if (e instanceof RangeError) return E.FAULT;
  return E.IO;
}

function filetypeOf(st) {
  if (st.isFile()) return FILETYPE.REGULAR_FILE;
  if (st.isDirectory()) return FILETYPE.DIRECTORY;
  if (st.isCharacterDevice()) return FILETYPE.CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FILETYPE.BLOCK_DEVICE;
  if (st.isSymbolicLink()) return FILETYPE.SYMBOLIC_LINK;
  if (st.isSocket()) return FILETYPE.SOCKET_STREAM;
  return FILETYPE.UNKNOWN; // pipes (FIFOs) have no WASI file type
}

export class WASI {
  // options: { args: string[], env: {k: v}, preopens: {guestPath: hostPath} }
  constructor({ args = [], env = {}, preopens = {} } = {}) {
    this.args = args.map(String);
    this.env = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.memory = null;
    this.enc = new TextEncoder();
    this.dec = new TextDecoder();
    // fd table: {kind: 'stdio'|'file'|'dir', host (fd), hostPath, guestPath?, pos (BigInt), append}
    this.fds = new Map();
    for (const fd of [0, 1, 2]) this.fds.set(fd, { kind: 'stdio', host: fd, pos: 0n });
    let next = 3;
    for (const [guest, host] of Object.entries(preopens)) {
      const st = fs.statSync(host);
      if (!st.isDirectory()) throw new Error(`preopen ${host} is not a directory`);
      this.fds.set(next++, { kind: 'dir', hostPath: path.resolve(host), guestPath: guest, preopen: true });
    }
    this.nextFd = next;
    this.exitCode = null;
    this.wasiImport = this.#makeImports();
  }

  // Run a WASI command instance: calls _start, returns the exit code.
  start(instance) {
    this.memory = instance.exports.memory;
    try {
      instance.exports._start();
      return 0;
    } catch (e) {
      if (e instanceof ProcExit) return e.code;
      throw e;
    } finally {
      this.#closeAll();
    }
  }

  #closeAll() {
    for (const [fd, f] of this.fds) {
      if (f.kind === 'file') { try { fs.closeSync(f.host); } catch { /* ignore */ } }
      if (fd > 2) this.fds.delete(fd);
    }
  }

  get #view() { return new DataView(this.memory.buffer); }
  get #bytes() { return new Uint8Array(this.memory.buffer); }

  #str(ptr, len) { return this.dec.decode(new Uint8Array(this.memory.buffer, ptr, len)); }

  #fd(fd) {
    const f = this.fds.get(fd);
    if (!f) throw new WasiError(E.BADF);
    return f;
  }

  // Resolve a guest path relative to a directory fd, refusing escapes.
  #resolve(dirfd, ptr, len) {
    const dir = this.#fd(dirfd);
    if (dir.kind !== 'dir') throw new WasiError(E.NOTDIR);
    const rel = this.#str(ptr, len);
    if (rel.includes('\0')) throw new WasiError(E.INVAL);
    if (path.isAbsolute(rel)) throw new WasiError(E.NOTCAPABLE);
    const root = dir.root || dir.hostPath;
    const full = path.resolve(dir.hostPath, rel);
    if (full !== root && !full.startsWith(root + path.sep)) throw new WasiError(E.NOTCAPABLE);
    return { full, root };
  }

  #writeFilestat(ptr, st) {
    const v = this.#view;
    v.setBigUint64(ptr, BigInt(st.dev), true);
    v.setBigUint64(ptr + 8, BigInt(st.ino), true);
    v.setUint8(ptr + 16, filetypeOf(st));
    v.setBigUint64(ptr + 24, BigInt(st.nlink), true);
    v.setBigUint64(ptr + 32, BigInt(st.size), true);
    v.setBigUint64(ptr + 40, BigInt(Math.round(st.atimeMs * 1e6)), true);
    v.setBigUint64(ptr + 48, BigInt(Math.round(st.mtimeMs * 1e6)), true);
    v.setBigUint64(ptr + 56, BigInt(Math.round(st.ctimeMs * 1e6)), true);
  }

  #iovs(iovs, n) {
    const v = this.#view, out = [];
    for (let i = 0; i < n; i++) {
      const p = v.getUint32(iovs + 8 * i, true), l = v.getUint32(iovs + 8 * i + 4, true);
      out.push([p, l]);
    }
    return out;
  }

  #makeImports() {
    const self = this;
    // wrap: every function returns an errno; exceptions become errnos
    const wrap = (fn) => (...a) => {
      try { return fn(...a) ?? E.SUCCESS; } catch (e) { return hostErrno(e); }
    };
    const imp = {
      args_sizes_get: wrap((argcPtr, bufSizePtr) => {
        const v = self.#view;
        v.setUint32(argcPtr, self.args.length, true);
        v.setUint32(bufSizePtr, self.args.reduce((s, a) => s + self.enc.encode(a).length + 1, 0), true);
      }),
      args_get: wrap((argvPtr, bufPtr) => self.#putStrings(self.args, argvPtr, bufPtr)),
      environ_sizes_get: wrap((countPtr, bufSizePtr) => {
        const v = self.#view;
        v.setUint32(countPtr, self.env.length, true);
        v.setUint32(bufSizePtr, self.env.reduce((s, a) => s + self.enc.encode(a).length + 1, 0), true);
      }),
      environ_get: wrap((envPtr, bufPtr) => self.#putStrings(self.env, envPtr, bufPtr)),
      clock_res_get: wrap((id, resPtr) => {
        if (id > 3) return E.INVAL;
        self.#view.setBigUint64(resPtr, 1000n, true);
      }),
      clock_time_get: wrap((id, _precision, timePtr) => {
        let t;
        if (id === 0) t = BigInt(Date.now()) * 1000000n + (process.hrtime.bigint() % 1000000n); // realtime
        else if (id === 1) t = process.hrtime.bigint(); // monotonic
        else if (id === 2 || id === 3) t = BigInt(Math.round(process.cpuUsage().user * 1000)); // cputime
        else return E.INVAL;
        self.#view.setBigUint64(timePtr, t, true);
      }),
      random_get: wrap((buf, len) => {
        // deterministic is fine (and preferable) for benchmarks
        const b = self.#bytes;
        let x = 0x2545f491;
        for (let i = 0; i < len; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[buf + i] = x & 0xff; }
      }),
      sched_yield: wrap(() => E.SUCCESS),
      proc_exit: (code) => { throw new ProcExit(code); },
      proc_raise: wrap(() => E.NOSYS),

      fd_write: wrap((fd, iovs, n, nwrittenPtr) => {
        const f = self.#fd(fd);
        if (f.kind === 'dir') return E.ISDIR;
        let total = 0;
        const mem = self.memory.buffer;
        const list = self.#iovs(iovs, n);
        if (f.kind === 'file' && f.append) f.pos = BigInt(fs.fstatSync(f.host).size);
        for (const [p, l] of list) {
          let off = 0;
          while (off < l) {
            const pos = f.kind === 'file' ? Number(f.pos) : null;
            const w = writeAll(f.host, new Uint8Array(mem, p + off, l - off), pos);
            off += w; total += w;
            if (f.kind === 'file') f.pos += BigInt(w);
          }
        }
        self.#view.setUint32(nwrittenPtr, total, true);
      }),
      fd_pwrite: wrap((fd, iovs, n, offset, nwrittenPtr) => {
        const f = self.#fd(fd);
        if (f.kind !== 'file') return E.SPIPE;
        let total = 0, pos = Number(offset);
        for (const [p, l] of self.#iovs(iovs, n)) {
          const w = fs.writeSync(f.host, new Uint8Array(self.memory.buffer, p, l), 0, l, pos);
          total += w; pos += w;
        }
        self.#view.setUint32(nwrittenPtr, total, true);
      }),
      fd_read: wrap((fd, iovs, n, nreadPtr) => {
        const f = self.#fd(fd);
        if (f.kind === 'dir') return E.ISDIR;
        let total = 0;
        for (const [p, l] of self.#iovs(iovs, n)) {
          if (l === 0) continue;
          const pos = f.kind === 'file' ? Number(f.pos) : null;
          const r = readSome(f.host, new Uint8Array(self.memory.buffer, p, l), pos);
          total += r;
          if (f.kind === 'file') f.pos += BigInt(r);
          if (r < l) break;
        }
        self.#view.setUint32(nreadPtr, total, true);
      }),
      fd_pread: wrap((fd, iovs, n, offset, nreadPtr) => {
        const f = self.#fd(fd);
        if (f.kind !== 'file') return E.SPIPE;
        let total = 0, pos = Number(offset);
        for (const [p, l] of self.#iovs(iovs, n)) {
          const r = fs.readSync(f.host, new Uint8Array(self.memory.buffer, p, l), 0, l, pos);
          total += r; pos += r;
          if (r < l) break;
        }
        self.#view.setUint32(nreadPtr, total, true);
      }),
      fd_seek: wrap((fd, offset, whence, newOffsetPtr) => {
        const f = self.#fd(fd);
        if (f.kind !== 'file') return E.SPIPE;
        let base;
        if (whence === 0) base = 0n;
        else if (whence === 1) base = f.pos;
        else if (whence === 2) base = BigInt(fs.fstatSync(f.host).size);
        else return E.INVAL;
        const np = base + BigInt(offset);
        if (np < 0n) return E.INVAL;
        f.pos = np;
        self.#view.setBigUint64(newOffsetPtr, np, true);
      }),
      fd_tell: wrap((fd, offPtr) => {
        const f = self.#fd(fd);
        if (f.kind !== 'file') return E.SPIPE;
        self.#view.setBigUint64(offPtr, f.pos, true);
      }),
      fd_close: wrap((fd) => {
        const f = self.#fd(fd);
        if (f.kind === 'file') fs.closeSync(f.host);
        if (f.preopen) return E.BADF; // keep pre-opens alive
        self.fds.delete(fd);
      }),
      fd_sync: wrap((fd) => { const f = self.#fd(fd); if (f.kind === 'file') fs.fsyncSync(f.host); }),
      fd_datasync: wrap((fd) => { const f = self.#fd(fd); if (f.kind === 'file') fs.fdatasyncSync(f.host); }),
      fd_advise: wrap((fd) => { self.#fd(fd); }),
      fd_allocate: wrap((fd, offset, len) => {
        const f = self.#fd(fd);
        if (f.kind !== 'file') return E.BADF;
        const want = Number(offset) + Number(len);
        if (fs.fstatSync(f.host).size < want) fs.ftruncateSync(f.host, want);
      }),
      fd_fdstat_get: wrap((fd, statPtr) => {
        const f = self.#fd(fd);
        const v = self.#view;
        let type, rights = RIGHTS_ALL;
        if (f.kind === 'dir') type = FILETYPE.DIRECTORY;
        else {
          const st = fs.fstatSync(f.host);
          type = filetypeOf(st);
          if (f.kind === 'stdio') {
            // wasi-libc's isatty(): a character device without seek/tell rights
            if (type === FILETYPE.CHARACTER_DEVICE) rights &= ~(RIGHT_FD_SEEK | RIGHT_FD_TELL);
            if (!st.isFile()) rights &= ~(RIGHT_FD_SEEK | RIGHT_FD_TELL);
          }
        }
        v.setUint8(statPtr, type);
        v.setUint16(statPtr + 2, f.append ? FDFLAGS.APPEND : 0, true);
        v.setBigUint64(statPtr + 8, rights, true);
        v.setBigUint64(statPtr + 16, RIGHTS_ALL, true);
      }),
      fd_fdstat_set_flags: wrap((fd, flags) => {
        const f = self.#fd(fd);
        f.append = (flags & FDFLAGS.APPEND) !== 0;
      }),
      fd_fdstat_set_rights: wrap((fd) => { self.#fd(fd); }),
      fd_filestat_get: wrap((fd, bufPtr) => {
        const f = self.#fd(fd);
        const st = f.kind === 'dir' ? fs.statSync(f.hostPath) : fs.fstatSync(f.host);
        self.#writeFilestat(bufPtr, st);
      }),
      fd_filestat_set_size: wrap((fd, size) => {
        const f = self.#fd(fd);
        if (f.kind !== 'file') return E.BADF;
        fs.ftruncateSync(f.host, Number(size));
      }),
      fd_filestat_set_times: wrap((fd, atim, mtim, flags) => {
        const f = self.#fd(fd);
        if (f.kind !== 'file') return E.BADF;
        const now = Date.now() / 1000;
        const a = flags & 2 ? now : flags & 1 ? Number(atim) / 1e9 : fs.fstatSync(f.host).atimeMs / 1000;
        const m = flags & 8 ? now : flags & 4 ? Number(mtim) / 1e9 : fs.fstatSync(f.host).mtimeMs / 1000;
        fs.futimesSync(f.host, a, m);
      }),
      fd_prestat_get: wrap((fd, bufPtr) => {
        const f = self.fds.get(fd);
        if (!f || !f.preopen) return E.BADF;
        const v = self.#view;
        v.setUint8(bufPtr, 0);
        v.setUint32(bufPtr + 4, self.enc.encode(f.guestPath).length, true);
      }),
      fd_prestat_dir_name: wrap((fd, pathPtr, len) => {
        const f = self.fds.get(fd);
        if (!f || !f.preopen) return E.BADF;
        const b = self.enc.encode(f.guestPath);
        if (len < b.length) return E.NAMETOOLONG;
        self.#bytes.set(b, pathPtr);
      }),
      fd_readdir: wrap((fd, buf, bufLen, cookie, bufUsedPtr) => {
        const f = self.#fd(fd);
        if (f.kind !== 'dir') return E.NOTDIR;
        const names = ['.', '..', ...fs.readdirSync(f.hostPath).sort()];
        const v = self.#view, bytes = self.#bytes;
        let used = 0;
        for (let i = Number(cookie); i < names.length && used < bufLen; i++) {
          const nameBytes = self.enc.encode(names[i]);
          let st;
          try { st = fs.lstatSync(path.join(f.hostPath, names[i])); } catch { continue; }
          const ent = new Uint8Array(24 + nameBytes.length);
          const dv = new DataView(ent.buffer);
          dv.setBigUint64(0, BigInt(i + 1), true);
          dv.setBigUint64(8, BigInt(st.ino), true);
          dv.setUint32(16, nameBytes.length, true);
          dv.setUint8(20, filetypeOf(st));
          ent.set(nameBytes, 24);
          const n = Math.min(ent.length, bufLen - used);
          bytes.set(ent.subarray(0, n), buf + used);
          used += n;
        }
        v.setUint32(bufUsedPtr, used, true);
      }),
      fd_renumber: wrap((from, to) => {
        const f = self.#fd(from);
        const g = self.#fd(to);
        if (g.kind === 'file') fs.closeSync(g.host);
        self.fds.set(to, f);
        self.fds.delete(from);
      }),

      path_open: wrap((dirfd, _dirflags, pathPtr, pathLen, oflags, rightsBase, _rightsInh, fdflags, fdPtr) => {
        const { full, root } = self.#resolve(dirfd, pathPtr, pathLen);
        let st = null;
        try { st = fs.statSync(full); } catch (e) { if (e.code !== 'ENOENT') throw e; }
        if (st && (oflags & OFLAGS.CREAT) && (oflags & OFLAGS.EXCL)) return E.EXIST;
        if ((oflags & OFLAGS.DIRECTORY) && (!st || !st.isDirectory())) return st ? E.NOTDIR : E.NOENT;
        let entry;
        if (st && st.isDirectory()) {
          if (oflags & (OFLAGS.CREAT | OFLAGS.TRUNC)) return E.ISDIR;
          entry = { kind: 'dir', hostPath: full, root };
        } else {
          const rb = BigInt(rightsBase);
          const wantW = (rb & (RIGHT_FD_WRITE | (1n << 22n) /* fd_filestat_set_size */)) !== 0n;
          const wantR = (rb & RIGHT_FD_READ) !== 0n;
          const C = fs.constants;
          let flags = wantW && wantR ? C.O_RDWR : wantW ? C.O_WRONLY : C.O_RDONLY;
          if (oflags & OFLAGS.CREAT) flags |= C.O_CREAT;
          if (oflags & OFLAGS.EXCL) flags |= C.O_EXCL;
          if (oflags & OFLAGS.TRUNC) flags |= C.O_TRUNC;
          const host = fs.openSync(full, flags, 0o644);
          entry = { kind: 'file', host, hostPath: full, pos: 0n, append: (fdflags & FDFLAGS.APPEND) !== 0 };
        }
        const fd = self.nextFd++;
        self.fds.set(fd, entry);
        self.#view.setUint32(fdPtr, fd, true);
      }),
      path_filestat_get: wrap((dirfd, flags, pathPtr, pathLen, bufPtr) => {
        const { full } = self.#resolve(dirfd, pathPtr, pathLen);
        const st = flags & 1 ? fs.statSync(full) : fs.lstatSync(full);
        self.#writeFilestat(bufPtr, st);
      }),
      path_filestat_set_times: wrap((dirfd, _flags, pathPtr, pathLen, atim, mtim, fstFlags) => {
        const { full } = self.#resolve(dirfd, pathPtr, pathLen);
        const st = fs.statSync(full);
        const now = Date.now() / 1000;
        const a = fstFlags & 2 ? now : fstFlags & 1 ? Number(atim) / 1e9 : st.atimeMs / 1000;
        const m = fstFlags & 8 ? now : fstFlags & 4 ? Number(mtim) / 1e9 : st.mtimeMs / 1000;
        fs.utimesSync(full, a, m);
      }),
      path_create_directory: wrap((dirfd, pathPtr, pathLen) => {
        fs.mkdirSync(self.#resolve(dirfd, pathPtr, pathLen).full);
      }),
      path_remove_directory: wrap((dirfd, pathPtr, pathLen) => {
        fs.rmdirSync(self.#resolve(dirfd, pathPtr, pathLen).full);
      }),
      path_unlink_file: wrap((dirfd, pathPtr, pathLen) => {
        const { full } = self.#resolve(dirfd, pathPtr, pathLen);
        if (fs.lstatSync(full).isDirectory()) return E.ISDIR;
        fs.unlinkSync(full);
      }),
      path_rename: wrap((fd, oldPtr, oldLen, newFd, newPtr, newLen) => {
        fs.renameSync(self.#resolve(fd, oldPtr, oldLen).full, self.#resolve(newFd, newPtr, newLen).full);
      }),
      path_readlink: wrap((dirfd, pathPtr, pathLen, buf, bufLen, usedPtr) => {
        const { full } = self.#resolve(dirfd, pathPtr, pathLen);
        const target = self.enc.encode(fs.readlinkSync(full));
        const n = Math.min(target.length, bufLen);
        self.#bytes.set(target.subarray(0, n), buf);
        self.#view.setUint32(usedPtr, n, true);
      }),
      path_symlink: wrap(() => E.NOSYS),
      path_link: wrap(() => E.NOSYS),

      poll_oneoff: wrap((inPtr, outPtr, nsubs, neventsPtr) => {
        // Only clock subscriptions are supported: sleep for the shortest one.
        const v = self.#view;
        let minNs = null, events = 0;
        for (let i = 0; i < nsubs; i++) {
          const s = inPtr + 48 * i;
          const tag = v.getUint8(s + 8);
          if (tag !== 0) return E.NOTSUP;
          const clockId = v.getUint32(s + 16, true);
          let timeout = v.getBigUint64(s + 24, true);
          const flags = v.getUint16(s + 40, true);
          if (flags & 1) { // absolute
            const now = clockId === 0 ? BigInt(Date.now()) * 1000000n : process.hrtime.bigint();
            timeout = timeout > now ? timeout - now : 0n;
          }
          if (minNs === null || timeout < minNs) minNs = timeout;
        }
        if (minNs !== null && minNs > 0n) {
          const ms = Number(minNs / 1000000n);
          if (ms > 0) sleepMs(ms);
        }
        for (let i = 0; i < nsubs; i++) {
          const s = inPtr + 48 * i, o = outPtr + 32 * events;
          v.setBigUint64(o, v.getBigUint64(s, true), true); // userdata
          v.setUint16(o + 8, 0, true); // error
          v.setUint8(o + 10, 0); // type clock
          events++;
        }
        v.setUint32(neventsPtr, events, true);
      }),
      sock_accept: wrap(() => E.NOSYS),
      sock_recv: wrap(() => E.NOSYS),
      sock_send: wrap(() => E.NOSYS),
      sock_shutdown: wrap(() => E.NOSYS),
    };
    return imp;
  }

  #putStrings(list, ptrsPtr, bufPtr) {
    const v = this.#view, b = this.#bytes;
    let p = bufPtr;
    list.forEach((s, i) => {
      const e = this.enc.encode(s);
      v.setUint32(ptrsPtr + 4 * i, p, true);
      b.set(e, p);
      b[p + e.length] = 0;
      p += e.length + 1;
    });
  }

  // An import object for WebAssembly.instantiate; unknown WASI functions
  // resolve to ENOSYS stubs (and say so on stderr once).
  getImportObject(module) {
    const ns = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind !== 'function') continue;
      if (imp.module !== 'wasi_snapshot_preview1') {
        throw new Error(`unsupported import ${imp.module}.${imp.name}`);
      }
      if (!this.wasiImport[imp.name]) {
        const name = imp.name;
        this.wasiImport[name] = () => {
          process.stderr.write(`wasi-shim: ${name} not implemented\n`);
          return E.NOSYS;
        };
      }
    }
    return { wasi_snapshot_preview1: this.wasiImport };
  }
}
