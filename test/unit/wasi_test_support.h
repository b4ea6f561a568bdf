// Support for the WASI shim's unit tests: an instance whose linear memory is a malloc'd buffer,
// a fresh temporary directory pre-opened as fd 3, and helpers to place data in guest memory and
// to call the functions the way a module would.
#ifndef WASMC_TEST_WASI_TEST_SUPPORT_H
#define WASMC_TEST_WASI_TEST_SUPPORT_H

#include "wasmc/runtime.h"
#include "wasmc/wasi.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace wasi_test {

// WASI constants, numbered as in the witx (not as the host numbers them).
enum : int32_t {
  ESUCCESS = 0, EACCES_ = 2, EAGAIN_ = 6, EBADF_ = 8, EEXIST_ = 20, EFAULT_ = 21, EFBIG_ = 22,
  EILSEQ_ = 25, EINVAL_ = 28, EISDIR_ = 31, ELOOP_ = 32, ENAMETOOLONG_ = 37, ENOENT_ = 44,
  ENOTCONN_ = 53, ENOTDIR_ = 54, ENOTEMPTY_ = 55, ENOTSOCK_ = 57, ENOTSUP_ = 58, EPERM_ = 63,
  ESPIPE_ = 70, ENOTCAPABLE_ = 76
};
constexpr uint64_t RIGHT_FD_DATASYNC = 1ull << 0, RIGHT_FD_READ = 1ull << 1,
                   RIGHT_FD_SEEK = 1ull << 2, RIGHT_FD_FDSTAT_SET_FLAGS = 1ull << 3,
                   RIGHT_FD_SYNC = 1ull << 4, RIGHT_FD_TELL = 1ull << 5,
                   RIGHT_FD_WRITE = 1ull << 6, RIGHT_FD_ADVISE = 1ull << 7,
                   RIGHT_FD_ALLOCATE = 1ull << 8, RIGHT_PATH_CREATE_DIRECTORY = 1ull << 9,
                   RIGHT_PATH_CREATE_FILE = 1ull << 10, RIGHT_PATH_OPEN = 1ull << 13,
                   RIGHT_FD_READDIR = 1ull << 14, RIGHT_FD_FILESTAT_GET = 1ull << 21,
                   RIGHT_FD_FILESTAT_SET_SIZE = 1ull << 22,
                   RIGHT_FD_FILESTAT_SET_TIMES = 1ull << 23, RIGHT_POLL_FD_READWRITE = 1ull << 27,
                   RIGHT_SOCK_SHUTDOWN = 1ull << 28, RIGHT_SOCK_ACCEPT = 1ull << 29;
constexpr uint64_t RIGHTS_RW_FILE = RIGHT_FD_READ | RIGHT_FD_WRITE | RIGHT_FD_SEEK |
                                    RIGHT_FD_TELL | RIGHT_FD_FILESTAT_GET |
                                    RIGHT_FD_FILESTAT_SET_SIZE | RIGHT_FD_FILESTAT_SET_TIMES |
                                    RIGHT_FD_ADVISE | RIGHT_FD_ALLOCATE | RIGHT_FD_SYNC |
                                    RIGHT_FD_DATASYNC | RIGHT_FD_FDSTAT_SET_FLAGS |
                                    RIGHT_POLL_FD_READWRITE;
constexpr uint64_t ALL_RIGHTS = (1ull << 30) - 1;
enum : int32_t { OFLAG_CREAT = 1, OFLAG_DIRECTORY = 2, OFLAG_EXCL = 4, OFLAG_TRUNC = 8 };
enum : int32_t { FD_APPEND = 1, FD_DSYNC = 2, FD_NONBLOCK = 4, FD_RSYNC = 8, FD_SYNC = 16 };
enum : int32_t { FOLLOW = 1 };
enum : uint8_t {
  FT_UNKNOWN = 0, FT_CHAR = 2, FT_DIR = 3, FT_FILE = 4, FT_SOCK_STREAM = 6, FT_SYMLINK = 7
};

