/* Path resolution beneath a directory descriptor, and the path_* functions.
 *
 * The sandbox: a path never names anything outside the directory descriptor it is resolved
 * from. The resolver walks the path one component at a time: every intermediate directory is
 * opened with openat(O_PATH | O_DIRECTORY | O_NOFOLLOW) and kept on a stack, `..` pops that
 * stack (so it can never climb above the starting directory, even if a directory is moved
 * while we walk), and symlinks are read with readlinkat and spliced into the rest of the path
 * by us, never followed by the kernel. Absolute paths and absolute symlink targets are refused.
 * The final host call gets the last directory and a single component, with AT_SYMLINK_NOFOLLOW
 * or O_NOFOLLOW, or is a call that never follows its final component (mkdir, unlink, rename,
 * symlink, the new name of link), so a symlink swapped in meanwhile is not followed either. */
#include "wasi_internal.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

namespace wasmc_wasi {
namespace {

/* The directories entered so far; the root is borrowed, the others are owned. */
struct DirStack {
  int root;
  int inline_fds[16];
  int *fds = inline_fds;
  uint32_t depth = 0;
  uint32_t cap = 16;

  explicit DirStack(int r) : root(r) {}
  DirStack(const DirStack &) = delete;
  DirStack &operator=(const DirStack &) = delete;
  ~DirStack() {
    while (depth) close(fds[--depth]);
    if (fds != inline_fds) free(fds);
  }
  int top() const { return depth ? fds[depth - 1] : root; }
  bool push(int fd) {
    if (depth == cap) {
      int *grown = (int *)malloc(sizeof(int) * cap * 2);
      if (!grown) return false;
      memcpy(grown, fds, sizeof(int) * depth);
      if (fds != inline_fds) free(fds);
      fds = grown;
      cap *= 2;
    }
    fds[depth++] = fd;
    return true;
  }
  void pop() { close(fds[--depth]); }
  /* Gives up the top directory (owned unless it is the root) and closes the rest. */
  int take_top(bool *owned) {
    if (!depth) {
      *owned = false;
      return root;
    }
    int fd = fds[--depth];
    *owned = true;
    return fd;
  }
};

constexpr size_t WORK_CAP = 2 * MAX_PATH_LEN + 2;

}  // namespace

int32_t resolve(int root, const char *path, unsigned flags, Resolved *out) {
  out->dir = -1;
  out->dir_owned = false;
  out->trailing_slash = false;
  out->name[0] = 0;
  size_t end = strlen(path);
  if (end == 0) return E_NOENT;
  if (path[0] == '/') return E_ESCAPE;
  if (end >= WORK_CAP) return E_NAMETOOLONG;

  char *buffers = (char *)malloc(2 * WORK_CAP + MAX_PATH_LEN + 1);
  if (!buffers) return E_NOMEM;
  char *work = buffers, *spare = buffers + WORK_CAP, *link = buffers + 2 * WORK_CAP;
  memcpy(work, path, end + 1);

  DirStack stack(root);
  size_t pos = 0;
  uint32_t links = 0;
  int32_t err = E_SUCCESS;
  char comp[NAME_MAX + 1];
  for (;;) {
    size_t start = pos;
    while (pos < end && work[pos] != '/') pos++;
    size_t clen = pos - start;
    bool slash_after = pos < end;
    while (pos < end && work[pos] == '/') pos++;
    bool last = pos == end;
    if (clen > NAME_MAX) {
      err = E_NAMETOOLONG;
      break;
    }
    memcpy(comp, work + start, clen);
    comp[clen] = 0;
    bool dot = clen == 1 && comp[0] == '.';
    bool dotdot = clen == 2 && comp[0] == '.' && comp[1] == '.';
    if (dotdot) {
      if (!stack.depth) {
        err = E_ESCAPE;
        break;
      }
      stack.pop();
    }
    if (dot || dotdot) {
      if (last) {
        out->name[0] = '.';
        out->name[1] = 0;
        out->trailing_slash = slash_after;
        break;
      }
      continue;
    }

    ssize_t link_len = -1;
    if (last) {
      bool follow = (flags & RESOLVE_FOLLOW) || (slash_after && !(flags & RESOLVE_KEEP_SLASH));
      if (follow) {
        link_len = readlinkat(stack.top(), comp, link, MAX_PATH_LEN + 1);
        if (link_len < 0 && errno != EINVAL && errno != ENOENT) {
          err = last_error();
          break;
        }
      }
      if (link_len < 0) {
        memcpy(out->name, comp, clen);
        if (slash_after && (flags & RESOLVE_KEEP_SLASH)) out->name[clen++] = '/';
        out->name[clen] = 0;
        out->trailing_slash = slash_after;
        break;
      }
    } else {
      int fd = openat(stack.top(), comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0) {
        if (!stack.push(fd)) {
          close(fd);
          err = E_NOMEM;
          break;
        }
        continue;
      }
      int e = errno;
      if (e != ENOTDIR && e != ELOOP) {
        err = map_errno(e);
        break;
      }
      link_len = readlinkat(stack.top(), comp, link, MAX_PATH_LEN + 1);
      if (link_len < 0) {
        err = E_NOTDIR;
        break;
      }
    }

    /* A symlink: continue with its target followed by the rest of the path. */
    if (++links > MAX_SYMLINKS) {
      err = E_LOOP;
      break;
    }
    if ((size_t)link_len >= MAX_PATH_LEN) {
      err = E_NAMETOOLONG;
      break;
    }
    if (link_len == 0) {
      err = E_NOENT;
      break;
    }
    if (link[0] == '/') {
      err = E_ESCAPE;
      break;
    }
    size_t rest = end - pos;
    bool need_slash = !last || slash_after;
    size_t total = (size_t)link_len + (need_slash ? 1 : 0) + rest;
    if (total >= WORK_CAP) {
      err = E_NAMETOOLONG;
      break;
    }
    memcpy(spare, link, (size_t)link_len);
    size_t n = (size_t)link_len;
    if (need_slash) spare[n++] = '/';
    memcpy(spare + n, work + pos, rest);
    spare[total] = 0;
    char *t = work;
    work = spare;
    spare = t;
    pos = 0;
    end = total;
  }
  free(buffers);
  if (err != E_SUCCESS) return err;
  out->dir = stack.take_top(&out->dir_owned);
  return E_SUCCESS;
}

void resolved_release(Resolved *r) {
  if (r->dir_owned && r->dir >= 0) close(r->dir);
  r->dir = -1;
  r->dir_owned = false;
}

}  // namespace wasmc_wasi

