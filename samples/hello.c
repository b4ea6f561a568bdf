// The smallest WASI program: greets, shows its arguments, exits with a status.
#include <stdio.h>

int main(int argc, char **argv) {
  printf("Hello from WebAssembly, compiled ahead of time by wasmc!\n");
  for (int i = 1; i < argc; i++)
    printf("argument %d: %s\n", i, argv[i]);
  return 0;
}
