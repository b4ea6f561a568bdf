/* poll_oneoff, in the preview1 and the wasi_unstable subscription layouts.
 *
 * The subscriptions are copied out of guest memory once, checked, and only the copy is used
 * afterwards: the events are written into guest memory that may overlap the subscriptions,
 * and another thread may change them at any time. */
#include "wasi_internal.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>

using namespace wasmc_wasi;

namespace {

struct SubscriptionLayout {
  uint32_t size;        /* 48 in preview1, 56 in wasi_unstable */
  uint32_t clock_id;    /* offsets of the clock fields within a subscription */
  uint32_t clock_timeout;
  uint32_t clock_flags;
};
constexpr SubscriptionLayout PREVIEW1_LAYOUT = {48, 16, 24, 40};
constexpr SubscriptionLayout UNSTABLE_LAYOUT = {56, 24, 32, 48}; /* identifier u64 at 16 */
constexpr uint32_t MAX_SUBSCRIPTION_SIZE = 56;
constexpr uint32_t EVENT_SIZE = 32;
constexpr uint32_t SUB_TYPE = 8, SUB_FD = 16;

/* A subscription as copied and checked. */
struct Subscription {
  uint64_t userdata;
  uint8_t type;
  int32_t clock_error; /* clocks: E_INVAL for a clock poll cannot wait on */
  clockid_t clock;
  uint64_t deadline;   /* clocks: when it fires, on `clock` */
  uint32_t pollfd;     /* descriptors: the index of its pollfd */
};

uint64_t now_ns(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The clocks when poll_oneoff was called: relative timeouts count from then. */
struct CallTime {
  uint64_t monotonic = now_ns(CLOCK_MONOTONIC);
  uint64_t realtime = now_ns(CLOCK_REALTIME);
};

void read_clock(const uint8_t *raw, const SubscriptionLayout &l, const CallTime &called,
                Subscription *s) {
  uint32_t id = load_u32(raw + l.clock_id);
  uint64_t timeout = load_u64(raw + l.clock_timeout);
  uint16_t flags = load_u16(raw + l.clock_flags);
  uint64_t start;
  if (id == CLOCK_ID_MONOTONIC) { s->clock = CLOCK_MONOTONIC; start = called.monotonic; }
  else if (id == CLOCK_ID_REALTIME) { s->clock = CLOCK_REALTIME; start = called.realtime; }
  else {
    s->clock_error = E_INVAL;
    return;
  }
  if (flags & SUBCLOCK_ABSTIME) s->deadline = timeout;
  else s->deadline = timeout > UINT64_MAX - start ? UINT64_MAX : start + timeout;
}

/* Copies the subscriptions at `raw` into `subs` and the descriptors they name into `pfds`
 * (*nfds of them), with a reference to each in `held` (the caller drops them): E_INVAL for an
 * unknown type, E_BADF for a descriptor without the rights. */
int32_t copy_subscriptions(wasmc_wasi_ctx *ctx, const uint8_t *raw, uint32_t count,
                           const SubscriptionLayout &l, Subscription *subs,
                           struct pollfd *pfds, OpenFd **held, uint32_t *nfds) {
  const CallTime called;
  *nfds = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint8_t copy[MAX_SUBSCRIPTION_SIZE];
    memcpy(copy, raw + (uint64_t)i * l.size, l.size);
    Subscription &s = subs[i];
    memset(&s, 0, sizeof(s));
    s.userdata = load_u64(copy);
    s.type = copy[SUB_TYPE];
    if (s.type == EVENT_CLOCK) {
      read_clock(copy, l, called, &s);
      continue;
    }
    if (s.type != EVENT_FD_READ && s.type != EVENT_FD_WRITE) return E_INVAL;
    FdRef e;
    uint64_t rights = R_POLL_FD_READWRITE | (s.type == EVENT_FD_READ ? R_FD_READ : R_FD_WRITE);
    int32_t err = fd_lookup(ctx, (int32_t)load_u32(copy + SUB_FD), rights, &e);
    if (err) return err;
    s.pollfd = (*nfds)++;
    pfds[s.pollfd].fd = e->host;
    held[s.pollfd] = e.release();
    pfds[s.pollfd].events = s.type == EVENT_FD_READ ? POLLIN : POLLOUT;
  }
  return E_SUCCESS;
}

void store_event(uint8_t *out, uint64_t userdata, uint16_t error, uint8_t type, uint64_t nbytes,
                 uint16_t flags) {
  memset(out, 0, EVENT_SIZE);
  store_u64(out, userdata);
  store_u16(out + 8, error);
  store_u8(out + 10, type);
  store_u64(out + 16, nbytes);
  store_u16(out + 24, flags);
}

/* The nanoseconds until the earliest clock fires, 0 for an invalid clock (its event is ready);
 * false without clocks. */
bool earliest_clock(const Subscription *subs, uint32_t count, uint64_t *timeout) {
  bool have = false;
  *timeout = UINT64_MAX;
  for (uint32_t i = 0; i < count; i++) {
    const Subscription &s = subs[i];
    if (s.type != EVENT_CLOCK) continue;
    have = true;
    uint64_t remaining = 0;
    if (!s.clock_error) {
      uint64_t now = now_ns(s.clock);
      remaining = s.deadline > now ? s.deadline - now : 0;
    }
    if (remaining < *timeout) *timeout = remaining;
  }
  return have;
}

/* What fd_read may read without waiting: the rest of a regular file, or what a pipe, socket
 * or terminal holds. */
uint64_t readable_bytes(int host) {
  struct stat st;
  int avail = 0;
  if (fstat(host, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = lseek(host, 0, SEEK_CUR);
    return pos >= 0 && st.st_size > pos ? (uint64_t)(st.st_size - pos) : 0;
  }
  return ioctl(host, FIONREAD, &avail) == 0 && avail > 0 ? (uint64_t)avail : 0;
}

/* Writes the events of the subscriptions that are ready; returns how many. */
uint32_t store_ready_events(const Subscription *subs, uint32_t count, const struct pollfd *pfds,
                            bool fds_ready, uint8_t *events) {
  uint32_t nevents = 0;
  for (uint32_t i = 0; i < count; i++) {
    const Subscription &s = subs[i];
    if (s.type == EVENT_CLOCK) {
      if (s.clock_error || now_ns(s.clock) >= s.deadline)
        store_event(events + (uint64_t)nevents++ * EVENT_SIZE, s.userdata,
                    (uint16_t)s.clock_error, EVENT_CLOCK, 0, 0);
      continue;
    }
    const struct pollfd &p = pfds[s.pollfd];
    if (!fds_ready || !p.revents) continue;
    uint16_t error = 0, flags = 0;
    uint64_t nbytes = 0;
    if (p.revents & POLLNVAL) error = E_BADF;
    if (p.revents & POLLHUP) flags |= EVENTRW_HANGUP;
    if (!error && s.type == EVENT_FD_READ) nbytes = readable_bytes(p.fd);
    store_event(events + (uint64_t)nevents++ * EVENT_SIZE, s.userdata, error, s.type, nbytes,
                flags);
  }
  return nevents;
}

int32_t poll_common(wasmc_instance *caller, int32_t in, int32_t out, int32_t nsubscriptions,
                    int32_t nevents_ptr, const SubscriptionLayout &l) {
  uint32_t count = (uint32_t)nsubscriptions;
  if (count == 0) return E_INVAL;
  Memory m;
  if (!memory_of(caller, &m)) return E_FAULT;
  const uint8_t *raw = mem_range(m, (uint32_t)in, (uint64_t)count * l.size);
  uint8_t *events = mem_range(m, (uint32_t)out, (uint64_t)count * EVENT_SIZE);
  uint8_t *nevents_out = mem_range(m, (uint32_t)nevents_ptr, 4);
  if (!raw || !events || !nevents_out) return E_FAULT;
  /* Bounds the host memory the copy takes (a few MiB). */
  if (count > MAX_POLL_SUBSCRIPTIONS) return E_INVAL;

  Subscription *subs = (Subscription *)malloc(count * sizeof(Subscription));
  struct pollfd *pfds = (struct pollfd *)malloc(count * sizeof(struct pollfd));
  /* The descriptors polled stay open until the poll is over, whoever closes them. */
  OpenFd **held = (OpenFd **)malloc(count * sizeof(OpenFd *));
  uint32_t nfds = 0;
  int32_t err = subs && pfds && held ? E_SUCCESS : E_NOMEM;
  if (!err) err = copy_subscriptions(context_of(caller), raw, count, l, subs, pfds, held, &nfds);
  uint32_t nevents = 0;
  while (!err && !nevents) {
    /* Wait until the earliest clock, or for ever without one. */
    uint64_t timeout;
    bool have_timeout = earliest_clock(subs, count, &timeout);
    struct timespec ts;
    if (have_timeout) {
      uint64_t secs = timeout / 1000000000ull;
      ts.tv_sec = secs > (uint64_t)INT32_MAX ? INT32_MAX : (time_t)secs;
      ts.tv_nsec = (long)(timeout % 1000000000ull);
    }
    int ready = ppoll(pfds, nfds, have_timeout ? &ts : nullptr, nullptr);
    if (ready < 0 && errno != EINTR) err = last_error();
    else nevents = store_ready_events(subs, count, pfds, ready > 0, events);
  }
  for (uint32_t i = 0; i < nfds; i++) fd_unref(held[i]);
  free(held);
  free(subs);
  free(pfds);
  if (err) return err;
  store_u32(nevents_out, nevents);
  return E_SUCCESS;
}

}  // namespace

extern "C" {

int32_t wasmc_wasi_poll_oneoff(wasmc_instance *caller, int32_t in, int32_t out,
                               int32_t nsubscriptions, int32_t nevents) {
  return poll_common(caller, in, out, nsubscriptions, nevents, PREVIEW1_LAYOUT);
}

int32_t wasmc_wasi_unstable_poll_oneoff(wasmc_instance *caller, int32_t in, int32_t out,
                                        int32_t nsubscriptions, int32_t nevents) {
  return poll_common(caller, in, out, nsubscriptions, nevents, UNSTABLE_LAYOUT);
}

}  // extern "C"
