/* The wasi_unstable ABI differences: whence order, the 56-byte filestat, the 56-byte
 * subscription with its identifier. */
#include "wasi_check.h"

int main(void) {
  __wasi_fd_t dir = preopen("/sandbox"), fd;
  CHECK_EQ("create", open_at(dir, "f", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
  static const char text[] = "0123456789";
  static uint32_t iov[2];
  iov[0] = (uint32_t)PTR(text);
  iov[1] = 10;
  static int32_t n;
  CHECK_EQ("unstable fd_write", unstable_fd_write((int32_t)fd, PTR(iov), 1, PTR(&n)), 0);
  static uint64_t pos;
  CHECK_EQ("seek SET is 2", unstable_fd_seek((int32_t)fd, 3, 2, PTR(&pos)), 0);
  CHECK_EQ("at 3", pos, 3);
  CHECK_EQ("seek CUR is 0", unstable_fd_seek((int32_t)fd, 2, 0, PTR(&pos)), 0);
  CHECK_EQ("at 5", pos, 5);
  CHECK_EQ("seek END is 1", unstable_fd_seek((int32_t)fd, -1, 1, PTR(&pos)), 0);
  CHECK_EQ("at 9", pos, 9);
  CHECK_EQ("seek 3 is invalid", unstable_fd_seek((int32_t)fd, 0, 3, PTR(&pos)),
           __WASI_ERRNO_INVAL);

  static uint8_t st[64];
  memset(st, 0xee, sizeof st);
  CHECK_EQ("unstable fd_filestat_get", unstable_fd_filestat_get((int32_t)fd, PTR(st)), 0);
  uint32_t nlink;
  uint64_t size;
  memcpy(&nlink, st + 20, 4);
  memcpy(&size, st + 24, 8);
  CHECK_EQ("filetype at 16", st[16], __WASI_FILETYPE_REGULAR_FILE);
  CHECK_EQ("nlink u32 at 20", nlink, 1);
  CHECK_EQ("size at 24", size, 10);
  CHECK_EQ("56 bytes written", st[56], 0xee);
  memset(st, 0xee, sizeof st);
  CHECK_EQ("unstable path_filestat_get", unstable_path_filestat_get((int32_t)dir, 0, PTR("f"), 1,
           PTR(st)), 0);
  memcpy(&size, st + 24, 8);
  CHECK_EQ("path size at 24", size, 10);
  CHECK_EQ("path 56 bytes written", st[56], 0xee);

  /* Two 56-byte clock subscriptions: userdata@0, tag@8, identifier@16, id@24, timeout@32,
   * precision@40, flags@48. The second must fire, not the first. */
  static uint8_t subs[112];
  static uint8_t events[64];
  memset(subs, 0, sizeof subs);
  uint64_t v;
  v = 1; memcpy(subs + 0, &v, 8);
  v = 0xabcdef; memcpy(subs + 16, &v, 8);
  uint32_t id = __WASI_CLOCKID_MONOTONIC;
  memcpy(subs + 24, &id, 4);
  v = 60ull * 1000000000ull; memcpy(subs + 32, &v, 8);
  v = 2; memcpy(subs + 56 + 0, &v, 8);
  memcpy(subs + 56 + 24, &id, 4);
  v = 1000; memcpy(subs + 56 + 32, &v, 8);
  CHECK_EQ("unstable poll_oneoff", unstable_poll_oneoff(PTR(subs), PTR(events), 2, PTR(&n)), 0);
  CHECK_EQ("one event", n, 1);
  memcpy(&v, events, 8);
  CHECK_EQ("the short clock fired", v, 2);
  return FINISH();
}
