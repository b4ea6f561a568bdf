#include "driver/RunArguments.h"

namespace wasmc::driver {

namespace {

bool isOption(const std::string &word) { return word.size() > 1 && word[0] == '-'; }

// Whether the option takes the next word as its value ("--dir X", "-O 2"), rather than none
// or one attached ("--dir=X", "-O2").
bool takesNextWord(const CLI::App &run, const std::string &option) {
  const bool isLong = option.compare(0, 2, "--") == 0;
  if ((isLong && option.find('=') != std::string::npos) || (!isLong && option.size() > 2))
    return false;
  const CLI::Option *known = run.get_option_no_throw(option);
  return known && known->get_expected_max() > 0;
}

} // namespace

RunCommandLine splitRunCommandLine(const CLI::App &run, const std::vector<std::string> &words) {
  RunCommandLine split;
  bool haveModule = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string &word = words[i];
    if (word == "--") {
      size_t first = i + 1;
      if (!haveModule && first < words.size()) // wasmc run [options] -- MODULE args
        split.own.push_back(words[first++]);
      split.program.assign(words.begin() + first, words.end());
      break;
    }
    if (!isOption(word)) {
      if (haveModule) { // the program's first argument
        split.program.assign(words.begin() + i, words.end());
        break;
      }
      haveModule = true;
      split.own.push_back(word);
      continue;
    }
    split.own.push_back(word);
    if (takesNextWord(run, word) && i + 1 < words.size())
      split.own.push_back(words[++i]);
  }
  return split;
}

} // namespace wasmc::driver
