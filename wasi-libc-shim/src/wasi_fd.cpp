/* The fd_* functions: I/O, seeking, descriptor attributes, directory listing, the table. */
#include "wasi_internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

using namespace wasmc_wasi;

namespace {

/* A reference to fd with `rights`, and the caller's memory with [ptr, ptr + size) checked. */
int32_t begin_fd(wasmc_instance *caller, int32_t fd, uint64_t rights, FdRef *ref, Memory *m,
                 uint32_t ptr, uint64_t size) {
  int32_t err = fd_lookup(context_of(caller), fd, rights, ref);
  if (err) return err;
  if (!memory_of(caller, m) || !mem_range(*m, ptr, size)) return E_FAULT;
  return E_SUCCESS;
}

/* What a positioned operation (seek, tell, pread, pwrite) on a descriptor without the right
 * gets: ESPIPE for one that can never seek (a terminal, a socket; Wasmtime answers so for stdio),
 * EBADF otherwise (a directory, a right dropped by fd_fdstat_set_rights). */
int32_t unseekable_error(const FdRef &e) {
  if (e->kind == KIND_SOCKET || e->kind == KIND_LISTENER || e->filetype == FT_CHARACTER_DEVICE)
    return E_SPIPE;
  return E_BADF;
}

int32_t seek_common(wasmc_instance *caller, int32_t fd, int64_t offset, uint32_t whence,
                    int32_t newoffset) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, 0, &e);
  if (err) return err;
  bool tell_only = offset == 0 && whence == WHENCE_CUR;
  if (!(e->rights_base & R_FD_SEEK) && !(tell_only && (e->rights_base & R_FD_TELL)))
    return unseekable_error(e);
  int host_whence;
  switch (whence) {
  case WHENCE_SET: host_whence = SEEK_SET; break;
  case WHENCE_CUR: host_whence = SEEK_CUR; break;
  case WHENCE_END: host_whence = SEEK_END; break;
  default: return E_INVAL;
  }
  Memory m;
  if (!memory_of(caller, &m) || !mem_range(m, (uint32_t)newoffset, 8)) return E_FAULT;
  off_t pos = lseek(e->host, (off_t)offset, host_whence);
  if (pos < 0) return last_error();
  store_u64(mem_range(m, (uint32_t)newoffset, 8), (uint64_t)pos);
  return E_SUCCESS;
}

int32_t filestat_get_common(wasmc_instance *caller, int32_t fd, int32_t buf, bool unstable) {
  FdRef e;
  Memory m;
  const uint64_t size = unstable ? 56 : 64;
  int32_t err = begin_fd(caller, fd, R_FD_FILESTAT_GET, &e, &m, (uint32_t)buf, size);
  if (err) return err;
  struct stat st;
  if (fstat(e->host, &st) != 0) return last_error();
  uint8_t filetype = filetype_of_fd(e->host, &st);
  if (e->stdio) {
    /* The host's stdio: only its type, as Wasmtime reports it (fd_filestat_get test: size and
     * times 0), so a program learns nothing of the files or terminals behind it. */
    memset(&st, 0, sizeof(st));
  }
  uint8_t *out = mem_range(m, (uint32_t)buf, size);
  if (unstable) store_filestat_unstable(out, &st, filetype);
  else store_filestat(out, &st, filetype);
  return E_SUCCESS;
}

int32_t rw_common(wasmc_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len,
                  bool positioned, int64_t offset, int32_t result, Io io) {
  FdRef e;
  Memory m;
  int32_t err = begin_fd(caller, fd, io == Io::Read ? R_FD_READ : R_FD_WRITE, &e, &m,
                         (uint32_t)result, 4);
  if (err) return err;
  if (positioned && !(e->rights_base & R_FD_SEEK)) return unseekable_error(e);
  if (positioned && offset < 0) return E_INVAL;
  struct iovec vec[MAX_IOVS];
  int count;
  err = load_iovecs(m, (uint32_t)iovs, (uint32_t)iovs_len, vec, &count);
  if (err) return err;
  struct msghdr msg;
  memset(&msg, 0, sizeof(msg));
  msg.msg_iov = vec;
  msg.msg_iovlen = (size_t)count;
  size_t n;
  err = transfer(e.attrs(), io, &msg, 0, positioned ? offset : AT_CURRENT_POSITION, &n);
  if (err) return err;
  store_u32(mem_range(m, (uint32_t)result, 4), (uint32_t)n);
  return E_SUCCESS;
}

