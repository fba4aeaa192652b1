"""Steps are data: small frozen values that say one thing to do, each with an inverse.

A step's ``run`` carries it out through a backend's primitives (``ctx.backend(server)``). Contract:
``run`` should be safe to repeat (idempotent) where it can be, and every ``inverse()`` must be
idempotent, because the runner also undoes the step that failed (it may have half-happened) and the
crash recovery undoes the step that was running when the runner died.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from attrs import field, frozen

from aegir.core import _convert
from aegir.core.backend import HttpResult, Vhost
from aegir.core.errors import AegirError, BackendError, CommandFailed, HealthCheckFailed, ValidationError
from aegir.core.model import Site

if TYPE_CHECKING:
    from aegir.core.backend import Backend
    from aegir.core.secrets import SecretStore
    from aegir.core.storage import BackupStore

__all__ = [
    "ComposerInstall",
    "CopyTree",
    "CreateDatabase",
    "DeleteSecret",
    "DeleteSecretTree",
    "DropDatabase",
    "ForgetSite",
    "GenerateSecret",
    "HealthCheck",
    "MakeDir",
    "PromoteSecret",
    "PublishSite",
    "RemovePath",
    "RunCommand",
    "SaveSite",
    "SetMaintenance",
    "Step",
    "StepContext",
    "StepRegistry",
    "UnpublishSite",
    "WriteFile",
    "await_healthy",
    "fill_secrets",
]

_SECRET_REF = re.compile(r"\{\{secret:([a-z0-9][a-z0-9_./-]*)\}\}")


class SiteInventory(Protocol):
    def save_site(self, site: Site) -> None: ...
    def delete_site(self, domain: str) -> None: ...


class StepContext(Protocol):
    """What a running step may use."""

    @property
    def secrets(self) -> SecretStore: ...
    @property
    def inventory(self) -> SiteInventory: ...

    def backend(self, server: str) -> Backend: ...
    def backup_store(self, name: str) -> BackupStore: ...
    def log(self, message: str) -> None: ...


def fill_secrets(text: str, secrets: SecretStore) -> str:
    """Replace ``{{secret:NAME}}`` placeholders with the secrets' values (at execution time only)."""
    return _SECRET_REF.sub(lambda m: secrets.get(m.group(1)), text)


@frozen
class Step:
    """Base of every step. Subclasses set ``kind`` (unique) and implement ``run`` and ``describe``."""

    kind: ClassVar[str] = ""
    #: re-running this step after a crash in the middle of it is safe (crash recovery may resume)
    resumable: ClassVar[bool] = False

    def describe(self) -> str:
        return self.kind

    def inverse(self) -> Step | None:
        return None

    def run(self, ctx: StepContext) -> None:
        raise AegirError(f"step {self.kind!r} cannot run")


class StepRegistry:
    """Step classes by ``kind``; plugins add theirs through ``aegir_register_steps``."""

    def __init__(self) -> None:
        self._types: dict[str, type[Step]] = {}

    def add(self, cls: type[Step]) -> None:
        if not cls.kind:
            raise ValidationError(f"step class {cls.__name__} has no kind")
        if cls.kind in self._types and self._types[cls.kind] is not cls:
            raise ValidationError(f"step kind {cls.kind!r} is registered twice")
        self._types[cls.kind] = cls

    def get(self, kind: str) -> type[Step]:
        try:
            return self._types[kind]
        except KeyError:
            raise ValidationError(
                f"unknown step kind {kind!r}: is the plugin that defines it installed?"
            ) from None

    def kinds(self) -> list[str]:
        return sorted(self._types)

    def to_data(self, step: Step) -> dict[str, Any]:
        from aegir.core import serialize

        data: dict[str, Any] = {"kind": step.kind}
        data.update(serialize.unstructure(step))
        return data

    def from_data(self, data: Mapping[str, Any]) -> Step:
        from aegir.core import serialize

        body = dict(data)
        cls = self.get(str(body.pop("kind", "")))
        return serialize.structure(body, cls)


