/* Shared by the WASI test programs: checks that print "ok - <what>" or
 * "FAIL - <what>: got X want Y", the pre-opened directory, and raw imports for calls that
 * wasi-libc's wrappers cannot make (paths with a length of our choosing, bad pointers, the
 * wasi_unstable module). Every check runs in a fixed order, so the output of a correct
 * implementation is the list of "ok" lines in <program>.expected. */
#ifndef WASMC_WASI_CHECK_H
#define WASMC_WASI_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static int failures;

#define CHECK_EQ(what, got, want)                                                       \
  do {                                                                                  \
    long long got_ = (long long)(got), want_ = (long long)(want);                       \
    if (got_ == want_) {                                                                \
      printf("ok - %s\n", what);                                                        \
    } else {                                                                            \
      printf("FAIL - %s: got %lld want %lld\n", what, got_, want_);                     \
      failures++;                                                                       \
    }                                                                                   \
  } while (0)
#define CHECK(what, cond) CHECK_EQ(what, (cond) ? 1 : 0, 1)
#define CHECK_STR(what, got, want) CHECK_EQ(what, strcmp((got), (want)), 0)
#define FINISH() (fflush(stdout), failures ? 1 : 0)

/* The pre-opened directory called `name`, or exits. */
static inline __wasi_fd_t preopen(const char *name) {
  for (__wasi_fd_t fd = 3; fd < 64; fd++) {
    __wasi_prestat_t prestat;
    if (__wasi_fd_prestat_get(fd, &prestat) != 0) continue;
    char buf[256];
    size_t len = prestat.u.dir.pr_name_len;
    if (len >= sizeof buf || __wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, len) != 0) continue;
    buf[len] = 0;
    if (strcmp(buf, name) == 0) return fd;
  }
  printf("FAIL - no pre-opened directory %s\n", name);
  exit(2);
}

/* The current size of linear memory: addresses from here on are out of bounds. */
static inline uint32_t memory_end(void) { return (uint32_t)__builtin_wasm_memory_size(0) * 65536u; }

#define RAW(module, name) __attribute__((import_module(module), import_name(name)))
RAW("wasi_snapshot_preview1", "path_open")
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                      int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags,
                      int32_t out);
RAW("wasi_snapshot_preview1", "path_create_directory")
int32_t raw_path_create_directory(int32_t fd, int32_t path, int32_t path_len);
RAW("wasi_snapshot_preview1", "fd_write")
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);
RAW("wasi_snapshot_preview1", "fd_read")
int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread);
RAW("wasi_snapshot_preview1", "random_get")
int32_t raw_random_get(int32_t buf, int32_t len);
RAW("wasi_snapshot_preview1", "fd_fdstat_get")
int32_t raw_fd_fdstat_get(int32_t fd, int32_t buf);
RAW("wasi_snapshot_preview1", "poll_oneoff")
int32_t raw_poll_oneoff(int32_t in, int32_t out, int32_t n, int32_t nevents);
RAW("wasi_snapshot_preview1", "args_get")
int32_t raw_args_get(int32_t argv, int32_t buf);
RAW("wasi_snapshot_preview1", "clock_time_get")
int32_t raw_clock_time_get(int32_t id, int64_t precision, int32_t out);

RAW("wasi_snapshot_preview1", "proc_raise")
int32_t raw_proc_raise(int32_t sig); /* wasi-libc no longer declares __wasi_proc_raise */

RAW("wasi_unstable", "fd_seek")
int32_t unstable_fd_seek(int32_t fd, int64_t offset, int32_t whence, int32_t newoffset);
RAW("wasi_unstable", "fd_filestat_get")
int32_t unstable_fd_filestat_get(int32_t fd, int32_t buf);
RAW("wasi_unstable", "path_filestat_get")
int32_t unstable_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t path_len,
                                   int32_t buf);
RAW("wasi_unstable", "poll_oneoff")
int32_t unstable_poll_oneoff(int32_t in, int32_t out, int32_t n, int32_t nevents);
RAW("wasi_unstable", "fd_write")
int32_t unstable_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);

#define PTR(p) ((int32_t)(uintptr_t)(p))

/* Rights of a read-write regular file. */
#define RW_RIGHTS                                                                           \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK |                 \
   __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | \
   __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE | \
   __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS |  \
   __WASI_RIGHTS_POLL_FD_READWRITE)

/* path_open with wasi-libc's wrapper: returns the errno, the descriptor in *fd. */
static inline __wasi_errno_t open_at(__wasi_fd_t dir, const char *path, __wasi_oflags_t oflags,
                              __wasi_rights_t rights, __wasi_lookupflags_t lookup,
                              __wasi_fd_t *fd) {
  __wasi_fd_t out = (__wasi_fd_t)-1;
  __wasi_errno_t e = __wasi_path_open(dir, lookup, path, oflags, rights, 0, 0, &out);
  if (fd) *fd = out;
  return e;
}

static inline __wasi_errno_t write_str(__wasi_fd_t fd, const char *s) {
  __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
  __wasi_size_t n;
  return __wasi_fd_write(fd, &iov, 1, &n);
}

#endif