uint8_t filetype_of_dtype(unsigned char t) {
  switch (t) {
  case DT_REG: return FT_REGULAR_FILE;
  case DT_DIR: return FT_DIRECTORY;
  case DT_LNK: return FT_SYMBOLIC_LINK;
  case DT_CHR: return FT_CHARACTER_DEVICE;
  case DT_BLK: return FT_BLOCK_DEVICE;
  case DT_SOCK: return FT_SOCKET_STREAM;
  default: return FT_UNKNOWN;
  }
}

/* Lists a directory: "." and ".." first, then the rest in the host's order. */
int32_t take_snapshot(int host, DirSnapshot **out) {
  int dfd = openat(host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return last_error();
  DIR *d = fdopendir(dfd);
  if (!d) {
    int32_t err = last_error();
    close(dfd);
    return err;
  }
  DirSnapshot *s = (DirSnapshot *)calloc(1, sizeof(DirSnapshot));
  uint32_t cap = 16, names_cap = 256, names_len = 0;
  if (s) {
    s->entries = (DirSnapshot::Entry *)malloc(cap * sizeof(DirSnapshot::Entry));
    s->names = (char *)malloc(names_cap);
  }
  if (!s || !s->entries || !s->names) {
    snapshot_free(s);
    closedir(d);
    return E_NOMEM;
  }
  /* Slots 0 and 1 are "." and ".."; filled when readdir returns them. */
  memcpy(s->names, "...", 3);
  names_len = 3;
  s->entries[0] = DirSnapshot::Entry{0, 0, 1, FT_DIRECTORY};
  s->entries[1] = DirSnapshot::Entry{0, 1, 2, FT_DIRECTORY};
  s->count = 2;
  struct stat st;
  if (fstat(dfd, &st) == 0) s->entries[0].ino = st.st_ino;
  int32_t err = E_SUCCESS;
  for (;;) {
    errno = 0;
    struct dirent *de = readdir(d);
    if (!de) {
      if (errno) err = last_error();
      break;
    }
    size_t len = strlen(de->d_name);
    if (len == 1 && de->d_name[0] == '.') {
      s->entries[0].ino = de->d_ino;
      continue;
    }
    if (len == 2 && de->d_name[0] == '.' && de->d_name[1] == '.') {
      s->entries[1].ino = de->d_ino;
      continue;
    }
    if (s->count == cap) {
      if (cap >= 0x40000000u) { err = E_NOMEM; break; }
      DirSnapshot::Entry *grown =
          (DirSnapshot::Entry *)realloc(s->entries, cap * 2 * sizeof(DirSnapshot::Entry));
      if (!grown) { err = E_NOMEM; break; }
      s->entries = grown;
      cap *= 2;
    }
    if (names_len + len > names_cap) {
      uint64_t want = (uint64_t)names_cap * 2;
      while (want < names_len + len) want *= 2;
      if (want > 0xffffffffu) { err = E_NOMEM; break; }
      char *grown = (char *)realloc(s->names, want);
      if (!grown) { err = E_NOMEM; break; }
      s->names = grown;
      names_cap = (uint32_t)want;
    }
    memcpy(s->names + names_len, de->d_name, len);
    uint8_t type = filetype_of_dtype(de->d_type);
    if (de->d_type == DT_UNKNOWN && fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
      type = filetype_of_mode(st.st_mode);
    s->entries[s->count++] = DirSnapshot::Entry{de->d_ino, names_len, (uint32_t)len, type};
    names_len += (uint32_t)len;
  }
  closedir(d);
  if (err) {
    snapshot_free(s);
    return err;
  }
  *out = s;
  return E_SUCCESS;
}

/* Copies as much of src as fits at out[*used..cap). */
void put_bytes(uint8_t *out, uint32_t cap, uint32_t *used, const void *src, uint32_t len) {
  uint32_t n = cap - *used < len ? cap - *used : len;
  memcpy(out + *used, src, n);
  *used += n;
}

}  // namespace

extern "C" {

int32_t wasmc_wasi_fd_advise(wasmc_instance *caller, int32_t fd, int64_t offset, int64_t len,
                             int32_t advice) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_ADVISE, &e);
  if (err) return err;
  int host_advice;
  switch ((uint32_t)advice) {
  case 0: host_advice = POSIX_FADV_NORMAL; break;
  case 1: host_advice = POSIX_FADV_SEQUENTIAL; break;
  case 2: host_advice = POSIX_FADV_RANDOM; break;
  case 3: host_advice = POSIX_FADV_WILLNEED; break;
  case 4: host_advice = POSIX_FADV_DONTNEED; break;
  case 5: host_advice = POSIX_FADV_NOREUSE; break;
  default: return E_INVAL;
  }
  if (offset < 0 || len < 0) return E_INVAL;
  int r = posix_fadvise(e->host, (off_t)offset, (off_t)len, host_advice);
  return r ? map_errno(r) : E_SUCCESS;
}