// rm -rf
inline int removeEntry(const char *path, const struct stat *, int, struct FTW *) {
  return remove(path);
}
inline void removeTree(const std::string &path) {
  nftw(path.c_str(), removeEntry, 16, FTW_DEPTH | FTW_PHYS);
}

inline std::string makeTempDir(const char *tag) {
  const char *base = getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/wasmc-" + tag + "-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back(0);
  REQUIRE(mkdtemp(buf.data()) != nullptr);
  // Canonical, so that tests comparing host paths are not fooled by a symlinked /tmp.
  char real[PATH_MAX];
  REQUIRE(realpath(buf.data(), real) != nullptr);
  return real;
}

inline void writeHostFile(const std::string &path, const std::string &content) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, content.data(), content.size()) == (ssize_t)content.size());
  close(fd);
}

inline std::string readHostFile(const std::string &path) {
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return "<missing>";
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, (size_t)n);
  close(fd);
  return out;
}

struct Options {
  std::vector<std::string> args{"prog"};
  std::vector<std::string> env;
  std::vector<int> listen_fds;
  int stdin_fd = 0, stdout_fd = 1, stderr_fd = 2;
  bool with_memory = true;
};

// An instance with 1 MiB of memory (inside a 2 MiB allocation whose tail holds a canary, so an
// access past the memory's size is seen instead of being silently harmless) and the context.
struct Sandbox {
  static constexpr uint32_t kMemorySize = 1u << 20;
  static constexpr uint32_t kPreopen = 3;
  std::string root;    // pre-opened as fd 3, guest name "/sandbox"
  std::string outside; // a sibling directory the guest must never reach
  uint8_t *block = nullptr;
  wasmc_memory memory{};
  wasmc_memory *memories[1] = {&memory};
  wasmc_instance instance{};
  wasmc_wasi_ctx *ctx = nullptr;
  uint32_t heap = 4096; // bump allocator for guest data; page 0 stays zero

  explicit Sandbox(const Options &options = Options()) {
    root = makeTempDir("wasi-root");
    outside = makeTempDir("wasi-outside");
    block = static_cast<uint8_t *>(calloc(2, kMemorySize));
    memset(block + kMemorySize, 0xA5, kMemorySize);
    memory.base = block;
    memory.size = kMemorySize;
    if (options.with_memory) {
      instance.memory_base = block;
      instance.memories = memories;
    }
    std::vector<const char *> argv, env;
    for (auto &a : options.args) argv.push_back(a.c_str());
    for (auto &e : options.env) env.push_back(e.c_str());
    wasmc_wasi_preopen preopen{root.c_str(), "/sandbox"};
    wasmc_wasi_config config{};
    config.argc = (int)argv.size();
    config.argv = argv.data();
    config.envc = (int)env.size();
    config.env = env.data();
    config.num_preopens = 1;
    config.preopens = &preopen;
    config.num_listen_fds = (int)options.listen_fds.size();
    config.listen_fds = options.listen_fds.data();
    config.stdin_fd = options.stdin_fd;
    config.stdout_fd = options.stdout_fd;
    config.stderr_fd = options.stderr_fd;
    char error[256] = "";
    ctx = wasmc_wasi_new(&config, error, sizeof error);
    INFO(error);
    REQUIRE(ctx != nullptr);
    instance.wasi = ctx;
  }
  ~Sandbox() {
    wasmc_wasi_free(ctx);
    removeTree(root);
    removeTree(outside);
    free(block);
  }
  Sandbox(const Sandbox &) = delete;
  Sandbox &operator=(const Sandbox &) = delete;

  wasmc_instance *in() { return &instance; }

  // True if nothing wrote past the memory's size.
  bool canaryIntact() const {
    for (uint32_t i = 0; i < kMemorySize; i++)
      if (block[kMemorySize + i] != 0xA5) return false;
    return true;
  }

