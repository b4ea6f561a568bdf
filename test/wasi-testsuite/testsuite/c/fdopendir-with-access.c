/* Port of WebAssembly/wasi-testsuite tests/c/src/fdopendir-with-access.c (fs-tests.dir granted
 * as "fs-tests.dir", holding fopendir.dir/file-0 and file-1): readdir through fdopendir lists
 * both files, each d_ino equal to fstatat's st_ino, and the two different. */
#include <assert.h>
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

int main(void) {
  int dfd = open("fs-tests.dir/fopendir.dir", O_RDONLY | O_DIRECTORY);
  assert(dfd != -1);
  DIR *d = fdopendir(dfd);
  assert(d != NULL);
  int seen[2] = {0, 0};
  ino_t inodes[2] = {0, 0};
  struct dirent *entry;
  while ((entry = readdir(d)) != NULL) {
    if (entry->d_name[0] == '.') continue;
    int which;
    if (strncmp(entry->d_name, "file-0", 6) == 0) which = 0;
    else if (strncmp(entry->d_name, "file-1", 6) == 0) which = 1;
    else assert(!"unexpected file");
    seen[which] = 1;
    inodes[which] = entry->d_ino;
    struct stat st;
    int r = fstatat(dfd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW);
    assert(r == 0);
    assert(st.st_ino == entry->d_ino);
  }
  closedir(d);
  assert(seen[0] && seen[1]);
  assert(inodes[0] != inodes[1]);
  return 0;
}
