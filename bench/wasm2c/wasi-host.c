/* A minimal WASI preview1 host for wasm2c (wabt 1.0.32) output, plus main(),
 * written for the wasmc benchmark suite.
 *
 * Build (the harness does this):
 *   wasm2c prog.wasm -n bench -o bench.c
 *   clang-19 -O2 -I<dir of bench.h> -I<wasm2c runtime> -DW2C_HEADER='"bench.h"' \
 *       bench.c wasm-rt-impl.c wasi-host.c -lm -o prog
 *
 * Run:   prog [--dir HOST::GUEST]... [--env K=V]... [--] [args...]
 *
 * Memory is checked with guard pages (wabt's default on 64-bit hosts:
 * WASM_RT_MEMCHECK_SIGNAL_HANDLER=1). A trap prints "wasm trap: <reason>" and
 * exits with 134; proc_exit(n) exits with n.
 *
 * Implements the WASI calls that the benchmark kernels and the SQLite shell
 * import: args, environ, clocks, random, stdio, proc_exit, poll_oneoff (clock
 * sleeps), and file-system calls beneath pre-opened directories. Guest paths
 * are checked lexically (no absolute paths, no ".." above the pre-opened
 * root); this is a benchmark host, not a hardened sandbox.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "wasm-rt.h"
#include "wasm-rt-impl.h"

#ifndef W2C_HEADER
#error "define W2C_HEADER as the wasm2c-generated header, e.g. -DW2C_HEADER='\"bench.h\"'"
#endif
#include W2C_HEADER

/* The generated code passes this to every WASI import. */
struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *mem;
};

/* ---- errno ---- */
enum {
  W_SUCCESS = 0, W_ACCES = 2, W_AGAIN = 6, W_BADF = 8, W_EXIST = 20, W_FAULT = 21, W_FBIG = 22,
  W_INVAL = 28, W_IO = 29, W_ISDIR = 31, W_LOOP = 32, W_MFILE = 33, W_NAMETOOLONG = 37,
  W_NOENT = 44, W_NOMEM = 48, W_NOSPC = 51, W_NOSYS = 52, W_NOTDIR = 54, W_NOTEMPTY = 55,
  W_NOTSUP = 58, W_PERM = 63, W_PIPE = 64, W_ROFS = 69, W_SPIPE = 70, W_XDEV = 75,
  W_NOTCAPABLE = 76
};

static u32 werr(int e) {
  switch (e) {
    case 0: return W_SUCCESS;
    case EACCES: return W_ACCES;
    case EAGAIN: return W_AGAIN;
    case EBADF: return W_BADF;
    case EEXIST: return W_EXIST;
    case EFAULT: return W_FAULT;
    case EFBIG: return W_FBIG;
    case EINVAL: return W_INVAL;
    case EISDIR: return W_ISDIR;
    case ELOOP: return W_LOOP;
    case EMFILE: return W_MFILE;
    case ENAMETOOLONG: return W_NAMETOOLONG;
    case ENOENT: return W_NOENT;
    case ENOMEM: return W_NOMEM;
    case ENOSPC: return W_NOSPC;
    case ENOSYS: return W_NOSYS;
    case ENOTDIR: return W_NOTDIR;
    case ENOTEMPTY: return W_NOTEMPTY;
    case EOPNOTSUPP: return W_NOTSUP;
    case EPERM: return W_PERM;
    case EPIPE: return W_PIPE;
    case EROFS: return W_ROFS;
    case ESPIPE: return W_SPIPE;
    case EXDEV: return W_XDEV;
    default: return W_IO;
  }
}

/* ---- guest memory ---- */
#define MEM(inst) ((inst)->mem->data)
static int in_bounds(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u64 len) {
  return (u64)ptr + len <= (u64)w->mem->size;
}
#define CHECK(ptr, len) do { if (!in_bounds(w, (ptr), (len))) return W_FAULT; } while (0)
static void put_u8(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p, uint8_t v) { MEM(w)[p] = v; }
static void put_u16(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p, uint16_t v) { memcpy(MEM(w) + p, &v, 2); }
static void put_u32(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p, uint32_t v) { memcpy(MEM(w) + p, &v, 4); }
static void put_u64(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p, uint64_t v) { memcpy(MEM(w) + p, &v, 8); }
static uint32_t get_u32(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p) { uint32_t v; memcpy(&v, MEM(w) + p, 4); return v; }
static uint64_t get_u64(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p) { uint64_t v; memcpy(&v, MEM(w) + p, 8); return v; }
static uint16_t get_u16(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p) { uint16_t v; memcpy(&v, MEM(w) + p, 2); return v; }

