/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_poll_oneoff_stdio.rs:
 * stdin is either ready for reading or the 200 ms clock fires; stdout and stderr become
 * writable before the clock fires. */
#include "../poll_util.h"

#define TIMEOUT 200000000ull
#define CLOCK_ID 0x012345678ull
#define STDIN_ID 0x876543210ull

static void test_stdin_read(void) {
  __wasi_subscription_t in[2] = {
      subscribe_clock(CLOCK_ID, __WASI_CLOCKID_MONOTONIC, TIMEOUT, 0),
      subscribe_fd(STDIN_ID, __WASI_EVENTTYPE_FD_READ, STDIN_FD)};
  __wasi_event_t out[2];
  __wasi_size_t n;
  EXPECT_OK(poll_once(in, 2, out, &n), "poll_oneoff");
  ASSERT(n >= 1, "stdin read should return at least 1 event");
  for (__wasi_size_t i = 0; i < n; i++) {
    if (out[i].type == __WASI_EVENTTYPE_CLOCK) {
      ASSERT_EQ(out[i].error, __WASI_ERRNO_SUCCESS, "clock event error");
      ASSERT_EQ(out[i].userdata, CLOCK_ID, "the event.userdata should contain CLOCK_ID");
    } else if (out[i].type == __WASI_EVENTTYPE_FD_READ) {
      ASSERT_EQ(out[i].error, __WASI_ERRNO_SUCCESS, "stdin event error");
      ASSERT_EQ(out[i].userdata, STDIN_ID, "the event.userdata should contain STDIN_ID");
    } else {
      FAIL("unexpected event type %d", out[i].type);
    }
  }
}

static void test_stdout_stderr_write(void) {
  __wasi_userdata_t pending[2] = {1, 2};
  __wasi_fd_t fds[2] = {STDOUT_FD, STDERR_FD};
  int npending = 2, timed_out = 0;
  while (npending) {
    if (timed_out) FAIL("timed out with %d pending subs", npending);
    __wasi_subscription_t subs[3];
    for (int i = 0; i < npending; i++)
      subs[i] = subscribe_fd(pending[i], __WASI_EVENTTYPE_FD_WRITE, fds[pending[i] - 1]);
    subs[npending] = subscribe_clock(CLOCK_ID, __WASI_CLOCKID_MONOTONIC, TIMEOUT, 0);
    __wasi_event_t out[3];
    __wasi_size_t n;
    EXPECT_OK(poll_once(subs, (size_t)npending + 1, out, &n), "poll_oneoff");
    for (__wasi_size_t i = 0; i < n; i++) {
      if (out[i].userdata == CLOCK_ID) {
        timed_out = 1;
        continue;
      }
      int found = -1;
      for (int k = 0; k < npending; k++)
        if (pending[k] == out[i].userdata) found = k;
      if (found < 0) FAIL("Unknown userdata %llu", (unsigned long long)out[i].userdata);
      ASSERT_EQ(out[i].type, __WASI_EVENTTYPE_FD_WRITE, "event type");
      ASSERT_EQ(out[i].error, __WASI_ERRNO_SUCCESS, "event error");
      pending[found] = pending[--npending];
    }
  }
}

int main(void) {
  test_stdin_read();
  test_stdout_stderr_write();
  return 0;
}
