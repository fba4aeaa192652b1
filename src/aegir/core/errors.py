"""One exception tree for everything Aegir raises on purpose.

Each class also inherits the builtin that fits, so callers may catch either. Exceptions never log;
they carry a message that says what was wrong, with the offending value, and what to do.
"""

from __future__ import annotations

__all__ = [
    "AegirError",
    "ApplicationNotDetected",
    "BackendError",
    "CommandFailed",
    "ConflictError",
    "HealthCheckFailed",
    "NotFoundError",
    "ParseError",
    "PluginLoadError",
    "StepRefused",
    "StoreError",
    "TaskError",
    "TaskLocked",
    "UnsafeArchiveMember",
    "ValidationError",
]


class AegirError(Exception):
    """Root of every error Aegir raises on purpose. ``exit_code`` is what the CLI exits with."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(AegirError, ValueError):
    """A value given to Aegir (a domain, a name, a path, a setting) is not acceptable."""

    exit_code = 2


class ParseError(AegirError, ValueError):
    """A file could not be read as what it should be. ``where`` names the file and position."""

    def __init__(self, message: str, *, path: str = "", where: str = "") -> None:
        location = path + (f" at {where}" if where else "")
        super().__init__(f"{location}: {message}" if location else message)
        self.path = path
        self.where = where


class ApplicationNotDetected(AegirError, LookupError):
    """No driver recognised a codebase tree."""


class NotFoundError(AegirError, LookupError):
    """A named thing (server, codebase, site, backup, task) is not in the inventory."""

    exit_code = 3


class ConflictError(AegirError, ValueError):
    """The thing to create exists already, or the operation conflicts with the current state."""

    exit_code = 4


class StepRefused(ConflictError):
    """A step refused to run before changing anything (its target exists already, say).

    The runner then does not run that step's inverse, which would undo what the step found there
    (an existing database must not be dropped because creating it again was refused)."""


class PluginLoadError(AegirError, ImportError):
    """A plugin failed to load; the message names the entry point and its distribution."""


class StoreError(AegirError, RuntimeError):
    """The inventory store could not be read or written."""


class TaskError(AegirError, RuntimeError):
    """A task failed; its steps were rolled back as far as the journal says."""

    def __init__(self, message: str, *, task_id: str = "") -> None:
        super().__init__(message)
        self.task_id = task_id


class TaskLocked(AegirError, RuntimeError):
    """Another task holds the lock on the same site."""

    exit_code = 5


class BackendError(AegirError, RuntimeError):
    """Infrastructure did not do what was asked (a service down, an API refusal)."""


class CommandFailed(BackendError):
    """A command run by a backend exited non-zero."""

    def __init__(self, argv: list[str], returncode: int, output: str = "") -> None:
        tail = output.strip().splitlines()[-5:]
        detail = (": " + " | ".join(tail)) if tail else ""
        super().__init__(f"command {argv[0]!r} exited with status {returncode}{detail}")
        self.argv = argv
        self.returncode = returncode
        self.output = output


class HealthCheckFailed(BackendError):
    """A site did not answer as expected."""


class UnsafeArchiveMember(AegirError, ValueError):
    """An archive holds a member that would escape its directory, or a link or device."""