/* Grows the file to cover [offset, offset + len) and never shrinks it (posix_fallocate), which
 * wasi-testsuite's file_allocate checks; an empty range succeeds. A descriptor that is not a
 * file open for writing is EBADF. (Wasmtime answers ENOTSUP for every call.) */
int32_t wasmc_wasi_fd_allocate(wasmc_instance *caller, int32_t fd, int64_t offset, int64_t len) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_ALLOCATE, &e);
  if (err) return err;
  if (offset < 0 || len < 0) return E_INVAL;
  if ((uint64_t)offset + (uint64_t)len > (uint64_t)INT64_MAX) return E_FBIG;
  if (len == 0) return E_SUCCESS;
  int r = posix_fallocate(e->host, (off_t)offset, (off_t)len);
  return r ? map_errno(r) : E_SUCCESS;
}

/* The host descriptor is closed when the last call in flight on it returns. */
int32_t wasmc_wasi_fd_close(wasmc_instance *caller, int32_t fd) {
  return fd_detach(context_of(caller), fd);
}

int32_t wasmc_wasi_fd_datasync(wasmc_instance *caller, int32_t fd) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_DATASYNC, &e);
  if (err) return err;
  return fdatasync(e->host) == 0 ? E_SUCCESS : last_error();
}

int32_t wasmc_wasi_fd_fdstat_get(wasmc_instance *caller, int32_t fd, int32_t buf) {
  FdRef e;
  Memory m;
  int32_t err = begin_fd(caller, fd, 0, &e, &m, (uint32_t)buf, 24);
  if (err) return err;
  uint8_t *out = mem_range(m, (uint32_t)buf, 24);
  memset(out, 0, 24);
  store_u8(out, e->filetype);
  store_u16(out + 2, e->fdflags);
  store_u64(out + 8, e->rights_base);
  store_u64(out + 16, e->rights_inheriting);
  return E_SUCCESS;
}

int32_t wasmc_wasi_fd_fdstat_set_flags(wasmc_instance *caller, int32_t fd, int32_t flags) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_FDSTAT_SET_FLAGS, &e);
  if (err) return err;
  if ((uint32_t)flags & ~(uint32_t)FDFLAG_ALL) return E_INVAL;
  ContextLock lock(context_of(caller)); /* the host's flags and fdflags change together */
  FdAttrs &a = e.file()->attrs;
  const uint16_t sync_flags = FDFLAG_DSYNC | FDFLAG_RSYNC | FDFLAG_SYNC;
  /* Linux cannot change the synchronisation flags of an open file. */
  if ((flags & sync_flags) != (a.fdflags & sync_flags)) return E_NOTSUP;
  if (!a.shared) {
    int fl = fcntl(a.host, F_GETFL);
    if (fl < 0) return last_error();
    fl &= ~(O_APPEND | O_NONBLOCK);
    if (flags & FDFLAG_APPEND) fl |= O_APPEND;
    if (flags & FDFLAG_NONBLOCK) fl |= O_NONBLOCK;
    if (fcntl(a.host, F_SETFL, fl) != 0) return last_error();
  }
  a.fdflags = (uint16_t)flags;
  return E_SUCCESS;
}

