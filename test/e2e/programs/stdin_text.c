// Reading text from stdin: fgets line by line (a long line split across calls, a last line
// without a newline, CRLF line ends and empty lines kept as they are), word and character
// statistics, then getchar/ungetc at EOF and feof/ferror. An empty stdin works too.
// e2e: cflags = -O2 | -O0
// e2e: wasmc = -O2 | -O0
// e2e: oracle = node host
// e2e: run: stdin=inputs/text.txt
// e2e: run: stdin=inputs/no_final_newline.txt
// e2e: run: args=-
// e2e: run: stdin=inputs/text.txt; pipe=trickle
#include <ctype.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  char line[64]; // smaller than some lines: those come in several pieces
  unsigned lines = 0, pieces = 0, chars = 0, words = 0, crlf = 0, empty = 0, longest = 0, current = 0;
  unsigned freq[26] = {0};
  int in_word = 0;
  while (fgets(line, sizeof line, stdin)) {
    ++pieces;
    size_t len = strlen(line);
    chars += (unsigned)len;
    current += (unsigned)len;
    for (size_t i = 0; i < len; ++i) {
      unsigned char c = (unsigned char)line[i];
      if (isalpha(c)) freq[tolower(c) - 'a']++;
      if (isspace(c)) in_word = 0;
      else if (!in_word) { in_word = 1; ++words; }
    }
    if (len > 0 && line[len - 1] == '\n') {
      ++lines;
      if (len >= 2 && line[len - 2] == '\r') ++crlf;
      if (current == 1) ++empty;
      if (current > longest) longest = current;
      current = 0;
      printf("%4u: %.*s\n", lines, (int)(len - 1 - (len >= 2 && line[len - 2] == '\r')), line);
    }
  }
  if (current) { // the last line had no newline
    printf("last line without newline: %u characters\n", current);
    if (current > longest) longest = current;
  }
  printf("lines %u pieces %u chars %u words %u crlf %u empty %u longest %u\n", lines, pieces, chars, words, crlf, empty,
         longest);
  printf("letters:");
  for (int i = 0; i < 26; ++i)
    if (freq[i]) printf(" %c%u", 'a' + i, freq[i]);
  printf("\n");
  printf("feof %d ferror %d getchar %d\n", feof(stdin) != 0, ferror(stdin) != 0, getchar());
  printf("getchar again at EOF %d\n", getchar());
  ungetc('Q', stdin);
  printf("after ungetc: %c then %d\n", getchar(), getchar());
  return 0;
}
