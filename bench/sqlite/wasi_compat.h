/* Force-included (-include) when building the SQLite shell for wasm32-wasi.
 * Debian's wasi-libc lacks a few POSIX functions that shell.c calls in code
 * paths the benchmark never reaches (.archive / fileio extension). */
#ifndef WASMC_BENCH_WASI_COMPAT_H
#define WASMC_BENCH_WASI_COMPAT_H
#ifdef __wasi__
#include <sys/types.h>
#include <stddef.h>
#include <errno.h>
static inline int wasmc_bench_chmod(const char *path, mode_t mode) {
  (void)path; (void)mode;
  return 0;
}
#define chmod wasmc_bench_chmod
/* No symlinks to resolve in the sandbox's view; return a copy of the path. */
char *strdup(const char *);
char *strcpy(char *, const char *);
static inline char *wasmc_bench_realpath(const char *path, char *resolved) {
  if (!path) { errno = EINVAL; return 0; }
  if (resolved) return strcpy(resolved, path);
  return strdup(path);
}
#define realpath wasmc_bench_realpath
#endif
#endif
