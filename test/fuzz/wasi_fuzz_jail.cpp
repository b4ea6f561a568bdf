#include "wasi_fuzz_jail.h"

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace wasi_fuzz {

namespace {

[[noreturn]] void fail(const std::string &what) {
  fprintf(stderr, "fuzz_wasi: cannot set up the jail: %s: %s\n", what.c_str(), strerror(errno));
  abort();
}

void makeDir(const std::string &path) {
  if (mkdir(path.c_str(), 0755) != 0) fail("mkdir " + path);
}

void makeFile(const std::string &path, const char *content) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create " + path);
  size_t len = strlen(content);
  if (write(fd, content, len) != (ssize_t)len) fail("write " + path);
  close(fd);
}

void makeSymlink(const std::string &target, const std::string &path) {
  if (symlink(target.c_str(), path.c_str()) != 0) fail("symlink " + path);
}

int removeEntry(const char *path, const struct stat *, int, struct FTW *) {
  remove(path);
  return 0;
}

void removeTree(const std::string &path) {
  nftw(path.c_str(), removeEntry, 64, FTW_DEPTH | FTW_PHYS);
}

// Changes to a directory's entries or attributes.
constexpr uint32_t kStructure = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |
                                IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF;

struct Watch {
  int wd;
  std::string path;
};
Watch watches[8];
unsigned numWatches;

int watch(int inotify, const std::string &path, uint32_t mask) {
  int wd = inotify_add_watch(inotify, path.c_str(), mask);
  if (wd < 0 || numWatches == sizeof(watches) / sizeof(watches[0])) fail("watch " + path);
  watches[numWatches++] = Watch{wd, path};
  return wd;
}
int boxWatch = -1;

// The address of the abstract UNIX socket `name` (no leading NUL).
socklen_t abstractAddress(const std::string &name, struct sockaddr_un *addr) {
  memset(addr, 0, sizeof *addr);
  addr->sun_family = AF_UNIX;
  memcpy(addr->sun_path + 1, name.data(), name.size());
  return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + name.size());
}

std::string watchedPath(int wd) {
  for (unsigned i = 0; i < numWatches; i++)
    if (watches[i].wd == wd) return watches[i].path;
  return "?";
}

} // namespace

Jail::Jail() {
  const char *tmp = getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/wasmc-wasi-fuzz-XXXXXX";
  char buf[PATH_MAX];
  snprintf(buf, sizeof buf, "%s", pattern.c_str());
  if (!mkdtemp(buf)) fail("mkdtemp " + pattern);
  char real[PATH_MAX];
  if (!realpath(buf, real)) fail("realpath");
  root_ = real;
  box_ = root_ + "/box";
  jail_ = box_ + "/jail";
  outside_ = box_ + "/outside";
  makeDir(box_);
  makeDir(outside_);
  makeFile(outside_ + "/secret", "wasmc-fuzz-secret\n");
  makeDir(outside_ + "/dir");

  // An abstract UNIX socket: nothing on disk, nothing on the network.
  socket_ = "wasmc-wasi-fuzz-" + std::to_string(getpid());
  listener_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_un addr;
  socklen_t len = abstractAddress(socket_, &addr);
  if (listener_ < 0 || bind(listener_, (struct sockaddr *)&addr, len) != 0 ||
      listen(listener_, 8) != 0)
    fail("listening socket");

  inotify_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify_ < 0) fail("inotify");
  watch(inotify_, root_, kStructure);
  boxWatch = watch(inotify_, box_, kStructure);
  watch(inotify_, outside_, IN_ALL_EVENTS);
  watch(inotify_, outside_ + "/secret", IN_ALL_EVENTS);
  watch(inotify_, outside_ + "/dir", IN_ALL_EVENTS);
  reset();
}

Jail::~Jail() {
  close(inotify_);
  close(listener_);
  removeTree(root_);
}

void Jail::reset() {
  removeTree(jail_);
  makeDir(jail_);
  makeFile(jail_ + "/file", "hello\n");
  makeDir(jail_ + "/dir");
  makeDir(jail_ + "/dir/sub");
  makeFile(jail_ + "/dir/nested", "nested\n");
  makeSymlink("file", jail_ + "/link_file");
  makeSymlink("dir", jail_ + "/link_dir");
  makeSymlink("../outside/secret", jail_ + "/link_out");
  makeSymlink("../outside", jail_ + "/link_out_dir");
  makeSymlink("..", jail_ + "/link_up");
  makeSymlink(outside_, jail_ + "/link_abs");
  makeSymlink("loop", jail_ + "/loop");
  makeSymlink("missing", jail_ + "/dangling");
  makeSymlink("../..", jail_ + "/dir/link_up2");
  escapes(); // the jail's own re-creation, seen in box/
}

std::string Jail::escapes() {
  std::string seen;
  alignas(struct inotify_event) char buf[4096];
  ssize_t n;
  while ((n = read(inotify_, buf, sizeof buf)) > 0) {
    for (char *p = buf; p < buf + n;) {
      auto *event = reinterpret_cast<struct inotify_event *>(p);
      p += sizeof(struct inotify_event) + event->len;
      // The jail directory itself is the program's: it may set its times (IN_MODIFY or
      // IN_ATTRIB, depending on which).
      if (event->wd == boxWatch && (event->mask & (IN_ATTRIB | IN_MODIFY)) && event->len &&
          !strcmp(event->name, "jail"))
        continue;
      char line[256];
      snprintf(line, sizeof line, "%s: event 0x%x on '%s'\n", watchedPath(event->wd).c_str(),
               event->mask, event->len ? event->name : "");
      seen += line;
    }
  }
  return seen;
}

void Jail::queueConnection() const {
  int client = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (client < 0) return;
  struct sockaddr_un addr;
  socklen_t len = abstractAddress(socket_, &addr);
  // With the backlog full, connections are already waiting: EAGAIN is fine.
  connect(client, (struct sockaddr *)&addr, len);
  close(client);
}

} // namespace wasi_fuzz
