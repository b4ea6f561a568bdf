/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_sleep_quickly_but_lots.rs:
 * 1000 polls each of one zero timeout, two zero timeouts, and a zero timeout with a file's
 * read and write readiness. */
#include "../poll_util.h"

int main(int argc, char **argv) {
  if (argc < 2) FAIL("no scratch directory argument");
  __wasi_fd_t dir = wasmtime_open_scratch_directory(argv[1]);
  __wasi_event_t events[3];
  __wasi_size_t n;
  __wasi_subscription_t one[1] = {subscribe_clock(0, __WASI_CLOCKID_MONOTONIC, 0, 0)};
  for (int i = 0; i < 1000; i++) EXPECT_OK(poll_once(one, 1, events, &n), "poll_oneoff");
  __wasi_subscription_t two[2] = {subscribe_clock(0, __WASI_CLOCKID_MONOTONIC, 0, 0),
                                  subscribe_clock(0, __WASI_CLOCKID_MONOTONIC, 0, 0)};
  for (int i = 0; i < 1000; i++) EXPECT_OK(poll_once(two, 2, events, &n), "poll_oneoff");
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_open(dir, 0, "hello.txt", __WASI_OFLAGS_CREAT,
                             __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READ, 0, 0, &fd),
            "creating a file for writing");
  __wasi_subscription_t three[3] = {subscribe_clock(0, __WASI_CLOCKID_MONOTONIC, 0, 0),
                                    subscribe_fd(0, __WASI_EVENTTYPE_FD_READ, fd),
                                    subscribe_fd(0, __WASI_EVENTTYPE_FD_WRITE, fd)};
  for (int i = 0; i < 1000; i++) EXPECT_OK(poll_once(three, 3, events, &n), "poll_oneoff");
  return 0;
}