int32_t wasmc_wasi_fd_fdstat_set_rights(wasmc_instance *caller, int32_t fd, int64_t base,
                                        int64_t inheriting) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  ContextLock lock(ctx);
  OpenFd *file = fd_get_locked(ctx, fd);
  if (!file) return E_BADF;
  FdAttrs &a = file->attrs;
  /* Rights only shrink. */
  if (((uint64_t)base & ~a.rights_base) || ((uint64_t)inheriting & ~a.rights_inheriting))
    return E_NOTCAPABLE;
  a.rights_base = (uint64_t)base;
  a.rights_inheriting = (uint64_t)inheriting;
  return E_SUCCESS;
}

int32_t wasmc_wasi_fd_filestat_get(wasmc_instance *caller, int32_t fd, int32_t buf) {
  return filestat_get_common(caller, fd, buf, false);
}

int32_t wasmc_wasi_unstable_fd_filestat_get(wasmc_instance *caller, int32_t fd, int32_t buf) {
  return filestat_get_common(caller, fd, buf, true);
}

int32_t wasmc_wasi_fd_filestat_set_size(wasmc_instance *caller, int32_t fd, int64_t size) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_FILESTAT_SET_SIZE, &e);
  if (err) return err;
  if (size < 0) return E_INVAL;
  return ftruncate(e->host, (off_t)size) == 0 ? E_SUCCESS : last_error();
}

int32_t wasmc_wasi_fd_filestat_set_times(wasmc_instance *caller, int32_t fd, int64_t atim,
                                         int64_t mtim, int32_t fst_flags) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_FILESTAT_SET_TIMES, &e);
  if (err) return err;
  if ((uint32_t)fst_flags > 0xffff) return E_INVAL;
  struct timespec times[2];
  err = make_times((uint64_t)atim, (uint64_t)mtim, (uint16_t)fst_flags, times);
  if (err) return err;
  return futimens(e->host, times) == 0 ? E_SUCCESS : last_error();
}

int32_t wasmc_wasi_fd_pread(wasmc_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len,
                            int64_t offset, int32_t nread) {
  return rw_common(caller, fd, iovs, iovs_len, true, offset, nread, Io::Read);
}

int32_t wasmc_wasi_fd_pwrite(wasmc_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len,
                             int64_t offset, int32_t nwritten) {
  return rw_common(caller, fd, iovs, iovs_len, true, offset, nwritten, Io::Write);
}

int32_t wasmc_wasi_fd_read(wasmc_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len,
                           int32_t nread) {
  return rw_common(caller, fd, iovs, iovs_len, false, 0, nread, Io::Read);
}

int32_t wasmc_wasi_fd_write(wasmc_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len,
                            int32_t nwritten) {
  return rw_common(caller, fd, iovs, iovs_len, false, 0, nwritten, Io::Write);
}

int32_t wasmc_wasi_fd_prestat_get(wasmc_instance *caller, int32_t fd, int32_t buf) {
  FdRef ref;
  const OpenFd *e = fd_lookup(context_of(caller), fd, 0, &ref) ? nullptr : ref.file();
  if (!e || !e->preopen_name) return E_BADF;
  Memory m;
  uint8_t *out;
  if (!memory_of(caller, &m) || !(out = mem_range(m, (uint32_t)buf, 8))) return E_FAULT;
  memset(out, 0, 8);
  store_u8(out, 0); /* preopentype::dir */
  store_u32(out + 4, e->preopen_name_len);
  return E_SUCCESS;
}

int32_t wasmc_wasi_fd_prestat_dir_name(wasmc_instance *caller, int32_t fd, int32_t path,
                                       int32_t path_len) {
  FdRef ref;
  const OpenFd *e = fd_lookup(context_of(caller), fd, 0, &ref) ? nullptr : ref.file();
  if (!e || !e->preopen_name) return E_BADF;
  Memory m;
  if (!memory_of(caller, &m) || !mem_range(m, (uint32_t)path, (uint32_t)path_len))
    return E_FAULT;
  if ((uint32_t)path_len < e->preopen_name_len) return E_NAMETOOLONG;
  memcpy(mem_range(m, (uint32_t)path, e->preopen_name_len), e->preopen_name,
         e->preopen_name_len);
  return E_SUCCESS;
}