  uint32_t alloc(uint32_t size, uint32_t align = 8) {
    heap = (heap + align - 1) & ~(align - 1);
    uint32_t p = heap;
    heap += size;
    REQUIRE(heap <= kMemorySize);
    memset(block + p, 0, size);
    return p;
  }
  uint32_t str(const std::string &s) { // not NUL-terminated: WASI passes lengths
    uint32_t p = alloc((uint32_t)s.size() + 1, 1);
    memcpy(block + p, s.data(), s.size());
    return p;
  }
  uint8_t *at(uint32_t p) { return block + p; }
  uint32_t u32(uint32_t p) const { uint32_t v; memcpy(&v, block + p, 4); return v; }
  uint64_t u64(uint32_t p) const { uint64_t v; memcpy(&v, block + p, 8); return v; }
  uint16_t u16(uint32_t p) const { uint16_t v; memcpy(&v, block + p, 2); return v; }
  void setU32(uint32_t p, uint32_t v) { memcpy(block + p, &v, 4); }
  void setU64(uint32_t p, uint64_t v) { memcpy(block + p, &v, 8); }
  std::string bytes(uint32_t p, uint32_t n) const { return std::string((const char *)block + p, n); }
  std::string host(const std::string &rel) const { return root + "/" + rel; }

  // A ciovec array of one buffer per string.
  uint32_t iovs(const std::vector<std::string> &parts) {
    uint32_t array = alloc(8 * (uint32_t)parts.size());
    for (size_t i = 0; i < parts.size(); i++) {
      uint32_t buf = str(parts[i]);
      setU32(array + 8 * (uint32_t)i, buf);
      setU32(array + 8 * (uint32_t)i + 4, (uint32_t)parts[i].size());
    }
    return array;
  }
  // An iovec array of buffers of the given sizes.
  uint32_t buffers(const std::vector<uint32_t> &sizes) {
    uint32_t array = alloc(8 * (uint32_t)sizes.size());
    for (size_t i = 0; i < sizes.size(); i++) {
      uint32_t buf = alloc(sizes[i] ? sizes[i] : 1, 1);
      setU32(array + 8 * (uint32_t)i, buf);
      setU32(array + 8 * (uint32_t)i + 4, sizes[i]);
    }
    return array;
  }

  // path_open; returns the errno and sets *fd.
  int32_t open(const std::string &path, int32_t oflags = 0, uint64_t base = RIGHTS_RW_FILE,
               int32_t lookup = FOLLOW, int32_t fdflags = 0, uint32_t *fd = nullptr,
               uint64_t inheriting = 0, int32_t dirfd = kPreopen) {
    uint32_t out = alloc(4);
    int32_t r = wasmc_wasi_path_open(&instance, dirfd, lookup, (int32_t)str(path),
                                     (int32_t)path.size(), oflags, (int64_t)base,
                                     (int64_t)inheriting, fdflags, (int32_t)out);
    if (fd) *fd = r == 0 ? u32(out) : UINT32_MAX;
    return r;
  }
  uint32_t openOk(const std::string &path, int32_t oflags = 0, uint64_t base = RIGHTS_RW_FILE,
                  int32_t fdflags = 0) {
    uint32_t fd = 0;
    INFO("path_open " << path);
    REQUIRE(open(path, oflags, base, FOLLOW, fdflags, &fd) == ESUCCESS);
    return fd;
  }
  uint32_t openDir(const std::string &path) {
    uint32_t fd = 0;
    REQUIRE(open(path, OFLAG_DIRECTORY, ALL_RIGHTS & ~(RIGHT_FD_WRITE | RIGHT_FD_DATASYNC |
                                                        RIGHT_FD_ALLOCATE |
                                                        RIGHT_FD_FILESTAT_SET_SIZE),
                 FOLLOW, 0, &fd, ALL_RIGHTS) == ESUCCESS);
    return fd;
  }

