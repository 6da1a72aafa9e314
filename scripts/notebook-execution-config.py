# Jupyter config for executing the lossbook notebooks on the tslab kernel with
# `jupyter nbconvert --execute --config=scripts/notebook-execution-config.py`.
#
# Why hooks are needed (tslab 1.0.22 with nbclient 0.7):
# - tslab sends no `execute_input` message, so nbclient never learns the
#   execution count and leaves every `execution_count` null. We copy the count
#   from the execute reply, which tslab does fill in.
# - After a cell fails, tslab aborts every request that arrives within 200 ms
#   (tslab issue #19). nbclient sends the next cell at once, so the cell after a
#   `raises-exception` cell would be skipped silently (reply status "abort", no
#   output). We wait past that window after an error, and treat any aborted
#   cell as a failure so that it can never go unnoticed.
import time

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)


class CellAbortedError(Exception):
    """A cell's execute request was aborted by the kernel instead of being run."""


def copy_execution_count(cell, cell_index, execute_reply, **_):
    if execute_reply is None:
        return
    content = execute_reply["content"]
    if content.get("status") == "abort":
        raise CellAbortedError(
            "The kernel aborted cell %d instead of running it:\n%s" % (cell_index, cell.source)
        )
    count = content.get("execution_count")
    if isinstance(count, int):
        cell["execution_count"] = count


def wait_out_tslab_abort_window(**_):
    time.sleep(0.3)


c.ExecutePreprocessor.on_cell_executed = copy_execution_count
c.ExecutePreprocessor.on_cell_error = wait_out_tslab_abort_window
c.ExecutePreprocessor.record_timing = False
