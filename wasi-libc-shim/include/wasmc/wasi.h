/* The host side of WASI preview1 (and wasi_unstable) for wasmc instances.
 *
 * A WASI context holds what one program was granted: its arguments, its environment, its
 * pre-opened directories and sockets and its file descriptor table. Nothing else of the host is
 * reachable through it: paths resolve only beneath a pre-opened directory, and only stdio and
 * the grants are in the descriptor table.
 *
 * The functions themselves (wasmc_wasi_<name>, listed in wasi_functions.def) take the calling
 * instance first and reach the context through instance->wasi and the module's memory through
 * instance->memory_base and instance->memories[0].
 *
 * Behaviour the witx leaves open, as implemented here. Where Wasmtime's preview1 tests and
 * WebAssembly/wasi-testsuite pin an answer down, it is theirs (test/wasi-testsuite holds the
 * ports of those tests):
 *  - Rights are tracked per descriptor and enforced; fd_fdstat_set_rights only shrinks them
 *    (ENOTCAPABLE when asked to grow). An fd_* operation the descriptor has no right to, or
 *    that does not apply to it (fd_read on a directory), fails with EBADF; seeking something
 *    that cannot seek (a terminal, a socket), ESPIPE; a path_* operation on a directory
 *    without the right, ENOTCAPABLE.
 *  - path_open: the requested rights must be among the directory's inheriting rights (rights
 *    that cannot apply to a file or directory are ignored, ENOTCAPABLE otherwise) and choose
 *    read-only, write-only or read-write access; the descriptor gets every right the directory
 *    passes on that applies to what was opened, less reading or writing when not opened for
 *    them (as Wasmtime, whose tests open directories with no rights at all and use them).
 *    Opening a directory for writing is EISDIR.
 *  - A path that leaves its directory (absolute, `..` past it, a symlink to an absolute path
 *    or out of it) fails with EPERM, as does path_symlink with an absolute target; more than
 *    32 symlinks, ELOOP; paths and symlink targets of 4096 bytes or more, ENAMETOOLONG (4095
 *    at most: Linux's PATH_MAX, 4096, counts the terminating NUL); a NUL in a path, EINVAL;
 *    invalid UTF-8, EILSEQ.
 *  - path_link refuses LOOKUP_SYMLINK_FOLLOW (EINVAL). path_symlink to "name/": ENOENT, or
 *    EEXIST for an existing directory, ENOTDIR for an existing non-directory.
 *  - fd_allocate grows the file with posix_fallocate, never shrinking it (Wasmtime answers
 *    ENOTSUP instead; wasi-testsuite accepts both).
 *  - fd_filestat_get of stdio reports its file type only (no size, times, device or inode).
 *  - fd_fdstat_set_flags never changes an open file description shared with the host (stdio,
 *    granted sockets; Wasmtime refuses it on stdio): APPEND and NONBLOCK are the program's
 *    alone, emulated, and fd_fdstat_get reports them as set. A description the host opened in
 *    append mode (`>>`) keeps appending even after the program clears APPEND. Descriptors the
 *    program opens itself get their flags from the host.
 *  - fd_renumber needs both descriptors open (EBADF otherwise) and may replace a preopen;
 *    fd_close closes preopens too.
 *  - Every guest pointer and length is checked against the memory's current size: EFAULT,
 *    also for every function that takes a pointer when the module has no memory.
 *  - Guest memory is read once: paths, iovec arrays and subscriptions are copied into host
 *    memory and checked there, so a guest that changes them meanwhile (another thread, events
 *    written over poll_oneoff's subscriptions) changes nothing the shim acts on.
 *  - fd_readdir lists "." and ".." first; cookie 0 takes a snapshot of the directory and
 *    later cookies index it, so they stay valid while the directory changes.
 *  - proc_exit(n) raises WASMC_TRAP_EXIT with status n. proc_raise(sig) of a signal whose
 *    default action terminates raises WASMC_TRAP_HOST with exit status 128 + the host's
 *    signal number; ignored, continue and stop signals return success; others EINVAL.
 *  - poll_oneoff: a bad descriptor fails the whole call (EBADF, as Wasmtime); a clock other
 *    than realtime or monotonic gives its event the error EINVAL; more than 65536
 *    subscriptions, EINVAL (Wasmtime has no limit but memory's, EFAULT).
 *  - An instance without a WASI context (instance->wasi == NULL) sees an empty one.
 */
#ifndef WASMC_WASI_H
#define WASMC_WASI_H

#include "wasmc/abi.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wasmc_wasi_ctx wasmc_wasi_ctx;

typedef struct wasmc_wasi_preopen {
  const char *host_path;  /* directory on the host */
  const char *guest_path; /* the name the program sees it by */
} wasmc_wasi_preopen;

typedef struct wasmc_wasi_config {
  int argc;
  const char *const *argv; /* argv[0] is the program name the module sees */
  int envc;
  const char *const *env;  /* "KEY=VALUE" strings */
  int num_preopens;
  const wasmc_wasi_preopen *preopens;
  int num_listen_fds;
  const int *listen_fds;   /* host sockets already listening, given to the program */
  int stdin_fd, stdout_fd, stderr_fd; /* host descriptors behind WASI fds 0, 1 and 2 */
} wasmc_wasi_config;

