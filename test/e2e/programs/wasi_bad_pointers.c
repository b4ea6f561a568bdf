// WASI calls made directly (wasi/api.h) with pointers and lengths outside linear memory: the
// engine must check every pointer and fail the call with an error -- never read or write outside
// the sandbox, never crash, never write part of the data. Which errno is not specified (node says
// EOVERFLOW, others EFAULT), so only success versus failure and the side effects are printed. Also
// bad file descriptors, a seek on a pipe, and zero-length operations.
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: dir = /sandbox
// e2e: run: stdin=inputs/text.txt
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define BAD ((uintptr_t)0xfffffff0u)

// The raw import: wasi-libc's __wasi_path_open wrapper takes a C string and calls strlen on it
// (which would trap inside the module for a bad pointer).
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open"))) int32_t raw_path_open(
    int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags, int64_t rights_base,
    int64_t rights_inheriting, int32_t fdflags, int32_t fd_out);

static uint8_t *memory_end(void) { return (uint8_t *)(__builtin_wasm_memory_size(0) * 65536); }

static void outcome(const char *what, __wasi_errno_t e) {
  printf("%-58s %s\n", what, e == 0 ? "ok" : "error");
  fflush(stdout);
}

int main(void) {
  fflush(stdout);
  static char text[] = "<visible text>\n";
  __wasi_ciovec_t good = {(const uint8_t *)text, sizeof text - 1};
  __wasi_size_t n = 12345;

  outcome("fd_write, all valid", __wasi_fd_write(1, &good, 1, &n));
  printf("  wrote %u\n", (unsigned)n);
  outcome("fd_write, iovec array out of bounds", __wasi_fd_write(1, (const __wasi_ciovec_t *)BAD, 1, &n));
  __wasi_ciovec_t bad_buf = {(const uint8_t *)BAD, 8};
  outcome("fd_write, buffer out of bounds", __wasi_fd_write(1, &bad_buf, 1, &n));
  uint8_t *end = memory_end();
  memcpy(end - 4, "TAIL", 4);
  __wasi_ciovec_t straddle = {end - 4, 8};
  outcome("fd_write, buffer straddling the end of memory", __wasi_fd_write(1, &straddle, 1, &n));
  __wasi_ciovec_t at_end = {end - 4, 4};
  outcome("fd_write, buffer ending exactly at the end", __wasi_fd_write(1, &at_end, 1, &n));
  printf("\n");
  __wasi_ciovec_t two[2] = {good, bad_buf};
  outcome("fd_write, second iovec out of bounds (nothing written)", __wasi_fd_write(1, two, 2, &n));
  outcome("fd_write, result pointer out of bounds", __wasi_fd_write(1, &good, 1, (__wasi_size_t *)BAD));
  outcome("fd_write, result pointer straddling the end", __wasi_fd_write(1, &good, 1, (__wasi_size_t *)(end - 2)));
  outcome("fd_write, iovec count huge", __wasi_fd_write(1, &good, 0x7fffffff, &n));
  __wasi_ciovec_t huge = {(const uint8_t *)text, 0xfffffff0u};
  outcome("fd_write, length wrapping around 4 GiB", __wasi_fd_write(1, &huge, 1, &n));
  __wasi_ciovec_t empty = {(const uint8_t *)BAD, 0};
  n = 777;
  outcome("fd_write, zero-length buffer at a bad address", __wasi_fd_write(1, &empty, 1, &n));
  outcome("fd_write, zero iovecs", __wasi_fd_write(1, &good, 0, &n));
  printf("  wrote %u\n", (unsigned)n);

  uint8_t buffer[16];
  __wasi_iovec_t rgood = {buffer, 4};
  outcome("fd_read, all valid", __wasi_fd_read(0, &rgood, 1, &n));
  printf("  read %u: %.4s\n", (unsigned)n, (const char *)buffer);
  __wasi_iovec_t rbad = {(uint8_t *)BAD, 8};
  outcome("fd_read, buffer out of bounds", __wasi_fd_read(0, &rbad, 1, &n));
  __wasi_iovec_t rstraddle = {end - 2, 8};
  outcome("fd_read, buffer straddling the end of memory", __wasi_fd_read(0, &rstraddle, 1, &n));
  outcome("fd_read, result pointer out of bounds", __wasi_fd_read(0, &rgood, 1, (__wasi_size_t *)BAD));
  outcome("fd_read, all valid again", __wasi_fd_read(0, &rgood, 1, &n));
  printf("  read %u: %.4s (no input was lost or skipped by the failed reads: the engines agree)\n", (unsigned)n,
         (const char *)buffer);

  __wasi_size_t argc, argv_size, envc, env_size;
  outcome("args_sizes_get, valid", __wasi_args_sizes_get(&argc, &argv_size));
  outcome("args_sizes_get, out of bounds", __wasi_args_sizes_get((__wasi_size_t *)BAD, &argv_size));
  outcome("args_get, argv out of bounds", __wasi_args_get((uint8_t **)BAD, (uint8_t *)buffer));
  outcome("args_get, buffer straddling the end", __wasi_args_get((uint8_t **)buffer, end - 1));
  outcome("environ_sizes_get, out of bounds", __wasi_environ_sizes_get(&envc, (__wasi_size_t *)BAD));
  outcome("environ_get, out of bounds", __wasi_environ_get((uint8_t **)BAD, (uint8_t *)BAD));
  __wasi_timestamp_t t;
  outcome("clock_time_get, valid", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t));
  outcome("clock_time_get, result out of bounds", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, (__wasi_timestamp_t *)BAD));
  outcome("clock_time_get, bad clock id", __wasi_clock_time_get(99, 1, &t));
  outcome("clock_res_get, result straddling the end", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, (__wasi_timestamp_t *)(end - 4)));
  outcome("random_get, valid", __wasi_random_get(buffer, 16));
  outcome("random_get, buffer out of bounds", __wasi_random_get((uint8_t *)BAD, 100));
  outcome("random_get, length wrapping around", __wasi_random_get(buffer, 0xffffffffu));
  __wasi_prestat_t prestat;
  outcome("fd_prestat_get(3), valid", __wasi_fd_prestat_get(3, &prestat));
  outcome("fd_prestat_get(3), out of bounds", __wasi_fd_prestat_get(3, (__wasi_prestat_t *)BAD));
  outcome("fd_prestat_dir_name(3), buffer out of bounds", __wasi_fd_prestat_dir_name(3, (uint8_t *)BAD, 8));
  __wasi_fd_t fd;
  static const char created[] = "created.txt";
  outcome("path_open, path out of bounds",
          (__wasi_errno_t)raw_path_open(3, 0, (int32_t)BAD, 8, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0,
                                        (int32_t)(uintptr_t)&fd));
  outcome("path_open, path length past the end of memory",
          (__wasi_errno_t)raw_path_open(3, 0, (int32_t)(uintptr_t)created, 0x7fffffff, __WASI_OFLAGS_CREAT,
                                        __WASI_RIGHTS_FD_WRITE, 0, 0, (int32_t)(uintptr_t)&fd));
  outcome("path_open, result pointer out of bounds",
          (__wasi_errno_t)raw_path_open(3, 0, (int32_t)(uintptr_t)created, sizeof created - 1, __WASI_OFLAGS_CREAT,
                                        __WASI_RIGHTS_FD_WRITE, 0, 0, (int32_t)BAD));
  outcome("path_open, valid (creates the file)",
          (__wasi_errno_t)raw_path_open(3, 0, (int32_t)(uintptr_t)created, sizeof created - 1, __WASI_OFLAGS_CREAT,
                                        __WASI_RIGHTS_FD_WRITE, 0, 0, (int32_t)(uintptr_t)&fd));
  outcome("fd_close of the new file", __wasi_fd_close(fd));
  __wasi_filestat_t st;
  outcome("fd_filestat_get(0), result out of bounds", __wasi_fd_filestat_get(0, (__wasi_filestat_t *)BAD));
  outcome("fd_filestat_get(0), valid", __wasi_fd_filestat_get(0, &st));
  __wasi_event_t events[1];
  __wasi_subscription_t sub;
  memset(&sub, 0, sizeof sub);
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub.u.u.clock.timeout = 1000;
  outcome("poll_oneoff, valid", __wasi_poll_oneoff(&sub, events, 1, &n));
  outcome("poll_oneoff, subscriptions out of bounds", __wasi_poll_oneoff((const __wasi_subscription_t *)BAD, events, 1, &n));
  outcome("poll_oneoff, events out of bounds", __wasi_poll_oneoff(&sub, (__wasi_event_t *)BAD, 1, &n));

  outcome("fd_write to fd 1000", __wasi_fd_write(1000, &good, 1, &n));
  outcome("fd_read from fd 1000", __wasi_fd_read(1000, &rgood, 1, &n));
  outcome("fd_close(1000)", __wasi_fd_close(1000));
  __wasi_filesize_t pos;
  outcome("fd_seek on fd 1000", __wasi_fd_seek(1000, 0, __WASI_WHENCE_SET, &pos));
  outcome("fd_seek on stdin (a regular file here)", __wasi_fd_seek(0, 0, __WASI_WHENCE_CUR, &pos));
  outcome("fd_seek, bad whence", __wasi_fd_seek(0, 0, 7, &pos));
  outcome("fd_seek, result out of bounds", __wasi_fd_seek(0, 0, __WASI_WHENCE_CUR, (__wasi_filesize_t *)BAD));
  outcome("fd_seek to a negative offset", __wasi_fd_seek(0, -100, __WASI_WHENCE_SET, &pos));
  printf("still running: no trap, no crash\n");
  return 0;
}
