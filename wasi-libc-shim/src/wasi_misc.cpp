/* Arguments, environment, clocks, randomness, the process and sockets (poll_oneoff is in
 * wasi_poll.cpp). */
#include "wasi_internal.h"

#include "wasmc/runtime.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace wasmc_wasi;

namespace {

/* Writes `count` pointers into `array` and the strings into `buf`, as args_get and
 * environ_get do. */
int32_t strings_get(wasmc_instance *caller, uint32_t count, uint32_t size, const char *strings,
                    int32_t array, int32_t buf) {
  Memory m;
  if (!memory_of(caller, &m)) return E_FAULT;
  uint8_t *ptrs = mem_range(m, (uint32_t)array, (uint64_t)count * 4);
  uint8_t *data = mem_range(m, (uint32_t)buf, size);
  if (!ptrs || !data) return E_FAULT;
  memmove(data, strings, size);
  uint32_t offset = 0;
  for (uint32_t i = 0; i < count; i++) {
    store_u32(ptrs + 4 * (uint64_t)i, (uint32_t)buf + offset);
    offset += (uint32_t)strlen(strings + offset) + 1;
  }
  return E_SUCCESS;
}

int32_t sizes_get(wasmc_instance *caller, uint32_t count, uint32_t size, int32_t count_ptr,
                  int32_t size_ptr) {
  Memory m;
  if (!memory_of(caller, &m)) return E_FAULT;
  uint8_t *c = mem_range(m, (uint32_t)count_ptr, 4);
  uint8_t *s = mem_range(m, (uint32_t)size_ptr, 4);
  if (!c || !s) return E_FAULT;
  store_u32(c, count);
  store_u32(s, size);
  return E_SUCCESS;
}

bool host_clock(uint32_t id, clockid_t *out) {
  switch (id) {
  case CLOCK_ID_REALTIME: *out = CLOCK_REALTIME; return true;
  case CLOCK_ID_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
  case CLOCK_ID_PROCESS_CPUTIME: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
  case CLOCK_ID_THREAD_CPUTIME: *out = CLOCK_THREAD_CPUTIME_ID; return true;
  default: return false;
  }
}

}  // namespace

extern "C" {

int32_t wasmc_wasi_args_get(wasmc_instance *caller, int32_t argv, int32_t argv_buf) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  return strings_get(caller, ctx->argc, ctx->args_size, ctx->args, argv, argv_buf);
}

int32_t wasmc_wasi_args_sizes_get(wasmc_instance *caller, int32_t argc, int32_t argv_buf_size) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  return sizes_get(caller, ctx->argc, ctx->args_size, argc, argv_buf_size);
}

int32_t wasmc_wasi_environ_get(wasmc_instance *caller, int32_t environ, int32_t environ_buf) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  return strings_get(caller, ctx->envc, ctx->env_size, ctx->env, environ, environ_buf);
}

int32_t wasmc_wasi_environ_sizes_get(wasmc_instance *caller, int32_t environc,
                                     int32_t environ_buf_size) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  return sizes_get(caller, ctx->envc, ctx->env_size, environc, environ_buf_size);
}

int32_t wasmc_wasi_clock_res_get(wasmc_instance *caller, int32_t id, int32_t resolution) {
  clockid_t clock;
  if (!host_clock((uint32_t)id, &clock)) return E_INVAL;
  Memory m;
  uint8_t *out;
  if (!memory_of(caller, &m) || !(out = mem_range(m, (uint32_t)resolution, 8))) return E_FAULT;
  struct timespec ts;
  if (clock_getres(clock, &ts) != 0) return last_error();
  uint64_t ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
  store_u64(out, ns ? ns : 1);
  return E_SUCCESS;
}

