// Files in a preopened directory (granted as /sandbox, fresh and empty for every run): create,
// write, append, read back, seek and tell, ftruncate, fstat/stat sizes and types, mkdir, readdir
// (sorted), rename, unlink, rmdir, and the errors a program sees: a missing file (ENOENT),
// removing a non-empty directory, opening a directory for writing, reading past the end; paths
// outside the grant (.., absolute paths elsewhere) must fail.
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: dir = /sandbox
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void check(const char *what, int ok) {
  printf("%-44s %s", what, ok ? "ok" : "FAILED");
  if (!ok) printf(" (errno %d: %s)", errno, strerror(errno));
  printf("\n");
}

static void expect_errno(const char *what, int result, int expected) {
  printf("%-44s ", what);
  if (result >= 0) printf("unexpectedly succeeded\n");
  else if (errno == expected) printf("failed as expected (%s)\n", strerror(expected));
  else printf("failed with errno %d (%s), expected %d (%s)\n", errno, strerror(errno), expected, strerror(expected));
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
  DIR *d = opendir(path);
  if (!d) { printf("opendir %s failed: %s\n", path, strerror(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char entry[300];
    snprintf(entry, sizeof entry, "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : e->d_type == DT_REG ? "" : "?");
    names[n++] = strdup(entry);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], cmp);
  printf("%s:", path);
  for (int i = 0; i < n; ++i) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

int main(void) {
  list("/sandbox");
  FILE *f = fopen("/sandbox/hello.txt", "w");
  check("fopen for writing", f != NULL);
  if (!f) return 1;
  for (int i = 0; i < 1000; ++i) fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
  check("fclose", fclose(f) == 0);
  struct stat st;
  check("stat", stat("/sandbox/hello.txt", &st) == 0);
  printf("size %lld regular %d dir %d\n", (long long)st.st_size, S_ISREG(st.st_mode) != 0, S_ISDIR(st.st_mode) != 0);

  f = fopen("/sandbox/hello.txt", "a");
  fputs("appended\n", f);
  fclose(f);
  f = fopen("/sandbox/hello.txt", "r");
  char line[100];
  int lines = 0;
  char last[100] = "";
  while (fgets(line, sizeof line, f)) { ++lines; strcpy(last, line); }
  printf("read %d lines, last: %s", lines, last);
  check("fseek to 12", fseek(f, 12, SEEK_SET) == 0);
  printf("ftell %ld, next: %s", ftell(f), fgets(line, sizeof line, f));
  check("fseek from end", fseek(f, -9, SEEK_END) == 0);
  printf("at end-9: %s", fgets(line, sizeof line, f));
  printf("fgets at EOF returns NULL: %d, feof %d\n", fgets(line, sizeof line, f) == NULL, feof(f) != 0);
  fclose(f);

  // Low-level I/O.
  int fd = open("/sandbox/data.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
  check("open O_CREAT|O_RDWR", fd >= 0);
  unsigned char buf[4096];
  for (int i = 0; i < 4096; ++i) buf[i] = (unsigned char)(i * 31);
  printf("write %zd\n", write(fd, buf, sizeof buf));
  printf("lseek cur %lld, end %lld, set %lld\n", (long long)lseek(fd, 0, SEEK_CUR), (long long)lseek(fd, 0, SEEK_END),
         (long long)lseek(fd, 100, SEEK_SET));
  unsigned char back[16];
  printf("read %zd: %u %u\n", read(fd, back, 16), back[0], back[15]);
  printf("pread %zd: %u, pwrite %zd\n", pread(fd, back, 4, 4000), back[0], pwrite(fd, "XYZ", 3, 10));
  check("ftruncate to 1000", ftruncate(fd, 1000) == 0);
  check("fstat", fstat(fd, &st) == 0);
  printf("size after truncate %lld\n", (long long)st.st_size);
  printf("read past end: %zd\n", pread(fd, back, 16, 5000));
  check("ftruncate to 10000 (extends with zeros)", ftruncate(fd, 10000) == 0);
  printf("pread extended %zd: %u %u\n", pread(fd, back, 2, 9000), back[0], back[1]);
  lseek(fd, 8, SEEK_SET);
  printf("read after pwrite: %zd '%.5s'\n", read(fd, back, 5), back);
  close(fd);

  check("mkdir sub", mkdir("/sandbox/sub", 0755) == 0);
  check("mkdir sub/deeper", mkdir("/sandbox/sub/deeper", 0755) == 0);
  expect_errno("mkdir existing", mkdir("/sandbox/sub", 0755), EEXIST);
  check("rename into sub", rename("/sandbox/data.bin", "/sandbox/sub/moved.bin") == 0);
  f = fopen("/sandbox/sub/deeper/x", "w");
  fputs("x", f);
  fclose(f);
  list("/sandbox");
  list("/sandbox/sub");
  check("stat sub is a directory", stat("/sandbox/sub", &st) == 0 && S_ISDIR(st.st_mode));
  expect_errno("open missing file", open("/sandbox/missing.txt", O_RDONLY), ENOENT);
  expect_errno("stat missing file", stat("/sandbox/nope/nope", &st), ENOENT);
  expect_errno("rmdir non-empty", rmdir("/sandbox/sub"), ENOTEMPTY);
  expect_errno("open a directory for writing", open("/sandbox/sub", O_WRONLY), EISDIR);
  expect_errno("O_CREAT|O_EXCL on existing", open("/sandbox/hello.txt", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  expect_errno("unlink a directory", unlink("/sandbox/sub/deeper"), EISDIR);
  check("relative path via chdir-less cwd", access("/sandbox/sub/./deeper/../moved.bin", F_OK) == 0);
  check("unlink file", unlink("/sandbox/sub/deeper/x") == 0);
  check("rmdir empty", rmdir("/sandbox/sub/deeper") == 0);
  check("unlink moved", unlink("/sandbox/sub/moved.bin") == 0);
  check("rmdir sub", rmdir("/sandbox/sub") == 0);
  list("/sandbox");

  // Outside the grant: must fail (the error code differs between engines, so only failure is checked).
  printf("open ../ escaping the sandbox fails: %d\n", open("/sandbox/../etc/passwd", O_RDONLY) < 0);
  printf("open an absolute path outside fails: %d\n", open("/etc/passwd", O_RDONLY) < 0);
  printf("fopen in a directory not granted fails: %d\n", fopen("/tmp/e2e-should-not-exist", "w") == NULL);
  check("unlink hello", unlink("/sandbox/hello.txt") == 0);
  list("/sandbox");
  return 0;
}
