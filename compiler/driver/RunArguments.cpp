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
  size_t i = 0;
  for (; i < words.size(); ++i) {
    const std::string &word = words[i];
    if (word == "--") { // wasmc run [options] -- MODULE args
      ++i;
      break;
    }
    if (!isOption(word))
      break;
    split.own.push_back(word);
    if (takesNextWord(run, word) && i + 1 < words.size())
      split.own.push_back(words[++i]);
  }
  if (i < words.size())
    split.own.push_back(words[i++]); // the module
  if (i < words.size() && words[i] == "--")
    ++i;
  split.program.assign(words.begin() + i, words.end());
  return split;
}

} // namespace wasmc::driver