int32_t wasmc_wasi_clock_time_get(wasmc_instance *caller, int32_t id, int64_t precision,
                                  int32_t time) {
  (void)precision; /* the host clock is read at full resolution */
  clockid_t clock;
  if (!host_clock((uint32_t)id, &clock)) return E_INVAL;
  Memory m;
  uint8_t *out;
  if (!memory_of(caller, &m) || !(out = mem_range(m, (uint32_t)time, 8))) return E_FAULT;
  struct timespec ts;
  if (clock_gettime(clock, &ts) != 0) return last_error();
  store_u64(out, (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec);
  return E_SUCCESS;
}

void wasmc_wasi_proc_exit(wasmc_instance *caller, int32_t rval) {
  (void)caller;
  wasmc_raise(WASMC_TRAP_EXIT, rval);
}

/* Signals whose default action terminates the process end the program as if it had been
 * killed by that signal: a WASMC_TRAP_HOST trap with exit status 128 + the host's number of
 * the signal (the shell's convention). Signals whose default action is to be ignored, to
 * continue or to stop (a sandboxed program cannot be stopped and continued) return success.
 * Signal 0 (`none`) and unknown numbers: EINVAL. */
int32_t wasmc_wasi_proc_raise(wasmc_instance *caller, int32_t sig) {
  (void)caller;
  static const int host_signals[] = {
      0,       SIGHUP,  SIGINT,  SIGQUIT, SIGILL,    SIGTRAP, SIGABRT, SIGBUS,
      SIGFPE,  SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2,   SIGPIPE, SIGALRM, SIGTERM,
      SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN,   SIGTTOU, SIGURG,  SIGXCPU,
      SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGPOLL, SIGPWR, SIGSYS};
  if (sig <= 0 || sig >= (int32_t)(sizeof(host_signals) / sizeof(host_signals[0])))
    return E_INVAL;
  int host = host_signals[sig];
  switch (host) {
  case SIGCHLD: case SIGCONT: case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
  case SIGURG: case SIGWINCH:
    return E_SUCCESS;
  default:
    wasmc_raise(WASMC_TRAP_HOST, 128 + host);
  }
}

int32_t wasmc_wasi_sched_yield(wasmc_instance *caller) {
  (void)caller;
  sched_yield();
  return E_SUCCESS;
}

int32_t wasmc_wasi_random_get(wasmc_instance *caller, int32_t buf, int32_t buf_len) {
  Memory m;
  uint8_t *out;
  if (!memory_of(caller, &m) || !(out = mem_range(m, (uint32_t)buf, (uint32_t)buf_len)))
    return E_FAULT;
  size_t done = 0, len = (uint32_t)buf_len;
  while (done < len) {
    ssize_t n = getrandom(out + done, len - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != ENOSYS) return last_error();
      /* Kernels before 3.17 (or emulators) without getrandom. */
      int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
      if (fd < 0) return last_error();
      while (done < len) {
        ssize_t r = read(fd, out + done, len - done);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
          close(fd);
          return E_IO;
        }
        done += (size_t)r;
      }
      close(fd);
      break;
    }
    done += (size_t)n;
  }
  return E_SUCCESS;
}

int32_t wasmc_wasi_sock_accept(wasmc_instance *caller, int32_t fd, int32_t flags,
                               int32_t result_fd) {
  wasmc_wasi_ctx *ctx = context_of(caller);
  FdRef e;
  int32_t err = fd_lookup(ctx, fd, R_SOCK_ACCEPT, &e, WANT_SOCKET);
  if (err) return err;
  if ((uint32_t)flags & ~(uint32_t)FDFLAG_NONBLOCK) return E_INVAL;
  Memory m;
  if (!memory_of(caller, &m) || !mem_range(m, (uint32_t)result_fd, 4)) return E_FAULT;
  if ((err = refuse_if_would_block(e.attrs(), POLLIN))) return err;
  int host;
  do {
    host = accept4(e->host, nullptr, nullptr,
                   SOCK_CLOEXEC | ((flags & FDFLAG_NONBLOCK) ? SOCK_NONBLOCK : 0));
  } while (host < 0 && retry_after_error(e.attrs(), POLLIN));
  if (host < 0) return last_error();
  FdAttrs conn;
  memset(&conn, 0, sizeof(conn));
  conn.host = host;
  conn.kind = KIND_SOCKET;
  conn.filetype = e->filetype;
  conn.fdflags = (uint16_t)flags;
  conn.rights_base = RIGHTS_SOCKET & e->rights_inheriting;
  conn.rights_inheriting = 0;
  uint32_t index;
  if ((err = fd_install(ctx, conn, true, nullptr, &index))) return err;
  store_u32(mem_range(m, (uint32_t)result_fd, 4), (uint32_t)index);
  return E_SUCCESS;
}

