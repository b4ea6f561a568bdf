// Runs binaryen's wasm-opt (the npm package's Emscripten build) many times in one node process:
// starting node, decoding and compiling binaryen's 10 MB of wasm takes ~1 s, which would otherwise
// be most of the fuzzer's time. The first run's compiled module is kept and given to the later
// runs (Emscripten's Module.instantiateWasm), so each costs what wasm-opt itself does.
//
//   node binaryen_worker.js path/to/node_modules/binaryen/bin/wasm-opt
//
// Reads one job per line on stdin: a JSON array of wasm-opt's arguments. Runs it in a fresh V8
// context (fresh Emscripten state), its output going to this process's stdout as it would, then
// writes a line `\x1edifffuzz-end STATUS` (STATUS: the exit status, or -1 if wasm-opt aborted).
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const vm = require('vm');

const program = process.argv[2];
const script = new vm.Script(fs.readFileSync(program, 'utf8').replace(/^#!.*\n/, ''),
                             { filename: program });
let finish = null; // resolves the current job
let compiled = null; // binaryen's WebAssembly.Module, from the first run

// The WebAssembly of the first run's context: records the module it compiles.
const recordingWebAssembly = Object.assign(Object.create(WebAssembly), {
  async instantiate(bytes, imports) {
    compiled = bytes instanceof WebAssembly.Module ? bytes : await WebAssembly.compile(bytes);
    return { module: compiled, instance: await WebAssembly.instantiate(compiled, imports) };
  },
  instantiateStreaming: undefined,
});

function end(status) {
  if (!finish)
    return;
  const done = finish;
  finish = null;
  fs.writeSync(1, `\n\x1edifffuzz-end ${status}\n`);
  done();
}

// An abort inside wasm-opt surfaces as an exception or a rejected promise of its context.
process.on('uncaughtException', (error) => { fs.writeSync(2, `${error}\n`); end(-1); });
process.on('unhandledRejection', (error) => { fs.writeSync(2, `${error}\n`); end(-1); });

function run(args) {
  return new Promise((resolve) => {
    finish = resolve;
    let status = 0;
    const child = Object.create(process); // what wasm-opt sees as `process`
    child.argv = [process.argv[0], program, ...args];
    Object.defineProperty(child, 'exitCode', { get: () => status, set: (value) => { status = value; } });
    child.exit = (value) => { status = value; throw new Error(`exit ${value}`); };
    const Module = {
      onExit: (value) => { status = value; },
      postRun: [() => setImmediate(() => end(status))],
      onAbort: () => setImmediate(() => end(-1)),
    };
    if (compiled)
      Module.instantiateWasm = (imports, receive) => {
        receive(new WebAssembly.Instance(compiled, imports));
        return {};
      };
    const context = {
      Module, process: child, require, console, __filename: program, __dirname: path.dirname(program),
      setTimeout, clearTimeout, setImmediate, TextDecoder, TextEncoder, URL, Buffer,
      WebAssembly: compiled ? WebAssembly : recordingWebAssembly,
    };
    context.globalThis = context;
    vm.createContext(context);
    try {
      script.runInContext(context);
    } catch (error) {
      fs.writeSync(2, `${error}\n`);
      end(-1);
    }
  });
}

(async () => {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines)
    if (line.trim())
      await run(JSON.parse(line));
})();
