/* Port of WebAssembly/wasi-testsuite tests/rust/wasm32-wasip1/src/bin/path_link.rs: hard
 * links share filestat (and fdstat, where the host supports rights) with their source;
 * EXIST onto existing names; PERM/ACCES for a directory; "link/" NOENT; symlinks are linked
 * themselves; LOOKUPFLAGS_SYMLINK_FOLLOW is INVAL or NOENT. */
#include "../../io_util.h"

#define TEST_RIGHTS                                                                      \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET | \
   __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE)

static __wasi_fd_t create_or_open(__wasi_fd_t dir, const char *name, __wasi_oflags_t flags) {
  __wasi_fd_t fd;
  if (__wasi_path_open(dir, 0, name, flags, TEST_RIGHTS, TEST_RIGHTS, 0, &fd) != 0)
    FAIL("opening '%s'", name);
  ASSERT(fd > 2, "file descriptor range check");
  return fd;
}
static __wasi_fd_t open_link(__wasi_fd_t dir, const char *name) {
  __wasi_fd_t fd;
  if (__wasi_path_open(dir, 0, name, 0, TEST_RIGHTS, TEST_RIGHTS, 0, &fd) != 0)
    FAIL("opening a link '%s'", name);
  ASSERT(fd > 2, "file descriptor range check");
  return fd;
}

static void check_rights(__wasi_fd_t orig, __wasi_fd_t link) {
  __wasi_filestat_t a = fstat_fd(orig, "reading filestat of the source");
  __wasi_filestat_t b = fstat_fd(link, "reading filestat of the link");
  ASSERT_EQ(a.dev, b.dev, "dev should be equal");
  ASSERT_EQ(a.ino, b.ino, "ino should be equal");
  ASSERT_EQ(a.atim, b.atim, "atim should be equal");
  ASSERT_EQ(a.ctim, b.ctim, "ctim should be equal");
  ASSERT_EQ(a.mtim, b.mtim, "mtim should be equal");
  ASSERT_EQ(a.size, b.size, "size should be equal");
  ASSERT_EQ(a.nlink, b.nlink, "nlink should be equal");
  ASSERT_EQ(a.filetype, b.filetype, "filetype should be equal");
  __wasi_fdstat_t c, d;
  EXPECT_OK(__wasi_fd_fdstat_get(orig, &c), "reading fdstat of the source");
  EXPECT_OK(__wasi_fd_fdstat_get(link, &d), "reading fdstat of the link");
  ASSERT_EQ(c.fs_flags, d.fs_flags, "fs_flags should be equal");
  ASSERT_EQ(c.fs_filetype, d.fs_filetype, "fs_filetype should be equal");
  if (supports_rights(orig)) {
    ASSERT_EQ(c.fs_rights_base, d.fs_rights_base, "fs_rights_base should be equal");
    ASSERT_EQ(c.fs_rights_inheriting, d.fs_rights_inheriting,
              "fs_rights_inheriting should be equal");
  }
}

