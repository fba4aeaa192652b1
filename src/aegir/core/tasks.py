"""Running plans as journaled tasks: a saga with crash recovery.

The runner records each step in the store before and after it runs, writes step output to the task
log (secrets redacted), and on failure runs the inverses of the steps done, and of the failed step
itself, in reverse order. One task at a time per target (a lock file held for the task's life) and a
bounded number of tasks at once across targets (slot lock files). A runner killed outright leaves
its task ``running`` with its target lock released by the kernel; :meth:`TaskRunner.recover` finds
such tasks and rolls them back (or resumes them, where the plan says it is safe), and logs which.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from aegir.core.errors import AegirError, StepRefused, TaskError, TaskLocked
from aegir.core.events import TaskEvent
from aegir.core.model import Task, TaskStatus
from aegir.core.plan import Plan

if TYPE_CHECKING:
    from aegir.core.backend import Backend
    from aegir.core.plugins import Plugins
    from aegir.core.secrets import SecretStore
    from aegir.core.steps import Step
    from aegir.core.storage import BackupStore
    from aegir.core.store import Store

__all__ = ["Progress", "TaskRunner", "new_task_id"]

Progress = Callable[[int, int, str, str], None]
_LOCK_NAME = re.compile(r"[^a-z0-9_.-]")


def new_task_id() -> str:
    """Time-ordered and unique: ``20261127T130501-3fa9c1``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


class _Context:
    """The StepContext handed to steps of one task."""

    def __init__(self, runner: TaskRunner, task_id: str) -> None:
        self._runner = runner
        self.task_id = task_id
        self.secrets = runner.secrets
        self.inventory = runner.store
        self.step_index: int | None = None

    def backend(self, server: str) -> Backend:
        return self._runner.backend_factory(server)

    def backup_store(self, name: str) -> BackupStore:
        return self._runner.store_factory(name)

    def log(self, message: str, level: str = "info") -> None:
        prefix = f"[step {self.step_index + 1}] " if self.step_index is not None else ""
        self._runner.store.log(self.task_id, prefix + self.secrets.redact(message), level)


