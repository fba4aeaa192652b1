"""Codebases: put a tree on a server (in place, copied, or cloned, then ``composer install``),
and verify it (scan, store, and say what changed)."""

from __future__ import annotations

import posixpath
import re
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import attrs

from aegir.core import names
from aegir.core.errors import ConflictError, NotFoundError, ValidationError
from aegir.core.model import Codebase
from aegir.core.plan import Plan
from aegir.core.scan import scan_codebase, scan_on
from aegir.core.steps import ComposerInstall, CopyTree, MakeDir, RunCommand, Step

if TYPE_CHECKING:
    from aegir.core.operations._env import OperationEnv
    from aegir.core.packages import PackageDiff

__all__ = ["fetch_plan", "record_codebase", "verify_codebase"]

_GIT_URL = re.compile(r"^(https?://|ssh://|git@|file://|/)[^\s;|&`$<>]+$")
_GIT_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$")


def fetch_plan(
    env: OperationEnv,
    name: str,
    *,
    server: str,
    copy_from: str | None = None,
    git: str | None = None,
    ref: str | None = None,
    composer: bool = True,
) -> tuple[Plan, str]:
    """The plan that puts a codebase tree on ``server``, and where the tree will be."""
    names.check_name("codebase", name)
    try:
        env.store.get_codebase(name)
    except NotFoundError:
        pass
    else:
        raise ConflictError(f"codebase {name!r} exists already")
    backend = env.backend(server)
    dest = str(PurePosixPath(backend.codebases_root()) / name)
    if backend.exists(dest):
        raise ConflictError(f"{dest!r} exists already on server {server!r}; choose another codebase name")
    steps: list[Step] = []
    if copy_from:
        source = Path(copy_from)
        if not source.is_dir():
            raise ValidationError(f"--copy-from {copy_from!r} is not a directory")
        if not backend.local_files():
            # the copy runs on the server, which cannot see this machine's files
            raise ValidationError(
                f"--copy-from {copy_from!r} names a directory of this machine, but server {server!r} "
                f"({backend.name} backend) is another machine, which cannot copy it; put the tree on "
                f"{server!r} (with --git, or by hand) instead"
            )
        steps.append(CopyTree(server, str(source.resolve()), dest, follow_links=True))
    elif git:
        if not _GIT_URL.match(git):
            raise ValidationError(f"invalid git URL {git!r}")
        argv = ["git", "clone", "--quiet"]
        if ref:
            if not _GIT_REF.match(ref) or ".." in ref:
                raise ValidationError(f"invalid git ref {ref!r}")
            argv += ["--branch", ref]
        # the empty directory made first carries the undo (remove the tree) for the clone
        steps.append(MakeDir(server, dest))
        steps.append(RunCommand(server, [*argv, "--", git, dest], label=f"git clone {git} into {dest}"))
    else:
        raise ValidationError("give --path, --copy-from or --git")
    if composer:
        composer_home = str(PurePosixPath(backend.codebases_root()) / ".composer")
        steps.append(ComposerInstall(server, dest, composer_home))
    return Plan(
        "codebase-add", f"codebase:{name}", tuple(steps), summary=f"put codebase {name} at {dest}"
    ), dest


def record_codebase(
    env: OperationEnv,
    name: str,
    root: str,
    *,
    source: str,
    servers: tuple[str, ...] = (),
    app: str | None = None,
    image: str | None = None,
    git_ref: str | None = None,
) -> Codebase:
    """Scan a tree and add it to the inventory."""
    names.check_name("codebase", name)
    if servers:
        backend = env.backend(servers[0])
        # a server on another machine: its own path, scanned there (``Backend.scan_view``)
        path = str(Path(root).resolve()) if backend.local_files() else posixpath.normpath(root)
        scan = scan_on(backend, path, env.plugins, app)
    else:
        path = str(Path(root).resolve())
        scan = scan_codebase(Path(path), env.plugins, app)
    codebase = Codebase(
        name=name,
        app=scan.app,
        root=path,
        source=source,
        docroot=scan.docroot,
        servers=servers,
        image=image,
        git_ref=git_ref,
        scan=scan,
        verified_at=datetime.now(UTC),
    )
    env.store.add_codebase(codebase)
    return codebase


def verify_codebase(env: OperationEnv, name: str) -> tuple[Codebase, PackageDiff | None]:
    """Scan the codebase again, store the result with its time, and return what changed."""
    from aegir.core.packages import PackageSet

    old = env.store.get_codebase(name)
    if old.servers:
        scan = scan_on(env.backend(old.servers[0]), old.root, env.plugins, old.app)
    else:
        scan = scan_codebase(Path(old.root), env.plugins, old.app)
    new = attrs.evolve(old, scan=scan, docroot=scan.docroot, verified_at=datetime.now(UTC))
    env.store.save_codebase(new)
    diff = None
    if old.scan is not None:
        diff = PackageSet.from_scan(old.scan).diff(PackageSet.from_scan(scan))
    return new, diff