def _run_checked(
    ctx: StepContext,
    server: str,
    argv: list[str],
    *,
    cwd: str | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float | None = None,
) -> str:
    """Run a command, streaming its output into the task log line by line (secrets redacted)."""
    tail: list[str] = []

    def on_line(line: str) -> None:
        line = ctx.secrets.redact(line.rstrip())
        if line:
            ctx.log(line)
            tail.append(line)
            del tail[:-20]

    result = ctx.backend(server).run_streaming(argv, on_line, cwd=cwd, env=env, stdin=stdin, timeout=timeout)
    if result.returncode != 0:
        raise CommandFailed(argv, result.returncode, "\n".join(tail))
    return result.stdout


def await_healthy(
    ctx: StepContext,
    get: Callable[[], HttpResult],
    *,
    what: str,
    expect_status: int = 200,
    expect_text: str | None = None,
    attempts: int = 5,
) -> None:
    """Request with ``get`` until the answer has the status (and text) wanted, a few times with a
    growing pause; a backend error counts as one failed attempt."""
    problem = ""
    for attempt in range(attempts):
        try:
            result = get()
        except BackendError as e:
            problem = str(e)
        else:
            if result.status != expect_status:
                problem = f"HTTP {result.status}, expected {expect_status}"
            elif expect_text and expect_text not in result.body:
                problem = f"the page does not contain {expect_text!r}"
            else:
                ctx.log(f"health check of {what}: HTTP {result.status}")
                return
        time.sleep(0.2 * (attempt + 1))
    raise HealthCheckFailed(f"site {what} is not healthy: {problem}")


@frozen
class WriteFile(Step):
    """Write a file; ``{{secret:NAME}}`` in content is filled in when the step runs."""

    kind: ClassVar[str] = "write-file"
    resumable: ClassVar[bool] = True
    server: str
    path: str
    content: str
    mode: int = 0o640
    new: bool = True
    #: the content this write replaces (a template, secrets as placeholders), restored by the inverse
    previous: str | None = None

    def describe(self) -> str:
        return f"write {self.path} on {self.server}"

    def inverse(self) -> Step | None:
        if self.new:
            return RemovePath(self.server, self.path)
        if self.previous is not None:
            return WriteFile(self.server, self.path, self.previous, self.mode, new=False)
        return None

    def run(self, ctx: StepContext) -> None:
        data = fill_secrets(self.content, ctx.secrets).encode("utf-8")
        ctx.backend(self.server).write_file(self.path, data, self.mode)


@frozen
class MakeDir(Step):
    kind: ClassVar[str] = "make-dir"
    resumable: ClassVar[bool] = True
    server: str
    path: str
    mode: int = 0o755
    new: bool = True

    def describe(self) -> str:
        return f"create directory {self.path} on {self.server}"

    def inverse(self) -> Step | None:
        return RemovePath(self.server, self.path) if self.new else None

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).make_dir(self.path, self.mode)


@frozen
class RemovePath(Step):
    kind: ClassVar[str] = "remove-path"
    resumable: ClassVar[bool] = True
    server: str
    path: str

    def describe(self) -> str:
        return f"remove {self.path} on {self.server}"

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).remove_path(self.path)


@frozen
class CopyTree(Step):
    kind: ClassVar[str] = "copy-tree"
    resumable: ClassVar[bool] = True
    server: str
    source: str
    dest: str
    follow_links: bool = True

    def describe(self) -> str:
        return f"copy {self.source} to {self.dest} on {self.server}"

    def inverse(self) -> Step | None:
        return RemovePath(self.server, self.dest)

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).copy_tree(self.source, self.dest, follow_links=self.follow_links)


@frozen
class GenerateSecret(Step):
    """Generate a password and store it as a secret, unless it exists already."""

    kind: ClassVar[str] = "generate-secret"
    resumable: ClassVar[bool] = True
    name: str
    length: int = 24

    def describe(self) -> str:
        return f"generate secret {self.name}"

    def inverse(self) -> Step | None:
        return DeleteSecret(self.name)

    def run(self, ctx: StepContext) -> None:
        ctx.secrets.ensure(self.name, self.length)


@frozen
class DeleteSecret(Step):
    kind: ClassVar[str] = "delete-secret"
    resumable: ClassVar[bool] = True
    name: str

    def describe(self) -> str:
        return f"delete secret {self.name}"

    def run(self, ctx: StepContext) -> None:
        ctx.secrets.delete(self.name)


