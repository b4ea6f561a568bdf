// The directory the WASI fuzzer's programs run in, and the oracle that nothing escaped it.
//
//   <root>/box/jail       the program's pre-opened directory, made afresh for every input, with
//                         files, directories and symlinks leading inside, out, up and around
//   <root>/box/outside    what must stay out of reach; inotify reports any access to it, and any
//                         change to <root> or <root>/box
// and a listening UNIX socket in the abstract namespace (nothing on disk, no network), granted
// to the programs.
//
// <root> is a new directory in $TMPDIR (default /tmp), removed when the process exits.
#ifndef WASMC_TEST_FUZZ_WASI_FUZZ_JAIL_H
#define WASMC_TEST_FUZZ_WASI_FUZZ_JAIL_H

#include <string>

namespace wasi_fuzz {

class Jail {
public:
  // Creates <root> and what stays in it; aborts the process if it cannot.
  Jail();
  ~Jail();
  Jail(const Jail &) = delete;
  Jail &operator=(const Jail &) = delete;

  // Re-creates the jail directory as it was, for the next input.
  void reset();
  // What happened outside the jail since reset(), or "" if nothing did.
  std::string escapes();
  // Leaves a connection waiting on the listening socket, so that sock_accept and poll_oneoff on
  // it do not wait for ever.
  void queueConnection() const;

  const std::string &jail() const { return jail_; }
  const std::string &outside() const { return outside_; }
  int listener() const { return listener_; }

private:
  std::string root_, box_, jail_, outside_;
  std::string socket_; // the listener's abstract name
  int listener_ = -1;
  int inotify_ = -1;
};

} // namespace wasi_fuzz

#endif // WASMC_TEST_FUZZ_WASI_FUZZ_JAIL_H
