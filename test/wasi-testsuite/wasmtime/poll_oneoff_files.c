/* Port of bytecodealliance/wasmtime crates/test-programs/src/bin/preview1_poll_oneoff_files.rs:
 * relative monotonic and realtime clock subscriptions sleep at least their timeout; an empty
 * subscription list is INVAL; a file is ready for reading and writing; an invalid descriptor
 * fails the whole call with BADF. */
#include "../poll_util.h"

#define CLOCK_ID 0x012345678ull

static void test_clock(__wasi_clockid_t id) {
  const __wasi_timestamp_t timeout = 5000000; /* 5 ms */
  __wasi_subscription_t in[1] = {subscribe_clock(CLOCK_ID, id, timeout, 0)};
  __wasi_event_t out[1];
  __wasi_size_t n;
  __wasi_timestamp_t before, after;
  EXPECT_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &before), "clock");
  EXPECT_OK(poll_once(in, 1, out, &n), "poll_oneoff");
  EXPECT_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &after), "clock");
  ASSERT_EQ(n, 1, "should return 1 event");
  ASSERT_EQ(out[0].error, __WASI_ERRNO_SUCCESS, "event error");
  ASSERT_EQ(out[0].type, __WASI_EVENTTYPE_CLOCK, "the event.type should equal clock");
  ASSERT_EQ(out[0].userdata, CLOCK_ID,
            "the event.userdata should contain clock_id specified by the user");
  ASSERT(after - before >= timeout, "poll_oneoff should sleep for the specified interval");
}

static void test_empty_poll(void) {
  __wasi_event_t out[1];
  __wasi_size_t n;
  ASSERT_ERRNO(__wasi_poll_oneoff((const __wasi_subscription_t *)DANGLING, out, 0, &n),
               "empty poll_oneoff should fail", __WASI_ERRNO_INVAL);
}

/* Polls until every subscription has had its event (userdata are unique). */
static int poll_with_retry(const __wasi_subscription_t *in, size_t count, __wasi_event_t *events) {
  __wasi_subscription_t subs[8];
  memcpy(subs, in, count * sizeof(*in));
  int total = 0;
  while (count) {
    __wasi_event_t out[8];
    __wasi_size_t n;
    EXPECT_OK(poll_once(subs, count, out, &n), "poll_oneoff");
    for (__wasi_size_t i = 0; i < n; i++) events[total++] = out[i];
    size_t kept = 0;
    for (size_t s = 0; s < count; s++) {
      int seen = 0;
      for (__wasi_size_t i = 0; i < n; i++) seen |= out[i].userdata == subs[s].userdata;
      if (!seen) subs[kept++] = subs[s];
    }
    count = kept;
  }
  return total;
}

static void test_fd_readwrite(__wasi_fd_t readable, __wasi_fd_t writable, __wasi_errno_t code) {
  __wasi_subscription_t in[2] = {subscribe_fd(1, __WASI_EVENTTYPE_FD_READ, readable),
                                 subscribe_fd(2, __WASI_EVENTTYPE_FD_WRITE, writable)};
  __wasi_event_t out[8];
  int n = poll_with_retry(in, 2, out);
  ASSERT_EQ(n, 2, "should return 2 events");
  const __wasi_event_t *read = out[0].userdata == 1 ? &out[0] : &out[1];
  const __wasi_event_t *write = out[0].userdata == 1 ? &out[1] : &out[0];
  ASSERT_EQ(read->userdata, 1, "the event.userdata should contain fd userdata");
  ASSERT_EQ(read->error, code, "read event error");
  ASSERT_EQ(read->type, __WASI_EVENTTYPE_FD_READ, "the event.type_ should equal FD_READ");
  ASSERT_EQ(write->userdata, 2, "the event.userdata should contain fd userdata");
  ASSERT_EQ(write->error, code, "write event error");
  ASSERT_EQ(write->type, __WASI_EVENTTYPE_FD_WRITE, "the event.type_ should equal FD_WRITE");
}

static void test_fd_readwrite_valid_fd(__wasi_fd_t dir) {
  __wasi_fd_t nonempty;
  EXPECT_OK(__wasi_path_open(dir, 0, "readable_file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE,
                             0, 0, &nonempty),
            "create writable file");
  const uint8_t one[1] = {1};
  __wasi_ciovec_t v = ciovec(one, 1);
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_write(nonempty, &v, 1, &n), "write");
  EXPECT_OK(__wasi_fd_close(nonempty), "close");
  __wasi_fd_t readable, writable;
  EXPECT_OK(__wasi_path_open(dir, 0, "readable_file", 0, __WASI_RIGHTS_FD_READ, 0, 0, &readable),
            "opening a readable file");
  ASSERT(readable > 2, "file descriptor range check");
  EXPECT_OK(__wasi_path_open(dir, 0, "writable_file", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE,
                             0, 0, &writable),
            "opening a writable file");
  ASSERT(writable > 2, "file descriptor range check");
  test_fd_readwrite(readable, writable, __WASI_ERRNO_SUCCESS);
  EXPECT_OK(__wasi_fd_close(readable), "closing readable_file");
  EXPECT_OK(__wasi_fd_close(writable), "closing writable_file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "readable_file"), "removing readable_file");
  EXPECT_OK(__wasi_path_unlink_file(dir, "writable_file"), "removing writable_file");
}

static void test_fd_readwrite_invalid_fd(void) {
  __wasi_subscription_t in[2] = {subscribe_fd(1, __WASI_EVENTTYPE_FD_READ, 0xffffffffu),
                                 subscribe_fd(2, __WASI_EVENTTYPE_FD_WRITE, 0xffffffffu)};
  __wasi_event_t out[2];
  __wasi_size_t n;
  ASSERT_EQ(poll_once(in, 2, out, &n), __WASI_ERRNO_BADF, "poll of an invalid fd");
}

int main(int argc, char **argv) {
  __wasi_fd_t dir = wasmtime_open_scratch_directory(scratch_arg(argc, argv));
  test_clock(__WASI_CLOCKID_MONOTONIC); /* test_timeout */
  test_clock(__WASI_CLOCKID_REALTIME);  /* test_sleep: what wasi-libc's sleep functions use */
  test_empty_poll();
  test_fd_readwrite_valid_fd(dir);
  test_fd_readwrite_invalid_fd();
  return 0;
}
