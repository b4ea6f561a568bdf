/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_path_link.rs: hard
 * links in the same and another directory have the same filestat and, opened alike, the same
 * fdstat; linking onto an existing name (file, itself, directory, dangling symlink) is EXIST;
 * linking a directory is PERM/ACCES; "link/" is NOENT; symlinks (dangling or a loop) are linked
 * themselves; LOOKUPFLAGS_SYMLINK_FOLLOW is INVAL. */
#include "../io_util.h"

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
  ASSERT_EQ(c.fs_rights_base, d.fs_rights_base, "fs_rights_base should be equal");
  ASSERT_EQ(c.fs_rights_inheriting, d.fs_rights_inheriting,
            "fs_rights_inheriting should be equal");
}

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  __wasi_fd_t create_fd = open_ok(dir, 0, "file", __WASI_OFLAGS_CREAT, 0, 0, 0, "create file");
  EXPECT_OK(__wasi_fd_close(create_fd), "close");
  __wasi_fd_t file_fd = open_ok(dir, 0, "file", 0, 0, 0, 0, "open file");

  EXPECT_OK(__wasi_path_link(dir, 0, "file", dir, "link"),
            "creating a link in the same directory");
  __wasi_fd_t link_fd = open_ok(dir, 0, "link", 0, 0, 0, 0, "open link");
  check_rights(file_fd, link_fd);
  EXPECT_OK(__wasi_fd_close(link_fd), "Closing link_fd");
  EXPECT_OK(__wasi_path_unlink_file(dir, "link"), "removing a link");

  EXPECT_OK(__wasi_path_create_directory(dir, "subdir"), "creating a subdirectory");
  __wasi_fd_t subdir_fd = open_ok(dir, 0, "subdir", __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
                                  "open subdir directory");
  EXPECT_OK(__wasi_path_link(dir, 0, "file", subdir_fd, "link"),
            "creating a link in subdirectory");
  link_fd = open_ok(subdir_fd, 0, "link", 0, 0, 0, 0, "open link in subdir");
  check_rights(file_fd, link_fd);
  EXPECT_OK(__wasi_fd_close(link_fd), "Closing link_fd");
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
  subdir_fd = open_ok(dir, 0, "subdir", __WASI_OFLAGS_DIRECTORY, 0, 0, 0,
                      "open new descriptor to subdir");
  ASSERT_ERRNO(__wasi_path_link(dir, 0, "subdir", dir, "link"),
               "creating a link to a directory should fail", __WASI_ERRNO_PERM,
               __WASI_ERRNO_ACCES);
  EXPECT_OK(__wasi_fd_close(subdir_fd), "close subdir before deleting it");
  EXPECT_OK(__wasi_path_remove_directory(dir, "subdir"), "removing a subdirectory");

  ASSERT_ERRNO(__wasi_path_link(dir, 0, "file", dir, "link/"),
               "creating a link to a file with trailing slash should fail", __WASI_ERRNO_NOENT);

  if (support_dangling_filesystem()) {
    EXPECT_OK(__wasi_path_symlink("target", dir, "symlink"), "creating a dangling symlink");
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
                 __WASI_ERRNO_INVAL);

    EXPECT_OK(__wasi_path_unlink_file(dir, "file"), "removing a file");
  }
  return 0;
}
