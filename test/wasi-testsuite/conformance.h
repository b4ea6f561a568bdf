/* Shared by the C ports of the official WASI preview1 conformance tests (WebAssembly/
 * wasi-testsuite and Wasmtime's preview1 test programs): the helpers the upstream Rust tests
 * take from their support crates (`wasi_tests` in wasi-testsuite, `test_programs::preview1` in
 * Wasmtime), with the same behaviour, over wasi-libc's raw <wasi/api.h> calls.
 *
 * A failed check prints where and why to stderr and aborts (a trap), as a Rust panic does, so
 * the program's exit status is non-zero. The errno sets are the upstream ones:
 *   ASSERT_ERRNO(call, what, E1, E2, ...)    assert_errno!(call, E1, E2, ...)
 *   ASSERT_ERRNO_UNIX(call, what, U, ...)    assert_errno!(call, unix => U, <others>...): only U
 *                                            when ERRNO_MODE_UNIX (or _MACOS) is set, U or any
 *                                            of the others otherwise ("permissive"), exactly as
 *                                            the Rust macro expands.
 *   ASSERT_ERRNO_MACOS_UNIX(call, what, M, U, ...)   assert_errno!(call, macos => M,
 *                                            unix => U, ...): M under ERRNO_MODE_MACOS.
 * The test configuration comes from the environment as upstream's TestConfig::from_env:
 * ERRNO_MODE_UNIX / _MACOS / _WINDOWS, NO_DANGLING_FILESYSTEM, NO_RENAME_DIR_TO_EMPTY_DIR,
 * NO_FDFLAGS_SYNC_SUPPORT, FS_TIME_PRECISION. Wasmtime's harness sets ERRNO_MODE_UNIX=1 on
 * Linux; wasi-testsuite's sets nothing. */
#ifndef WASI_CONFORMANCE_H
#define WASI_CONFORMANCE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* ---- failing ---- */

static const char *errno_name(int e) {
  static const char *const names[] = {
      "SUCCESS", "2BIG", "ACCES", "ADDRINUSE", "ADDRNOTAVAIL", "AFNOSUPPORT", "AGAIN",
      "ALREADY", "BADF", "BADMSG", "BUSY", "CANCELED", "CHILD", "CONNABORTED", "CONNREFUSED",
      "CONNRESET", "DEADLK", "DESTADDRREQ", "DOM", "DQUOT", "EXIST", "FAULT", "FBIG",
      "HOSTUNREACH", "IDRM", "ILSEQ", "INPROGRESS", "INTR", "INVAL", "IO", "ISCONN", "ISDIR",
      "LOOP", "MFILE", "MLINK", "MSGSIZE", "MULTIHOP", "NAMETOOLONG", "NETDOWN", "NETRESET",
      "NETUNREACH", "NFILE", "NOBUFS", "NODEV", "NOENT", "NOEXEC", "NOLCK", "NOLINK", "NOMEM",
      "NOMSG", "NOPROTOOPT", "NOSPC", "NOSYS", "NOTCONN", "NOTDIR", "NOTEMPTY",
      "NOTRECOVERABLE", "NOTSOCK", "NOTSUP", "NOTTY", "NXIO", "OVERFLOW", "OWNERDEAD", "PERM",
      "PIPE", "PROTO", "PROTONOSUPPORT", "PROTOTYPE", "RANGE", "ROFS", "SPIPE", "SRCH",
      "STALE", "TIMEDOUT", "TXTBSY", "XDEV", "NOTCAPABLE"};
  if (e >= 0 && e < (int)(sizeof(names) / sizeof(names[0]))) return names[e];
  return "?";
}

#define FAIL(...)                                                                        \
  do {                                                                                   \
    fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                                      \
    fprintf(stderr, __VA_ARGS__);                                                        \
    fputc('\n', stderr);                                                                 \
    fflush(stderr);                                                                      \
    abort();                                                                             \
  } while (0)

