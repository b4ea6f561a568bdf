// Runs a WASI preview1 command module under node's built-in WASI: the reference engine of the
// end-to-end differential tests (run_differential.py).
//
//   node --no-warnings --single-threaded node-wasi.mjs [--env K=V]... [--dir HOST::GUEST]...
//        [--argv0 NAME] [--stack-mb N] [--result FILE] prog.wasm [args...]
//
// stdin, stdout and stderr are the process's own (fds 0, 1, 2). The environment is empty unless
// --env is given. proc_exit(n) or returning from main exits with n. A trap (a
// WebAssembly.RuntimeError, or the RangeError V8 throws when the call stack overflows) prints
//   wasm trap: <V8's message>
// to stderr and exits with 134, as a wasmc executable does. Anything else going wrong here (the
// module cannot be read, compiled or instantiated; node itself misbehaves) prints
// "node-wasi: ..." and exits with 125, so that it is reported as a failure of the reference
// engine rather than of the program.
//
// The module runs in a worker thread whose stack size is set with --stack-mb (default 64), so
// that deep but bounded recursion does not depend on node's default stack or on ulimit -s.
//
// --result FILE: the outcome ({"kind": "exit"|"trap", "status": n}) is also written to FILE just
// before node exits, so that a crash of node while it shuts down (seen with node 20) does not
// lose a result that was complete.
//
// Run node with --single-threaded: node 20.20's V8 aborts (SIGABRT, no message) when wasm code
// writes to freshly grown memory while V8's background threads are running -- reliably for a
// loop that touches every page of a 120 MiB malloc built with clang -O0. Without background
// threads it does not happen.
import { readFileSync, writeFileSync, writeSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { WASI } from 'node:wasi';
import process from 'node:process';

const REFERENCE_FAILURE = 125;
const TRAP = 134;

function say(text) {
  try { writeSync(2, text); } catch { /* stderr closed: nothing to do */ }
}

if (isMainThread) {
  const fail = (message) => { say(`node-wasi: ${message}\n`); process.exit(REFERENCE_FAILURE); };
  const env = {};
  const preopens = {};
  let argv0 = null;
  let stackMb = 64;
  let resultFile = null;
  const argv = process.argv.slice(2);
  while (argv.length > 0 && argv[0].startsWith('--')) {
    const option = argv.shift();
    if (option === '--') break;
    const value = argv.shift();
    if (value === undefined) fail(`${option} needs a value`);
    if (option === '--env') {
      const eq = value.indexOf('=');
      if (eq <= 0) fail(`--env ${value}: expected KEY=VALUE`);
      env[value.slice(0, eq)] = value.slice(eq + 1);
    } else if (option === '--dir') {
      const sep = value.indexOf('::');
      preopens[sep >= 0 ? value.slice(sep + 2) : value] = sep >= 0 ? value.slice(0, sep) : value;
    } else if (option === '--argv0') {
      argv0 = value;
    } else if (option === '--result') {
      resultFile = value;
    } else if (option === '--stack-mb') {
      stackMb = Number(value);
      if (!(stackMb > 0)) fail(`--stack-mb ${value}: expected a positive number`);
    } else {
      fail(`unknown option ${option}`);
    }
  }
  if (argv.length === 0) fail('usage: node-wasi.mjs [options] prog.wasm [args...]');
  const wasmPath = argv[0];
  const args = [argv0 ?? wasmPath, ...argv.slice(1)];

  let outcome = null;
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { wasmPath, args, env, preopens },
    resourceLimits: { stackSizeMb: stackMb },
    stdin: false, stdout: false, stderr: false,
  });
  worker.on('message', (message) => { outcome = message; });
  worker.on('error', (error) => fail(`worker failed: ${error && error.stack ? error.stack : error}`));
  const record = (kind, status) => {
    if (resultFile === null) return;
    try { writeFileSync(resultFile, JSON.stringify({ kind, status })); } catch { /* reported by the exit status */ }
  };
  worker.on('exit', () => {
    if (outcome === null) fail('the worker ended without reporting an outcome');
    if (outcome.kind === 'exit') {
      record('exit', outcome.status);
      process.exit(outcome.status);
    }
    if (outcome.kind === 'trap') {
      say(`wasm trap: ${outcome.message}\n`);
      record('trap', TRAP);
      process.exit(TRAP);
    }
    fail(outcome.message);
  });
} else {
  const { wasmPath, args, env, preopens } = workerData;
  const report = (outcome) => parentPort.postMessage(outcome);
  const isTrap = (error) => error instanceof WebAssembly.RuntimeError ||
    (error instanceof RangeError && /call stack/i.test(error.message));
  let module;
  let instance;
  let wasi;
  try {
    module = new WebAssembly.Module(readFileSync(wasmPath));
    wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
  } catch (error) {
    report({ kind: 'failure', message: `cannot load ${wasmPath}: ${error}` });
  }
  if (wasi) {
    try {
      instance = new WebAssembly.Instance(module, wasi.getImportObject());
    } catch (error) {
      if (isTrap(error)) report({ kind: 'trap', message: error.message }); // a trapping start function
      else report({ kind: 'failure', message: `cannot instantiate ${wasmPath}: ${error}` });
    }
  }
  if (instance) {
    try {
      const status = wasi.start(instance);
      report({ kind: 'exit', status: status ?? 0 });
    } catch (error) {
      if (isTrap(error)) report({ kind: 'trap', message: error.message });
      else report({ kind: 'failure', message: `${error && error.stack ? error.stack : error}` });
    }
  }
}
