/* sock_accept/recv/send/shutdown on a pre-opened listening socket (fd 4, after /sandbox).
 * The test driver connects, sends "ping\n" and expects "pong: ping\n" back. */
#include "wasi_check.h"

int main(void) {
  __wasi_fd_t listener = 4;
  __wasi_fdstat_t st;
  CHECK_EQ("listener fdstat", __wasi_fd_fdstat_get(listener, &st), 0);
  CHECK_EQ("stream socket", st.fs_filetype, __WASI_FILETYPE_SOCKET_STREAM);
  CHECK("can accept", (st.fs_rights_base & __WASI_RIGHTS_SOCK_ACCEPT) != 0);
  __wasi_fd_t conn;
  CHECK_EQ("accept bad flags", __wasi_sock_accept(listener, __WASI_FDFLAGS_APPEND, &conn),
           __WASI_ERRNO_INVAL);
  CHECK_EQ("accept on a directory", __wasi_sock_accept(3, 0, &conn), __WASI_ERRNO_NOTSOCK);
  /* Wait for the client with poll_oneoff, then accept. */
  __wasi_subscription_t sub;
  __wasi_event_t ev;
  __wasi_size_t n;
  memset(&sub, 0, sizeof sub);
  sub.u.tag = __WASI_EVENTTYPE_FD_READ;
  sub.u.u.fd_read.file_descriptor = listener;
  CHECK_EQ("poll listener", __wasi_poll_oneoff(&sub, &ev, 1, &n), 0);
  CHECK_EQ("accept", __wasi_sock_accept(listener, 0, &conn), 0);
  CHECK_EQ("connection fdstat", __wasi_fd_fdstat_get(conn, &st), 0);
  CHECK("connection cannot accept", (st.fs_rights_base & __WASI_RIGHTS_SOCK_ACCEPT) == 0);
  char buf[64] = "pong: ";
  __wasi_iovec_t in = {(uint8_t *)buf + 6, 5};
  __wasi_roflags_t roflags;
  CHECK_EQ("recv peek", __wasi_sock_recv(conn, &in, 1, __WASI_RIFLAGS_RECV_PEEK, &n, &roflags),
           0);
  CHECK_EQ("recv waitall", __wasi_sock_recv(conn, &in, 1, __WASI_RIFLAGS_RECV_WAITALL, &n,
           &roflags), 0);
  CHECK_EQ("5 bytes", n, 5);
  CHECK_EQ("not truncated", roflags, 0);
  CHECK_EQ("recv bad flags", __wasi_sock_recv(conn, &in, 1, 8, &n, &roflags),
           __WASI_ERRNO_INVAL);
  __wasi_ciovec_t out = {(const uint8_t *)buf, 11};
  CHECK_EQ("send bad flags", __wasi_sock_send(conn, &out, 1, 1, &n), __WASI_ERRNO_INVAL);
  CHECK_EQ("send", __wasi_sock_send(conn, &out, 1, 0, &n), 0);
  CHECK_EQ("11 bytes", n, 11);
  CHECK_EQ("shutdown bad", __wasi_sock_shutdown(conn, 0), __WASI_ERRNO_INVAL);
  CHECK_EQ("shutdown", __wasi_sock_shutdown(conn, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR), 0);
  CHECK_EQ("shutdown a file", __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR), __WASI_ERRNO_NOTSOCK);
  CHECK_EQ("close", __wasi_fd_close(conn), 0);
  return FINISH();
}