  int32_t write(uint32_t fd, const std::vector<std::string> &parts, uint32_t *written = nullptr) {
    uint32_t out = alloc(4);
    int32_t r = wasmc_wasi_fd_write(&instance, (int32_t)fd, (int32_t)iovs(parts),
                                    (int32_t)parts.size(), (int32_t)out);
    if (written) *written = u32(out);
    return r;
  }
  // Reads up to n bytes; returns the errno and fills *data.
  int32_t read(uint32_t fd, uint32_t n, std::string *data) {
    uint32_t array = buffers({n});
    uint32_t out = alloc(4);
    int32_t r = wasmc_wasi_fd_read(&instance, (int32_t)fd, (int32_t)array, 1, (int32_t)out);
    if (data) *data = r == 0 ? bytes(u32(array), u32(out)) : std::string();
    return r;
  }

  // Path functions with std::string paths.
  int32_t mkdir(const std::string &p, int32_t fd = kPreopen) {
    return wasmc_wasi_path_create_directory(&instance, fd, (int32_t)str(p), (int32_t)p.size());
  }
  int32_t rmdir(const std::string &p, int32_t fd = kPreopen) {
    return wasmc_wasi_path_remove_directory(&instance, fd, (int32_t)str(p), (int32_t)p.size());
  }
  int32_t unlink(const std::string &p, int32_t fd = kPreopen) {
    return wasmc_wasi_path_unlink_file(&instance, fd, (int32_t)str(p), (int32_t)p.size());
  }
  int32_t symlink(const std::string &target, const std::string &p, int32_t fd = kPreopen) {
    return wasmc_wasi_path_symlink(&instance, (int32_t)str(target), (int32_t)target.size(), fd,
                                   (int32_t)str(p), (int32_t)p.size());
  }
  int32_t rename(const std::string &from, const std::string &to, int32_t fd = kPreopen) {
    return wasmc_wasi_path_rename(&instance, fd, (int32_t)str(from), (int32_t)from.size(), fd,
                                  (int32_t)str(to), (int32_t)to.size());
  }
  int32_t link(const std::string &from, const std::string &to, int32_t flags = 0) {
    return wasmc_wasi_path_link(&instance, kPreopen, flags, (int32_t)str(from),
                                (int32_t)from.size(), kPreopen, (int32_t)str(to),
                                (int32_t)to.size());
  }
  // path_filestat_get: errno; *type and *size from the 64-byte filestat.
  int32_t stat(const std::string &p, int32_t flags = FOLLOW, uint8_t *type = nullptr,
               uint64_t *size = nullptr, int32_t fd = kPreopen) {
    uint32_t buf = alloc(64);
    int32_t r = wasmc_wasi_path_filestat_get(&instance, fd, flags, (int32_t)str(p),
                                             (int32_t)p.size(), (int32_t)buf);
    if (type) *type = block[buf + 16];
    if (size) *size = u64(buf + 32);
    return r;
  }
  int32_t readlink(const std::string &p, uint32_t cap, std::string *out) {
    uint32_t buf = alloc(cap ? cap : 1, 1);
    uint32_t used = alloc(4);
    int32_t r = wasmc_wasi_path_readlink(&instance, kPreopen, (int32_t)str(p), (int32_t)p.size(),
                                         (int32_t)buf, (int32_t)cap, (int32_t)used);
    if (out) *out = r == 0 ? bytes(buf, u32(used)) : std::string();
    return r;
  }
  int32_t seek(uint32_t fd, int64_t offset, int32_t whence, uint64_t *pos = nullptr) {
    uint32_t out = alloc(8);
    int32_t r = wasmc_wasi_fd_seek(&instance, (int32_t)fd, offset, whence, (int32_t)out);
    if (pos) *pos = u64(out);
    return r;
  }
  int32_t fdstat(uint32_t fd, uint8_t *type, uint16_t *flags = nullptr, uint64_t *base = nullptr,
                 uint64_t *inheriting = nullptr) {
    uint32_t buf = alloc(24);
    int32_t r = wasmc_wasi_fd_fdstat_get(&instance, (int32_t)fd, (int32_t)buf);
    if (type) *type = block[buf];
    if (flags) *flags = u16(buf + 2);
    if (base) *base = u64(buf + 8);
    if (inheriting) *inheriting = u64(buf + 16);
    return r;
  }
};

} // namespace wasi_test

#endif // WASMC_TEST_WASI_TEST_SUPPORT_H
