/* Reads and writes with the program's fdflags.
 *
 * The open file descriptions behind stdio and granted sockets are shared with the shell and
 * sibling processes, and their flags outlive the program (a trap or a kill included), so the
 * shim never changes them (FdAttrs::shared): the program's APPEND and NONBLOCK are emulated.
 *  - NONBLOCK: sockets get MSG_DONTWAIT; other descriptors are polled first (E_AGAIN if not
 *    ready) and write at most PIPE_BUF bytes, which a ready pipe takes without waiting.
 *  - Without NONBLOCK, EAGAIN from a description the host made non-blocking is waited out.
 *  - APPEND: a write to a regular file starts at its end. A description the host opened in
 *    append mode appends whatever the program asks (the shell's `>>` stays append-only).
 * Descriptions the program opened itself get their flags from the host (fcntl), and none of
 * this changes what they do. */
#include "wasi_internal.h"

#include <limits.h>
#include <poll.h>

namespace wasmc_wasi {
namespace {

bool wants_nonblock(const FdAttrs &e) { return e.fdflags & FDFLAG_NONBLOCK; }

bool is_socket(const FdAttrs &e) { return e.kind == KIND_SOCKET || e.kind == KIND_LISTENER; }

/* NONBLOCK asked for on a shared description that may wait (regular files never do). */
bool emulates_nonblock(const FdAttrs &e) {
  return e.shared && wants_nonblock(e) && e.filetype != FT_REGULAR_FILE;
}

/* Waits for `events` on host (for ever with timeout_ms -1); true when they are ready. */
bool ready(int host, short events, int timeout_ms) {
  struct pollfd p = {host, events, 0};
  int n;
  do n = poll(&p, 1, timeout_ms);
  while (n < 0 && errno == EINTR);
  return n > 0;
}

/* Shortens msg's iovecs to at most `limit` bytes in all. */
void limit_iovecs(struct msghdr *msg, size_t limit) {
  size_t total = 0;
  for (size_t i = 0; i < msg->msg_iovlen; i++) {
    struct iovec &v = msg->msg_iov[i];
    if (v.iov_len >= limit - total) {
      v.iov_len = limit - total;
      msg->msg_iovlen = i + 1;
      return;
    }
    total += v.iov_len;
  }
}

ssize_t host_call(const FdAttrs &e, Io io, struct msghdr *msg, int socket_flags,
                  int64_t offset) {
  if (is_socket(e))
    return io == Io::Read ? recvmsg(e.host, msg, socket_flags)
                          : sendmsg(e.host, msg, socket_flags);
  int count = (int)msg->msg_iovlen;
  if (offset != AT_CURRENT_POSITION)
    return io == Io::Read ? preadv(e.host, msg->msg_iov, count, (off_t)offset)
                          : pwritev(e.host, msg->msg_iov, count, (off_t)offset);
  return io == Io::Read ? readv(e.host, msg->msg_iov, count)
                        : writev(e.host, msg->msg_iov, count);
}

}  // namespace

int32_t refuse_if_would_block(const FdAttrs &e, short events) {
  if (!emulates_nonblock(e)) return E_SUCCESS;
  return ready(e.host, events, 0) ? E_SUCCESS : E_AGAIN;
}

bool retry_after_error(const FdAttrs &e, short events) {
  if (errno == EINTR) return true;
  if (errno != EAGAIN || !e.shared || wants_nonblock(e)) return false;
  return ready(e.host, events, -1);
}

int32_t transfer(const FdAttrs &e, Io io, struct msghdr *msg, int socket_flags, int64_t offset,
                 size_t *done) {
  const short events = io == Io::Read ? POLLIN : POLLOUT;
  if (is_socket(e)) {
    if (wants_nonblock(e)) socket_flags |= MSG_DONTWAIT;
  } else if (emulates_nonblock(e)) {
    if (!ready(e.host, events, 0)) return E_AGAIN;
    if (io == Io::Write) limit_iovecs(msg, PIPE_BUF);
  }
  if (e.shared && io == Io::Write && offset == AT_CURRENT_POSITION &&
      (e.fdflags & FDFLAG_APPEND) && e.filetype == FT_REGULAR_FILE &&
      lseek(e.host, 0, SEEK_END) < 0)
    return last_error();
  for (;;) {
    ssize_t n = host_call(e, io, msg, socket_flags, offset);
    if (n >= 0) {
      *done = (size_t)n;
      return E_SUCCESS;
    }
    if (!retry_after_error(e, events)) return last_error();
  }
}

}  // namespace wasmc_wasi
