"""A test plugin: step kinds that touch marker files, so runner tests need no infrastructure."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import ClassVar

from attrs import frozen

from aegir.core.errors import AegirError
from aegir.core.hookspecs import hookimpl
from aegir.core.steps import Step, StepContext, StepRegistry


@frozen
class Touch(Step):
    kind: ClassVar[str] = "test-touch"
    path: str

    def describe(self) -> str:
        return f"touch {self.path}"

    def inverse(self) -> Step | None:
        return Untouch(self.path)

    def run(self, ctx: StepContext) -> None:
        Path(self.path).write_text("made")
        ctx.log(f"made {self.path}")


@frozen
class Untouch(Step):
    kind: ClassVar[str] = "test-untouch"
    resumable: ClassVar[bool] = True
    path: str

    def describe(self) -> str:
        return f"remove {self.path}"

    def run(self, ctx: StepContext) -> None:
        Path(self.path).unlink(missing_ok=True)


@frozen
class Hang(Step):
    """Writes a 'started' marker with its pid, then waits to be killed."""

    kind: ClassVar[str] = "test-hang"
    marker: str

    def describe(self) -> str:
        return "hang until killed"

    def inverse(self) -> Step | None:
        return Untouch(self.marker)

    def run(self, ctx: StepContext) -> None:
        Path(self.marker).write_text(str(os.getpid()))
        time.sleep(600)


@frozen
class HangOnce(Step):
    """Resumable: the first run writes its marker and hangs; a re-run after a crash completes."""

    kind: ClassVar[str] = "test-hang-once"
    resumable: ClassVar[bool] = True
    marker: str

    def describe(self) -> str:
        return "hang the first time only"

    def run(self, ctx: StepContext) -> None:
        if Path(self.marker).exists():
            ctx.log("resumed after a crash")
            return
        Path(self.marker).write_text(str(os.getpid()))
        time.sleep(600)


@frozen
class Fail(Step):
    kind: ClassVar[str] = "test-fail"
    message: str = "boom"

    def run(self, ctx: StepContext) -> None:
        raise AegirError(self.message)


@frozen
class Echo(Step):
    """Logs a secret's value: the runner must redact it."""

    kind: ClassVar[str] = "test-echo-secret"
    secret: str

    def run(self, ctx: StepContext) -> None:
        ctx.log(f"the value is {ctx.secrets.get(self.secret)}")


@hookimpl
def aegir_register_steps(registry: StepRegistry) -> None:
    for cls in (Touch, Untouch, Hang, HangOnce, Fail, Echo):
        registry.add(cls)