/* assert!(cond, what) */
#define ASSERT(cond, what)                                                               \
  do {                                                                                   \
    if (!(cond)) FAIL("assertion failed: %s (%s)", what, #cond);                         \
  } while (0)

/* assert_eq!(a, b, what) for integers */
#define ASSERT_EQ(a, b, what)                                                            \
  do {                                                                                   \
    unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b);       \
    if (a_ != b_) FAIL("%s: left %llu, right %llu (%s == %s)", what, a_, b_, #a, #b);    \
  } while (0)

/* assert_eq!(a[..n], b[..n], what) for bytes */
#define ASSERT_MEM_EQ(a, b, n, what)                                                     \
  do {                                                                                   \
    if (memcmp((a), (b), (n)) != 0) FAIL("%s: bytes differ (%s, %s)", what, #a, #b);     \
  } while (0)

/* result.expect(what): the call must succeed */
#define EXPECT_OK(call, what)                                                            \
  do {                                                                                   \
    int e_ = (int)(call);                                                                \
    if (e_ != 0) FAIL("%s: failed with errno %s (%s)", what, errno_name(e_), #call);     \
  } while (0)

/* ---- the test configuration (TestConfig::from_env) ---- */

enum { ERRNO_MODE_PERMISSIVE, ERRNO_MODE_UNIX, ERRNO_MODE_MACOS, ERRNO_MODE_WINDOWS };

static int config_errno_mode(void) {
  if (getenv("ERRNO_MODE_UNIX")) return ERRNO_MODE_UNIX;
  if (getenv("ERRNO_MODE_MACOS")) return ERRNO_MODE_MACOS;
  if (getenv("ERRNO_MODE_WINDOWS")) return ERRNO_MODE_WINDOWS;
  return ERRNO_MODE_PERMISSIVE;
}
static int errno_expect_unix(void) {
  int m = config_errno_mode();
  return m == ERRNO_MODE_UNIX || m == ERRNO_MODE_MACOS;
}
static int errno_expect_macos(void) { return config_errno_mode() == ERRNO_MODE_MACOS; }
static int errno_expect_windows(void) { return config_errno_mode() == ERRNO_MODE_WINDOWS; }
static int support_dangling_filesystem(void) { return !getenv("NO_DANGLING_FILESYSTEM"); }
static int support_rename_dir_to_empty_dir(void) {
  return !getenv("NO_RENAME_DIR_TO_EMPTY_DIR");
}
static int support_fdflags_sync(void) { return !getenv("NO_FDFLAGS_SYNC_SUPPORT"); }
/* Nanoseconds, default 100. */
static uint64_t fs_time_precision(void) {
  const char *p = getenv("FS_TIME_PRECISION");
  return p ? strtoull(p, NULL, 10) : 100;
}

/* ---- errno assertions ---- */

static void check_errno_in(const char *file, int line, const char *what, const char *call,
                           int got, const int *accepted, int n) {
  if (got == 0) {
    fprintf(stderr, "%s:%d: %s: expected an error, the call succeeded (%s)\n", file, line,
            what, call);
    fflush(stderr);
    abort();
  }
  for (int i = 0; i < n; i++)
    if (got == accepted[i]) return;
  fprintf(stderr, "%s:%d: %s: expected errno ", file, line, what);
  for (int i = 0; i < n; i++) fprintf(stderr, "%s%s", i ? " or " : "", errno_name(accepted[i]));
  fprintf(stderr, "; got %s (%s)\n", errno_name(got), call);
  fflush(stderr);
  abort();
}

#define ERRNO_LIST(...) ((const int[]){__VA_ARGS__})
#define ERRNO_COUNT(...) ((int)(sizeof(ERRNO_LIST(__VA_ARGS__)) / sizeof(int)))

#define ASSERT_ERRNO(call, what, ...)                                                    \
  check_errno_in(__FILE__, __LINE__, what, #call, (int)(call), ERRNO_LIST(__VA_ARGS__),  \
                 ERRNO_COUNT(__VA_ARGS__))

#define ASSERT_ERRNO_UNIX(call, what, unix_errno, ...)                                   \
  do {                                                                                   \
    int got_ = (int)(call);                                                              \
    if (errno_expect_unix())                                                             \
      check_errno_in(__FILE__, __LINE__, what, #call, got_, ERRNO_LIST(unix_errno), 1);  \
    else                                                                                 \
      check_errno_in(__FILE__, __LINE__, what, #call, got_,                              \
                     ERRNO_LIST(unix_errno, __VA_ARGS__),                                \
                     ERRNO_COUNT(unix_errno, __VA_ARGS__));                              \
  } while (0)

#define ASSERT_ERRNO_MACOS_UNIX(call, what, macos_errno, unix_errno, ...)                \
  do {                                                                                   \
    int got_ = (int)(call);                                                              \
    if (errno_expect_macos())                                                            \
      check_errno_in(__FILE__, __LINE__, what, #call, got_, ERRNO_LIST(macos_errno), 1); \
    else if (errno_expect_unix())                                                        \
      check_errno_in(__FILE__, __LINE__, what, #call, got_, ERRNO_LIST(unix_errno), 1);  \
    else                                                                                 \
      check_errno_in(__FILE__, __LINE__, what, #call, got_,                              \
                     ERRNO_LIST(macos_errno, unix_errno, __VA_ARGS__),                   \
                     ERRNO_COUNT(macos_errno, unix_errno, __VA_ARGS__));                 \
  } while (0)

/* The errno a call that must fail returns (result.expect_err(what)). */
#define EXPECT_ERR(call, what)                                                           \
  ({                                                                                     \
    int e_ = (int)(call);                                                                \
    if (e_ == 0) FAIL("%s: expected an error, the call succeeded (%s)", what, #call);    \
    e_;                                                                                  \
  })

/* ---- raw imports for what wasi-libc's wrappers cannot express (a path with a length of our
 * choosing, e.g. one with an embedded NUL) ---- */

__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open"))) int32_t
raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
              int64_t base, int64_t inheriting, int32_t fdflags, int32_t out);

/* path_open with the path given by pointer and length, as Rust's `&str` is. */
static __wasi_errno_t path_open_len(__wasi_fd_t dir, __wasi_lookupflags_t dirflags,
                                    const char *path, size_t len, __wasi_oflags_t oflags,
                                    __wasi_rights_t base, __wasi_rights_t inheriting,
                                    __wasi_fdflags_t fdflags, __wasi_fd_t *out) {
  return (__wasi_errno_t)raw_path_open((int32_t)dir, (int32_t)dirflags,
                                       (int32_t)(uintptr_t)path, (int32_t)len,
                                       (int32_t)oflags, (int64_t)base, (int64_t)inheriting,
                                       (int32_t)fdflags, (int32_t)(uintptr_t)out);
}

/* What Rust passes for the pointer of an empty Vec: dangling, never dereferenced. */
#define DANGLING ((uint8_t *)1)

/* ---- shared helpers of the upstream support crates ---- */

#define STDIN_FD ((__wasi_fd_t)0)
#define STDOUT_FD ((__wasi_fd_t)1)
#define STDERR_FD ((__wasi_fd_t)2)

/* (rights_base, rights_inheriting) of fd */
static void fd_get_rights(__wasi_fd_t fd, __wasi_rights_t *base, __wasi_rights_t *inheriting) {
  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &st), "fd_fdstat_get failed");
  *base = st.fs_rights_base;
  *inheriting = st.fs_rights_inheriting;
}

static void drop_rights(__wasi_fd_t fd, __wasi_rights_t drop_base,
                        __wasi_rights_t drop_inheriting) {
  __wasi_rights_t base, inheriting;
  fd_get_rights(fd, &base, &inheriting);
  EXPECT_OK(__wasi_fd_fdstat_set_rights(fd, base & ~drop_base, inheriting & ~drop_inheriting),
            "dropping fd rights");
}

/* wasi-testsuite's supports_rights(): false only if fd_fdstat_set_rights says NOTSUP. */
static int supports_rights(__wasi_fd_t fd) {
  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &st), "fd_fdstat_get failed");
  return __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base, st.fs_rights_inheriting) !=
         __WASI_ERRNO_NOTSUP;
}

/* The preopened directory named `name` (the loop stops at the first descriptor that is not a
 * preopen, as upstream's does), or -1. */
static int find_preopen(const char *name) {
  for (__wasi_fd_t i = 3;; i++) {
    __wasi_prestat_t st;
    if (__wasi_fd_prestat_get(i, &st) != 0) break;
    if (st.tag != __WASI_PREOPENTYPE_DIR) continue;
    size_t len = st.u.dir.pr_name_len;
    char *buf = (char *)malloc(len + 1);
    if (!buf) FAIL("out of memory");
    if (__wasi_fd_prestat_dir_name(i, (uint8_t *)buf, len) != 0) {
      free(buf);
      continue;
    }
    int match = len == strlen(name) && memcmp(buf, name, len) == 0;
    free(buf);
    if (match) return (int)i;
  }
  return -1;
}

/* Wasmtime's test_programs::preview1::open_scratch_directory: a fresh descriptor for the
 * preopen `name`, opened as "." with no rights at all. */
static __wasi_fd_t wasmtime_open_scratch_directory(const char *name) {
  int pre = find_preopen(name);
  if (pre < 0) {
    fprintf(stderr, "failed to find scratch dir\n");
    exit(1);
  }
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open((__wasi_fd_t)pre, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
            "failed to open dir");
  return fd;
}

/* wasi-testsuite's open_scratch_directory(name) / root_directory() (name "/"): a fresh
 * descriptor for the preopen, opened as "." with the preopen's own rights. */
static __wasi_fd_t testsuite_open_scratch_directory(const char *name) {
  int pre = find_preopen(name);
  if (pre < 0) {
    fprintf(stderr, "failed to find scratch dir\n");
    exit(1);
  }
  __wasi_rights_t base, inheriting;
  fd_get_rights((__wasi_fd_t)pre, &base, &inheriting);
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open((__wasi_fd_t)pre, 0, ".", __WASI_OFLAGS_DIRECTORY, base,
                             inheriting, 0, &fd),
            "failed to open dir");
  return fd;
}
static __wasi_fd_t testsuite_root_directory(void) {
  return testsuite_open_scratch_directory("/");
}

