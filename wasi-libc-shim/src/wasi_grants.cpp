/* Grants given on a command line (`--dir`, `--env`, `--inherit-env`, `--listen`), turned into
 * a wasmc_wasi_config. Shared by the executables' main and `wasmc run`. */
#include "wasi_internal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

extern char **environ;

struct wasmc_wasi_grants {
  wasmc_wasi_preopen *preopens;
  int num_preopens;
  char **env; /* "--env" values in order: "K=V", or "K" to copy K from the host */
  int num_env;
  bool inherit_env;
  int *listen_fds;
  int num_listen_fds;
  /* What the last wasmc_wasi_grants_config built. */
  const char **config_env;
  int config_envc;
  /* Only check what is added (wasmc build): --listen parses its address, opens nothing. */
  bool check_only;
};

namespace {

__attribute__((format(printf, 3, 4))) void set_error(char *error, size_t size, const char *fmt,
                                                      ...) {
  if (!error || !size) return;
  va_list args;
  va_start(args, fmt);
  vsnprintf(error, size, fmt, args);
  va_end(args);
}

char *duplicate(const char *s, size_t len) {
  char *out = (char *)malloc(len + 1);
  if (out) {
    memcpy(out, s, len);
    out[len] = 0;
  }
  return out;
}

template <typename T> bool append(T **array, int *count, T value) {
  T *grown = (T *)realloc(*array, sizeof(T) * (size_t)(*count + 1));
  if (!grown) return false;
  grown[(*count)++] = value;
  *array = grown;
  return true;
}

/* "HOST:PORT" or "[V6]:PORT" with a numeric address (or "localhost"): a listening TCP socket,
 * or -1 with a message. Numeric only, so that statically linked executables need no NSS. With
 * check_only, returns 0 for a well-formed spec without opening anything. */
int listen_on(const char *spec, bool check_only, char *error, size_t error_size) {
  const char *colon = strrchr(spec, ':');
  if (!colon || colon == spec || !colon[1]) {
    set_error(error, error_size, "--listen %s: expected HOST:PORT", spec);
    return -1;
  }
  const char *host = spec;
  size_t host_len = (size_t)(colon - spec);
  if (host[0] == '[' && host_len >= 2 && host[host_len - 1] == ']') {
    host++;
    host_len -= 2;
  }
  char *end = nullptr;
  unsigned long port = strtoul(colon + 1, &end, 10);
  if (*end || port > 65535) {
    set_error(error, error_size, "--listen %s: bad port", spec);
    return -1;
  }
  char name[64];
  if (host_len >= sizeof(name)) {
    set_error(error, error_size, "--listen %s: bad address", spec);
    return -1;
  }
  memcpy(name, host, host_len);
  name[host_len] = 0;
  if (strcmp(name, "localhost") == 0) strcpy(name, "127.0.0.1");
  struct sockaddr_storage addr;
  memset(&addr, 0, sizeof(addr));
  socklen_t addr_len;
  struct sockaddr_in *v4 = (struct sockaddr_in *)&addr;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&addr;
  if (inet_pton(AF_INET, name, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    addr_len = sizeof(*v4);
  } else if (inet_pton(AF_INET6, name, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    addr_len = sizeof(*v6);
  } else {
    set_error(error, error_size, "--listen %s: not a numeric address", spec);
    return -1;
  }
  if (check_only)
    return 0;
  int fd = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    set_error(error, error_size, "--listen %s: %s", spec, strerror(errno));
    return -1;
  }
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (bind(fd, (struct sockaddr *)&addr, addr_len) != 0 || listen(fd, SOMAXCONN) != 0) {
    set_error(error, error_size, "--listen %s: %s", spec, strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

/* A grant's value as WASMC_GRANTS writes it: backslash-n is a newline, two backslashes one. */
char *unescape(const char *text, size_t len, char *error, size_t error_size) {
  char *out = (char *)malloc(len + 1);
  if (!out) {
    set_error(error, error_size, "out of memory");
    return nullptr;
  }
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (text[i] != '\\') {
      out[n++] = text[i];
    } else if (i + 1 < len && (text[i + 1] == 'n' || text[i + 1] == '\\')) {
      out[n++] = text[++i] == 'n' ? '\n' : '\\';
    } else {
      set_error(error, error_size,
                "a backslash must start \\n (a newline) or \\\\ (a backslash)");
      free(out);
      return nullptr;
    }
  }
  out[n] = 0;
  return out;
}

/* "--option VALUE", "--option=VALUE" or "--inherit-env", VALUE escaped. */
int add_line(wasmc_wasi_grants *g, const char *line, size_t len, char *error, size_t error_size) {
  size_t name_len = 0;
  while (name_len < len && line[name_len] != ' ' && line[name_len] != '=') name_len++;
  char *option = duplicate(line, name_len);
  char *value = nullptr;
  if (name_len < len)
    value = unescape(line + name_len + 1, len - name_len - 1, error, error_size);
  int result = -1;
  if (!option)
    set_error(error, error_size, "out of memory");
  else if (value || name_len == len)
    result = wasmc_wasi_grants_add(g, option, value, error, error_size);
  free(option);
  free(value);
  return result;
}

}  // namespace

extern "C" {

wasmc_wasi_grants *wasmc_wasi_grants_new(void) {
  return (wasmc_wasi_grants *)calloc(1, sizeof(wasmc_wasi_grants));
}

int wasmc_wasi_grant_check(const char *option, const char *value, char *error,
                           size_t error_size) {
  wasmc_wasi_grants *g = wasmc_wasi_grants_new();
  if (!g) return -1;
  g->check_only = true;
  int result = wasmc_wasi_grants_add(g, option, value, error, error_size);
  wasmc_wasi_grants_free(g);
  return result;
}

void wasmc_wasi_grants_free(wasmc_wasi_grants *g) {
  if (!g) return;
  for (int i = 0; i < g->num_preopens; i++) {
    free((void *)g->preopens[i].host_path);
    free((void *)g->preopens[i].guest_path);
  }
  free(g->preopens);
  for (int i = 0; i < g->num_env; i++) free(g->env[i]);
  free(g->env);
  for (int i = 0; i < g->num_listen_fds; i++) close(g->listen_fds[i]);
  free(g->listen_fds);
  free(g->config_env);
  free(g);
}

int wasmc_wasi_grants_add(wasmc_wasi_grants *g, const char *option, const char *value,
                          char *error, size_t error_size) {
  if (!g || !option) return -1;
  size_t name_len = strlen(option);
  const char *eq = strchr(option, '=');
  if (eq && !value) {
    value = eq + 1;
    name_len = (size_t)(eq - option);
  }
  auto is = [&](const char *name) {
    return strlen(name) == name_len && strncmp(option, name, name_len) == 0;
  };
  if (is("--inherit-env")) {
    if (eq || value) {
      set_error(error, error_size, "--inherit-env takes no value");
      return -1;
    }
    g->inherit_env = true;
    return 0;
  }
  if (!is("--dir") && !is("--env") && !is("--listen")) {
    set_error(error, error_size, "unknown grant '%s'", option);
    return -1;
  }
  if (!value || !*value) {
    set_error(error, error_size, "grant '%s' needs a value", option);
    return -1;
  }
  if (is("--dir")) {
    /* HOST::GUEST, or HOST seen under the same name. */
    const char *sep = strstr(value, "::");
    char *host = sep ? duplicate(value, (size_t)(sep - value)) : duplicate(value, strlen(value));
    char *guest = sep ? duplicate(sep + 2, strlen(sep + 2)) : duplicate(value, strlen(value));
    wasmc_wasi_preopen p = {host, guest};
    if (!host || !guest || !*host || !*guest) {
      free(host);
      free(guest);
      set_error(error, error_size, "--dir %s: expected HOST::GUEST or HOST", value);
      return -1;
    }
    /* Checked here as well as where the context opens it, so that the message names the
     * grant (and, through wasmc_wasi_grants_add_lines, its line). */
    struct stat st;
    const int problem = g->check_only           ? 0
                        : stat(host, &st) != 0  ? errno
                        : !S_ISDIR(st.st_mode) ? ENOTDIR
                                                : 0;
    if (problem) {
      set_error(error, error_size, "--dir %s: cannot open directory '%s': %s", value, host,
                strerror(problem));
      free(host);
      free(guest);
      return -1;
    }
    if (!append(&g->preopens, &g->num_preopens, p)) {
      free(host);
      free(guest);
      return -1;
    }
    return 0;
  }
  if (is("--env")) {
    if (value[0] == '=') {
      set_error(error, error_size, "--env %s: empty variable name", value);
      return -1;
    }
    char *copy = duplicate(value, strlen(value));
    if (!copy || !append(&g->env, &g->num_env, copy)) {
      free(copy);
      return -1;
    }
    return 0;
  }
  int fd = listen_on(value, g->check_only, error, error_size);
  if (fd < 0) return -1;
  if (g->check_only) return 0;
  if (!append(&g->listen_fds, &g->num_listen_fds, fd)) {
    close(fd);
    return -1;
  }
  return 0;
}

int wasmc_wasi_grants_add_args(wasmc_wasi_grants *g, int argc, const char *const *argv,
                               char *error, size_t error_size) {
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    const char *value = nullptr;
    if (!strchr(arg, '=') && strcmp(arg, "--inherit-env") != 0) {
      if (i + 1 >= argc) {
        set_error(error, error_size, "grant '%s' needs a value", arg);
        return -1;
      }
      value = argv[++i];
    }
    if (wasmc_wasi_grants_add(g, arg, value, error, error_size) != 0) return -1;
  }
  return 0;
}

int wasmc_wasi_grants_add_lines(wasmc_wasi_grants *g, const char *text, char *error,
                                size_t error_size) {
  if (!text) return 0;
  for (int line = 1; *text; line++) {
    const char *end = strchr(text, '\n');
    const size_t len = end ? (size_t)(end - text) : strlen(text);
    if (len && add_line(g, text, len, error, error_size) != 0) {
      char *reason = duplicate(error ? error : "", error ? strnlen(error, error_size) : 0);
      set_error(error, error_size, "line %d: %s", line, reason ? reason : "out of memory");
      free(reason);
      return -1;
    }
    text += len + (end ? 1 : 0);
  }
  return 0;
}

int wasmc_wasi_grants_config(wasmc_wasi_grants *g, int argc, const char *const *argv,
                             wasmc_wasi_config *out) {
  memset(out, 0, sizeof(*out));
  out->argc = argc;
  out->argv = argv;
  out->stdin_fd = 0;
  out->stdout_fd = 1;
  out->stderr_fd = 2;
  if (!g) return 0;
  /* The environment: the host's when inherited, then each --env in order, replacing a
   * variable of the same name. */
  int host_count = 0;
  if (g->inherit_env && environ)
    while (environ[host_count]) host_count++;
  free(g->config_env);
  g->config_env = (const char **)malloc(sizeof(char *) * (size_t)(host_count + g->num_env + 1));
  if (!g->config_env) return -1;
  int n = 0;
  for (int i = 0; i < host_count; i++) g->config_env[n++] = environ[i];
  for (int i = 0; i < g->num_env; i++) {
    const char *entry = g->env[i];
    const char *eq = strchr(entry, '=');
    size_t key_len = eq ? (size_t)(eq - entry) : strlen(entry);
    if (!eq) {
      /* "--env K": K's value on the host, if it has one. */
      entry = nullptr;
      for (char **e = environ; e && *e; e++)
        if (strncmp(*e, g->env[i], key_len) == 0 && (*e)[key_len] == '=') entry = *e;
      if (!entry) continue;
    }
    int slot = n;
    for (int k = 0; k < n; k++)
      if (strncmp(g->config_env[k], entry, key_len + 1) == 0) slot = k;
    g->config_env[slot] = entry;
    if (slot == n) n++;
  }
  g->config_env[n] = nullptr;
  g->config_envc = n;
  out->envc = n;
  out->env = g->config_env;
  out->num_preopens = g->num_preopens;
  out->preopens = g->preopens;
  out->num_listen_fds = g->num_listen_fds;
  out->listen_fds = g->listen_fds;
  return 0;
}

}  // extern "C"