/* ---- process state ---- */
static int g_argc;
static char **g_argv;
static int g_envc;
static char *g_env[256];

#define MAXFD 1024
typedef struct {
  int used;
  int host;        /* host file descriptor */
  int is_dir;
  int preopen;
  const char *guest; /* pre-open name */
  int depth_root;  /* unused: paths are resolved relative to host fd */
} fdent;
static fdent g_fds[MAXFD];

static fdent *getfd(u32 fd) {
  if (fd >= MAXFD || !g_fds[fd].used) return NULL;
  return &g_fds[fd];
}
static int newfd(void) {
  for (int i = 3; i < MAXFD; i++)
    if (!g_fds[i].used) return i;
  return -1;
}

/* Copy a guest path into a NUL-terminated host string, rejecting absolute
 * paths and ".." components that climb above the directory. */
static u32 guest_path(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u32 len, char *out, size_t outsz) {
  CHECK(ptr, len);
  if (len + 1 > outsz) return W_NAMETOOLONG;
  memcpy(out, MEM(w) + ptr, len);
  out[len] = 0;
  if (memchr(out, 0, len)) return W_INVAL;
  if (out[0] == '/') return W_NOTCAPABLE;
  int depth = 0;
  const char *s = out;
  while (*s) {
    const char *e = strchr(s, '/');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    if (n == 2 && s[0] == '.' && s[1] == '.') { if (--depth < 0) return W_NOTCAPABLE; }
    else if (n > 0 && !(n == 1 && s[0] == '.')) depth++;
    s += n;
    if (*s == '/') s++;
  }
  if (len == 0) { out[0] = '.'; out[1] = 0; }
  return W_SUCCESS;
}

static uint8_t filetype_of(mode_t m) {
  if (S_ISREG(m)) return 4;
  if (S_ISDIR(m)) return 3;
  if (S_ISCHR(m)) return 2;
  if (S_ISBLK(m)) return 1;
  if (S_ISLNK(m)) return 7;
  if (S_ISSOCK(m)) return 6;
  return 0;
}

static uint64_t ts_ns(struct timespec t) { return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec; }

static void put_filestat(struct Z_wasi_snapshot_preview1_instance_t *w, u32 p, const struct stat *st) {
  put_u64(w, p, (uint64_t)st->st_dev);
  put_u64(w, p + 8, (uint64_t)st->st_ino);
  put_u8(w, p + 16, filetype_of(st->st_mode));
  memset(MEM(w) + p + 17, 0, 7);
  put_u64(w, p + 24, (uint64_t)st->st_nlink);
  put_u64(w, p + 32, (uint64_t)st->st_size);
  put_u64(w, p + 40, ts_ns(st->st_atim));
  put_u64(w, p + 48, ts_ns(st->st_mtim));
  put_u64(w, p + 56, ts_ns(st->st_ctim));
}

#define W struct Z_wasi_snapshot_preview1_instance_t *w
#define IMPORT(name) Z_wasi_snapshot_preview1Z_##name

/* ---- args / environ ---- */
static u32 put_strings(W, int n, char **list, u32 ptrs, u32 buf) {
  u32 total = 0;
  for (int i = 0; i < n; i++) total += (u32)strlen(list[i]) + 1;
  CHECK(ptrs, 4ull * (u32)n);
  CHECK(buf, total);
  u32 p = buf;
  for (int i = 0; i < n; i++) {
    size_t l = strlen(list[i]) + 1;
    put_u32(w, ptrs + 4 * (u32)i, p);
    memcpy(MEM(w) + p, list[i], l);
    p += (u32)l;
  }
  return W_SUCCESS;
}
static u32 put_sizes(W, int n, char **list, u32 countp, u32 sizep) {
  CHECK(countp, 4); CHECK(sizep, 4);
  u32 total = 0;
  for (int i = 0; i < n; i++) total += (u32)strlen(list[i]) + 1;
  put_u32(w, countp, (u32)n);
  put_u32(w, sizep, total);
  return W_SUCCESS;
}
u32 IMPORT(args_get)(W, u32 argv, u32 buf) { return put_strings(w, g_argc, g_argv, argv, buf); }
u32 IMPORT(args_sizes_get)(W, u32 c, u32 s) { return put_sizes(w, g_argc, g_argv, c, s); }
u32 IMPORT(environ_get)(W, u32 env, u32 buf) { return put_strings(w, g_envc, g_env, env, buf); }
u32 IMPORT(environ_sizes_get)(W, u32 c, u32 s) { return put_sizes(w, g_envc, g_env, c, s); }

