#!/usr/bin/env python3
"""Runs one wasi-threads test: a .wat command module, converted by wat2wasm (threads enabled,
names kept for backtraces), or a .wasm (then "--expect" names its .json, if any), built by `wasmc build` and run (or run by `wasmc run`), with stdin an
open pipe that nobody writes, so that a read from fd 0 blocks (the conformance tests assume it).

Expectations come from the .json beside the .wat (the wasi-testsuite's legacy keys): "exit_code"
(default 0) and "stdout" (exact, when given); and wasmc's own: "stderr" (lines that must all
appear in stderr), "build_options" (more `wasmc build` arguments, e.g. ["-O0"]), "repeat" (runs, each of which must pass; default 1) and "scratch_dir" (a
fresh empty directory granted under that name, through WASMC_GRANTS), "node_memory" (MIN:MAX
pages of its shared memory: the module also runs in node, `--mode node`, node_threads.mjs).
Exit status: 0 passed, 1 failed."""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wasmc", required=True)
    parser.add_argument("--wat2wasm", required=True)
    parser.add_argument("--mode", choices=["build", "run", "node"], default="build")
    parser.add_argument("--node", default="node", help="node, for --mode node")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--target", help="build for this target (wasmc build --target)")
    parser.add_argument("--emulator", help="run the executable under this (qemu-user)")
    parser.add_argument("--expect", help="the .json of a .wasm test")
    parser.add_argument("module", help="a .wat, or a .wasm")
    args = parser.parse_args()

    expected = {}
    config = args.expect or os.path.splitext(args.module)[0] + ".json"
    if os.path.exists(config):
        with open(config) as f:
            expected = json.load(f)
    exit_code = expected.get("exit_code", 0)

    with tempfile.TemporaryDirectory(prefix="wasmc-wasi-threads-") as scratch:
        name = os.path.splitext(os.path.basename(args.module))[0]
        wasm = args.module
        if args.module.endswith(".wat"):
            wasm = os.path.join(scratch, name + ".wasm")
            subprocess.run([args.wat2wasm, "--enable-threads", "--debug-names", args.module,
                            "-o", wasm], check=True)
        if args.mode == "build":
            program = os.path.join(scratch, name)
            target = ["--target", args.target] if args.target else []
            subprocess.run([args.wasmc, "build", wasm, "-o", program] + target +
                           expected.get("build_options", []), check=True)
            command = ([args.emulator] if args.emulator else []) + [program]
        elif args.mode == "run":
            command = [args.wasmc, "run", wasm]
        else:  # the reference: the same expectations hold for node (node_threads.mjs)
            runner = os.path.join(os.path.dirname(os.path.abspath(__file__)), "node_threads.mjs")
            command = [args.node, runner, wasm, expected["node_memory"]]
        for run in range(expected.get("repeat", 1)):
            # stdin: a pipe whose write end stays open here until the program has exited.
            stdin_read, stdin_write = os.pipe()
            environment = dict(os.environ)
            if "scratch_dir" in expected:
                directory = tempfile.mkdtemp(dir=scratch)
                environment["WASMC_GRANTS"] = f"--dir {directory}::{expected['scratch_dir']}"
            process = subprocess.Popen(command, stdin=stdin_read, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, env=environment)
            os.close(stdin_read)
            try:
                stdout, stderr = process.communicate(timeout=args.timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                print(f"FAIL ({name}, run {run + 1}): no exit within {args.timeout}s")
                return 1
            finally:
                os.close(stdin_write)
            stdout, stderr = stdout.decode(errors="replace"), stderr.decode(errors="replace")
            problems = []
            if process.returncode != exit_code:
                problems.append(f"exit status {process.returncode}, expected {exit_code}")
            if "stdout" in expected and stdout != expected["stdout"]:
                problems.append(f"stdout {stdout!r}, expected {expected['stdout']!r}")
            for line in expected.get("stderr", []):
                if line not in stderr:
                    problems.append(f"stderr lacks {line!r}")
            if problems:
                print(f"FAIL ({name}, run {run + 1}): " + "; ".join(problems))
                print("stderr:\n" + stderr)
                return 1
    print(f"PASS ({name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
