/* The WASI context: creation from a wasmc_wasi_config, the descriptor table, guest-memory
 * helpers shared by the functions, the host-to-WASI errno table and wasmc_wasi_lookup. */
#include "wasi_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wasmc_wasi {

int32_t map_errno(int e) {
  switch (e) {
  case 0: return E_SUCCESS;
  case E2BIG: return E_2BIG;
  case EACCES: return E_ACCES;
  case EADDRINUSE: return E_ADDRINUSE;
  case EADDRNOTAVAIL: return E_ADDRNOTAVAIL;
  case EAFNOSUPPORT: return E_AFNOSUPPORT;
  case EAGAIN: return E_AGAIN; /* == EWOULDBLOCK */
  case EALREADY: return E_ALREADY;
  case EBADF: return E_BADF;
  case EBADMSG: return E_BADMSG;
  case EBUSY: return E_BUSY;
  case ECANCELED: return E_CANCELED;
  case ECHILD: return E_CHILD;
  case ECONNABORTED: return E_CONNABORTED;
  case ECONNREFUSED: return E_CONNREFUSED;
  case ECONNRESET: return E_CONNRESET;
  case EDEADLK: return E_DEADLK; /* == EDEADLOCK */
  case EDESTADDRREQ: return E_DESTADDRREQ;
  case EDOM: return E_DOM;
  case EDQUOT: return E_DQUOT;
  case EEXIST: return E_EXIST;
  case EFAULT: return E_FAULT;
  case EFBIG: return E_FBIG;
  case EHOSTUNREACH: return E_HOSTUNREACH;
  case EHOSTDOWN: return E_HOSTUNREACH;
  case EIDRM: return E_IDRM;
  case EILSEQ: return E_ILSEQ;
  case EINPROGRESS: return E_INPROGRESS;
  case EINTR: return E_INTR;
  case EINVAL: return E_INVAL;
  case EIO: return E_IO;
  case EISCONN: return E_ISCONN;
  case EISDIR: return E_ISDIR;
  case ELOOP: return E_LOOP;
  case EMFILE: return E_MFILE;
  case EMLINK: return E_MLINK;
  case EMSGSIZE: return E_MSGSIZE;
  case EMULTIHOP: return E_MULTIHOP;
  case ENAMETOOLONG: return E_NAMETOOLONG;
  case ENETDOWN: return E_NETDOWN;
  case ENETRESET: return E_NETRESET;
  case ENETUNREACH: return E_NETUNREACH;
  case ENFILE: return E_NFILE;
  case ENOBUFS: return E_NOBUFS;
  case ENODEV: return E_NODEV;
  case ENOENT: return E_NOENT;
  case ENOEXEC: return E_NOEXEC;
  case ENOLCK: return E_NOLCK;
  case ENOLINK: return E_NOLINK;
  case ENOMEM: return E_NOMEM;
  case ENOMSG: return E_NOMSG;
  case ENOPROTOOPT: return E_NOPROTOOPT;
  case ENOSPC: return E_NOSPC;
  case ENOSYS: return E_NOSYS;
  case ENOTCONN: return E_NOTCONN;
  case ENOTDIR: return E_NOTDIR;
  case ENOTEMPTY: return E_NOTEMPTY;
  case ENOTRECOVERABLE: return E_NOTRECOVERABLE;
  case ENOTSOCK: return E_NOTSOCK;
  case ENOTSUP: return E_NOTSUP; /* == EOPNOTSUPP on Linux */
  case ENOTTY: return E_NOTTY;
  case ENXIO: return E_NXIO;
  case EOVERFLOW: return E_OVERFLOW;
  case EOWNERDEAD: return E_OWNERDEAD;
  case EPERM: return E_PERM;
  case EPIPE: return E_PIPE;
  case EPROTO: return E_PROTO;
  case EPROTONOSUPPORT: return E_PROTONOSUPPORT;
  case EPROTOTYPE: return E_PROTOTYPE;
  case ERANGE: return E_RANGE;
  case EROFS: return E_ROFS;
  case ESPIPE: return E_SPIPE;
  case ESRCH: return E_SRCH;
  case ESTALE: return E_STALE;
  case ETIMEDOUT: return E_TIMEDOUT;
  case ETXTBSY: return E_TXTBSY;
  case EXDEV: return E_XDEV;
  case ENOMEDIUM: return E_NODEV;
  case ENOTBLK: return E_NOTSUP;
  case ESOCKTNOSUPPORT: return E_NOTSUP;
  case EPFNOSUPPORT: return E_AFNOSUPPORT;
  case ETOOMANYREFS: return E_NOBUFS;
  case ESHUTDOWN: return E_PIPE;
  case ENONET: return E_NETUNREACH;
  case EREMOTEIO: return E_IO;
  case ENOKEY: case EKEYEXPIRED: case EKEYREVOKED: case EKEYREJECTED: return E_ACCES;
  case ENODATA: return E_NOMSG;
  case ETIME: return E_TIMEDOUT;
  default: return E_IO;
  }
}