/* ---- clocks, random, sched ---- */
static int host_clock(u32 id, clockid_t *out) {
  switch (id) {
    case 0: *out = CLOCK_REALTIME; return 1;
    case 1: *out = CLOCK_MONOTONIC; return 1;
    case 2: *out = CLOCK_PROCESS_CPUTIME_ID; return 1;
    case 3: *out = CLOCK_THREAD_CPUTIME_ID; return 1;
    default: return 0;
  }
}
u32 IMPORT(clock_res_get)(W, u32 id, u32 resp) {
  clockid_t c; struct timespec ts;
  if (!host_clock(id, &c)) return W_INVAL;
  CHECK(resp, 8);
  if (clock_getres(c, &ts)) return werr(errno);
  put_u64(w, resp, ts_ns(ts));
  return W_SUCCESS;
}
u32 IMPORT(clock_time_get)(W, u32 id, u64 precision, u32 timep) {
  (void)precision;
  clockid_t c; struct timespec ts;
  if (!host_clock(id, &c)) return W_INVAL;
  CHECK(timep, 8);
  if (clock_gettime(c, &ts)) return werr(errno);
  put_u64(w, timep, ts_ns(ts));
  return W_SUCCESS;
}
u32 IMPORT(random_get)(W, u32 buf, u32 len) {
  CHECK(buf, len);
  u32 done = 0;
  while (done < len) {
    ssize_t r = getrandom(MEM(w) + buf + done, len - done, 0);
    if (r < 0) { if (errno == EINTR) continue; return werr(errno); }
    done += (u32)r;
  }
  return W_SUCCESS;
}
u32 IMPORT(sched_yield)(W) { (void)w; return W_SUCCESS; }
void IMPORT(proc_exit)(W, u32 code) { (void)w; exit((int)code); }
u32 IMPORT(proc_raise)(W, u32 sig) { (void)w; (void)sig; return W_NOSYS; }

/* ---- fd calls ---- */
#define IOV_MAX_LOCAL 64
static u32 load_iovs(W, u32 iovs, u32 n, struct iovec *out) {
  if (n > IOV_MAX_LOCAL) n = IOV_MAX_LOCAL;
  CHECK(iovs, 8ull * n);
  for (u32 i = 0; i < n; i++) {
    u32 p = get_u32(w, iovs + 8 * i), l = get_u32(w, iovs + 8 * i + 4);
    if (!in_bounds(w, p, l)) return W_FAULT;
    out[i].iov_base = MEM(w) + p;
    out[i].iov_len = l;
  }
  return W_SUCCESS;
}

