// Runs a wasi-threads command module in node, the reference the e2e comparison runs against:
// node's own WASI has no `wasi` import module, so this gives `wasi.thread-spawn` a worker thread
// per spawn (a new instance of the module sharing its memory, as the proposal says) and
// implements the two WASI functions wasmc's thread tests print and exit with.
//
//   node node_threads.mjs module.wasm MIN:MAX     (the pages of the imported shared env.memory)
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function importsFor(module, memory, nextTid) {
  return {
    env: { memory },
    wasi: {
      'thread-spawn'(arg) {
        const tid = Atomics.add(nextTid, 0, 1);
        new Worker(fileURLToPath(import.meta.url), { workerData: { module, memory, nextTid, tid, arg } });
        return tid;
      },
    },
    wasi_snapshot_preview1: {
      fd_write(fd, iovs, count, written) {
        const view = new DataView(memory.buffer);
        let total = 0;
        for (let i = 0; i < count; i++) {
          const base = view.getUint32(iovs + 8 * i, true);
          const length = view.getUint32(iovs + 8 * i + 4, true);
          // slice: a copy in an ordinary buffer, as writeSync wants
          total += writeSync(fd, new Uint8Array(memory.buffer, base, length).slice());
        }
        view.setUint32(written, total, true);
        return 0;
      },
      proc_exit(code) {
        process.exit(code);
      },
    },
  };
}

if (isMainThread) {
  const [file, pages] = process.argv.slice(2);
  const [initial, maximum] = pages.split(':').map(Number);
  const module = new WebAssembly.Module(readFileSync(file));
  const memory = new WebAssembly.Memory({ initial, maximum, shared: true });
  const nextTid = new Int32Array(new SharedArrayBuffer(4));
  nextTid[0] = 1;
  new WebAssembly.Instance(module, importsFor(module, memory, nextTid)).exports._start();
  process.exit(0); // _start returning ends the program, whatever its threads are doing
} else {
  const { module, memory, nextTid, tid, arg } = workerData;
  new WebAssembly.Instance(module, importsFor(module, memory, nextTid)).exports.wasi_thread_start(tid, arg);
}
