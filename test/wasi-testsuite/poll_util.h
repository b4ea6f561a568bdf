/* poll_oneoff helpers of the upstream poll tests. */
#ifndef WASI_CONFORMANCE_POLL_UTIL_H
#define WASI_CONFORMANCE_POLL_UTIL_H

#include "conformance.h"

/* poll_oneoff_impl: poll once; the events (zeroed first) and their count, or the errno. */
static __wasi_errno_t poll_once(const __wasi_subscription_t *in, size_t n, __wasi_event_t *out,
                                __wasi_size_t *nevents) {
  memset(out, 0, n * sizeof(*out));
  *nevents = 0;
  return __wasi_poll_oneoff(in, out, n, nevents);
}

#endif