class TaskRunner:
    def __init__(
        self,
        *,
        store: Store,
        plugins: Plugins,
        secrets: SecretStore,
        backend_factory: Callable[[str], Backend],
        store_factory: Callable[[str], BackupStore],
        locks_dir: Path,
        max_parallel: int = 4,
    ) -> None:
        self.store = store
        self.plugins = plugins
        self.secrets = secrets
        self.backend_factory = backend_factory
        self.store_factory = store_factory
        self.locks_dir = locks_dir
        self.max_parallel = max(1, max_parallel)
        locks_dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    # -- locks ------------------------------------------------------------------------------
    def _lock_path(self, target: str) -> Path:
        return self.locks_dir / (_LOCK_NAME.sub("_", target.lower())[:200] + ".lock")

    def _try_lock(self, path: Path) -> IO[str] | None:
        handle = path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return None
        return handle

    @contextmanager
    def target_lock(self, *targets: str) -> Iterator[None]:
        """Hold the lock of every target (all or none) while the block runs."""
        held: list[IO[str]] = []
        try:
            for target in sorted({t.lower() for t in targets}):
                handle = self._try_lock(self._lock_path(target))
                if handle is None:
                    raise TaskLocked(
                        f"another task is running on {target!r}; wait for it ('aegir task list')"
                    )
                held.append(handle)
            yield
        finally:
            for handle in held:
                handle.close()

    @contextmanager
    def _slot(self) -> Iterator[None]:
        while True:
            for i in range(self.max_parallel):
                handle = self._try_lock(self.locks_dir / f"slot-{i}.lock")
                if handle is not None:
                    try:
                        yield
                    finally:
                        handle.close()
                    return
            time.sleep(0.1)

    # -- running ----------------------------------------------------------------------------
    def _event(
        self,
        name: str,
        task: Task,
        index: int | None = None,
        step: Step | None = None,
        status: str | None = None,
    ) -> None:
        self.plugins.task_event(
            TaskEvent(
                name=name,
                task_id=task.id,
                operation=task.operation,
                target=task.target,
                step_index=index,
                step_kind=step.kind if step is not None else None,
                description=step.describe() if step is not None else "",
                status=status,
            )
        )

    def run(self, plan: Plan, *, progress: Progress | None = None) -> Task:
        """Run ``plan`` as a task; return the finished task or raise TaskError after rolling back."""
        with self.target_lock(plan.target, *plan.also_locks), self._slot():
            for target in (plan.target, *plan.also_locks):
                self._recover_target(target)
            task = Task(
                id=new_task_id(),
                operation=plan.operation,
                target=plan.target,
                status=TaskStatus.RUNNING,
                created=datetime.now(UTC),
                started=datetime.now(UTC),
                runner_pid=os.getpid(),
            )
            registry = self.plugins.steps
            self.store.create_task(
                task,
                [(s.kind, s.describe(), registry.to_data(s)) for s in plan.steps],
                plan.on_crash,
                plan.cleanup_from,
            )
            self.store.set_task(task.id, started=task.started)
            if plan.summary:
                self.store.log(task.id, plan.summary)
            self._event("started", task)
            return self._execute(task, list(plan.steps), 0, progress, plan.cleanup_from)

    def _execute(
        self,
        task: Task,
        steps: list[Step],
        start: int,
        progress: Progress | None,
        cleanup_from: int | None = None,
    ) -> Task:
        ctx = _Context(self, task.id)
        total = len(steps)
        for index in range(start, total):
            step = steps[index]
            ctx.step_index = index
            self.store.set_step(task.id, index, "running")
            if progress:
                progress(index, total, step.describe(), "running")
            ran = False
            try:
                self._event("step-started", task, index, step)
                step.run(ctx)
                ran = True
                self.store.set_step(task.id, index, "done")
                self._event("step-finished", task, index, step)
            except BaseException as e:
                cleaning_up = cleanup_from is not None and index >= cleanup_from
                if cleaning_up and isinstance(e, Exception):
                    # the work is done: a clean-up that failed is reported, never rolled back
                    message = self.secrets.redact(_error_text(e))
                    self.store.set_step(task.id, index, "cleanup-failed", error=message)
                    ctx.log(f"clean-up step failed, left for the operator: {message}", "warning")
                    if progress:
                        progress(index, total, step.describe(), "cleanup-failed")
                    continue
                status = self._fail(task, steps, index, ran=ran, error=e, ctx=ctx, progress=progress)
                if isinstance(e, KeyboardInterrupt):
                    raise
                raise self._task_error(task, step, index, status, e) from e
            if progress:
                progress(index, total, step.describe(), "done")
        ctx.step_index = None
        self.store.set_task(task.id, status=TaskStatus.SUCCEEDED, finished=datetime.now(UTC))
        self._event("finished", task, status=TaskStatus.SUCCEEDED.value)
        return self.store.get_task(task.id)

    def _fail(
        self,
        task: Task,
        steps: list[Step],
        index: int,
        *,
        ran: bool,
        error: BaseException,
        ctx: _Context,
        progress: Progress | None,
    ) -> TaskStatus:
        """Journal the failure of step ``index`` and roll the task back."""
        message = self.secrets.redact(_error_text(error))
        if not ran:
            self.store.set_step(task.id, index, "failed", error=message)
        ctx.log(f"failed: {message}", "error")
        if not isinstance(error, AegirError | KeyboardInterrupt):
            self.store.log(task.id, self.secrets.redact(traceback.format_exc()), "debug")
        if progress:
            progress(index, len(steps), steps[index].describe(), "failed")
        self._event("step-failed", task, index, steps[index])
        # a step that refused before changing anything is not undone (its inverse would undo what
        # it found there); the steps before it are
        last = index - 1 if isinstance(error, StepRefused) else index
        if last < index:
            self.store.set_step(task.id, index, "refused", error=message)
        status = self._rollback(task, steps, last, ctx, progress)
        self.store.set_task(task.id, status=status, finished=datetime.now(UTC), error=message)
        self._event("finished", task, status=status.value)
        return status

    def _task_error(
        self, task: Task, step: Step, index: int, status: TaskStatus, error: BaseException
    ) -> TaskError:
        message = self.secrets.redact(_error_text(error))
        what = "rolled back" if status is TaskStatus.ROLLED_BACK else "ROLLBACK FAILED, see the task log"
        return TaskError(
            f"{task.operation} of {task.target} failed at step {index + 1} ({step.describe()}): {message}; "
            f"{what} (task {task.id})",
            task_id=task.id,
        )

    def _rollback(
        self, task: Task, steps: list[Step], last: int, ctx: _Context, progress: Progress | None
    ) -> TaskStatus:
        """Undo steps ``last`` .. 0 (the last one may have half-happened); inverses are idempotent."""
        ok = True
        for index in range(last, -1, -1):
            step = steps[index]
            ctx.step_index = index
            inverse = step.inverse()
            if inverse is None:
                ctx.log(f"nothing to undo for: {step.describe()}")
                continue
            try:
                inverse.run(ctx)
            except Exception as e:
                ok = False
                ctx.log(f"undo failed ({inverse.describe()}): {self.secrets.redact(_error_text(e))}", "error")
                self.store.set_step(task.id, index, "undo-failed", error=_error_text(e))
                if progress:
                    progress(index, len(steps), inverse.describe(), "undo-failed")
                continue
            ctx.log(f"undone: {inverse.describe()}")
            self.store.set_step(task.id, index, "undone")
            self._event("step-undone", task, index, step)
            if progress:
                progress(index, len(steps), inverse.describe(), "undone")
        ctx.step_index = None
        return TaskStatus.ROLLED_BACK if ok else TaskStatus.ROLLBACK_FAILED

    # -- crash recovery ---------------------------------------------------------------------
    def recover(self, *, progress: Progress | None = None) -> list[Task]:
        """Finish or roll back every task whose runner died. Returns the tasks recovered."""
        done = []
        for task in self.store.list_tasks(
            status=[TaskStatus.RUNNING.value, TaskStatus.PENDING.value], limit=1000
        ):
            handle = self._try_lock(self._lock_path(task.target))
            if handle is None:
                continue  # its runner is alive and holds the lock
            try:
                recovered = self._recover_task(task, progress)
            finally:
                handle.close()
            if recovered is not None:
                done.append(recovered)
        return done

    def _recover_target(self, target: str) -> None:
        for task in self.store.list_tasks(
            target=target, status=[TaskStatus.RUNNING.value, TaskStatus.PENDING.value]
        ):
            self._recover_task(task, None)

    def _recover_task(self, task: Task, progress: Progress | None) -> Task | None:
        current = self.store.get_task(task.id)
        if current.status not in (TaskStatus.RUNNING, TaskStatus.PENDING):
            return None
        records = self.store.task_steps(task.id)
        registry = self.plugins.steps
        steps = [registry.from_data(r.data) for r in records]
        started = [r.index for r in records if r.state != "pending"]
        interrupted = max(started) if started else -1
        interrupted_state = records[interrupted].state if interrupted >= 0 else "pending"
        ctx = _Context(self, task.id)
        pid = f"pid {task.runner_pid}" if task.runner_pid else "its runner"
        on_crash, cleanup_from = self.store.task_on_crash(task.id)
        in_cleanup = cleanup_from is not None and interrupted >= cleanup_from
        resume = in_cleanup or (
            on_crash == "resume"
            and (interrupted < 0 or interrupted_state == "done" or steps[interrupted].resumable)
        )
        self._event("recovered", task, status="resume" if resume else "rollback")
        if resume:
            restart = interrupted + 1 if interrupted_state == "done" else max(interrupted, 0)
            self.store.log(
                task.id, f"recovery: {pid} died during step {restart + 1}; resuming from there", "warning"
            )
            self.store.set_task(task.id, runner_pid=os.getpid())
            try:
                return self._execute(task, steps, restart, progress, cleanup_from)
            except TaskError:
                return self.store.get_task(task.id)
        where = (
            f"step {interrupted + 1} ({records[interrupted].description})"
            if interrupted >= 0
            else "its start"
        )
        self.store.log(task.id, f"recovery: {pid} died during {where}; rolling back", "warning")
        status = (
            self._rollback(task, steps, interrupted, ctx, progress)
            if interrupted >= 0
            else TaskStatus.ROLLED_BACK
        )
        self.store.set_task(
            task.id,
            status=status,
            finished=datetime.now(UTC),
            error=f"runner died during {where}; rolled back",
        )
        self._event("finished", task, status=status.value)
        return self.store.get_task(task.id)


def _error_text(e: BaseException) -> str:
    if isinstance(e, KeyboardInterrupt):
        return "interrupted"
    text = str(e) or type(e).__name__
    return text if isinstance(e, AegirError) else f"{type(e).__name__}: {text}"