static void test_path_link(__wasi_fd_t dir) {
  __wasi_fd_t file_fd = create_or_open(dir, "file", __WASI_OFLAGS_CREAT);
  EXPECT_OK(__wasi_path_link(dir, 0, "file", dir, "link"),
            "creating a link in the same directory");
  __wasi_fd_t link_fd = open_link(dir, "link");
  check_rights(file_fd, link_fd);
  EXPECT_OK(__wasi_fd_close(link_fd), "Closing link_fd");
  EXPECT_OK(__wasi_path_unlink_file(dir, "link"), "removing a link");

  EXPECT_OK(__wasi_path_create_directory(dir, "subdir"), "creating a subdirectory");
  __wasi_fd_t subdir_fd = create_or_open(dir, "subdir", __WASI_OFLAGS_DIRECTORY);
  EXPECT_OK(__wasi_path_link(dir, 0, "file", subdir_fd, "link"),
            "creating a link in subdirectory");
  link_fd = open_link(subdir_fd, "link");
  check_rights(file_fd, link_fd);
  EXPECT_OK(__wasi_fd_close(link_fd), "Closing link_fd");
  EXPECT_OK(__wasi_fd_close(file_fd), "Closing file_fd");
  EXPECT_OK(__wasi_path_unlink_file(subdir_fd, "link"), "removing a link");
  EXPECT_OK(__wasi_fd_close(subdir_fd), "Closing subdir_fd");
  EXPECT_OK(__wasi_path_remove_directory(dir, "subdir"), "removing a subdirectory");

  create_file(dir, "link");
  ASSERT_ERRNO(__wasi_path_link(dir, 0, "file", dir, "link"),
               "creating a link to existing path should fail", __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_unlink_file(dir, "link"), "removing a file");
  ASSERT_ERRNO(__wasi_path_link(dir, 0, "file", dir, "file"),
               "creating a link to itself should fail", __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_create_directory(dir, "link"), "creating a dir");
  ASSERT_ERRNO(__wasi_path_link(dir, 0, "file", dir, "link"),
               "creating a link where target is a directory should fail", __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_remove_directory(dir, "link"), "removing a dir");

  EXPECT_OK(__wasi_path_create_directory(dir, "subdir"), "creating a subdirectory");
  subdir_fd = create_or_open(dir, "subdir", __WASI_OFLAGS_DIRECTORY);
  ASSERT_ERRNO(__wasi_path_link(dir, 0, "subdir", dir, "link"),
               "creating a link to a directory should fail", __WASI_ERRNO_PERM,
               __WASI_ERRNO_ACCES);
  EXPECT_OK(__wasi_fd_close(subdir_fd), "close subdir before deleting it");
  EXPECT_OK(__wasi_path_remove_directory(dir, "subdir"), "removing a subdirectory");

  ASSERT_ERRNO(__wasi_path_link(dir, 0, "file", dir, "link/"),
               "creating a link to a file with trailing slash should fail", __WASI_ERRNO_NOENT);

  if (support_dangling_filesystem() && __wasi_path_symlink("target", dir, "symlink") == 0) {
    EXPECT_OK(__wasi_path_link(dir, 0, "symlink", dir, "link"),
              "creating a link to a dangling symlink should succeed");
    EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a symlink");
    EXPECT_OK(__wasi_path_unlink_file(dir, "link"), "removing a hardlink");

    EXPECT_OK(__wasi_path_symlink("symlink", dir, "symlink"), "creating a symlink loop");
    EXPECT_OK(__wasi_path_link(dir, 0, "symlink", dir, "link"),
              "creating a link to a symlink loop should succeed");
    EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a symlink");
    EXPECT_OK(__wasi_path_unlink_file(dir, "link"), "removing a hardlink");

    EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a dangling symlink");
    ASSERT_ERRNO(__wasi_path_link(dir, 0, "file", dir, "symlink"),
                 "creating a link where target is a dangling symlink", __WASI_ERRNO_EXIST);
    EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a symlink");

    EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a dangling symlink");
    ASSERT_ERRNO(__wasi_path_link(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "symlink", dir, "link"),
                 "calling path_link with LOOKUPFLAGS_SYMLINK_FOLLOW should fail",
                 __WASI_ERRNO_INVAL, __WASI_ERRNO_NOENT);
    EXPECT_OK(__wasi_path_unlink_file(dir, "symlink"), "removing a symlink");
  }
  EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
}

int main(int argc, char **argv) {
  __wasi_fd_t base = testsuite_open_scratch_directory(scratch_arg(argc, argv));
  const char *dir_name = "path_link_dir.cleanup";
  __wasi_fd_t dir = testsuite_create_tmp_dir(base, dir_name);
  test_path_link(dir);
  EXPECT_OK(__wasi_fd_close(dir), "close");
  EXPECT_OK(__wasi_path_remove_directory(base, dir_name), "failed to remove dir");
  return 0;
}
