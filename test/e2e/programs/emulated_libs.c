// wasi-libc's emulation libraries, as ported programs link them: signal() and raise() (a handler
// runs; the default action of a fatal signal prints a message and aborts, i.e. traps), mmap/munmap
// of anonymous memory, clock() from the process clocks emulation, getpid().
// e2e: cflags = -O2 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID -lwasi-emulated-signal -lwasi-emulated-mman -lwasi-emulated-process-clocks -lwasi-emulated-getpid | -O0 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID -lwasi-emulated-signal -lwasi-emulated-mman -lwasi-emulated-process-clocks -lwasi-emulated-getpid
// e2e: run: args=; exit=0
// e2e: run: args=15; trap=unreachable
// e2e: run: args=6; trap=unreachable
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void handler(int s) { got = s; }

int main(int argc, char **argv) {
  signal(SIGUSR1, handler);
  raise(SIGUSR1);
  printf("handler got SIGUSR1: %d\n", got == SIGUSR1);
  signal(SIGUSR2, SIG_IGN);
  raise(SIGUSR2);
  printf("ignored SIGUSR2\n");
  size_t size = 3 * 65536 + 100;
  unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("mmap: %s\n", p == MAP_FAILED ? "failed" : "ok");
  if (p != MAP_FAILED) {
    int zero = 1;
    for (size_t i = 0; i < size; i += 97) zero &= p[i] == 0;
    memset(p, 7, size);
    printf("zeroed %d, last byte %d, munmap %d\n", zero, p[size - 1], munmap(p, size));
  }
  clock_t c = clock();
  volatile double x = 0;
  for (int i = 0; i < 100000; ++i) x += i;
  printf("clock() works: %d, getpid() positive: %d\n", clock() >= c && c >= 0, getpid() > 0);
  fflush(stdout);
  if (argc > 1) raise(atoi(argv[1])); // SIGTERM / SIGABRT with the default action
  printf("no signal raised\n");
  return 0;
}