/* fd_read, fd_write, fd_pread, fd_pwrite: `positioned` uses `off` and leaves the position. */
static u32 vectored_io(W, u32 fd, u32 iovs, u32 n, int positioned, u64 off, u32 result,
                       int writing) {
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  if (!positioned && f->is_dir) return W_ISDIR;
  struct iovec iov[IOV_MAX_LOCAL];
  u32 e = load_iovs(w, iovs, n, iov);
  if (e) return e;
  CHECK(result, 4);
  if (n > IOV_MAX_LOCAL) n = IOV_MAX_LOCAL;
  ssize_t r;
  if (positioned)
    r = writing ? pwritev(f->host, iov, (int)n, (off_t)off) : preadv(f->host, iov, (int)n, (off_t)off);
  else
    do r = writing ? writev(f->host, iov, (int)n) : readv(f->host, iov, (int)n);
    while (r < 0 && errno == EINTR);
  if (r < 0) return werr(errno);
  put_u32(w, result, (u32)r);
  return W_SUCCESS;
}
u32 IMPORT(fd_write)(W, u32 fd, u32 iovs, u32 n, u32 nwritten) {
  return vectored_io(w, fd, iovs, n, 0, 0, nwritten, 1);
}
u32 IMPORT(fd_pwrite)(W, u32 fd, u32 iovs, u32 n, u64 off, u32 nwritten) {
  return vectored_io(w, fd, iovs, n, 1, off, nwritten, 1);
}
u32 IMPORT(fd_read)(W, u32 fd, u32 iovs, u32 n, u32 nread) {
  return vectored_io(w, fd, iovs, n, 0, 0, nread, 0);
}
u32 IMPORT(fd_pread)(W, u32 fd, u32 iovs, u32 n, u64 off, u32 nread) {
  return vectored_io(w, fd, iovs, n, 1, off, nread, 0);
}
u32 IMPORT(fd_seek)(W, u32 fd, u64 off, u32 whence, u32 newoff) {
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  if (f->is_dir) return W_BADF;
  int wh = whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : whence == 2 ? SEEK_END : -1;
  if (wh < 0) return W_INVAL;
  CHECK(newoff, 8);
  off_t r = lseek(f->host, (off_t)(int64_t)off, wh);
  if (r < 0) return werr(errno);
  put_u64(w, newoff, (uint64_t)r);
  return W_SUCCESS;
}
u32 IMPORT(fd_tell)(W, u32 fd, u32 offp) {
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  CHECK(offp, 8);
  off_t r = lseek(f->host, 0, SEEK_CUR);
  if (r < 0) return werr(errno);
  put_u64(w, offp, (uint64_t)r);
  return W_SUCCESS;
}
u32 IMPORT(fd_close)(W, u32 fd) {
  (void)w;
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  if (f->preopen) return W_BADF;
  if (fd > 2) close(f->host);
  f->used = 0;
  return W_SUCCESS;
}
u32 IMPORT(fd_sync)(W, u32 fd) { (void)w; fdent *f = getfd(fd); if (!f) return W_BADF; return fsync(f->host) ? werr(errno) : 0; }
u32 IMPORT(fd_datasync)(W, u32 fd) { (void)w; fdent *f = getfd(fd); if (!f) return W_BADF; return fdatasync(f->host) ? werr(errno) : 0; }
u32 IMPORT(fd_advise)(W, u32 fd, u64 off, u64 len, u32 advice) {
  (void)w; (void)off; (void)len; (void)advice;
  return getfd(fd) ? W_SUCCESS : W_BADF;
}
u32 IMPORT(fd_allocate)(W, u32 fd, u64 off, u64 len) {
  (void)w;
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  struct stat st;
  if (fstat(f->host, &st)) return werr(errno);
  if ((u64)st.st_size < off + len && ftruncate(f->host, (off_t)(off + len))) return werr(errno);
  return W_SUCCESS;
}
u32 IMPORT(fd_fdstat_get)(W, u32 fd, u32 p) {
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  CHECK(p, 24);
  struct stat st;
  if (fstat(f->host, &st)) return werr(errno);
  uint64_t rights = 0x1fffffffull;
  uint8_t type = filetype_of(st.st_mode);
  if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) rights &= ~((1ull << 2) | (1ull << 5)); /* no seek/tell */
  int fl = fcntl(f->host, F_GETFL);
  uint16_t flags = (fl >= 0 && (fl & O_APPEND)) ? 1 : 0;
  memset(MEM(w) + p, 0, 24);
  put_u8(w, p, type);
  put_u16(w, p + 2, flags);
  put_u64(w, p + 8, rights);
  put_u64(w, p + 16, 0x1fffffffull);
  return W_SUCCESS;
}
u32 IMPORT(fd_fdstat_set_flags)(W, u32 fd, u32 flags) {
  (void)w;
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  int fl = fcntl(f->host, F_GETFL);
  if (fl < 0) return werr(errno);
  fl = (flags & 1) ? (fl | O_APPEND) : (fl & ~O_APPEND);
  fl = (flags & 4) ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
  return fcntl(f->host, F_SETFL, fl) ? werr(errno) : W_SUCCESS;
}
u32 IMPORT(fd_fdstat_set_rights)(W, u32 fd, u64 a, u64 b) { (void)w; (void)a; (void)b; return getfd(fd) ? 0 : W_BADF; }
u32 IMPORT(fd_filestat_get)(W, u32 fd, u32 p) {
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  CHECK(p, 64);
  struct stat st;
  if (fstat(f->host, &st)) return werr(errno);
  put_filestat(w, p, &st);
  return W_SUCCESS;
}
u32 IMPORT(fd_filestat_set_size)(W, u32 fd, u64 size) {
  (void)w;
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  return ftruncate(f->host, (off_t)size) ? werr(errno) : W_SUCCESS;
}
static void to_times(u64 atim, u64 mtim, u32 fst, struct timespec ts[2]) {
  ts[0].tv_sec = (time_t)(atim / 1000000000ull); ts[0].tv_nsec = (long)(atim % 1000000000ull);
  ts[1].tv_sec = (time_t)(mtim / 1000000000ull); ts[1].tv_nsec = (long)(mtim % 1000000000ull);
  if (fst & 2) ts[0].tv_nsec = UTIME_NOW; else if (!(fst & 1)) ts[0].tv_nsec = UTIME_OMIT;
  if (fst & 8) ts[1].tv_nsec = UTIME_NOW; else if (!(fst & 4)) ts[1].tv_nsec = UTIME_OMIT;
}
u32 IMPORT(fd_filestat_set_times)(W, u32 fd, u64 atim, u64 mtim, u32 fst) {
  (void)w;
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  struct timespec ts[2];
  to_times(atim, mtim, fst, ts);
  return futimens(f->host, ts) ? werr(errno) : W_SUCCESS;
}
u32 IMPORT(fd_prestat_get)(W, u32 fd, u32 p) {
  fdent *f = getfd(fd);
  if (!f || !f->preopen) return W_BADF;
  CHECK(p, 8);
  put_u32(w, p, 0);
  put_u32(w, p + 4, (u32)strlen(f->guest));
  return W_SUCCESS;
}
u32 IMPORT(fd_prestat_dir_name)(W, u32 fd, u32 p, u32 len) {
  fdent *f = getfd(fd);
  if (!f || !f->preopen) return W_BADF;
  size_t l = strlen(f->guest);
  if (len < l) return W_NAMETOOLONG;
  CHECK(p, l);
  memcpy(MEM(w) + p, f->guest, l);
  return W_SUCCESS;
}
u32 IMPORT(fd_readdir)(W, u32 fd, u32 buf, u32 len, u64 cookie, u32 usedp) {
  fdent *f = getfd(fd);
  if (!f) return W_BADF;
  if (!f->is_dir) return W_NOTDIR;
  CHECK(buf, len); CHECK(usedp, 4);
  int d = dup(f->host);
  if (d < 0) return werr(errno);
  DIR *dir = fdopendir(d);
  if (!dir) { close(d); return werr(errno); }
  rewinddir(dir);
  u64 idx = 0;
  u32 used = 0;
  struct dirent *de;
  while ((de = readdir(dir)) != NULL && used < len) {
    idx++;
    if (idx <= cookie) continue;
    uint8_t ent[24];
    size_t nl = strlen(de->d_name);
    uint64_t next = idx, ino = de->d_ino;
    uint32_t namlen = (uint32_t)nl;
    memcpy(ent, &next, 8); memcpy(ent + 8, &ino, 8); memcpy(ent + 16, &namlen, 4);
    memset(ent + 20, 0, 4);
    ent[20] = de->d_type == DT_DIR ? 3 : de->d_type == DT_REG ? 4 : de->d_type == DT_LNK ? 7 :
              de->d_type == DT_CHR ? 2 : de->d_type == DT_BLK ? 1 : de->d_type == DT_SOCK ? 6 : 0;
    u32 n = len - used < 24 ? len - used : 24;
    memcpy(MEM(w) + buf + used, ent, n); used += n;
    n = len - used < nl ? len - used : (u32)nl;
    memcpy(MEM(w) + buf + used, de->d_name, n); used += n;
  }
  closedir(dir);
  put_u32(w, usedp, used);
  return W_SUCCESS;
}
u32 IMPORT(fd_renumber)(W, u32 from, u32 to) {
  (void)w;
  fdent *f = getfd(from), *t = getfd(to);
  if (!f || !t || t->preopen) return W_BADF;
  if (to > 2) close(t->host);
  *t = *f;
  f->used = 0;
  return W_SUCCESS;
}