@frozen
class DeleteSecretTree(Step):
    """Delete every secret under a prefix (a deleted site's secrets)."""

    kind: ClassVar[str] = "delete-secret-tree"
    resumable: ClassVar[bool] = True
    prefix: str

    def describe(self) -> str:
        return f"delete secrets under {self.prefix}/"

    def run(self, ctx: StepContext) -> None:
        ctx.secrets.delete_tree(self.prefix)


@frozen
class PromoteSecret(Step):
    """Make a pending secret (a new password already set in the application) the current one."""

    kind: ClassVar[str] = "promote-secret"
    resumable: ClassVar[bool] = True
    source: str
    target: str

    def describe(self) -> str:
        return f"make secret {self.source} the current {self.target}"

    def run(self, ctx: StepContext) -> None:
        if ctx.secrets.exists(self.source):
            ctx.secrets.set(self.target, ctx.secrets.get(self.source))
            ctx.secrets.delete(self.source)


@frozen
class CreateDatabase(Step):
    """A database and a user with privileges on it only; the password comes from a secret."""

    kind: ClassVar[str] = "create-database"
    server: str
    database: str
    user: str
    password_secret: str

    def describe(self) -> str:
        return f"create database {self.database} and user {self.user} on {self.server}"

    def inverse(self) -> Step | None:
        return DropDatabase(self.server, self.database, self.user)

    def run(self, ctx: StepContext) -> None:
        backend = ctx.backend(self.server)
        from aegir.core.errors import StepRefused

        if backend.database_exists(self.database):
            raise StepRefused(f"database {self.database!r} exists already on server {self.server!r}")
        backend.create_database(self.database, self.user, ctx.secrets.get(self.password_secret))


@frozen
class DropDatabase(Step):
    kind: ClassVar[str] = "drop-database"
    resumable: ClassVar[bool] = True
    server: str
    database: str
    user: str | None = None

    def describe(self) -> str:
        return f"drop database {self.database} on {self.server}"

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).drop_database(self.database, self.user)


@frozen
class RunCommand(Step):
    """Run an argv list; ``secret_env`` maps environment variables to secret names."""

    kind: ClassVar[str] = "run-command"
    server: str
    argv: tuple[str, ...] = field(converter=_convert.strs)
    cwd: str | None = None
    env: dict[str, str] = field(factory=dict)
    secret_env: dict[str, str] = field(factory=dict)
    stdin: str | None = None
    timeout: float | None = 600.0
    label: str = ""
    undo: RunCommand | None = None

    def describe(self) -> str:
        return self.label or f"run {' '.join(self.argv)} on {self.server}"

    def inverse(self) -> Step | None:
        return self.undo

    def run(self, ctx: StepContext) -> None:
        env = dict(self.env)
        env.update({k: ctx.secrets.get(v) for k, v in self.secret_env.items()})
        stdin = fill_secrets(self.stdin, ctx.secrets).encode() if self.stdin is not None else None
        _run_checked(
            ctx, self.server, list(self.argv), cwd=self.cwd, env=env, stdin=stdin, timeout=self.timeout
        )


@frozen
class ComposerInstall(Step):
    """``composer install --no-dev`` in a tree that has composer.json and no vendor/ yet."""

    kind: ClassVar[str] = "composer-install"
    resumable: ClassVar[bool] = True
    server: str
    path: str
    composer_home: str

    def describe(self) -> str:
        return f"composer install --no-dev in {self.path} (when composer.json exists and vendor/ does not)"

    # no inverse: vendor/ may have existed before; the tree's own step (copy, clone) removes it all

    def run(self, ctx: StepContext) -> None:
        backend = ctx.backend(self.server)
        if not backend.exists(self.path + "/composer.json") or backend.exists(self.path + "/vendor"):
            ctx.log("composer install not needed")
            return
        argv = ["composer", "install", "--no-dev", "--no-interaction", "--no-progress", "--prefer-dist"]
        _run_checked(
            ctx, self.server, argv, cwd=self.path, env={"COMPOSER_HOME": self.composer_home}, timeout=1800
        )