int32_t wasmc_wasi_sock_recv(wasmc_instance *caller, int32_t fd, int32_t ri_data,
                             int32_t ri_data_len, int32_t ri_flags, int32_t ro_datalen,
                             int32_t ro_flags) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_READ, &e, WANT_SOCKET);
  if (err) return err;
  if ((uint32_t)ri_flags & ~(uint32_t)(RIFLAG_RECV_PEEK | RIFLAG_RECV_WAITALL)) return E_INVAL;
  Memory m;
  if (!memory_of(caller, &m) || !mem_range(m, (uint32_t)ro_datalen, 4) ||
      !mem_range(m, (uint32_t)ro_flags, 2))
    return E_FAULT;
  struct iovec vec[MAX_IOVS];
  int count;
  err = load_iovecs(m, (uint32_t)ri_data, (uint32_t)ri_data_len, vec, &count);
  if (err) return err;
  struct msghdr msg;
  memset(&msg, 0, sizeof(msg));
  msg.msg_iov = vec;
  msg.msg_iovlen = (size_t)count;
  int host_flags = MSG_NOSIGNAL;
  if (ri_flags & RIFLAG_RECV_PEEK) host_flags |= MSG_PEEK;
  if (ri_flags & RIFLAG_RECV_WAITALL) host_flags |= MSG_WAITALL;
  size_t n;
  err = transfer(e.attrs(), Io::Read, &msg, host_flags, AT_CURRENT_POSITION, &n);
  if (err) return err;
  store_u32(mem_range(m, (uint32_t)ro_datalen, 4), (uint32_t)n);
  store_u16(mem_range(m, (uint32_t)ro_flags, 2),
            (msg.msg_flags & MSG_TRUNC) ? ROFLAG_RECV_DATA_TRUNCATED : 0);
  return E_SUCCESS;
}

int32_t wasmc_wasi_sock_send(wasmc_instance *caller, int32_t fd, int32_t si_data,
                             int32_t si_data_len, int32_t si_flags, int32_t so_datalen) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_FD_WRITE, &e, WANT_SOCKET);
  if (err) return err;
  if (si_flags != 0) return E_INVAL;
  Memory m;
  if (!memory_of(caller, &m) || !mem_range(m, (uint32_t)so_datalen, 4)) return E_FAULT;
  struct iovec vec[MAX_IOVS];
  int count;
  err = load_iovecs(m, (uint32_t)si_data, (uint32_t)si_data_len, vec, &count);
  if (err) return err;
  struct msghdr msg;
  memset(&msg, 0, sizeof(msg));
  msg.msg_iov = vec;
  msg.msg_iovlen = (size_t)count;
  size_t n;
  err = transfer(e.attrs(), Io::Write, &msg, MSG_NOSIGNAL, AT_CURRENT_POSITION, &n);
  if (err) return err;
  store_u32(mem_range(m, (uint32_t)so_datalen, 4), (uint32_t)n);
  return E_SUCCESS;
}

int32_t wasmc_wasi_sock_shutdown(wasmc_instance *caller, int32_t fd, int32_t how) {
  FdRef e;
  int32_t err = fd_lookup(context_of(caller), fd, R_SOCK_SHUTDOWN, &e, WANT_SOCKET);
  if (err) return err;
  int host_how;
  switch ((uint32_t)how) {
  case SDFLAG_RD: host_how = SHUT_RD; break;
  case SDFLAG_WR: host_how = SHUT_WR; break;
  case SDFLAG_RD | SDFLAG_WR: host_how = SHUT_RDWR; break;
  default: return E_INVAL;
  }
  return shutdown(e->host, host_how) == 0 ? E_SUCCESS : last_error();
}

}  // extern "C"