/* ---- path calls ---- */
#define PATHBUF 4096
#define DIRFD_AND_PATH(dirfd, ptr, len)            \
  fdent *d = getfd(dirfd);                         \
  if (!d) return W_BADF;                           \
  if (!d->is_dir) return W_NOTDIR;                 \
  char path[PATHBUF];                              \
  { u32 e_ = guest_path(w, ptr, len, path, sizeof path); if (e_) return e_; }

u32 IMPORT(path_open)(W, u32 dirfd, u32 dirflags, u32 ptr, u32 len, u32 oflags, u64 rights, u64 inh,
                      u32 fdflags, u32 fdp) {
  (void)inh;
  DIRFD_AND_PATH(dirfd, ptr, len);
  CHECK(fdp, 4);
  int wantw = (rights & ((1ull << 6) | (1ull << 22))) != 0; /* fd_write, fd_filestat_set_size */
  int wantr = (rights & (1ull << 1)) != 0 || !wantw;
  int fl = wantw && wantr ? O_RDWR : wantw ? O_WRONLY : O_RDONLY;
  if (oflags & 1) fl |= O_CREAT;
  if (oflags & 2) fl |= O_DIRECTORY;
  if (oflags & 4) fl |= O_EXCL;
  if (oflags & 8) fl |= O_TRUNC;
  if (fdflags & 1) fl |= O_APPEND;
  if (fdflags & 4) fl |= O_NONBLOCK;
  if (!(dirflags & 1)) fl |= O_NOFOLLOW;
  fl |= O_CLOEXEC;
  int h = openat(d->host, path, fl, 0644);
  if (h < 0 && errno == EISDIR && !(oflags & (1 | 8))) h = openat(d->host, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (h < 0) return werr(errno);
  struct stat st;
  fstat(h, &st);
  int nfd = newfd();
  if (nfd < 0) { close(h); return W_MFILE; }
  g_fds[nfd] = (fdent){.used = 1, .host = h, .is_dir = S_ISDIR(st.st_mode)};
  put_u32(w, fdp, (u32)nfd);
  return W_SUCCESS;
}
u32 IMPORT(path_filestat_get)(W, u32 dirfd, u32 flags, u32 ptr, u32 len, u32 p) {
  DIRFD_AND_PATH(dirfd, ptr, len);
  CHECK(p, 64);
  struct stat st;
  if (fstatat(d->host, path, &st, (flags & 1) ? 0 : AT_SYMLINK_NOFOLLOW)) return werr(errno);
  put_filestat(w, p, &st);
  return W_SUCCESS;
}
u32 IMPORT(path_filestat_set_times)(W, u32 dirfd, u32 flags, u32 ptr, u32 len, u64 atim, u64 mtim, u32 fst) {
  DIRFD_AND_PATH(dirfd, ptr, len);
  struct timespec ts[2];
  to_times(atim, mtim, fst, ts);
  return utimensat(d->host, path, ts, (flags & 1) ? 0 : AT_SYMLINK_NOFOLLOW) ? werr(errno) : W_SUCCESS;
}
u32 IMPORT(path_create_directory)(W, u32 dirfd, u32 ptr, u32 len) {
  DIRFD_AND_PATH(dirfd, ptr, len);
  return mkdirat(d->host, path, 0755) ? werr(errno) : W_SUCCESS;
}
u32 IMPORT(path_remove_directory)(W, u32 dirfd, u32 ptr, u32 len) {
  DIRFD_AND_PATH(dirfd, ptr, len);
  return unlinkat(d->host, path, AT_REMOVEDIR) ? werr(errno) : W_SUCCESS;
}
u32 IMPORT(path_unlink_file)(W, u32 dirfd, u32 ptr, u32 len) {
  DIRFD_AND_PATH(dirfd, ptr, len);
  return unlinkat(d->host, path, 0) ? werr(errno) : W_SUCCESS;
}
u32 IMPORT(path_readlink)(W, u32 dirfd, u32 ptr, u32 len, u32 buf, u32 buflen, u32 usedp) {
  DIRFD_AND_PATH(dirfd, ptr, len);
  CHECK(buf, buflen); CHECK(usedp, 4);
  ssize_t r = readlinkat(d->host, path, (char *)MEM(w) + buf, buflen);
  if (r < 0) return werr(errno);
  put_u32(w, usedp, (u32)r);
  return W_SUCCESS;
}
u32 IMPORT(path_rename)(W, u32 fd, u32 ptr, u32 len, u32 nfd, u32 nptr, u32 nlen) {
  DIRFD_AND_PATH(fd, ptr, len);
  fdent *d2 = getfd(nfd);
  if (!d2) return W_BADF;
  char path2[PATHBUF];
  u32 e = guest_path(w, nptr, nlen, path2, sizeof path2);
  if (e) return e;
  return renameat(d->host, path, d2->host, path2) ? werr(errno) : W_SUCCESS;
}
u32 IMPORT(path_symlink)(W, u32 a, u32 b, u32 fd, u32 c, u32 e) { (void)w; (void)a; (void)b; (void)fd; (void)c; (void)e; return W_NOSYS; }
u32 IMPORT(path_link)(W, u32 a, u32 b, u32 c, u32 d, u32 e, u32 f, u32 g) {
  (void)w; (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g;
  return W_NOSYS;
}

/* ---- poll_oneoff: clock subscriptions only ---- */
u32 IMPORT(poll_oneoff)(W, u32 in, u32 out, u32 nsubs, u32 neventsp) {
  CHECK(in, 48ull * nsubs); CHECK(out, 32ull * nsubs); CHECK(neventsp, 4);
  uint64_t min_ns = UINT64_MAX;
  for (u32 i = 0; i < nsubs; i++) {
    u32 s = in + 48 * i;
    if (MEM(w)[s + 8] != 0) return W_NOTSUP;
    u32 clk = get_u32(w, s + 16);
    uint64_t t = get_u64(w, s + 24);
    uint16_t flags = get_u16(w, s + 40);
    if (flags & 1) {
      clockid_t c; struct timespec now;
      if (!host_clock(clk, &c)) return W_INVAL;
      clock_gettime(c, &now);
      uint64_t n = ts_ns(now);
      t = t > n ? t - n : 0;
    }
    if (t < min_ns) min_ns = t;
  }
  if (min_ns != UINT64_MAX && min_ns > 0) {
    struct timespec ts = {(time_t)(min_ns / 1000000000ull), (long)(min_ns % 1000000000ull)};
    while (nanosleep(&ts, &ts) && errno == EINTR) {}
  }
  for (u32 i = 0; i < nsubs; i++) {
    u32 o = out + 32 * i;
    memset(MEM(w) + o, 0, 32);
    put_u64(w, o, get_u64(w, in + 48 * i));
  }
  put_u32(w, neventsp, nsubs);
  return W_SUCCESS;
}

#undef W

/* ---- main ---- */
static void usage(const char *argv0) {
  fprintf(stderr, "usage: %s [--dir HOST::GUEST]... [--env K=V]... [--] [args...]\n", argv0);
  exit(2);
}

int main(int argc, char **argv) {
  for (int i = 0; i < 3; i++) g_fds[i] = (fdent){.used = 1, .host = i};
  int nextfd = 3;
  int i = 1;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) { i++; break; }
    if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
      char *spec = argv[++i];
      char *sep = strstr(spec, "::");
      const char *guest = spec;
      if (sep) { *sep = 0; guest = sep + 2; }
      int h = open(spec, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (h < 0) { fprintf(stderr, "cannot open directory %s: %s\n", spec, strerror(errno)); return 2; }
      g_fds[nextfd++] = (fdent){.used = 1, .host = h, .is_dir = 1, .preopen = 1, .guest = guest};
    } else if (strcmp(argv[i], "--env") == 0 && i + 1 < argc) {
      if (g_envc < 255) g_env[g_envc++] = argv[++i];
    } else if (strncmp(argv[i], "--", 2) == 0) {
      usage(argv[0]);
    } else {
      break;
    }
  }
  /* guest argv: program name, then the remaining arguments */
  g_argc = argc - i + 1;
  g_argv = (char **)calloc((size_t)g_argc + 1, sizeof(char *));
  const char *base = strrchr(argv[0], '/');
  g_argv[0] = (char *)(base ? base + 1 : argv[0]);
  for (int k = 1; k < g_argc; k++) g_argv[k] = argv[i + k - 1];

  wasm_rt_init();
  Z_bench_init_module();
  static Z_bench_instance_t inst;
  static struct Z_wasi_snapshot_preview1_instance_t wasi;
  Z_bench_instantiate(&inst, &wasi);
  wasi.mem = Z_benchZ_memory(&inst);
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fflush(stdout);
    fprintf(stderr, "wasm trap: %s\n", wasm_rt_strerror(trap));
    return 134;
  }
  Z_benchZ__start(&inst);
  return 0;
}
