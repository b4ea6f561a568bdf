// Run a WASI command module under Node (V8) with the benchmark suite's own
// WASI shim (./wasi-shim.mjs).
//
//   node run.mjs [--dir HOST::GUEST]... [--env K=V]... prog.wasm [args...]
//
// Exit status: the module's proc_exit code (or 0); a trap prints
// "wasm trap: <message>" and exits with 134, like wasmc executables.
import fs from 'node:fs';
import path from 'node:path';
import { WASI } from './wasi-shim.mjs';

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
while (argv.length && argv[0].startsWith('--')) {
  const opt = argv.shift();
  if (opt === '--') break;
  const val = argv.shift();
  if (val === undefined) { console.error(`missing value for ${opt}`); process.exit(2); }
  if (opt === '--dir') {
    const i = val.indexOf('::');
    const host = i >= 0 ? val.slice(0, i) : val, guest = i >= 0 ? val.slice(i + 2) : val;
    preopens[guest] = host;
  } else if (opt === '--env') {
    const i = val.indexOf('=');
    env[val.slice(0, i)] = val.slice(i + 1);
  } else {
    console.error(`unknown option ${opt}`);
    process.exit(2);
  }
}
if (!argv.length) {
  console.error('usage: node run.mjs [--dir HOST::GUEST]... [--env K=V]... prog.wasm [args...]');
  process.exit(2);
}
const file = argv[0];
const module = await WebAssembly.compile(fs.readFileSync(file));
const wasi = new WASI({ args: [path.basename(file, '.wasm'), ...argv.slice(1)], env, preopens });
const instance = await WebAssembly.instantiate(module, wasi.getImportObject(module));
let code;
try {
  code = wasi.start(instance);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError) {
    process.stderr.write(`wasm trap: ${e.message}\n`);
    code = 134;
  } else {
    throw e;
  }
}
process.exitCode = code;