int32_t wasmc_wasi_fd_readdir(wasmc_instance *caller, int32_t fd, int32_t buf, int32_t buf_len,
                              int64_t cookie, int32_t bufused) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_READDIR, &e, WANT_DIRECTORY);
  if (err) return err;
  Memory m;
  if (!memory_of(caller, &m) || !mem_range(m, (uint32_t)buf, (uint32_t)buf_len) ||
      !mem_range(m, (uint32_t)bufused, 4))
    return E_FAULT;
  /* Cookie 0 starts a new listing; other cookies index the current one (under the lock: another
   * thread may start a new one). */
  ContextLock lock(context_of(caller));
  OpenFd *file = e.file();
  if (cookie == 0 || !file->snapshot) {
    DirSnapshot *s = nullptr;
    err = take_snapshot(e->host, &s);
    if (err) return err;
    snapshot_free(file->snapshot);
    file->snapshot = s;
  }
  const DirSnapshot *s = file->snapshot;
  uint8_t *out = mem_range(m, (uint32_t)buf, (uint32_t)buf_len);
  uint32_t cap = (uint32_t)buf_len, used = 0;
  for (uint64_t i = (uint64_t)cookie; i < s->count && used < cap; i++) {
    const DirSnapshot::Entry &ent = s->entries[i];
    uint8_t header[24];
    memset(header, 0, sizeof(header));
    store_u64(header, i + 1); /* d_next */
    store_u64(header + 8, ent.ino);
    store_u32(header + 16, ent.name_len);
    store_u8(header + 20, ent.type);
    put_bytes(out, cap, &used, header, sizeof(header));
    put_bytes(out, cap, &used, s->names + ent.name_offset, ent.name_len);
  }
  store_u32(mem_range(m, (uint32_t)bufused, 4), used);
  return E_SUCCESS;
}

int32_t wasmc_wasi_fd_renumber(wasmc_instance *caller, int32_t fd, int32_t to) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  OpenFd *replaced;
  {
    ContextLock lock(ctx);
    OpenFd *from = fd_get_locked(ctx, fd);
    replaced = fd_get_locked(ctx, to);
    if (!from || !replaced) return E_BADF;
    if (from == replaced) return E_SUCCESS;
    ctx->fds[(uint32_t)to] = from;
    ctx->fds[(uint32_t)fd] = nullptr;
  }
  fd_unref(replaced); /* as fd_close(to) */
  return E_SUCCESS;
}

int32_t wasmc_wasi_fd_seek(wasmc_instance *caller, int32_t fd, int64_t offset, int32_t whence,
                           int32_t newoffset) {
  return seek_common(caller, fd, offset, (uint32_t)whence, newoffset);
}

/* wasi_unstable numbers whence CUR = 0, END = 1, SET = 2. */
int32_t wasmc_wasi_unstable_fd_seek(wasmc_instance *caller, int32_t fd, int64_t offset,
                                    int32_t whence, int32_t newoffset) {
  uint32_t w;
  switch ((uint32_t)whence) {
  case 0: w = WHENCE_CUR; break;
  case 1: w = WHENCE_END; break;
  case 2: w = WHENCE_SET; break;
  default: w = 0xff; break;
  }
  return seek_common(caller, fd, offset, w, newoffset);
}

int32_t wasmc_wasi_fd_sync(wasmc_instance *caller, int32_t fd) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_SYNC, &e);
  if (err) return err;
  return fsync(e->host) == 0 ? E_SUCCESS : last_error();
}

int32_t wasmc_wasi_fd_tell(wasmc_instance *caller, int32_t fd, int32_t offset) {
  FdRef e;
  Memory m;
  int32_t err = begin_fd(caller, fd, 0, &e, &m, (uint32_t)offset, 8);
  if (err) return err;
  if (!(e->rights_base & (R_FD_TELL | R_FD_SEEK))) return unseekable_error(e); /* seek implies tell */
  off_t pos = lseek(e->host, 0, SEEK_CUR);
  if (pos < 0) return last_error();
  store_u64(mem_range(m, (uint32_t)offset, 8), (uint64_t)pos);
  return E_SUCCESS;
}

}  // extern "C"