/* The scratch directory argument (argv[1]), or the usage message and exit 1. */
static const char *scratch_arg(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <scratch directory>\n", argc ? argv[0] : "test");
    exit(1);
  }
  return argv[1];
}

/* create_file(dir, name): create with no rights, check the number, close. */
static void create_file(__wasi_fd_t dir, const char *name) {
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT, 0, 0, 0, &fd),
            "creating a file");
  ASSERT(fd > 2, "file descriptor range check");
  EXPECT_OK(__wasi_fd_close(fd), "closing a file");
}

/* wasi-testsuite's create_tmp_dir(dir, name): create the directory and open it with these
 * rights. */
#define TESTSUITE_TMP_DIR_BASE                                                           \
  (__WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR |                            \
   __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_CREATE_DIRECTORY |                \
   __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_OPEN |                       \
   __WASI_RIGHTS_PATH_UNLINK_FILE | __WASI_RIGHTS_PATH_LINK_SOURCE |                     \
   __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_PATH_READLINK |                        \
   __WASI_RIGHTS_PATH_RENAME_SOURCE | __WASI_RIGHTS_PATH_RENAME_TARGET |                 \
   __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_PATH_FILESTAT_SET_SIZE |              \
   __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_PATH_SYMLINK |                  \
   __WASI_RIGHTS_PATH_REMOVE_DIRECTORY)
