"""Command output reaches the task log line by line while the command runs, secrets redacted."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from aegir.backends.local.local_executor import LocalExecutor
from aegir.core.errors import BackendError

# The command prints its last line only once the caller has answered its first one (by making a
# file), so the test passes only if lines are handed over while the command still runs.
SCRIPT = (
    "import os, sys, time\n"
    "print('line 0', flush=True)\n"
    "for _ in range(600):\n"
    "    if os.path.exists(sys.argv[1]):\n"
    "        break\n"
    "    time.sleep(0.05)\n"
    "else:\n"
    "    sys.exit('no answer to line 0')\n"
    "print('line 1', flush=True)\n"
)


def test_lines_arrive_before_the_command_ends(tmp_path: Path) -> None:
    answer = tmp_path / "answer"
    seen: list[str] = []

    def on_line(line: str) -> None:
        seen.append(line)
        answer.touch()

    result = LocalExecutor().run_lines([sys.executable, "-c", SCRIPT, str(answer)], on_line)
    assert (result.returncode, seen) == (0, ["line 0", "line 1"])


def test_stdin_stderr_and_exit_status() -> None:
    code = "import sys\ndata = sys.stdin.read()\nprint('got', len(data))\nprint('oops', file=sys.stderr)\nsys.exit(3)\n"
    lines: list[str] = []
    result = LocalExecutor().run_lines([sys.executable, "-c", code], lines.append, stdin=b"x" * 200_000)
    assert result.returncode == 3
    assert lines == ["got 200000", "oops"]


def test_a_timeout_kills_the_command() -> None:
    with pytest.raises(BackendError, match=r"did not finish within 0\.5 s"):
        LocalExecutor().run_lines(
            [sys.executable, "-c", "import time; time.sleep(30)"], lambda _l: None, timeout=0.5
        )


def test_the_task_log_gets_each_line_redacted(home: Path) -> None:
    from aegir.core.model import Server
    from aegir.core.plan import Plan
    from aegir.core.steps import RunCommand
    from aegir.hosting import Hosting

    h = Hosting(home)
    h.store.add_server(Server("here", "local"))
    secret = h.secrets.ensure("site/x.example/db")
    logged: list[str] = []
    done = threading.Event()

    code = "import os, time\nprint('pw', os.environ['PW'], flush=True)\ntime.sleep(0.5)\nprint('bye')\n"
    plan = Plan(
        "t",
        "x.example",
        [RunCommand("here", [sys.executable, "-c", code], secret_env={"PW": "site/x.example/db"})],
    )

    def watch() -> None:
        # while the command still sleeps, its first line is already in the journal
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not done.is_set():
            tasks = h.store.list_tasks(target="x.example")
            if tasks:
                lines = [line.message for line in h.store.task_log(tasks[0].id)]
                if any("pw" in line for line in lines):
                    logged.extend(lines)
                    return
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    task = h.run(plan)
    done.set()
    watcher.join()
    assert any("pw ********" in line for line in logged), logged
    assert not any("bye" in line for line in logged), "the first line should be logged before the last"
    final = " ".join(line.message for line in h.store.task_log(task.id))
    assert secret not in final and "bye" in final
