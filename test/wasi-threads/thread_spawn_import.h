/* The declaration of wasi.thread-spawn that a threads-enabled wasi-libc's <wasi/api.h> has and
 * Debian's wasi-libc lacks (for thread_spawn-simple.c, see CMakeLists.txt). */
#include <stdint.h>
int32_t __wasi_thread_spawn(void *start_arg)
    __attribute__((__import_module__("wasi"), __import_name__("thread-spawn")));