#define TESTSUITE_TMP_DIR_INHERITING                                                     \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READDIR |           \
   __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_SEEK |                               \
   __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET |                     \
   __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE |                            \
   __WASI_RIGHTS_PATH_FILESTAT_GET | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS |                 \
   __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_ADVISE |             \
   __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |                      \
   __WASI_RIGHTS_FD_FILESTAT_SET_TIMES)
static __wasi_fd_t testsuite_create_tmp_dir(__wasi_fd_t dir, const char *name) {
  EXPECT_OK(__wasi_path_create_directory(dir, name), "failed to create dir");
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, name, __WASI_OFLAGS_DIRECTORY, TESTSUITE_TMP_DIR_BASE,
                             TESTSUITE_TMP_DIR_INHERITING, 0, &fd),
            "failed to open dir");
  return fd;
}

/* A ciovec / iovec over a buffer. */
static __wasi_ciovec_t ciovec(const void *buf, size_t len) {
  __wasi_ciovec_t v = {(const uint8_t *)buf, len};
  return v;
}
static __wasi_iovec_t iovec(void *buf, size_t len) {
  __wasi_iovec_t v = {(uint8_t *)buf, len};
  return v;
}

/* Subscriptions for poll_oneoff. */
static __wasi_subscription_t subscribe_clock(__wasi_userdata_t userdata, __wasi_clockid_t id,
                                             __wasi_timestamp_t timeout,
                                             __wasi_subclockflags_t flags) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof(s));
  s.userdata = userdata;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = timeout;
  s.u.u.clock.precision = 0;
  s.u.u.clock.flags = flags;
  return s;
}
static __wasi_subscription_t subscribe_fd(__wasi_userdata_t userdata, __wasi_eventtype_t type,
                                          __wasi_fd_t fd) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof(s));
  s.userdata = userdata;
  s.u.tag = type;
  if (type == __WASI_EVENTTYPE_FD_READ) s.u.u.fd_read.file_descriptor = fd;
  else s.u.u.fd_write.file_descriptor = fd;
  return s;
}

#endif