/* Served to instances created without WASI. Zero-initialised: no descriptors, and a zeroed
 * mutex is an unlocked one (PTHREAD_MUTEX_INITIALIZER in glibc and musl). */
static wasmc_wasi_ctx empty_context;

wasmc_wasi_ctx *context_of(wasmc_instance *caller) {
  wasmc_wasi_ctx *ctx = caller ? (wasmc_wasi_ctx *)caller->wasi : nullptr;
  return ctx ? ctx : &empty_context;
}

int32_t fd_lookup(wasmc_wasi_ctx *ctx, int32_t fd, uint64_t rights, FdRef *out, FdWant want) {
  ContextLock lock(ctx);
  OpenFd *file = fd_get_locked(ctx, fd);
  if (!file) return E_BADF;
  const FdAttrs &a = file->attrs;
  int32_t lacking = E_NOTCAPABLE;
  switch (want) {
  case WANT_ANY: lacking = E_BADF; break;
  case WANT_DIRECTORY:
    if (a.kind != KIND_DIRECTORY) return E_NOTDIR;
    break;
  case WANT_SOCKET:
    if (a.kind != KIND_SOCKET && a.kind != KIND_LISTENER) return E_NOTSOCK;
    break;
  }
  if ((a.rights_base & rights) != rights) return lacking;
  __atomic_add_fetch(&file->refs, 1, __ATOMIC_RELAXED); /* the table's keeps it alive here */
  fd_unref(out->file_);
  out->file_ = file;
  out->attrs_ = a;
  return E_SUCCESS;
}

void fd_unref(OpenFd *file) {
  if (!file || __atomic_sub_fetch(&file->refs, 1, __ATOMIC_ACQ_REL) != 0) return;
  if (file->owned && file->attrs.host >= 0) close(file->attrs.host);
  free(file->preopen_name);
  snapshot_free(file->snapshot);
  free(file);
}

int32_t fd_install(wasmc_wasi_ctx *ctx, const FdAttrs &attrs, bool owned, char *preopen_name,
                   uint32_t *index) {
  OpenFd *file = (OpenFd *)calloc(1, sizeof(OpenFd));
  if (!file) {
    if (owned && attrs.host >= 0) close(attrs.host);
    free(preopen_name);
    return E_NOMEM;
  }
  file->attrs = attrs;
  file->owned = owned;
  file->preopen_name = preopen_name;
  file->preopen_name_len = preopen_name ? (uint32_t)strlen(preopen_name) : 0;
  file->refs = 1; /* the table's */
  {
    ContextLock lock(ctx);
    uint32_t i = 0;
    while (i < ctx->num_fds && ctx->fds[i]) i++;
    if (i < MAX_FDS) {
      if (i == ctx->num_fds) ctx->num_fds++; /* the storage is already there (fd_table_new) */
      ctx->fds[i] = file;
      *index = i;
      return E_SUCCESS;
    }
  }
  fd_unref(file); /* closes host */
  return E_MFILE;
}

int32_t fd_detach(wasmc_wasi_ctx *ctx, int32_t fd) {
  OpenFd *file;
  {
    ContextLock lock(ctx);
    file = fd_get_locked(ctx, fd);
    if (!file) return E_BADF;
    ctx->fds[(uint32_t)fd] = nullptr;
  }
  fd_unref(file);
  return E_SUCCESS;
}

