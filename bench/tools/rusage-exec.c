/* rusage-exec RESULT_FILE PROGRAM [ARGS...]
 *
 * Runs PROGRAM (stdin/stdout/stderr inherited), waits for it, and writes one
 * line to RESULT_FILE:  <wall ns> <status as from wait4> <maxrss KiB> <user us> <sys us>
 * Exits with PROGRAM's exit status (128+signal if killed).
 *
 * The benchmark harness uses this instead of spawning from Python directly
 * because Linux keeps a process's peak RSS across exec: a child forked from
 * the (large) Python interpreter would report at least Python's RSS. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s RESULT_FILE PROGRAM [ARGS...]\n", argv[0]);
    return 125;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) { perror("fork"); return 125; }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    fprintf(stderr, "rusage-exec: cannot run %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  while (wait4(pid, &status, 0, &ru) < 0) {}
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  FILE *f = fopen(argv[1], "w");
  if (f) {
    fprintf(f, "%lld %d %ld %lld %lld\n", ns, status, ru.ru_maxrss,
            (long long)ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec,
            (long long)ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec);
    fclose(f);
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 125;
}
