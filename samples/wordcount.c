// Counts lines, words and bytes on standard input, like wc, and lists the most frequent words.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
  char *word;
  unsigned count;
};

static struct entry *table;
static size_t capacity = 1024, used;

static unsigned long hash(const char *s) {
  unsigned long h = 5381;
  while (*s)
    h = h * 33 + (unsigned char)*s++;
  return h;
}

static void grow(void);

static void add(const char *word) {
  if (used * 2 >= capacity)
    grow();
  size_t i = hash(word) & (capacity - 1);
  while (table[i].word && strcmp(table[i].word, word) != 0)
    i = (i + 1) & (capacity - 1);
  if (!table[i].word) {
    table[i].word = strdup(word);
    used++;
  }
  table[i].count++;
}

static void grow(void) {
  struct entry *old = table;
  size_t oldCapacity = capacity;
  capacity *= 2;
  table = calloc(capacity, sizeof *table);
  for (size_t i = 0; i < oldCapacity; i++) {
    if (!old[i].word)
      continue;
    size_t j = hash(old[i].word) & (capacity - 1);
    while (table[j].word)
      j = (j + 1) & (capacity - 1);
    table[j] = old[i];
  }
  free(old);
}

static int byCount(const void *a, const void *b) {
  const struct entry *x = a, *y = b;
  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return strcmp(x->word, y->word);
}

int main(void) {
  table = calloc(capacity, sizeof *table);
  unsigned long lines = 0, words = 0, bytes = 0;
  char word[256];
  size_t length = 0;
  int c;
  while ((c = getchar()) != EOF) {
    bytes++;
    if (c == '\n')
      lines++;
    if (isalnum(c)) {
      if (length < sizeof word - 1)
        word[length++] = (char)tolower(c);
    } else if (length) {
      word[length] = 0;
      add(word);
      words++;
      length = 0;
    }
  }
  if (length) {
    word[length] = 0;
    add(word);
    words++;
  }
  printf("%lu lines, %lu words, %lu bytes, %zu distinct words\n", lines, words, bytes, used);
  struct entry *sorted = malloc((used ? used : 1) * sizeof *sorted);
  size_t n = 0;
  for (size_t i = 0; i < capacity; i++)
    if (table[i].word)
      sorted[n++] = table[i];
  qsort(sorted, n, sizeof *sorted, byCount);
  for (size_t i = 0; i < n && i < 5; i++)
    printf("%6u %s\n", sorted[i].count, sorted[i].word);
  return 0;
}