/* Storage for MAX_FDS slots (wasmc_wasi_ctx::fds): address space only, its pages zero (free
 * slots) until used. */
static OpenFd **fd_table_new() {
  void *table = mmap(nullptr, MAX_FDS * sizeof(OpenFd *), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return table == MAP_FAILED ? nullptr : (OpenFd **)table;
}

void snapshot_free(DirSnapshot *snapshot) {
  if (!snapshot) return;
  free(snapshot->entries);
  free(snapshot->names);
  free(snapshot);
}

uint8_t filetype_of_mode(mode_t mode) {
  switch (mode & S_IFMT) {
  case S_IFREG: return FT_REGULAR_FILE;
  case S_IFDIR: return FT_DIRECTORY;
  case S_IFCHR: return FT_CHARACTER_DEVICE;
  case S_IFBLK: return FT_BLOCK_DEVICE;
  case S_IFLNK: return FT_SYMBOLIC_LINK;
  case S_IFSOCK: return FT_SOCKET_STREAM;
  default: return FT_UNKNOWN; /* FIFOs included, as Wasmtime reports them */
  }
}

uint8_t filetype_of_fd(int host, const struct stat *st) {
  if (S_ISSOCK(st->st_mode)) {
    int type = 0;
    socklen_t len = sizeof(type);
    if (getsockopt(host, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM)
      return FT_SOCKET_DGRAM;
    return FT_SOCKET_STREAM;
  }
  return filetype_of_mode(st->st_mode);
}

int32_t load_iovecs(const Memory &m, uint32_t iovs, uint32_t iovs_len, struct iovec *out,
                    int *out_count) {
  const uint8_t *array = mem_range(m, iovs, (uint64_t)iovs_len * 8);
  if (!array) return E_FAULT;
  const uint64_t limit = 0x7fffffffu;
  uint64_t total = 0;
  int count = 0;
  for (uint32_t i = 0; i < iovs_len; i++) {
    uint32_t buf = load_u32(array + 8 * (uint64_t)i);
    uint32_t len = load_u32(array + 8 * (uint64_t)i + 4);
    uint8_t *host = mem_range(m, buf, len);
    if (!host) return E_FAULT;
    if (count < (int)MAX_IOVS && total < limit) {
      uint64_t take = len;
      if (take > limit - total) take = limit - total;
      out[count].iov_base = host;
      out[count].iov_len = (size_t)take;
      total += take;
      count++;
    }
  }
  *out_count = count;
  return E_SUCCESS;
}

/* Strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF), as Wasmtime checks strings. */
static bool valid_utf8(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint8_t c = s[i];
    if (c < 0x80) { i++; continue; }
    size_t len;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) { len = 2; cp = c & 0x1f; }
    else if ((c & 0xf0) == 0xe0) { len = 3; cp = c & 0x0f; }
    else if ((c & 0xf8) == 0xf0) { len = 4; cp = c & 0x07; }
    else return false;
    if (n - i < len) return false;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += len;
  }
  return true;
}

int32_t load_path(const Memory &m, uint32_t ptr, uint32_t len, PathBuffer &out) {
  const uint8_t *p = mem_range(m, ptr, len);
  if (!p) return E_FAULT;
  if (len >= sizeof(out)) return E_NAMETOOLONG;
  memcpy(out, p, len);
  out[len] = 0;
  if (memchr(out, 0, len)) return E_INVAL;
  if (!valid_utf8((const uint8_t *)out, len)) return E_ILSEQ;
  return E_SUCCESS;
}

