"""A plan: the ordered steps of one operation on one target, printable and journaled as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from aegir.core import _convert

if TYPE_CHECKING:
    from aegir.core.steps import Step, StepRegistry

__all__ = ["Plan"]


@frozen
class Plan:
    """``on_crash`` says what crash recovery does with a task killed mid-way: ``rollback`` (undo
    the steps done, in reverse) or ``resume`` (carry on, re-running the interrupted step, which
    must then be resumable)."""

    operation: str
    target: str
    steps: tuple[Step, ...] = field(converter=_convert.steps)
    on_crash: str = "rollback"
    summary: str = ""
    #: steps from this index on only clean up after work that is done (drop an old copy): a failure
    #: there is logged and left for the operator, never rolled back; a crash there resumes
    cleanup_from: int | None = None
    #: other targets the task locks for its whole life besides ``target``: the site a clone reads
    #: from, the domain a migration renames to (no other task may change them meanwhile)
    also_locks: tuple[str, ...] = field(default=(), converter=_convert.strs)

    def describe(self) -> list[str]:
        lines = []
        for i, step in enumerate(self.steps):
            tag = " (clean-up)" if self.cleanup_from is not None and i >= self.cleanup_from else ""
            lines.append(f"{i + 1:>3}. {step.describe()}{tag}")
        return lines

    def to_data(self, registry: StepRegistry) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "target": self.target,
            "on_crash": self.on_crash,
            "summary": self.summary,
            "cleanup_from": self.cleanup_from,
            "also_locks": list(self.also_locks),
            "steps": [registry.to_data(s) for s in self.steps],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any], registry: StepRegistry) -> Plan:
        return cls(
            operation=data["operation"],
            target=data["target"],
            steps=tuple(registry.from_data(s) for s in data["steps"]),
            on_crash=data.get("on_crash", "rollback"),
            summary=data.get("summary", ""),
            cleanup_from=data.get("cleanup_from"),
            also_locks=data.get("also_locks", ()),
        )
