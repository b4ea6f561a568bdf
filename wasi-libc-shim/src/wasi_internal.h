/* Private to the WASI shim: the context, the descriptor table, guest-memory access, the path
 * resolver and the WASI constants (numbering as in the preview1 witx, which differs from the
 * host's). No C++ standard library: the shim is linked into every executable wasmc produces. */
#ifndef WASMC_WASI_INTERNAL_H
#define WASMC_WASI_INTERNAL_H

#include "wasmc/wasi.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the WASI shim stores guest values in host byte order, which must be little-endian"
#endif

namespace wasmc_wasi {

/* ---- errno (witx `errno`, u16) ---- */
enum : int32_t {
  E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_ADDRINUSE = 3, E_ADDRNOTAVAIL = 4, E_AFNOSUPPORT = 5,
  E_AGAIN = 6, E_ALREADY = 7, E_BADF = 8, E_BADMSG = 9, E_BUSY = 10, E_CANCELED = 11,
  E_CHILD = 12, E_CONNABORTED = 13, E_CONNREFUSED = 14, E_CONNRESET = 15, E_DEADLK = 16,
  E_DESTADDRREQ = 17, E_DOM = 18, E_DQUOT = 19, E_EXIST = 20, E_FAULT = 21, E_FBIG = 22,
  E_HOSTUNREACH = 23, E_IDRM = 24, E_ILSEQ = 25, E_INPROGRESS = 26, E_INTR = 27, E_INVAL = 28,
  E_IO = 29, E_ISCONN = 30, E_ISDIR = 31, E_LOOP = 32, E_MFILE = 33, E_MLINK = 34,
  E_MSGSIZE = 35, E_MULTIHOP = 36, E_NAMETOOLONG = 37, E_NETDOWN = 38, E_NETRESET = 39,
  E_NETUNREACH = 40, E_NFILE = 41, E_NOBUFS = 42, E_NODEV = 43, E_NOENT = 44, E_NOEXEC = 45,
  E_NOLCK = 46, E_NOLINK = 47, E_NOMEM = 48, E_NOMSG = 49, E_NOPROTOOPT = 50, E_NOSPC = 51,
  E_NOSYS = 52, E_NOTCONN = 53, E_NOTDIR = 54, E_NOTEMPTY = 55, E_NOTRECOVERABLE = 56,
  E_NOTSOCK = 57, E_NOTSUP = 58, E_NOTTY = 59, E_NXIO = 60, E_OVERFLOW = 61, E_OWNERDEAD = 62,
  E_PERM = 63, E_PIPE = 64, E_PROTO = 65, E_PROTONOSUPPORT = 66, E_PROTOTYPE = 67, E_RANGE = 68,
  E_ROFS = 69, E_SPIPE = 70, E_SRCH = 71, E_STALE = 72, E_TIMEDOUT = 73, E_TXTBSY = 74,
  E_XDEV = 75, E_NOTCAPABLE = 76
};

/* What a path that would leave its directory (absolute, `..` past the root, a symlink that
 * does either) gets, and a symlink with an absolute target. Wasmtime reports EPERM; the
 * preview1 tests (interesting_paths) accept only EPERM, the newer wasi-testsuite EPERM or
 * ENOTCAPABLE. */
constexpr int32_t E_ESCAPE = E_PERM;

/* Host errno -> WASI errno. */
int32_t map_errno(int host_errno);
inline int32_t last_error() { return map_errno(errno); }

/* ---- rights (witx `rights`, u64) ---- */
constexpr uint64_t R_FD_DATASYNC = 1ull << 0;
constexpr uint64_t R_FD_READ = 1ull << 1;
constexpr uint64_t R_FD_SEEK = 1ull << 2;
constexpr uint64_t R_FD_FDSTAT_SET_FLAGS = 1ull << 3;
constexpr uint64_t R_FD_SYNC = 1ull << 4;
constexpr uint64_t R_FD_TELL = 1ull << 5;
constexpr uint64_t R_FD_WRITE = 1ull << 6;
constexpr uint64_t R_FD_ADVISE = 1ull << 7;
constexpr uint64_t R_FD_ALLOCATE = 1ull << 8;
constexpr uint64_t R_PATH_CREATE_DIRECTORY = 1ull << 9;
constexpr uint64_t R_PATH_CREATE_FILE = 1ull << 10;
constexpr uint64_t R_PATH_LINK_SOURCE = 1ull << 11;
constexpr uint64_t R_PATH_LINK_TARGET = 1ull << 12;
constexpr uint64_t R_PATH_OPEN = 1ull << 13;
constexpr uint64_t R_FD_READDIR = 1ull << 14;
constexpr uint64_t R_PATH_READLINK = 1ull << 15;
constexpr uint64_t R_PATH_RENAME_SOURCE = 1ull << 16;
constexpr uint64_t R_PATH_RENAME_TARGET = 1ull << 17;
constexpr uint64_t R_PATH_FILESTAT_GET = 1ull << 18;
constexpr uint64_t R_PATH_FILESTAT_SET_SIZE = 1ull << 19;
constexpr uint64_t R_PATH_FILESTAT_SET_TIMES = 1ull << 20;
constexpr uint64_t R_FD_FILESTAT_GET = 1ull << 21;
constexpr uint64_t R_FD_FILESTAT_SET_SIZE = 1ull << 22;
constexpr uint64_t R_FD_FILESTAT_SET_TIMES = 1ull << 23;
constexpr uint64_t R_PATH_SYMLINK = 1ull << 24;
constexpr uint64_t R_PATH_REMOVE_DIRECTORY = 1ull << 25;
constexpr uint64_t R_PATH_UNLINK_FILE = 1ull << 26;
constexpr uint64_t R_POLL_FD_READWRITE = 1ull << 27;
constexpr uint64_t R_SOCK_SHUTDOWN = 1ull << 28;
constexpr uint64_t R_SOCK_ACCEPT = 1ull << 29;
constexpr uint64_t R_ALL = (1ull << 30) - 1;

/* The rights that mean something for each kind of descriptor; a descriptor never holds more. */
constexpr uint64_t RIGHTS_REGULAR_FILE =
    R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_TELL |
    R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE |
    R_FD_FILESTAT_SET_TIMES | R_POLL_FD_READWRITE;
/* Directories have none of the rights of the descriptor's data (read, write, seek, sync, flags,
 * size): those operations fail on them with EBADF, as in Wasmtime (dir_fd_op_failures). */
constexpr uint64_t RIGHTS_DIRECTORY =
    R_PATH_CREATE_DIRECTORY |
    R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR |
    R_PATH_READLINK | R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |
    R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET |
    R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE;
constexpr uint64_t RIGHTS_DIRECTORY_INHERITING = RIGHTS_DIRECTORY | RIGHTS_REGULAR_FILE;
/* Terminals: no seek/tell, which is how wasi-libc's isatty() recognises them. Other character
 * devices (/dev/null) also get RIGHTS_SEEKABLE_DEVICE, so that isatty() is false for them. */
constexpr uint64_t RIGHTS_CHARACTER_DEVICE = R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS |
                                             R_FD_FILESTAT_GET | R_POLL_FD_READWRITE;
constexpr uint64_t RIGHTS_SEEKABLE_DEVICE = R_FD_SEEK | R_FD_TELL;
/* The rights of a host character device: a terminal's, or also seek/tell for the others. */
inline uint64_t character_device_rights(int host) {
  return RIGHTS_CHARACTER_DEVICE | (isatty(host) ? 0 : RIGHTS_SEEKABLE_DEVICE);
}
/* The rights that need a descriptor opened for writing, and for reading. */
constexpr uint64_t RIGHTS_WRITE_ACCESS =
    R_FD_WRITE | R_FD_DATASYNC | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE;
constexpr uint64_t RIGHTS_READ_ACCESS = R_FD_READ | R_FD_READDIR;
/* What a file not opened for writing loses: the write rights except fd_datasync, which works
 * (and is allowed) on a read-only descriptor. */
constexpr uint64_t RIGHTS_LOST_WITHOUT_WRITE = RIGHTS_WRITE_ACCESS & ~R_FD_DATASYNC;
constexpr uint64_t RIGHTS_SOCKET = R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS |
                                   R_FD_FILESTAT_GET | R_POLL_FD_READWRITE | R_SOCK_SHUTDOWN;
constexpr uint64_t RIGHTS_LISTENING_SOCKET = RIGHTS_SOCKET | R_SOCK_ACCEPT;

/* ---- other witx enums and flags ---- */
enum : uint8_t {
  FT_UNKNOWN = 0, FT_BLOCK_DEVICE = 1, FT_CHARACTER_DEVICE = 2, FT_DIRECTORY = 3,
  FT_REGULAR_FILE = 4, FT_SOCKET_DGRAM = 5, FT_SOCKET_STREAM = 6, FT_SYMBOLIC_LINK = 7
};
enum : uint16_t {
  FDFLAG_APPEND = 1, FDFLAG_DSYNC = 2, FDFLAG_NONBLOCK = 4, FDFLAG_RSYNC = 8, FDFLAG_SYNC = 16,
  FDFLAG_ALL = 31
};
enum : uint16_t { OFLAG_CREAT = 1, OFLAG_DIRECTORY = 2, OFLAG_EXCL = 4, OFLAG_TRUNC = 8, OFLAG_ALL = 15 };
enum : uint32_t { LOOKUP_SYMLINK_FOLLOW = 1 };
enum : uint16_t { FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8, FST_ALL = 15 };
enum : uint8_t { WHENCE_SET = 0, WHENCE_CUR = 1, WHENCE_END = 2 };
enum : uint32_t {
  CLOCK_ID_REALTIME = 0, CLOCK_ID_MONOTONIC = 1, CLOCK_ID_PROCESS_CPUTIME = 2,
  CLOCK_ID_THREAD_CPUTIME = 3
};
enum : uint8_t { EVENT_CLOCK = 0, EVENT_FD_READ = 1, EVENT_FD_WRITE = 2 };
enum : uint16_t { EVENTRW_HANGUP = 1 };
enum : uint16_t { SUBCLOCK_ABSTIME = 1 };
enum : uint16_t { RIFLAG_RECV_PEEK = 1, RIFLAG_RECV_WAITALL = 2 };
enum : uint16_t { ROFLAG_RECV_DATA_TRUNCATED = 1 };
enum : uint8_t { SDFLAG_RD = 1, SDFLAG_WR = 2 };

/* Limits that keep what a guest passes from turning into large host work. */
/* Paths of MAX_PATH_LEN bytes or more: ENAMETOOLONG, as on Linux, whose PATH_MAX (4096)
 * counts the terminating NUL. */
constexpr uint32_t MAX_PATH_LEN = 4096;
constexpr uint32_t MAX_SYMLINKS = 32;      /* expansions per resolution, then ELOOP */
constexpr uint32_t MAX_IOVS = 1024;        /* IOV_MAX: iovecs past it are not transferred */
constexpr uint32_t MAX_POLL_SUBSCRIPTIONS = 65536; /* more: EINVAL */
constexpr uint32_t MAX_FDS = 1u << 20;     /* table size limit: EMFILE */

/* ---- the context ---- */

/* A directory listing taken when fd_readdir starts at cookie 0; cookies index it. */
struct DirSnapshot {
  struct Entry {
    uint64_t ino;
    uint32_t name_offset;
    uint32_t name_len;
    uint8_t type;
  };
  uint32_t count;
  Entry *entries;
  char *names;
};

enum FdKind : uint8_t { KIND_FILE, KIND_DIRECTORY, KIND_SOCKET, KIND_LISTENER };

/* What a call needs to know of an open descriptor; a lookup copies it under the context's lock.
 * host, kind, filetype, stdio and shared never change; fdflags and the rights change only under
 * the lock (fd_fdstat_set_flags, fd_fdstat_set_rights). */
struct FdAttrs {
  int host;           /* host descriptor, -1 for a missing stdio descriptor */
  FdKind kind;
  uint8_t filetype;   /* FT_* as reported by fd_fdstat_get */
  bool stdio;         /* one of the host's stdio descriptors (filestat reports no times) */
  /* The open file description is shared with the host (stdio, granted sockets): its flags are
   * never changed; fdflags APPEND and NONBLOCK are emulated for the program (wasi_io.cpp). */
  bool shared;
  uint16_t fdflags;   /* as opened / last set */
  uint64_t rights_base;
  uint64_t rights_inheriting;
};

/* An open descriptor: what a table slot refers to, and what the calls in flight on it hold a
 * reference to. Its host descriptor is closed (when owned) when the last reference goes, so a
 * call always acts on the descriptor it looked up, even if another thread closes or renumbers
 * the guest number meanwhile and the host gives the number to a new descriptor. */
struct OpenFd {
  FdAttrs attrs;      /* see FdAttrs for what changes, and how */
  bool owned;         /* host is closed with the last reference (not stdio) */
  char *preopen_name; /* guest name of a pre-opened directory, else NULL; never changes */
  uint32_t preopen_name_len;
  DirSnapshot *snapshot; /* fd_readdir's listing; changed and read under the context's lock */
  uint64_t refs;      /* the table's (while in a slot) and the lookups'; atomic */
};

/* What a lookup requires of the descriptor besides existing (E_BADF otherwise). */
enum FdWant : uint8_t {
  /* Any kind; lacking one of the rights is E_BADF, as POSIX reports a read from a write-only
   * descriptor and as Wasmtime reports every operation on a descriptor of the wrong kind. */
  WANT_ANY,
  WANT_DIRECTORY, /* else E_NOTDIR; lacking a right: E_NOTCAPABLE */
  WANT_SOCKET     /* else E_NOTSOCK; lacking a right: E_NOTCAPABLE */
};

/* Drops a reference to an open descriptor (NULL: nothing); the last one closes and frees it. */
void fd_unref(OpenFd *file);

/* A reference to an open descriptor, with its attributes as a lookup found them (`ref->host`,
 * `ref->rights_base`); dropped by the destructor. */
class FdRef {
public:
  FdRef() = default;
  ~FdRef() { fd_unref(file_); }
  FdRef(const FdRef &) = delete;
  FdRef &operator=(const FdRef &) = delete;
  const FdAttrs *operator->() const { return &attrs_; }
  const FdAttrs &attrs() const { return attrs_; }
  /* The object itself: its changing state is read and changed under the context's lock. */
  OpenFd *file() const { return file_; }
  /* Hands the reference to the caller, who drops it with fd_unref. */
  OpenFd *release() {
    OpenFd *f = file_;
    file_ = nullptr;
    return f;
  }

private:
  friend int32_t fd_lookup(wasmc_wasi_ctx *, int32_t, uint64_t, FdRef *, FdWant);
  OpenFd *file_ = nullptr;
  FdAttrs attrs_ = {};
};

}  // namespace wasmc_wasi

