"""Task events, as the ``aegir_task_event`` hook receives them."""

from __future__ import annotations

from attrs import frozen

__all__ = ["TaskEvent"]


@frozen
class TaskEvent:
    """One thing that happened in a task. ``name`` is one of: ``started``, ``step-started``,
    ``step-finished``, ``step-failed``, ``step-undone``, ``recovered``, ``finished``."""

    name: str
    task_id: str
    operation: str
    target: str
    step_index: int | None = None
    step_kind: str | None = None
    description: str = ""
    status: str | None = None
