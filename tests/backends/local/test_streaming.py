"""Command output reaches the task log line by line while the command runs, secrets redacted."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from aegir.backends.local.local_executor import LocalExecutor
from aegir.core.errors import BackendError

SCRIPT = "import sys, time\nfor i in range(3):\n    print(f'line {i}', flush=True)\n    time.sleep(0.3)\n"


def test_lines_arrive_before_the_command_ends() -> None:
    seen: list[tuple[float, str]] = []
    start = time.monotonic()
    result = LocalExecutor().run_lines(
        [sys.executable, "-c", SCRIPT], lambda line: seen.append((time.monotonic() - start, line))
    )
    assert result.returncode == 0
    assert [line for _, line in seen] == ["line 0", "line 1", "line 2"]
    # the first line was handed over well before the command's end (it sleeps 0.9 s in all)
    assert seen[0][0] < seen[-1][0] - 0.4


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
