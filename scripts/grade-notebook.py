# Executes one notebook for grading on the tslab kernel, cell by cell, with a
# time limit per cell: a cell that runs longer is recorded as timed out, the
# kernel is replaced, and the notebook is run again without that cell, so one
# endless loop costs only its own exercise. Usage:
#   python3 grade-notebook.py IN.ipynb OUT.ipynb OUT-status.json SECONDS_PER_CELL
# (cwd: the folder the kernel runs in). Writes the executed notebook and
# {"timed_out": [cell indices], "runs": n}. Called by scripts/grade.ts.
import json
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

source_path, out_path, status_path, seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])


def run_once(nb, skip):
    """Runs every code cell not in skip; returns the index of a cell that timed out, or None."""
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=seconds,
        allow_errors=True,
        record_timing=False,
        interrupt_on_timeout=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": "."}},
    )
    # tslab aborts requests that arrive within 200 ms of an error (tslab issue #19).
    client.on_cell_error = lambda **_: time.sleep(0.3)
    aborted = []

    def on_executed(cell, cell_index, execute_reply, **_):
        if execute_reply is not None:
            content = execute_reply["content"]
            if content.get("status") == "abort":
                aborted.append(cell_index)
            elif isinstance(content.get("execution_count"), int):
                cell["execution_count"] = content["execution_count"]

    client.on_cell_executed = on_executed
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if index in skip:
                cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="Not run in grading: this cell ran longer than %d s before.\n" % seconds)]
                continue
            try:
                client.execute_cell(cell, index)
                if index in aborted:  # run it once more, past tslab's abort window
                    time.sleep(0.3)
                    client.execute_cell(cell, index)
            except CellTimeoutError:
                return index
            except DeadKernelError:
                return index
    return None


nb = nbformat.read(source_path, as_version=4)
skip = set()
runs = 0
while True:
    runs += 1
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    timed_out = run_once(nb, skip)
    if timed_out is None or runs > 20:
        break
    skip.add(timed_out)
nbformat.write(nb, out_path)
with open(status_path, "w") as f:
    json.dump({"timed_out": sorted(skip), "runs": runs}, f)
