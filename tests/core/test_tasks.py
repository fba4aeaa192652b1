"""The task runner: journal, rollback in reverse, secrets redacted, locks, and SIGKILL recovery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _steps_plugin as plugin
from aegir.core.errors import TaskError, TaskLocked
from aegir.core.events import TaskEvent
from aegir.core.hookspecs import hookimpl
from aegir.core.model import TaskStatus
from aegir.core.plan import Plan
from aegir.core.plugins import Plugins
from aegir.hosting import Hosting

TESTS = Path(__file__).resolve().parents[1]


def _hosting(home: Path, *extra: object) -> Hosting:
    return Hosting(home, plugins=Plugins(autoload=False, extra=[plugin, *extra]))


def test_success_journals_every_step(home: Path, tmp_path: Path) -> None:
    h = _hosting(home)
    task = h.run(
        Plan("t", "a.example", [plugin.Touch(str(tmp_path / "1")), plugin.Touch(str(tmp_path / "2"))])
    )
    assert task.status is TaskStatus.SUCCEEDED
    steps = h.store.task_steps(task.id)
    assert [s.state for s in steps] == ["done", "done"]
    assert all(s.started and s.finished for s in steps)
    assert (tmp_path / "1").exists() and (tmp_path / "2").exists()
    assert any("made" in line.message for line in h.store.task_log(task.id))


def test_failure_runs_inverses_in_reverse(home: Path, tmp_path: Path) -> None:
    order: list[str] = []

    class Recorder:
        @hookimpl
        def aegir_task_event(self, event: TaskEvent) -> None:
            if event.name == "step-undone":
                order.append(str(event.step_index))

    h = _hosting(home, Recorder())
    plan = Plan(
        "t",
        "b.example",
        [plugin.Touch(str(tmp_path / "1")), plugin.Touch(str(tmp_path / "2")), plugin.Fail("disk full")],
    )
    with pytest.raises(TaskError, match="disk full") as info:
        h.run(plan)
    assert not (tmp_path / "1").exists() and not (tmp_path / "2").exists()
    assert order == ["1", "0"]
    task = h.store.get_task(info.value.task_id)
    assert task.status is TaskStatus.ROLLED_BACK
    assert [s.state for s in h.store.task_steps(task.id)] == ["undone", "undone", "failed"]


def test_event_hook_can_veto_a_step(home: Path, tmp_path: Path) -> None:
    class Veto:
        @hookimpl
        def aegir_task_event(self, event: TaskEvent) -> None:
            if event.name == "step-finished" and event.step_index == 1:
                raise RuntimeError("policy says no")

    h = _hosting(home, Veto())
    plan = Plan(
        "t",
        "c.example",
        [
            plugin.Touch(str(tmp_path / "1")),
            plugin.Touch(str(tmp_path / "2")),
            plugin.Touch(str(tmp_path / "3")),
        ],
    )
    with pytest.raises(TaskError, match="policy says no"):
        h.run(plan)
    # step 2 ran before the veto: its inverse ran too; step 3 never ran
    assert not any((tmp_path / n).exists() for n in "123")


def test_secrets_are_redacted_from_the_log(home: Path) -> None:
    h = _hosting(home)
    value = h.secrets.ensure("site/d.example/db")
    task = h.run(Plan("t", "d.example", [plugin.Echo("site/d.example/db")]))
    messages = " ".join(line.message for line in h.store.task_log(task.id))
    assert "the value is" in messages
    assert value not in messages
    assert (h.secrets.path_of("site/d.example/db").stat().st_mode & 0o777) == 0o600


def test_one_task_per_target(home: Path) -> None:
    h = _hosting(home)
    with h.runner.target_lock("e.example"), pytest.raises(TaskLocked, match=r"e\.example"):
        h.run(Plan("t", "e.example", []))


def test_a_plan_also_holds_the_targets_it_reads(home: Path, tmp_path: Path) -> None:
    h = _hosting(home)
    plan = Plan(
        "clone", "new.example", [plugin.Touch(str(tmp_path / "made"))], also_locks=("Source.example",)
    )
    # a task on the source blocks the plan, before any step runs and without a task record
    with h.runner.target_lock("source.example"), pytest.raises(TaskLocked, match=r"source\.example"):
        h.run(plan)
    assert not (tmp_path / "made").exists()
    assert h.store.list_tasks() == []
    # while the plan runs, the source is held: a task on it is refused
    seen: list[str] = []

    class Probe:
        @hookimpl
        def aegir_task_event(self, event: TaskEvent) -> None:
            if event.name == "step-started":
                for target in ("source.example", "new.example", "other.example"):
                    try:
                        with h.runner.target_lock(target):
                            seen.append(f"{target} free")
                    except TaskLocked:
                        seen.append(f"{target} held")

    h.plugins.register(Probe())
    assert h.run(plan).status is TaskStatus.SUCCEEDED
    assert seen == ["source.example held", "new.example held", "other.example free"]
    # released afterwards
    with h.runner.target_lock("source.example", "new.example"):
        pass


def test_also_locks_survive_the_journal() -> None:
    plugins = Plugins(autoload=False, extra=[plugin])
    plan = Plan("migrate", "a.example", [plugin.Touch("/x")], also_locks=("b.example",))
    again = Plan.from_data(plan.to_data(plugins.steps), plugins.steps)
    assert again == plan
    old = {k: v for k, v in plan.to_data(plugins.steps).items() if k != "also_locks"}  # an older journal
    assert Plan.from_data(old, plugins.steps).also_locks == ()


def _start_crash_runner(home: Path, work: Path, mode: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, str(TESTS / "_crash_runner.py"), str(home), str(work), mode])
    deadline = time.monotonic() + 60
    while not (work / "hang").exists():
        assert proc.poll() is None, "runner exited before reaching the hanging step"
        assert time.monotonic() < deadline, "runner never reached the hanging step"
        time.sleep(0.05)
    return proc


def test_sigkill_mid_task_is_rolled_back_on_next_start(home: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    proc = _start_crash_runner(home, work, "rollback")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (work / "a").exists() and (work / "b").exists()

    h = _hosting(home)
    running = h.store.list_tasks(status=["running"])
    assert len(running) == 1, "the killed task must still be journaled as running"
    recovered = h.recover()
    assert [t.id for t in recovered] == [running[0].id]
    task = h.store.get_task(running[0].id)
    assert task.status is TaskStatus.ROLLED_BACK
    assert not (work / "a").exists() and not (work / "b").exists() and not (work / "hang").exists()
    assert [s.state for s in h.store.task_steps(task.id)] == ["undone", "undone", "undone"]
    log = " ".join(line.message for line in h.store.task_log(task.id))
    assert f"pid {proc.pid} died during step 3" in log and "rolling back" in log
    assert h.recover() == []


def test_sigkill_in_a_resumable_step_resumes(home: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    proc = _start_crash_runner(home, work, "resume")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    h = _hosting(home)
    (task,) = h.recover()
    assert task.status is TaskStatus.SUCCEEDED
    assert (work / "a").exists() and (work / "c").exists()
    log = " ".join(line.message for line in h.store.task_log(task.id))
    assert "resuming" in log and "resumed after a crash" in log


def test_a_live_runner_is_not_recovered(home: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    proc = _start_crash_runner(home, work, "rollback")
    try:
        h = _hosting(home)
        assert h.recover() == []
        assert h.store.list_tasks(status=["running"])
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def test_a_failed_cleanup_step_is_reported_not_rolled_back(home: Path, tmp_path: Path) -> None:
    h = _hosting(home)
    steps = [
        plugin.Touch(str(tmp_path / "new")),
        plugin.Fail("old copy busy"),
        plugin.Touch(str(tmp_path / "after")),
    ]
    task = h.run(Plan("t", "f.example", steps, cleanup_from=1))
    assert task.status is TaskStatus.SUCCEEDED
    assert (tmp_path / "new").exists() and (tmp_path / "after").exists()
    assert [s.state for s in h.store.task_steps(task.id)] == ["done", "cleanup-failed", "done"]
    log = " ".join(line.message for line in h.store.task_log(task.id))
    assert "left for the operator: old copy busy" in log
