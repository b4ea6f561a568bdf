/* args_*, environ_*, stdio. Run as: prog one "two words"; env FOO=bar; stdin "from stdin\n". */
#include "wasi_check.h"

int main(int argc, char **argv) {
  __wasi_size_t count, size;
  CHECK_EQ("args_sizes_get", __wasi_args_sizes_get(&count, &size), 0);
  CHECK_EQ("argc", count, 3);
  CHECK_EQ("argc from libc", argc, 3);
  CHECK_EQ("args size", size, strlen(argv[0]) + 1 + 4 + 10);
  char *ptrs[3];
  char buf[256];
  CHECK_EQ("args_get", __wasi_args_get((uint8_t **)ptrs, (uint8_t *)buf), 0);
  CHECK_STR("argv[1]", ptrs[1], "one");
  CHECK_STR("argv[2]", ptrs[2], "two words");
  CHECK("argv[0] points into the buffer", ptrs[0] == buf);
  CHECK_EQ("args_get out of bounds", raw_args_get(PTR(ptrs), (int32_t)(memory_end() - 4)),
           __WASI_ERRNO_FAULT);

  CHECK_EQ("environ_sizes_get", __wasi_environ_sizes_get(&count, &size), 0);
  CHECK_EQ("one variable", count, 1);
  CHECK_EQ("environ size", size, 8);
  char *env[1];
  CHECK_EQ("environ_get", __wasi_environ_get((uint8_t **)env, (uint8_t *)buf), 0);
  CHECK_STR("FOO=bar", env[0], "FOO=bar");
  CHECK_STR("getenv", getenv("FOO") ? getenv("FOO") : "", "bar");
  CHECK("no host variables", getenv("PATH") == NULL);

  /* stdin */
  char line[64] = {0};
  __wasi_iovec_t iov = {(uint8_t *)line, sizeof line - 1};
  __wasi_size_t n;
  CHECK_EQ("fd_read stdin", __wasi_fd_read(0, &iov, 1, &n), 0);
  CHECK_STR("stdin content", line, "from stdin\n");
  CHECK_EQ("fd_read stdin at end", __wasi_fd_read(0, &iov, 1, &n), 0);
  CHECK_EQ("0 bytes at end", n, 0);
  __wasi_fdstat_t st;
  CHECK_EQ("fdstat stdout", __wasi_fd_fdstat_get(1, &st), 0);
  CHECK("stdout can write", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
  CHECK_EQ("stderr write", write_str(2, "to stderr\n"), 0);
  /* Gathered writes to stdout. */
  __wasi_ciovec_t parts[3] = {{(const uint8_t *)"gath", 4}, {(const uint8_t *)"", 0},
                              {(const uint8_t *)"ered\n", 5}};
  fflush(stdout);
  CHECK_EQ("fd_write gathered", __wasi_fd_write(1, parts, 3, &n), 0);
  CHECK_EQ("9 bytes", n, 9);
  CHECK_EQ("stdin is read-only", write_str(0, "x"), __WASI_ERRNO_BADF);
  return FINISH();
}
