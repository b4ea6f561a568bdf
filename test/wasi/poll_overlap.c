/* poll_oneoff whose events overlap its subscriptions (issue 12, finding 1): 65,536
 * subscriptions, the first fd_write on stdout, the others clocks that have expired (userdata
 * 2); the events start 8 bytes into subscription 30,000, so writing them changes the type of
 * later clock subscriptions to fd_write. Every subscription is ready and must get its event as
 * it was when poll_oneoff was called; the host must not crash. */
#include "wasi_check.h"

#define SUBSCRIPTIONS 65536
#define OVERLAP_FROM 30000
#define SUBSCRIPTION_SIZE 48
#define EVENT_SIZE 32

static uint8_t memory[SUBSCRIPTION_SIZE * SUBSCRIPTIONS + EVENT_SIZE * SUBSCRIPTIONS]
    __attribute__((aligned(8)));

int main(void) {
  __wasi_subscription_t *subs = (__wasi_subscription_t *)memory;
  subs[0].userdata = 77;
  subs[0].u.tag = __WASI_EVENTTYPE_FD_WRITE;
  subs[0].u.u.fd_write.file_descriptor = 1;
  for (int i = 1; i < SUBSCRIPTIONS; i++) {
    subs[i].userdata = 2;
    subs[i].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[i].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[i].u.u.clock.timeout = 0;
  }
  uint8_t *out = memory + 8 + SUBSCRIPTION_SIZE * OVERLAP_FROM;
  uint32_t nevents = 0;
  CHECK_EQ("poll_oneoff", raw_poll_oneoff(PTR(subs), PTR(out), SUBSCRIPTIONS, PTR(&nevents)), 0);
  CHECK_EQ("one event per subscription", nevents, SUBSCRIPTIONS);
  __wasi_event_t event;
  memcpy(&event, out, sizeof event);
  CHECK("first: fd_write on stdout", event.userdata == 77 &&
                                         event.type == __WASI_EVENTTYPE_FD_WRITE);
  int clocks = 0;
  for (int i = 1; i < SUBSCRIPTIONS; i++) {
    memcpy(&event, out + EVENT_SIZE * i, sizeof event);
    if (event.userdata == 2 && event.error == 0 && event.type == __WASI_EVENTTYPE_CLOCK)
      clocks++;
  }
  CHECK_EQ("then the clocks, unchanged", clocks, SUBSCRIPTIONS - 1);
  return FINISH();
}
