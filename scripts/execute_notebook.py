"""Executes one notebook through nbclient and reports each cell as a JSON line on stdout.

This is the only Python in the project: it is the bridge to Jupyter's own executor, which the
TypeScript runner (scripts/run-lessons.ts) drives. The executed copy is written even when a
cell fails, so the output up to the failure can be read.

A cell fails when the kernel replies with an error status (tslab sends no `error` output, only
stderr and the status), when it writes to stderr, when it times out, or when the kernel dies.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import nbformat
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("output")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--startup-timeout", type=int, default=120)
    args = ap.parse_args()

    source = Path(args.notebook)
    nb = nbformat.read(source, as_version=4)
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
    started = time.monotonic()
    try:
        with client.setup_kernel():
            emit(event="kernel", seconds=round(time.monotonic() - started, 3))
            for number, index in enumerate(code_cells, start=1):
                cell = nb.cells[index]
                t0 = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    failure = dict(cell=number, index=index, reason=f"timed out after {args.timeout} s")
                except DeadKernelError:
                    failure = dict(cell=number, index=index, reason="the kernel died")
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
    except DeadKernelError:
        failure = failure or dict(cell=0, index=-1, reason="the kernel died before the first cell")
    except RuntimeError as e:
        failure = failure or dict(cell=0, index=-1, reason=f"the kernel did not start: {e}")
    finally:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out)
    emit(event="done", ok=failure is None, cells=len(code_cells), seconds=round(time.monotonic() - started, 3), failure=failure)
    sys.exit(0 if failure is None else 1)


if __name__ == "__main__":
    main()