struct wasmc_wasi_ctx {
  uint32_t argc;
  uint32_t args_size; /* bytes of the NUL-terminated strings */
  char *args;         /* the strings, one after another */
  uint32_t envc;
  uint32_t env_size;
  char *env;
  /* The descriptor table, shared by the threads of a wasi-threads program: a slot per guest
   * number, NULL when free, else the table's reference to an OpenFd. `lock` serialises every
   * access to the slots, and the changes of an OpenFd's fdflags, rights and readdir snapshot.
   * A lookup checks rights and takes a reference under the lock; the host descriptor is then
   * used outside it (a read may block for ever) through that reference, which keeps it open:
   * fd_close and fd_renumber only detach the object from its slot and drop the table's
   * reference, so a call in flight never acts on a host number the host has reused. */
  wasmc_wasi::OpenFd **fds; /* storage for MAX_FDS slots, reserved up front */
  uint32_t num_fds; /* slots used so far; the slots past the highest used one are free */
  pthread_mutex_t lock;
};

namespace wasmc_wasi {

/* The caller's context; an instance without one gets an empty context (no args, no fds). */
wasmc_wasi_ctx *context_of(wasmc_instance *caller);

/* Holds a context's lock for a scope. */
class ContextLock {
public:
  explicit ContextLock(wasmc_wasi_ctx *ctx) : ctx_(ctx) { pthread_mutex_lock(&ctx_->lock); }
  ~ContextLock() { pthread_mutex_unlock(&ctx_->lock); }
  ContextLock(const ContextLock &) = delete;
  ContextLock &operator=(const ContextLock &) = delete;

private:
  wasmc_wasi_ctx *ctx_;
};

/* The object in a guest number's slot, or NULL (EBADF); the caller holds ctx->lock, and the
 * pointer is the table's, good only while the lock is held. */
inline OpenFd *fd_get_locked(wasmc_wasi_ctx *ctx, int32_t fd) {
  uint32_t index = (uint32_t)fd;
  return index < ctx->num_fds ? ctx->fds[index] : nullptr;
}

/* The one lookup: under the lock, checks that guest descriptor fd is there, of the kind wanted
 * and holds all of `rights`, and gives *out a reference to it with its attributes. */
int32_t fd_lookup(wasmc_wasi_ctx *ctx, int32_t fd, uint64_t rights, FdRef *out,
                  FdWant want = WANT_ANY);

/* Installs a new open descriptor with `attrs` at the lowest free guest number (stored in
 * *index). It takes over host (closed on failure when owned) and preopen_name (malloc'd or
 * NULL): E_MFILE if the table is full, E_NOMEM. Takes the lock. */
int32_t fd_install(wasmc_wasi_ctx *ctx, const FdAttrs &attrs, bool owned, char *preopen_name,
                   uint32_t *index);
/* Empties a slot (E_BADF if it was); the table's reference is dropped after the lock. */
int32_t fd_detach(wasmc_wasi_ctx *ctx, int32_t fd);
void snapshot_free(DirSnapshot *snapshot);

/* WASI filetype of a host mode / descriptor. */
uint8_t filetype_of_mode(mode_t mode);
uint8_t filetype_of_fd(int host, const struct stat *st);

/* ---- guest memory ---- */

struct Memory {
  uint8_t *base = nullptr;
  uint64_t size = 0;
};

/* The caller's memory 0; false if it has none. A shared memory may grow on another thread
 * meanwhile: the size read here (acquire, as the runtime publishes it) is the one checked
 * against, and memories never shrink. */
inline bool memory_of(wasmc_instance *caller, Memory *out) {
  if (!caller || !caller->memory_base || !caller->memories || !caller->memories[0]) return false;
  out->base = caller->memory_base;
  out->size = __atomic_load_n(&caller->memories[0]->size, __ATOMIC_ACQUIRE);
  return true;
}

/* The host address of guest bytes [ptr, ptr + len), or NULL if they are not all inside the
 * memory. ptr and len are 32-bit, so the sum cannot wrap in 64 bits. */
inline uint8_t *mem_range(const Memory &m, uint32_t ptr, uint64_t len) {
  if ((uint64_t)ptr + len > m.size) return nullptr;
  return m.base + ptr;
}

/* Loads from guest memory, which another thread may change at any time (a shared memory): the
 * empty asm makes the loaded value opaque, so the compiler can neither load it again where it
 * is used (a checked length must be the length used) nor assume two loads agree. An aligned
 * value is read by one load, so it never tears: a memcpy is byte loads on riscv64 (found by
 * racing_iovecs: a length changing from 1 to 0xfffffff0 was read as 0xf0). */
template <typename T> inline T load_once(const uint8_t *p) {
  T v;
  if (((uintptr_t)p & (sizeof(T) - 1)) == 0)
    v = __atomic_load_n(reinterpret_cast<const T *>(p), __ATOMIC_RELAXED);
  else
    memcpy(&v, p, sizeof v);
  __asm__ volatile("" : "+r"(v));
  return v;
}
inline uint32_t load_u32(const uint8_t *p) { return load_once<uint32_t>(p); }
inline uint64_t load_u64(const uint8_t *p) { return load_once<uint64_t>(p); }
inline uint16_t load_u16(const uint8_t *p) { return load_once<uint16_t>(p); }
inline void store_u8(uint8_t *p, uint8_t v) { *p = v; }
inline void store_u16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
inline void store_u32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
inline void store_u64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* Checks a guest (c)iovec array and every buffer it names (E_FAULT if any is outside memory)
 * and fills `out` with the first MAX_IOVS of them, trimmed so that the total stays below
 * 2^31 (the count returned to the guest is a u32). */
int32_t load_iovecs(const Memory &m, uint32_t iovs, uint32_t iovs_len, struct iovec *out,
                    int *out_count);

/* A path copied out of guest memory, NUL-terminated. */
typedef char PathBuffer[MAX_PATH_LEN];

/* Copies a guest string (a path) into `out`, then checks the copy: E_FAULT, E_NAMETOOLONG,
 * E_INVAL for an embedded NUL, E_ILSEQ for invalid UTF-8. */
int32_t load_path(const Memory &m, uint32_t ptr, uint32_t len, PathBuffer &out);

/* ---- I/O with the program's APPEND and NONBLOCK (wasi_io.cpp) ---- */

enum class Io : uint8_t { Read, Write };
constexpr int64_t AT_CURRENT_POSITION = -1;

/* One readv/writev (preadv/pwritev at `offset` >= 0) of msg's iovecs on e, or recvmsg/sendmsg
 * with `socket_flags` for a socket; *done gets the byte count. On a shared description, the
 * program's fdflags are emulated: NONBLOCK never waits (E_AGAIN), without it the call waits
 * even if the host's description is non-blocking, APPEND writes at the end of a file. */
int32_t transfer(const FdAttrs &e, Io io, struct msghdr *msg, int socket_flags, int64_t offset,
                 size_t *done);
/* For calls without a non-blocking variant (accept): E_AGAIN if the program made e
 * non-blocking and `events` (POLLIN, POLLOUT) are not ready on its shared description. */
int32_t refuse_if_would_block(const FdAttrs &e, short events);
/* After a host call on e failed with errno: true if it is to be made again (EINTR, or EAGAIN
 * from a shared description the program wants blocking, once `events` are ready). */
bool retry_after_error(const FdAttrs &e, short events);

/* ---- path resolution (wasi_path.cpp) ---- */

/* Expand a symlink in the final component. */
constexpr unsigned RESOLVE_FOLLOW = 1;
/* Keep a trailing slash on the returned name instead of treating it as "follow and require a
 * directory"; only for operations whose host call never follows the final component. */
constexpr unsigned RESOLVE_KEEP_SLASH = 2;

struct Resolved {
  int dir;        /* host directory holding the final component */
  bool dir_owned; /* opened during resolution; closed by resolved_release */
  bool trailing_slash;
  char name[260]; /* final component, "." for the directory itself */
};

/* Resolves `path` (NUL-terminated, as load_path produced it) beneath the directory `root`,
 * one component at a time with openat(O_NOFOLLOW) and readlinkat, never above `root`. */
int32_t resolve(int root, const char *path, unsigned flags, Resolved *out);
void resolved_release(Resolved *r);

/* Stat results in the two filestat layouts. */
void store_filestat(uint8_t *out, const struct stat *st, uint8_t filetype);          /* 64 bytes */
void store_filestat_unstable(uint8_t *out, const struct stat *st, uint8_t filetype); /* 56 bytes */

/* Builds the timespec pair of futimens/utimensat from WASI times and fstflags. */
int32_t make_times(uint64_t atim, uint64_t mtim, uint16_t fst_flags, struct timespec out[2]);

}  // namespace wasmc_wasi

#endif /* WASMC_WASI_INTERNAL_H */