@frozen
class PublishSite(Step):
    kind: ClassVar[str] = "publish-site"
    resumable: ClassVar[bool] = True
    server: str
    vhost: Vhost
    previous: Vhost | None = None

    def describe(self) -> str:
        return f"publish {self.vhost.domain} on {self.server} (root {self.vhost.root})"

    def inverse(self) -> Step | None:
        if self.previous is not None:
            return PublishSite(self.server, self.previous)
        return UnpublishSite(self.server, self.vhost.domain)

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).publish_site(self.vhost)


@frozen
class UnpublishSite(Step):
    kind: ClassVar[str] = "unpublish-site"
    resumable: ClassVar[bool] = True
    server: str
    domain: str
    previous: Vhost | None = None

    def describe(self) -> str:
        return f"unpublish {self.domain} on {self.server}"

    def inverse(self) -> Step | None:
        return PublishSite(self.server, self.previous) if self.previous is not None else None

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).unpublish_site(self.domain)


@frozen
class SetMaintenance(Step):
    kind: ClassVar[str] = "set-maintenance"
    resumable: ClassVar[bool] = True
    server: str
    domain: str
    on: bool = True

    def describe(self) -> str:
        return f"{'enter' if self.on else 'leave'} maintenance for {self.domain} on {self.server}"

    def inverse(self) -> Step | None:
        return SetMaintenance(self.server, self.domain, not self.on)

    def run(self, ctx: StepContext) -> None:
        ctx.backend(self.server).set_maintenance(self.domain, self.on)


@frozen
class HealthCheck(Step):
    """Request the site through its web server; expect a status and, optionally, some text."""

    kind: ClassVar[str] = "health-check"
    resumable: ClassVar[bool] = True
    server: str
    domain: str
    path: str = "/"
    expect_status: int = 200
    expect_text: str | None = None
    attempts: int = 5

    def describe(self) -> str:
        want = f" containing {self.expect_text!r}" if self.expect_text else ""
        return f"check http://{self.domain}{self.path} answers {self.expect_status}{want}"

    def run(self, ctx: StepContext) -> None:
        backend = ctx.backend(self.server)
        await_healthy(
            ctx,
            lambda: backend.http_get(self.domain, self.path),
            what=self.domain,
            expect_status=self.expect_status,
            expect_text=self.expect_text,
            attempts=self.attempts,
        )


@frozen
class SaveSite(Step):
    """Record a site in the inventory; the inverse restores the previous record (or forgets it)."""

    kind: ClassVar[str] = "save-site"
    resumable: ClassVar[bool] = True
    site: Site
    previous: Site | None = None

    def describe(self) -> str:
        return f"record site {self.site.domain} as {self.site.status.value}"

    def inverse(self) -> Step | None:
        if self.previous is not None:
            return SaveSite(self.previous)
        return ForgetSite(self.site.domain)

    def run(self, ctx: StepContext) -> None:
        ctx.inventory.save_site(self.site)


@frozen
class ForgetSite(Step):
    kind: ClassVar[str] = "forget-site"
    resumable: ClassVar[bool] = True
    domain: str
    previous: Site | None = None

    def describe(self) -> str:
        return f"remove site {self.domain} from the inventory"

    def inverse(self) -> Step | None:
        return SaveSite(self.previous) if self.previous is not None else None

    def run(self, ctx: StepContext) -> None:
        ctx.inventory.delete_site(self.domain)


BUILTIN_STEPS: tuple[type[Step], ...] = (
    WriteFile,
    MakeDir,
    RemovePath,
    CopyTree,
    GenerateSecret,
    DeleteSecret,
    DeleteSecretTree,
    PromoteSecret,
    CreateDatabase,
    DropDatabase,
    RunCommand,
    ComposerInstall,
    PublishSite,
    UnpublishSite,
    SetMaintenance,
    HealthCheck,
    SaveSite,
    ForgetSite,
)


def builtin_registry(extra: Iterable[type[Step]] = ()) -> StepRegistry:
    from aegir.core.backup_steps import BACKUP_STEPS  # backup, restore, clone: they import this module
    from aegir.core.cert_steps import CERT_STEPS  # HTTPS certificates: it imports this module too
    from aegir.core.migrate_steps import MIGRATE_STEPS  # it imports this module: loaded on demand

    registry = StepRegistry()
    for cls in (*BUILTIN_STEPS, *BACKUP_STEPS, *MIGRATE_STEPS, *CERT_STEPS, *extra):
        registry.add(cls)
    return registry