using namespace wasmc_wasi;

namespace {

/* Everything a path function starts with: a reference to the directory (with `rights`) in
 * *dir, the path copied out of guest memory, and its resolution. r->dir may be the directory's
 * own host descriptor, which *dir keeps open as long as r is used. */
int32_t begin_path(wasmc_instance *caller, int32_t fd, uint64_t rights, uint32_t path_ptr,
                   uint32_t path_len, unsigned flags, FdRef *dir, Resolved *r) {
  r->dir = -1;
  r->dir_owned = false;
  int32_t err = fd_lookup(context_of(caller), fd, rights, dir, WANT_DIRECTORY);
  if (err) return err;
  Memory m;
  if (!memory_of(caller, &m)) return E_FAULT;
  PathBuffer path;
  err = load_path(m, path_ptr, path_len, path);
  if (err) return err;
  return resolve((*dir)->host, path, flags, r);
}

/* RAII for a Resolved, and the reference to the directory it was resolved from (declared
 * first, so dropped last). */
struct ResolvedGuard {
  FdRef dir;
  Resolved r;
  ResolvedGuard() { r.dir = -1; r.dir_owned = false; }
  ~ResolvedGuard() { resolved_release(&r); }
};

/* Whether fd is open (a bad output buffer is reported before bad flags only then). */
bool fd_exists(wasmc_instance *caller, int32_t fd) {
  FdRef ref;
  return fd_lookup(context_of(caller), fd, 0, &ref) == E_SUCCESS;
}

/* For an operation whose path ended in '/': the name must be a directory. */
int32_t require_directory(const Resolved &r) {
  struct stat st;
  if (fstatat(r.dir, r.name, &st, AT_SYMLINK_NOFOLLOW) != 0) return last_error();
  return S_ISDIR(st.st_mode) ? E_SUCCESS : E_NOTDIR;
}

int32_t path_filestat_get_common(wasmc_instance *caller, int32_t fd, int32_t flags,
                                 int32_t path, int32_t path_len, int32_t buf, bool unstable) {
  const uint64_t size = unstable ? 56 : 64;
  Memory m;
  if (fd_exists(caller, fd) && memory_of(caller, &m) && !mem_range(m, (uint32_t)buf, size))
    return E_FAULT;
  if ((uint32_t)flags & ~LOOKUP_SYMLINK_FOLLOW) return E_INVAL;
  ResolvedGuard g;
  int32_t err = begin_path(caller, fd, R_PATH_FILESTAT_GET, (uint32_t)path, (uint32_t)path_len,
                           (flags & LOOKUP_SYMLINK_FOLLOW) ? RESOLVE_FOLLOW : 0, &g.dir, &g.r);
  if (err) return err;
  struct stat st;
  if (fstatat(g.r.dir, g.r.name, &st, AT_SYMLINK_NOFOLLOW) != 0) return last_error();
  if (g.r.trailing_slash && !S_ISDIR(st.st_mode)) return E_NOTDIR;
  if (!memory_of(caller, &m)) return E_FAULT;
  uint8_t *out = mem_range(m, (uint32_t)buf, size);
  if (!out) return E_FAULT;
  if (unstable) store_filestat_unstable(out, &st, filetype_of_mode(st.st_mode));
  else store_filestat(out, &st, filetype_of_mode(st.st_mode));
  return E_SUCCESS;
}

}  // namespace