/* Creates a context; on failure returns NULL and writes a message to `error`.
 *
 * Copies args and env. Opens every preopen's host directory (an error if it does not exist or
 * is not a directory); they become WASI fds 3, 4, ... in order, followed by the listening
 * sockets. The context duplicates listen_fds (the caller keeps and closes its own) and
 * borrows the stdio descriptors: fd_close on 0-2 only removes them from the table. A stdio
 * descriptor that is negative or not open leaves its WASI fd closed (EBADF). */
wasmc_wasi_ctx *wasmc_wasi_new(const wasmc_wasi_config *config, char *error, size_t error_size);
void wasmc_wasi_free(wasmc_wasi_ctx *ctx);

/* ---- Grants from a command line, shared by the executables' main and `wasmc run` ----
 *
 *   --dir HOST::GUEST   pre-open host directory HOST, seen by the program as GUEST
 *   --dir HOST          the same with GUEST = HOST
 *   --env KEY=VALUE     set a variable; --env KEY copies KEY from the host, if set there
 *   --inherit-env       the whole host environment (before the --env values, which win)
 *   --listen HOST:PORT  a TCP socket listening on HOST:PORT ([v6addr]:PORT for IPv6), given
 *                       to the program as a pre-opened socket for sock_accept
 *
 * Usage:
 *   wasmc_wasi_grants *g = wasmc_wasi_grants_new();
 *   if (wasmc_wasi_grants_add(g, "--dir", "/tmp/x::/data", err, sizeof err) != 0) ...
 *   wasmc_wasi_config config;
 *   wasmc_wasi_grants_config(g, argc, argv, &config);   // args, env, preopens, sockets, stdio
 *   wasmc_wasi_ctx *wasi = wasmc_wasi_new(&config, err, sizeof err);
 *   ...
 *   wasmc_wasi_free(wasi);
 *   wasmc_wasi_grants_free(g);  // after wasmc_wasi_new: config points into the grants
 */
typedef struct wasmc_wasi_grants wasmc_wasi_grants;
wasmc_wasi_grants *wasmc_wasi_grants_new(void);
/* Closes the listening sockets the grants created. */
void wasmc_wasi_grants_free(wasmc_wasi_grants *grants);
/* Adds one grant: an option and its value ("--dir", "a::b"), or the option with its value
 * attached ("--dir=a::b", NULL), or ("--inherit-env", NULL). `--dir` checks that the host
 * directory exists, `--listen` creates the socket now. Returns 0, or -1 with a message in
 * `error`. */
int wasmc_wasi_grants_add(wasmc_wasi_grants *grants, const char *option, const char *value,
                          char *error, size_t error_size);
/* Checks one grant as wasmc_wasi_grants_add would take it, without opening anything. */
int wasmc_wasi_grant_check(const char *option, const char *value, char *error,
                           size_t error_size);
/* Adds every grant of an argument list such as {"--dir", "a::b", "--inherit-env",
 * "--env=K=V"}. Returns 0, or -1 with a message. */
int wasmc_wasi_grants_add_args(wasmc_wasi_grants *grants, int argc, const char *const *argv,
                               char *error, size_t error_size);
/* Adds the grants of a text with one grant per line, as `wasmc run` passes them in
 * WASMC_GRANTS: "--dir VALUE", "--env VALUE", "--listen VALUE" (or "--option=VALUE"), or
 * "--inherit-env"; empty lines are skipped. In VALUE a backslash escapes: "\n" (backslash, n)
 * is a newline and "\\" a backslash; any other backslash is an error. A value can thus hold
 * every byte but NUL, and no value can start another grant. Returns 0, or -1 with a message
 * that starts "line N: ". */
int wasmc_wasi_grants_add_lines(wasmc_wasi_grants *grants, const char *text, char *error,
                                size_t error_size);
/* Fills `config` with the program's arguments (argv[0] is the name it sees), stdio 0/1/2 and
 * the grants. The config points into `grants` and `argv`; build the context before freeing
 * them. Returns 0, or -1 when out of memory. */
int wasmc_wasi_grants_config(wasmc_wasi_grants *grants, int argc, const char *const *argv,
                             wasmc_wasi_config *config);

/* Resolves an import of module `module` named `name` to a WASI function: its native code and
 * its signature as value type codes (params then results). Returns 0 if there is no such
 * function. */
typedef struct wasmc_wasi_function_info {
  void *code;
  uint32_t num_params;
  uint32_t num_results;
  uint8_t types[12];
} wasmc_wasi_function_info;
int wasmc_wasi_lookup(const char *module, const char *name, wasmc_wasi_function_info *out);

/* Declarations of every implementation, from the shared table. */
#define i32 int32_t
#define i64 int64_t
#define ctx wasmc_instance *
#define WASMC_WASI_FUNCTION(Module, Name, Impl, Result, Params) Result wasmc_wasi_##Impl Params;
#include "wasmc/wasi_functions.def"
#undef i32
#undef i64
#undef ctx

#ifdef __cplusplus
}
#endif

#endif /* WASMC_WASI_H */
