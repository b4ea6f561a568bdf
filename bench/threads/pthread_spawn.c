/* Thread start-up cost of pthread_create: the time from just before pthread_create to the first
 * instruction of the thread's function (CLOCK_MONOTONIC), for N threads one after the other, with
 * the stack size wasi-threads threads get (WASMC_STACK_BYTES + 1 MiB); prints each sample in ns.
 * The counterpart of spawn.wat. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static int64_t now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t started;

static void *first_instruction(void *argument) {
  (void)argument;
  __atomic_store_n(&started, now(), __ATOMIC_SEQ_CST);
  return NULL;
}

int main(void) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, (8u << 20) + (1u << 20));
  for (int i = 0; i < 2000; i++) {
    __atomic_store_n(&started, 0, __ATOMIC_SEQ_CST);
    pthread_t thread;
    const int64_t before = now();
    if (pthread_create(&thread, &attributes, first_instruction, NULL) != 0)
      return 1;
    pthread_join(thread, NULL);
    printf("%lld\n", (long long)(__atomic_load_n(&started, __ATOMIC_SEQ_CST) - before));
  }
  return 0;
}