static uint64_t ns_of(const struct timespec &ts) {
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void store_filestat(uint8_t *out, const struct stat *st, uint8_t filetype) {
  memset(out, 0, 64);
  store_u64(out + 0, (uint64_t)st->st_dev);
  store_u64(out + 8, (uint64_t)st->st_ino);
  store_u8(out + 16, filetype);
  store_u64(out + 24, (uint64_t)st->st_nlink);
  store_u64(out + 32, (uint64_t)st->st_size);
  store_u64(out + 40, ns_of(st->st_atim));
  store_u64(out + 48, ns_of(st->st_mtim));
  store_u64(out + 56, ns_of(st->st_ctim));
}

void store_filestat_unstable(uint8_t *out, const struct stat *st, uint8_t filetype) {
  memset(out, 0, 56);
  store_u64(out + 0, (uint64_t)st->st_dev);
  store_u64(out + 8, (uint64_t)st->st_ino);
  store_u8(out + 16, filetype);
  uint64_t nlink = (uint64_t)st->st_nlink;
  store_u32(out + 20, nlink > 0xffffffffu ? 0xffffffffu : (uint32_t)nlink);
  store_u64(out + 24, (uint64_t)st->st_size);
  store_u64(out + 32, ns_of(st->st_atim));
  store_u64(out + 40, ns_of(st->st_mtim));
  store_u64(out + 48, ns_of(st->st_ctim));
}

static struct timespec timespec_of(uint64_t ns) {
  struct timespec ts;
  ts.tv_sec = (time_t)(ns / 1000000000ull);
  ts.tv_nsec = (long)(ns % 1000000000ull);
  return ts;
}

int32_t make_times(uint64_t atim, uint64_t mtim, uint16_t fst_flags, struct timespec out[2]) {
  if (fst_flags & ~FST_ALL) return E_INVAL;
  if ((fst_flags & FST_ATIM) && (fst_flags & FST_ATIM_NOW)) return E_INVAL;
  if ((fst_flags & FST_MTIM) && (fst_flags & FST_MTIM_NOW)) return E_INVAL;
  out[0].tv_sec = 0;
  out[0].tv_nsec = UTIME_OMIT;
  out[1] = out[0];
  if (fst_flags & FST_ATIM) out[0] = timespec_of(atim);
  if (fst_flags & FST_ATIM_NOW) out[0].tv_nsec = UTIME_NOW;
  if (fst_flags & FST_MTIM) out[1] = timespec_of(mtim);
  if (fst_flags & FST_MTIM_NOW) out[1].tv_nsec = UTIME_NOW;
  return E_SUCCESS;
}

/* Copies n strings into one buffer of NUL-terminated strings. */
static bool copy_strings(int n, const char *const *strings, uint32_t *count, uint32_t *size,
                         char **buffer) {
  uint64_t total = 0;
  for (int i = 0; i < n; i++) total += strlen(strings[i]) + 1;
  if (total > 0xffffffffu || (uint64_t)n > 0x3fffffffu) return false;
  char *buf = (char *)malloc(total ? total : 1);
  if (!buf) return false;
  char *p = buf;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(strings[i]) + 1;
    memcpy(p, strings[i], len);
    p += len;
  }
  *count = (uint32_t)n;
  *size = (uint32_t)total;
  *buffer = buf;
  return true;
}

/* The attributes of a host descriptor given to the program (stdio, listening sockets). */
static bool attrs_for_host(int host, bool listener, FdAttrs *out) {
  struct stat st;
  if (fstat(host, &st) != 0) return false;
  memset(out, 0, sizeof(*out));
  out->host = host;
  out->shared = true;
  out->filetype = filetype_of_fd(host, &st);
  int fl = fcntl(host, F_GETFL);
  if (fl >= 0) {
    if (fl & O_APPEND) out->fdflags |= FDFLAG_APPEND;
    if (fl & O_NONBLOCK) out->fdflags |= FDFLAG_NONBLOCK;
    if ((fl & O_SYNC) == O_SYNC) out->fdflags |= FDFLAG_SYNC;
    else if (fl & O_DSYNC) out->fdflags |= FDFLAG_DSYNC;
  }
  switch (out->filetype) {
  case FT_DIRECTORY:
    /* A directory behind stdio (`exec 0</`) must not become a path capability. */
    out->kind = KIND_FILE;
    out->rights_base = 0;
    break;
  case FT_SOCKET_STREAM:
  case FT_SOCKET_DGRAM:
    out->kind = listener ? KIND_LISTENER : KIND_SOCKET;
    out->rights_base = listener ? RIGHTS_LISTENING_SOCKET : RIGHTS_SOCKET;
    out->rights_inheriting = RIGHTS_SOCKET;
    break;
  case FT_CHARACTER_DEVICE:
    out->kind = KIND_FILE;
    out->rights_base = character_device_rights(host);
    break;
  default:
    out->kind = KIND_FILE;
    out->rights_base = RIGHTS_REGULAR_FILE;
    break;
  }
  /* What the descriptor was opened for shows in its rights (wasi-libc's fcntl(F_GETFL)
   * derives O_RDONLY / O_WRONLY / O_RDWR from them). */
  if (fl >= 0 && out->kind != KIND_LISTENER) {
    const uint64_t write_rights =
        R_FD_WRITE | R_FD_DATASYNC | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE;
    if ((fl & O_ACCMODE) == O_RDONLY) out->rights_base &= ~write_rights;
    if ((fl & O_ACCMODE) == O_WRONLY) out->rights_base &= ~R_FD_READ;
  }
  return true;
}

}  // namespace wasmc_wasi

