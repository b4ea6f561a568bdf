/* The rights the preopen tests (path_open_preopen, in wasi-testsuite and Wasmtime) require
 * of a preopened directory. */
#ifndef WASI_CONFORMANCE_PREOPEN_RIGHTS_H
#define WASI_CONFORMANCE_PREOPEN_RIGHTS_H

#include "conformance.h"

typedef struct {
  __wasi_rights_t right;
  const char *name;
} named_right;

static const named_right directory_base_rights[] = {
    {__WASI_RIGHTS_PATH_CREATE_DIRECTORY, "PATH_CREATE_DIRECTORY"},
    {__WASI_RIGHTS_PATH_CREATE_FILE, "PATH_CREATE_FILE"},
    {__WASI_RIGHTS_PATH_LINK_SOURCE, "PATH_LINK_SOURCE"},
    {__WASI_RIGHTS_PATH_LINK_TARGET, "PATH_LINK_TARGET"},
    {__WASI_RIGHTS_PATH_OPEN, "PATH_OPEN"},
    {__WASI_RIGHTS_FD_READDIR, "FD_READDIR"},
    {__WASI_RIGHTS_PATH_READLINK, "PATH_READLINK"},
    {__WASI_RIGHTS_PATH_RENAME_SOURCE, "PATH_RENAME_SOURCE"},
    {__WASI_RIGHTS_PATH_RENAME_TARGET, "PATH_RENAME_TARGET"},
    {__WASI_RIGHTS_PATH_SYMLINK, "PATH_SYMLINK"},
    {__WASI_RIGHTS_PATH_REMOVE_DIRECTORY, "PATH_REMOVE_DIRECTORY"},
    {__WASI_RIGHTS_PATH_UNLINK_FILE, "PATH_UNLINK_FILE"},
    {__WASI_RIGHTS_PATH_FILESTAT_GET, "PATH_FILESTAT_GET"},
    {__WASI_RIGHTS_PATH_FILESTAT_SET_TIMES, "PATH_FILESTAT_SET_TIMES"},
    {__WASI_RIGHTS_FD_FILESTAT_GET, "FD_FILESTAT_GET"},
    {__WASI_RIGHTS_FD_FILESTAT_SET_TIMES, "FD_FILESTAT_SET_TIMES"},
};

/* Inheriting: the base rights and these. */
static const named_right directory_inheriting_extra_rights[] = {
    {__WASI_RIGHTS_FD_DATASYNC, "FD_DATASYNC"},
    {__WASI_RIGHTS_FD_READ, "FD_READ"},
    {__WASI_RIGHTS_FD_SEEK, "FD_SEEK"},
    {__WASI_RIGHTS_FD_FDSTAT_SET_FLAGS, "FD_FDSTAT_SET_FLAGS"},
    {__WASI_RIGHTS_FD_SYNC, "FD_SYNC"},
    {__WASI_RIGHTS_FD_TELL, "FD_TELL"},
    {__WASI_RIGHTS_FD_WRITE, "FD_WRITE"},
    {__WASI_RIGHTS_FD_ADVISE, "FD_ADVISE"},
    {__WASI_RIGHTS_FD_ALLOCATE, "FD_ALLOCATE"},
    {__WASI_RIGHTS_FD_FILESTAT_GET, "FD_FILESTAT_GET"},
    {__WASI_RIGHTS_FD_FILESTAT_SET_SIZE, "FD_FILESTAT_SET_SIZE"},
    {__WASI_RIGHTS_FD_FILESTAT_SET_TIMES, "FD_FILESTAT_SET_TIMES"},
    {__WASI_RIGHTS_POLL_FD_READWRITE, "POLL_FD_READWRITE"},
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The body both path_open_preopen tests share, on the preopened directory `pre`. */
static void path_open_preopen_checks(__wasi_fd_t pre) {
  __wasi_prestat_t prestat;
  EXPECT_OK(__wasi_fd_prestat_get(pre, &prestat), "fd is a preopen");
  ASSERT_EQ(prestat.tag, __WASI_PREOPENTYPE_DIR, "prestat is a directory");
  size_t len = prestat.u.dir.pr_name_len;
  uint8_t *name = (uint8_t *)malloc(len ? len : 1);
  EXPECT_OK(__wasi_fd_prestat_dir_name(pre, len ? name : DANGLING, len), "get preopen dir name");

  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(pre, &st), "get fdstat");
  printf("preopen dir: \"%.*s\" base %llu inheriting %llu\n", (int)len, (const char *)name,
         (unsigned long long)st.fs_rights_base, (unsigned long long)st.fs_rights_inheriting);
  for (size_t i = 0; i < COUNT_OF(directory_base_rights); i++) {
    if ((st.fs_rights_base & directory_base_rights[i].right) != directory_base_rights[i].right)
      FAIL("fs_rights_base does not have required right `%s`", directory_base_rights[i].name);
    if ((st.fs_rights_inheriting & directory_base_rights[i].right) !=
        directory_base_rights[i].right)
      FAIL("fs_rights_inheriting does not have required right `%s`",
           directory_base_rights[i].name);
  }
  for (size_t i = 0; i < COUNT_OF(directory_inheriting_extra_rights); i++) {
    const named_right *r = &directory_inheriting_extra_rights[i];
    if ((st.fs_rights_inheriting & r->right) != r->right)
      FAIL("fs_rights_inheriting does not have required right `%s`", r->name);
  }

  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(pre, 0, ".", 0, st.fs_rights_base, st.fs_rights_inheriting, 0, &fd),
            "open with same rights");
  EXPECT_OK(__wasi_path_open(pre, 0, ".", 0, 0, 0, 0, &fd), "open with empty rights");
  EXPECT_OK(__wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
            "open with O_DIRECTORY empty rights");
  EXPECT_OK(__wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ, 0, 0,
                             &fd),
            "open with O_DIRECTORY and read right");
  if (!errno_expect_windows()) {
    int err = EXPECT_ERR(__wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY,
                                          __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0,
                                          &fd),
                         "open with O_DIRECTORY and read/write should fail");
    ASSERT_EQ(err, __WASI_ERRNO_ISDIR, "opening directory read/write should fail with ISDIR");
  } else {
    EXPECT_OK(__wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY,
                               __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
              "open with O_DIRECTORY and read/write should succeed on windows");
  }
}

#endif
