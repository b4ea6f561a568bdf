// C++ exceptions compiled to wasm exception handling (Emscripten's -fwasm-exceptions, the legacy
// encoding: try, catch, catch_all, rethrow, delegate): a throw across a thousand frames whose
// destructors run, catch by type (derived, base, catch-all), rethrow with `throw;`, an exception
// through a function pointer (call_indirect in a try), an exception thrown and caught inside a
// handler, and a hundred thousand throws in a loop.
// e2e: cflags = -fwasm-exceptions -O2 | -fwasm-exceptions -O0
// e2e: wasmc = -O2 | -O0
// e2e: feature = exception handling
#include <cstdio>
#include <stdexcept>
#include <string>

static int destroyed = 0;

struct Counted {
  int id;
  explicit Counted(int i) : id(i) {}
  ~Counted() { ++destroyed; }
};

struct AppError : std::runtime_error {
  int code;
  AppError(const std::string &what, int c) : std::runtime_error(what), code(c) {}
};

__attribute__((noinline)) int descend(int depth, int fail_at) {
  Counted guard(depth);
  if (depth == fail_at)
    throw AppError("failed at depth " + std::to_string(depth), depth * 3);
  return descend(depth + 1, fail_at) + guard.id;
}

__attribute__((noinline)) void throw_int(int v) { throw v; }
__attribute__((noinline)) void throw_logic() { throw std::logic_error("logic"); }

static void (*const throwers[])(int) = {
    [](int v) { throw_int(v); },
    [](int) { throw_logic(); },
    [](int v) { throw AppError("app", v); },
    [](int) {},
};

__attribute__((noinline)) const char *classify(int which, int value) {
  try {
    throwers[which](value);
    return "nothing";
  } catch (const AppError &e) {
    return e.code == value ? "AppError" : "AppError with the wrong code";
  } catch (const std::exception &) {
    return "std::exception";
  } catch (int v) {
    return v == value ? "int" : "int with the wrong value";
  }
}

__attribute__((noinline)) int rethrow_through(int fail_at) {
  try {
    return descend(0, fail_at);
  } catch (const AppError &) {
    ++destroyed; // a handler that does some work, then passes the exception on
    throw;
  }
}

int main() {
  // Across a thousand frames, each destructor running on the way.
  try {
    descend(0, 1000);
    std::puts("no exception");
  } catch (const AppError &e) {
    std::printf("caught \"%s\" code %d, %d destructors ran\n", e.what(), e.code, destroyed);
  }

  for (int which = 0; which < 4; ++which)
    std::printf("thrower %d: %s\n", which, classify(which, 40 + which));

  destroyed = 0;
  try {
    rethrow_through(10);
  } catch (const std::runtime_error &e) {
    std::printf("rethrown \"%s\", %d destructors and the handler ran\n", e.what(), destroyed);
  }

  // An exception thrown and caught while another is being handled.
  try {
    throw std::runtime_error("outer");
  } catch (const std::exception &outer) {
    try {
      throw 7;
    } catch (int inner) {
      std::printf("inner %d inside \"%s\"\n", inner, outer.what());
    }
  }

  long sum = 0;
  for (int i = 0; i < 100000; ++i) {
    try {
      if (i % 3 == 0)
        throw_int(i);
      sum += 1;
    } catch (int v) {
      sum += v % 7;
    }
  }
  std::printf("loop sum %ld\n", sum);
  return 0;
}