extern "C" {

int32_t wasmc_wasi_path_create_directory(wasmc_instance *caller, int32_t fd, int32_t path,
                                         int32_t path_len) {
  ResolvedGuard g;
  int32_t err = begin_path(caller, fd, R_PATH_CREATE_DIRECTORY, (uint32_t)path,
                           (uint32_t)path_len, RESOLVE_KEEP_SLASH, &g.dir, &g.r);
  if (err) return err;
  if (mkdirat(g.r.dir, g.r.name, 0777) != 0) return last_error();
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_filestat_get(wasmc_instance *caller, int32_t fd, int32_t flags,
                                     int32_t path, int32_t path_len, int32_t buf) {
  return path_filestat_get_common(caller, fd, flags, path, path_len, buf, false);
}

int32_t wasmc_wasi_unstable_path_filestat_get(wasmc_instance *caller, int32_t fd, int32_t flags,
                                              int32_t path, int32_t path_len, int32_t buf) {
  return path_filestat_get_common(caller, fd, flags, path, path_len, buf, true);
}

int32_t wasmc_wasi_path_filestat_set_times(wasmc_instance *caller, int32_t fd, int32_t flags,
                                           int32_t path, int32_t path_len, int64_t atim,
                                           int64_t mtim, int32_t fst_flags) {
  if ((uint32_t)flags & ~LOOKUP_SYMLINK_FOLLOW) return E_INVAL;
  struct timespec times[2];
  if ((uint32_t)fst_flags > 0xffff) return E_INVAL;
  int32_t err = make_times((uint64_t)atim, (uint64_t)mtim, (uint16_t)fst_flags, times);
  if (err) return err;
  ResolvedGuard g;
  err = begin_path(caller, fd, R_PATH_FILESTAT_SET_TIMES, (uint32_t)path, (uint32_t)path_len,
                   (flags & LOOKUP_SYMLINK_FOLLOW) ? RESOLVE_FOLLOW : 0, &g.dir, &g.r);
  if (err) return err;
  if (g.r.trailing_slash && (err = require_directory(g.r))) return err;
  if (utimensat(g.r.dir, g.r.name, times, AT_SYMLINK_NOFOLLOW) != 0) return last_error();
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_link(wasmc_instance *caller, int32_t old_fd, int32_t old_flags,
                             int32_t old_path, int32_t old_path_len, int32_t new_fd,
                             int32_t new_path, int32_t new_path_len) {
  /* No lookup flags: following a symlink in the old path is refused too, as in Wasmtime
   * (path_link test: EINVAL; wasi-testsuite accepts EINVAL or ENOENT). */
  if (old_flags != 0) return E_INVAL;
  ResolvedGuard from, to;
  int32_t err = begin_path(caller, old_fd, R_PATH_LINK_SOURCE, (uint32_t)old_path,
                           (uint32_t)old_path_len, 0, &from.dir, &from.r);
  if (err) return err;
  err = begin_path(caller, new_fd, R_PATH_LINK_TARGET, (uint32_t)new_path,
                   (uint32_t)new_path_len, RESOLVE_KEEP_SLASH, &to.dir, &to.r);
  if (err) return err;
  if (from.r.trailing_slash) {
    err = require_directory(from.r);
    return err ? err : E_PERM; /* a hard link to a directory */
  }
  if (linkat(from.r.dir, from.r.name, to.r.dir, to.r.name, 0) != 0) return last_error();
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_open(wasmc_instance *caller, int32_t fd, int32_t dirflags, int32_t path,
                             int32_t path_len, int32_t oflags, int64_t fs_rights_base,
                             int64_t fs_rights_inheriting, int32_t fdflags, int32_t opened_fd) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  FdRef dir;
  uint64_t needed = R_PATH_OPEN;
  if (oflags & OFLAG_CREAT) needed |= R_PATH_CREATE_FILE;
  if (oflags & OFLAG_TRUNC) needed |= R_PATH_FILESTAT_SET_SIZE;
  int32_t err = fd_lookup(ctx, fd, needed, &dir, WANT_DIRECTORY);
  if (err) return err;
  Memory m;
  if (!memory_of(caller, &m) || !mem_range(m, (uint32_t)opened_fd, 4)) return E_FAULT;
  if ((uint32_t)dirflags & ~LOOKUP_SYMLINK_FOLLOW) return E_INVAL;
  if ((uint32_t)oflags & ~(uint32_t)OFLAG_ALL) return E_INVAL;
  if ((uint32_t)fdflags & ~(uint32_t)FDFLAG_ALL) return E_INVAL;
  if ((oflags & OFLAG_CREAT) && (oflags & OFLAG_DIRECTORY)) return E_INVAL;

  /* Rights. Those requested must be among the directory's inheriting rights (rights that
   * cannot apply to anything path_open returns are ignored), and they choose how the file is
   * opened: for reading with fd_read or fd_readdir, for writing with fd_write, fd_datasync,
   * fd_allocate or fd_filestat_set_size (what wasi-libc's open() asks for O_WRONLY). The new
   * descriptor gets every right the directory passes on that applies to what was opened, less
   * reading or writing if it was not opened for them. This is Wasmtime's model: it ignores the
   * requested rights beyond read and write, and its preview1 tests rely on that (they open
   * their scratch directory with no rights and use it fully, and open files with only
   * fd_read | fd_write and then seek, stat or truncate them). */
  uint64_t base = (uint64_t)fs_rights_base & RIGHTS_DIRECTORY_INHERITING;
  uint64_t inheriting = (uint64_t)fs_rights_inheriting & RIGHTS_DIRECTORY_INHERITING;
  uint64_t needed_inheriting = base | inheriting;
  if (fdflags & FDFLAG_DSYNC) needed_inheriting |= R_FD_DATASYNC;
  if (fdflags & (FDFLAG_RSYNC | FDFLAG_SYNC)) needed_inheriting |= R_FD_SYNC;
  if ((dir->rights_inheriting & needed_inheriting) != needed_inheriting) return E_NOTCAPABLE;

  /* O_CREAT | O_EXCL never follows a final symlink (POSIX). */
  unsigned rflags = 0;
  if ((dirflags & LOOKUP_SYMLINK_FOLLOW) &&
      !((oflags & OFLAG_CREAT) && (oflags & OFLAG_EXCL)))
    rflags |= RESOLVE_FOLLOW;
  ResolvedGuard g;
  PathBuffer buf;
  err = load_path(m, (uint32_t)path, (uint32_t)path_len, buf);
  if (err) return err;
  err = resolve(dir->host, buf, rflags, &g.r);
  if (err) return err;

  int host_flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
  bool want_dir = (oflags & OFLAG_DIRECTORY) || g.r.trailing_slash;
  if (g.r.trailing_slash && (oflags & OFLAG_CREAT)) return E_ISDIR;
  if (want_dir) host_flags |= O_DIRECTORY;
  if (oflags & OFLAG_CREAT) host_flags |= O_CREAT;
  if (oflags & OFLAG_EXCL) host_flags |= O_EXCL;
  if (oflags & OFLAG_TRUNC) host_flags |= O_TRUNC;
  if (fdflags & FDFLAG_APPEND) host_flags |= O_APPEND;
  if (fdflags & FDFLAG_DSYNC) host_flags |= O_DSYNC;
  if (fdflags & FDFLAG_NONBLOCK) host_flags |= O_NONBLOCK;
  if (fdflags & FDFLAG_RSYNC) host_flags |= O_RSYNC;
  if (fdflags & FDFLAG_SYNC) host_flags |= O_SYNC;
  bool read = base & RIGHTS_READ_ACCESS;
  bool write = base & RIGHTS_WRITE_ACCESS;
  /* A directory opened for writing: EISDIR from the host (path_open_preopen). */
  if (write) host_flags |= read ? O_RDWR : O_WRONLY;
  else host_flags |= O_RDONLY;

  int host = openat(g.r.dir, g.r.name, host_flags, 0666);
  if (host < 0) return last_error();
  struct stat st;
  if (fstat(host, &st) != 0) {
    int32_t e = last_error();
    close(host);
    return e;
  }
  FdAttrs e;
  memset(&e, 0, sizeof(e));
  e.host = host;
  e.filetype = filetype_of_fd(host, &st);
  e.fdflags = (uint16_t)fdflags;
  if (S_ISDIR(st.st_mode)) {
    e.kind = KIND_DIRECTORY;
    e.rights_base = dir->rights_inheriting & RIGHTS_DIRECTORY;
    e.rights_inheriting = dir->rights_inheriting;
  } else {
    e.kind = KIND_FILE;
    uint64_t applicable = RIGHTS_REGULAR_FILE;
    if (S_ISCHR(st.st_mode))
      applicable = character_device_rights(host);
    e.rights_base = dir->rights_inheriting & applicable;
    if (!read) e.rights_base &= ~RIGHTS_READ_ACCESS;
    if (!write) e.rights_base &= ~RIGHTS_LOST_WITHOUT_WRITE;
    e.rights_inheriting = 0;
  }
  uint32_t index;
  if ((err = fd_install(ctx, e, true, nullptr, &index))) return err;
  if (!memory_of(caller, &m)) return E_FAULT;
  store_u32(mem_range(m, (uint32_t)opened_fd, 4), (uint32_t)index);
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_readlink(wasmc_instance *caller, int32_t fd, int32_t path,
                                 int32_t path_len, int32_t buf, int32_t buf_len,
                                 int32_t bufused) {
  Memory m;
  if (fd_exists(caller, fd) &&
      (!memory_of(caller, &m) || !mem_range(m, (uint32_t)buf, (uint32_t)buf_len) ||
       !mem_range(m, (uint32_t)bufused, 4)))
    return E_FAULT;
  ResolvedGuard g;
  int32_t err = begin_path(caller, fd, R_PATH_READLINK, (uint32_t)path, (uint32_t)path_len, 0,
                           &g.dir, &g.r);
  if (err) return err;
  if (g.r.trailing_slash) {
    err = require_directory(g.r);
    return err ? err : E_INVAL; /* followed to a directory: not a symlink */
  }
  if (!memory_of(caller, &m)) return E_FAULT;
  uint8_t *out = mem_range(m, (uint32_t)buf, (uint32_t)buf_len);
  char tiny[1];
  /* readlinkat truncates silently, as WASI wants; it refuses a zero-sized buffer. */
  ssize_t n = buf_len ? readlinkat(g.r.dir, g.r.name, (char *)out, (uint32_t)buf_len)
                      : readlinkat(g.r.dir, g.r.name, tiny, sizeof(tiny));
  if (n < 0) return last_error();
  if (!buf_len) n = 0;
  store_u32(mem_range(m, (uint32_t)bufused, 4), (uint32_t)n);
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_remove_directory(wasmc_instance *caller, int32_t fd, int32_t path,
                                         int32_t path_len) {
  ResolvedGuard g;
  int32_t err = begin_path(caller, fd, R_PATH_REMOVE_DIRECTORY, (uint32_t)path,
                           (uint32_t)path_len, RESOLVE_KEEP_SLASH, &g.dir, &g.r);
  if (err) return err;
  if (unlinkat(g.r.dir, g.r.name, AT_REMOVEDIR) != 0) return last_error();
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_rename(wasmc_instance *caller, int32_t fd, int32_t old_path,
                               int32_t old_path_len, int32_t new_fd, int32_t new_path,
                               int32_t new_path_len) {
  ResolvedGuard from, to;
  int32_t err = begin_path(caller, fd, R_PATH_RENAME_SOURCE, (uint32_t)old_path,
                           (uint32_t)old_path_len, RESOLVE_KEEP_SLASH, &from.dir, &from.r);
  if (err) return err;
  err = begin_path(caller, new_fd, R_PATH_RENAME_TARGET, (uint32_t)new_path,
                   (uint32_t)new_path_len, RESOLVE_KEEP_SLASH, &to.dir, &to.r);
  if (err) return err;
  if (renameat(from.r.dir, from.r.name, to.r.dir, to.r.name) != 0) return last_error();
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_symlink(wasmc_instance *caller, int32_t old_path, int32_t old_path_len,
                                int32_t fd, int32_t new_path, int32_t new_path_len) {
  FdRef dir;
  int32_t err = fd_lookup(context_of(caller), fd, R_PATH_SYMLINK, &dir, WANT_DIRECTORY);
  if (err) return err;
  Memory m;
  if (!memory_of(caller, &m)) return E_FAULT;
  /* An absolute target is refused (EPERM, as Wasmtime: symlink_create). A relative one is not
   * resolved here: one that climbs out is refused when the link is followed. */
  PathBuffer target;
  err = load_path(m, (uint32_t)old_path, (uint32_t)old_path_len, target);
  if (err) return err;
  if (target[0] == '/') return E_ESCAPE;
  ResolvedGuard g;
  err = begin_path(caller, fd, R_PATH_SYMLINK, (uint32_t)new_path, (uint32_t)new_path_len,
                   RESOLVE_KEEP_SLASH, &g.dir, &g.r);
  if (err) return err;
  if (g.r.trailing_slash) {
    /* "name/": ENOENT if there is nothing (as the host), EEXIST for a directory and ENOTDIR
     * for anything else (the host says EEXIST; path_symlink_trailing_slashes wants ENOTDIR). */
    char name[sizeof(g.r.name)];
    size_t len = strlen(g.r.name);
    while (len > 1 && g.r.name[len - 1] == '/') len--;
    memcpy(name, g.r.name, len);
    name[len] = 0;
    struct stat st;
    if (fstatat(g.r.dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return last_error();
    return S_ISDIR(st.st_mode) ? E_EXIST : E_NOTDIR;
  }
  if (symlinkat(target, g.r.dir, g.r.name) != 0) return last_error();
  return E_SUCCESS;
}

int32_t wasmc_wasi_path_unlink_file(wasmc_instance *caller, int32_t fd, int32_t path,
                                    int32_t path_len) {
  ResolvedGuard g;
  int32_t err = begin_path(caller, fd, R_PATH_UNLINK_FILE, (uint32_t)path, (uint32_t)path_len,
                           RESOLVE_KEEP_SLASH, &g.dir, &g.r);
  if (err) return err;
  if (unlinkat(g.r.dir, g.r.name, 0) != 0) return last_error();
  return E_SUCCESS;
}

}  // extern "C"
