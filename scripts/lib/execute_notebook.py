"""Executes one notebook through nbclient and reports each cell as a JSON line on stdout.

This is the only Python in the project: it is the bridge to Jupyter's own executor, which the
TypeScript runner (scripts/run-lessons.ts) drives. The executed copy is written even when a
cell fails or the run is interrupted, so the output up to the failure can be read.

A cell fails when the kernel replies with an error status (tslab sends no `error` output, only
stderr and the status), when it writes to stderr, when it times out, or when the kernel dies.

Events (one JSON object per line):
  {"event": "kernel", "seconds": 1.9, "pid": 1234, "attempts": 1}
                                                          the kernel is up; pid of its process,
                                                          and how many starts it took
  {"event": "cell", "cell": 2, "index": 4, "seconds": 0.1, "ok": true}
  {"event": "done", "ok": false, "cells": 3, "seconds": 5.2, "failure": {"cell": 2, "reason": "..."}}

SIGINT or SIGTERM stops the running cell, shuts the kernel down (killing its process group if it
does not leave in time), writes the executed copy and reports the interruption as the failure.
"""
import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path

# jsonschema, which nbformat validates with, builds a Lark grammar for its "iri" format checker
# when it is imported if rfc3987-syntax is installed (jupyter-events, under Jupyter's server, asks
# for jsonschema[format-nongpl]): 1.3 s of CPU in every executor. The notebook schema uses no string formats, so the checker is not needed.
sys.modules.setdefault("rfc3987_syntax", None)  # a None entry makes the import raise ImportError

import nbformat  # noqa: E402
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def emit(**event):
    print(json.dumps(event), flush=True)


def stderr_text(cell):
    return "".join(
        o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"
    )


def error_text(cell):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return f"{o.get('ename', 'Error')}: {o.get('evalue', '')}"
    return ""


class Interrupted(BaseException):
    """Raised from the signal handler; a BaseException so that no library code swallows it."""

    def __init__(self, name):
        super().__init__(name)
        self.name = name


def install_signal_handlers():
    def handler(signum, _frame):
        # The first signal interrupts; later ones (a terminal sends SIGINT to the whole process
        # group, and the runner forwards its own) must not break the cleanup that follows.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Interrupted(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def kill_process_group(process):
    """Kills the kernel and anything it started, if it is still running (it runs in its own session)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    try:
        process.wait(timeout=5)
    except Exception:
        pass


def start_kernel(client, attempts=3):
    """Starts the kernel and its client; returns how many starts it took.

    A kernel that dies before it answers is started again, on other ports: Jupyter picks free
    ports by binding and releasing them, so another process (a kernel started at the same moment)
    can take one first, and the kernel launcher (scripts/tslab-kernel.js) then exits. nbclient
    shuts a kernel that failed to start down before it raises.
    """
    for attempt in range(1, attempts + 1):
        client.km = client.create_kernel_manager()
        client.km.shutdown_wait_time = 4.0
        client.start_new_kernel()
        try:
            client.start_new_kernel_client()
            return attempt
        except RuntimeError as e:
            if attempt == attempts or "died" not in str(e):
                raise


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("output")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--startup-timeout", type=int, default=120)
    args = ap.parse_args()
    install_signal_handlers()
    started = time.monotonic()

    source = Path(args.notebook)
    try:
        nb = nbformat.read(source, as_version=4)
    except Interrupted as e:
        emit(event="done", ok=False, cells=0, seconds=0, failure=dict(cell=0, index=-1, reason=f"interrupted by {e.name}"))
        sys.exit(1)
    except Exception as e:  # not JSON, not a notebook, unreadable
        reason = f"cannot read the notebook {source.name}: {type(e).__name__}: {str(e).strip()[:300]}"
        emit(event="done", ok=False, cells=0, seconds=round(time.monotonic() - started, 3), failure=dict(cell=0, index=-1, reason=reason))
        sys.exit(1)

    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=args.startup_timeout,
        resources={"metadata": {"path": str(source.parent.resolve())}},
        record_timing=True,
    )
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    failure = None
    kernel_process = None
    number = 0
    try:
        attempts = start_kernel(client)
        kernel_process = getattr(client.km.provisioner, "process", None)
        emit(event="kernel", seconds=round(time.monotonic() - started, 3), pid=kernel_process.pid if kernel_process else None, attempts=attempts)
        for number, index in enumerate(code_cells, start=1):
            cell = nb.cells[index]
            t0 = time.monotonic()
            try:
                # tslab sends no execute_input message, so the count must be given (as nbclient's execute() does).
                client.execute_cell(cell, index, execution_count=number)
            except CellTimeoutError:
                failure = dict(cell=number, index=index, reason=f"timed out after {args.timeout} s (--timeout={args.timeout})")
            except DeadKernelError:
                code = kernel_process.poll() if kernel_process else None
                failure = dict(cell=number, index=index, reason=f"the kernel died" + (f" (exit code {code})" if code is not None else ""))
            except CellExecutionError as e:
                detail = stderr_text(cell).strip() or error_text(cell) or str(e).strip()
                failure = dict(cell=number, index=index, reason=detail)
            else:
                err = stderr_text(cell).strip()
                if err:
                    failure = dict(cell=number, index=index, reason=f"wrote to stderr: {err}")
            emit(event="cell", cell=number, index=index, seconds=round(time.monotonic() - t0, 3), ok=failure is None)
            if failure:
                break
    except Interrupted as e:
        failure = dict(cell=number, index=code_cells[number - 1] if number else -1, reason=f"interrupted by {e.name}")
    except DeadKernelError:
        failure = failure or dict(cell=0, index=-1, reason="the kernel died before the first cell")
    except RuntimeError as e:
        failure = failure or dict(cell=0, index=-1, reason=f"the kernel did not start: {e}")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if kernel_process is None and client.km is not None:
            kernel_process = getattr(client.km.provisioner, "process", None)
        try:
            if client.km is not None:
                client._cleanup_kernel()
        except BaseException:
            pass
        kill_process_group(kernel_process)
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out)
    emit(event="done", ok=failure is None, cells=len(code_cells), seconds=round(time.monotonic() - started, 3), failure=failure, written=True)
    sys.exit(0 if failure is None else 1)


if __name__ == "__main__":
    main()
