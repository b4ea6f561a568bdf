/* clock_*, poll_oneoff, random_get, sched_yield. */
#include "wasi_check.h"

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  __wasi_clock_time_get(id, 1, &t);
  return t;
}

int main(void) {
  __wasi_timestamp_t res, t;
  CHECK_EQ("res realtime", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &res), 0);
  CHECK("res > 0", res > 0);
  CHECK_EQ("res monotonic", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res), 0);
  CHECK_EQ("res process", __wasi_clock_res_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, &res), 0);
  CHECK_EQ("res thread", __wasi_clock_res_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, &res), 0);
  CHECK_EQ("res invalid", __wasi_clock_res_get(4, &res), __WASI_ERRNO_INVAL);
  CHECK_EQ("time invalid", __wasi_clock_time_get(99, 0, &t), __WASI_ERRNO_INVAL);
  CHECK_EQ("time process", __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 0, &t), 0);
  CHECK_EQ("time thread", __wasi_clock_time_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, 0, &t), 0);
  CHECK("realtime after 2020", now(__WASI_CLOCKID_REALTIME) > 1577836800ull * 1000000000ull);
  int fine = 0;
  __wasi_timestamp_t prev = 0;
  int monotonic = 1;
  for (int i = 0; i < 50; i++) {
    t = now(__WASI_CLOCKID_MONOTONIC);
    if (t < prev) monotonic = 0;
    prev = t;
    if (t % 1000) fine = 1;
  }
  CHECK("monotonic", monotonic);
  CHECK("nanoseconds, not rounded", fine);

  /* poll_oneoff: one relative clock */
  __wasi_subscription_t subs[3];
  __wasi_event_t events[3];
  __wasi_size_t n;
  memset(subs, 0, sizeof subs);
  subs[0].userdata = 11;
  subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[0].u.u.clock.timeout = 30000000; /* 30 ms */
  __wasi_timestamp_t start = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_EQ("poll clock", __wasi_poll_oneoff(subs, events, 1, &n), 0);
  CHECK("waited 30 ms", now(__WASI_CLOCKID_MONOTONIC) - start >= 30000000);
  CHECK_EQ("one event", n, 1);
  CHECK_EQ("userdata", events[0].userdata, 11);
  CHECK_EQ("type clock", events[0].type, __WASI_EVENTTYPE_CLOCK);
  CHECK_EQ("no error", events[0].error, 0);

  /* absolute deadline in the past + a long relative one: only the first fires */
  subs[0].u.u.clock.timeout = now(__WASI_CLOCKID_MONOTONIC) - 1;
  subs[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  subs[1] = subs[0];
  subs[1].userdata = 22;
  subs[1].u.u.clock.timeout = 10ull * 1000000000ull;
  subs[1].u.u.clock.flags = 0;
  start = now(__WASI_CLOCKID_MONOTONIC);
  CHECK_EQ("poll two clocks", __wasi_poll_oneoff(subs, events, 2, &n), 0);
  CHECK("did not wait for the long one", now(__WASI_CLOCKID_MONOTONIC) - start < 5000000000ull);
  CHECK_EQ("one fired", n, 1);
  CHECK_EQ("the past one", events[0].userdata, 11);

  /* stdout is writable at once; a bad fd fails the call */
  memset(subs, 0, sizeof subs);
  subs[0].userdata = 33;
  subs[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
  subs[0].u.u.fd_write.file_descriptor = 1;
  subs[1].userdata = 44;
  subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[1].u.u.clock.timeout = 10ull * 1000000000ull;
  CHECK_EQ("poll stdout", __wasi_poll_oneoff(subs, events, 2, &n), 0);
  CHECK_EQ("stdout event", n == 1 && events[0].userdata == 33 &&
           events[0].type == __WASI_EVENTTYPE_FD_WRITE, 1);
  subs[0].u.u.fd_write.file_descriptor = 555;
  CHECK_EQ("poll bad fd", __wasi_poll_oneoff(subs, events, 2, &n), __WASI_ERRNO_BADF);
  CHECK_EQ("poll nothing", __wasi_poll_oneoff(subs, events, 0, &n), __WASI_ERRNO_INVAL);

  /* a regular file is always ready; nbytes is what is left to read */
  __wasi_fd_t dir = preopen("/sandbox"), fd;
  CHECK_EQ("create", open_at(dir, "f", __WASI_OFLAGS_CREAT, RW_RIGHTS, 0, &fd), 0);
  write_str(fd, "0123456789");
  __wasi_filesize_t pos;
  __wasi_fd_seek(fd, 4, __WASI_WHENCE_SET, &pos);
  subs[0].userdata = 55;
  subs[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[0].u.u.fd_read.file_descriptor = fd;
  CHECK_EQ("poll file", __wasi_poll_oneoff(subs, events, 1, &n), 0);
  CHECK_EQ("file readable", n == 1 && events[0].userdata == 55, 1);
  CHECK_EQ("6 bytes left", events[0].fd_readwrite.nbytes, 6);

  /* random_get */
  uint8_t a[32], b[32];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  CHECK_EQ("random_get", __wasi_random_get(a, sizeof a), 0);
  CHECK_EQ("random_get again", __wasi_random_get(b, sizeof b), 0);
  CHECK("different", memcmp(a, b, sizeof a) != 0);
  CHECK_EQ("random_get empty", __wasi_random_get(a, 0), 0);
  CHECK_EQ("sched_yield", __wasi_sched_yield(), 0);
  return FINISH();
}