using namespace wasmc_wasi;

static void set_error(char *error, size_t size, const char *fmt, const char *a, const char *b) {
  if (error && size) snprintf(error, size, fmt, a, b);
}

extern "C" wasmc_wasi_ctx *wasmc_wasi_new(const wasmc_wasi_config *config, char *error,
                                          size_t error_size) {
  wasmc_wasi_ctx *ctx = (wasmc_wasi_ctx *)calloc(1, sizeof(wasmc_wasi_ctx));
  if (!ctx) {
    set_error(error, error_size, "%s%s", "out of memory", "");
    return nullptr;
  }
  pthread_mutex_init(&ctx->lock, nullptr);
  static const char *const no_strings[1] = {nullptr};
  int argc = config && config->argv ? config->argc : 0;
  int envc = config && config->env ? config->envc : 0;
  if (!copy_strings(argc, argc ? config->argv : no_strings, &ctx->argc, &ctx->args_size,
                    &ctx->args) ||
      !copy_strings(envc, envc ? config->env : no_strings, &ctx->envc, &ctx->env_size,
                    &ctx->env)) {
    set_error(error, error_size, "%s%s", "arguments or environment too large", "");
    wasmc_wasi_free(ctx);
    return nullptr;
  }

  /* 0, 1, 2: stdio, borrowed (fd_close forgets them, the host keeps them open). */
  int stdio[3] = {config ? config->stdin_fd : 0, config ? config->stdout_fd : 1,
                  config ? config->stderr_fd : 2};
  ctx->fds = fd_table_new();
  if (!ctx->fds) {
    set_error(error, error_size, "%s%s", "out of memory", "");
    wasmc_wasi_free(ctx);
    return nullptr;
  }
  /* A missing stdio descriptor gets a placeholder, freed at the end, so preopens start at 3. */
  bool missing[3] = {false, false, false};
  for (int i = 0; i < 3; i++) {
    FdAttrs a;
    missing[i] = !(stdio[i] >= 0 && attrs_for_host(stdio[i], false, &a));
    if (missing[i]) {
      memset(&a, 0, sizeof(a));
      a.host = -1;
      a.kind = KIND_FILE;
    }
    a.stdio = !missing[i];
    uint32_t index;
    if (fd_install(ctx, a, false, nullptr, &index)) {
      set_error(error, error_size, "%s%s", "out of memory", "");
      wasmc_wasi_free(ctx);
      return nullptr;
    }
  }

  int num_preopens = config ? config->num_preopens : 0;
  for (int i = 0; i < num_preopens; i++) {
    const wasmc_wasi_preopen &p = config->preopens[i];
    const char *guest = p.guest_path ? p.guest_path : p.host_path;
    if (!p.host_path || !guest) {
      set_error(error, error_size, "%s%s", "pre-opened directory without a path", "");
      wasmc_wasi_free(ctx);
      return nullptr;
    }
    int host = open(p.host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (host < 0) {
      set_error(error, error_size, "cannot open directory '%s': %s", p.host_path,
                strerror(errno));
      wasmc_wasi_free(ctx);
      return nullptr;
    }
    FdAttrs a;
    memset(&a, 0, sizeof(a));
    a.host = host;
    a.kind = KIND_DIRECTORY;
    a.filetype = FT_DIRECTORY;
    a.rights_base = RIGHTS_DIRECTORY;
    a.rights_inheriting = RIGHTS_DIRECTORY_INHERITING;
    size_t len = strlen(guest);
    char *name = len <= 0xffffffffu ? (char *)malloc(len + 1) : nullptr;
    if (name) memcpy(name, guest, len + 1);
    uint32_t index;
    if (!name || fd_install(ctx, a, true, name, &index)) {
      if (!name) close(host);
      set_error(error, error_size, "%s%s", "out of memory", "");
      wasmc_wasi_free(ctx);
      return nullptr;
    }
  }

  int num_listen = config ? config->num_listen_fds : 0;
  for (int i = 0; i < num_listen; i++) {
    int host = fcntl(config->listen_fds[i], F_DUPFD_CLOEXEC, 3);
    FdAttrs a;
    if (host < 0 || !attrs_for_host(host, true, &a) || a.kind != KIND_LISTENER) {
      if (host >= 0) close(host);
      char num[16];
      snprintf(num, sizeof(num), "%d", config->listen_fds[i]);
      set_error(error, error_size, "descriptor %s is not a socket%s", num, "");
      wasmc_wasi_free(ctx);
      return nullptr;
    }
    uint32_t index;
    if (fd_install(ctx, a, true, nullptr, &index)) {
      set_error(error, error_size, "%s%s", "out of memory", "");
      wasmc_wasi_free(ctx);
      return nullptr;
    }
  }
  for (int i = 0; i < 3; i++)
    if (missing[i]) fd_detach(ctx, i);
  return ctx;
}

extern "C" void wasmc_wasi_free(wasmc_wasi_ctx *ctx) {
  if (!ctx) return;
  if (ctx->fds) {
    for (uint32_t i = 0; i < ctx->num_fds; i++) fd_unref(ctx->fds[i]);
    munmap(ctx->fds, MAX_FDS * sizeof(OpenFd *));
  }
  pthread_mutex_destroy(&ctx->lock);
  free(ctx->args);
  free(ctx->env);
  free(ctx);
}

/* ---- wasmc_wasi_lookup: the table of wasi_functions.def with signatures parsed from the
 * stringified parameter lists, e.g. "(ctx, i32, i64)". ---- */

namespace {
struct FunctionRow {
  const char *module;
  const char *name;
  void *code;
  const char *result;
  const char *params;
};

const FunctionRow function_table[] = {
#define WASMC_WASI_FUNCTION(Module, Name, Impl, Result, Params) \
  {#Module, #Name, (void *)&wasmc_wasi_##Impl, #Result, #Params},
#include "wasmc/wasi_functions.def"
};

bool parse_type(const char *&p, uint8_t *out) {
  while (*p == ' ' || *p == ',' || *p == '(') p++;
  if (strncmp(p, "i32", 3) == 0) { *out = WASMC_TYPE_I32; p += 3; return true; }
  if (strncmp(p, "i64", 3) == 0) { *out = WASMC_TYPE_I64; p += 3; return true; }
  if (strncmp(p, "f32", 3) == 0) { *out = WASMC_TYPE_F32; p += 3; return true; }
  if (strncmp(p, "f64", 3) == 0) { *out = WASMC_TYPE_F64; p += 3; return true; }
  return false;
}
}  // namespace

extern "C" int wasmc_wasi_lookup(const char *module, const char *name,
                                 wasmc_wasi_function_info *out) {
  if (!module || !name) return 0;
  for (const FunctionRow &row : function_table) {
    if (strcmp(row.module, module) != 0 || strcmp(row.name, name) != 0) continue;
    wasmc_wasi_function_info info;
    memset(&info, 0, sizeof(info));
    info.code = row.code;
    const char *p = row.params;
    while (*p == '(' || *p == ' ') p++;
    if (strncmp(p, "ctx", 3) == 0) p += 3;
    uint8_t type;
    uint32_t n = 0;
    while (parse_type(p, &type)) {
      if (n >= sizeof(info.types)) return 0;
      info.types[n++] = type;
    }
    info.num_params = n;
    const char *r = row.result;
    if (parse_type(r, &type)) {
      if (n >= sizeof(info.types)) return 0;
      info.types[n] = type;
      info.num_results = 1;
    }
    if (out) *out = info;
    return 1;
  }
  return 0;
}
