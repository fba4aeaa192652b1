"""Pre-flight of a blue-green migration: what is checked before anything changes.

The package diff between the two codebases (a downgrade is refused unless allowed), advisories that
affect the target codebase, whether the target database server answers, and whether there is room
for the copy. Nothing here changes anything. A backend that plans the migration itself (Kubernetes)
has no host to measure or query from: for it, :func:`own_plan_notes` says what was not checked.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from attrs import field, frozen

from aegir.core.errors import AegirError, BackendError, ValidationError

if TYPE_CHECKING:
    from aegir.core.advisories import AuditReport
    from aegir.core.backend import Backend
    from aegir.core.model import Codebase, Site
    from aegir.core.operations._env import OperationEnv
    from aegir.core.packages import PackageChange, PackageDiff

__all__ = [
    "SPACE_MARGIN",
    "Preflight",
    "check_database_server",
    "check_space",
    "describe_change",
    "own_plan_notes",
    "package_gate",
    "target_audit",
]

#: the copy needs its size plus this share again (indexes rebuilt on load, logs, temporary tables)
SPACE_MARGIN = 0.2


def _texts(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


@frozen
class Preflight:
    """What the pre-flight found, and the two sites: ``blue`` as it is, ``green`` as it will be."""

    blue: Site
    green: Site
    stamp: str
    diff: PackageDiff | None = None
    audit: AuditReport | None = None
    notes: tuple[str, ...] = field(default=(), converter=_texts)
    #: the backend that plans this migration itself (``kubernetes``), or None for Aegir's own plan
    planned_by: str | None = None

    @property
    def rename(self) -> bool:
        return self.green.domain != self.blue.domain


def describe_change(change: PackageChange) -> str:
    """``extension:plugin akismet 5.0 -> 4.1`` (with the comparison's note, if any)."""
    note = f" ({change.note})" if change.note else ""
    return f"{change.unit} {change.name} {change.old or '?'} -> {change.new or '?'}{note}"


def package_gate(blue_cb: Codebase, green_cb: Codebase, *, allow_downgrade: bool) -> PackageDiff | None:
    """The package diff from the site's codebase to the target; a downgrade is a ValidationError
    unless ``allow_downgrade``. None when the codebase does not change."""
    from aegir.core.packages import PackageSet

    if blue_cb.name == green_cb.name:
        return None
    blue_scan, green_scan = blue_cb.scan, green_cb.scan
    if blue_scan is None or green_scan is None:
        name = blue_cb.name if blue_scan is None else green_cb.name
        raise ValidationError(
            f"codebase {name!r} has no stored scan to compare: run 'aegir codebase verify {name}'"
        )
    diff = PackageSet.from_scan(blue_scan).diff(PackageSet.from_scan(green_scan))
    if diff.downgrades and not allow_downgrade:
        listed = "; ".join(describe_change(c) for c in diff.downgrades)
        raise ValidationError(
            f"codebase {green_cb.name!r} would downgrade (or cannot be ordered against) what "
            f"{blue_cb.name!r} has: {listed}. A database migrated forward cannot go back: choose a "
            "codebase at least as new, or pass --allow-downgrade if you know it is safe"
        )
    return diff


def target_audit(green_cb: Codebase, advisories_dir: str | None) -> AuditReport | None:
    """Advisories affecting the target codebase, when an advisory directory is configured."""
    if not advisories_dir or green_cb.scan is None:
        return None
    from aegir.core.advisories import audit_scan, load_advisories

    return audit_scan(green_cb.scan, load_advisories(advisories_dir), target=green_cb.name)


def own_plan_notes(server: str, backend: str, *, uses_database: bool) -> list[str]:
    """What the pre-flight leaves to a backend that plans the migration itself, and why."""
    where = f"server {server} ({backend} backend)"
    notes = [
        f"space for the copy not checked: {where} has no host Aegir can measure; the backend "
        "provides the new copy's volume and database, and a copy that does not fit fails its step, "
        "so the migration rolls back",
    ]
    if uses_database:
        notes.append(
            f"database server not queried: on {where} only the backend's own steps reach the "
            "database; if it does not answer, the step creating the new database fails and the "
            "migration rolls back"
        )
    notes.append(
        f"no private preview: {where} checks the new copy itself (on Kubernetes, through the new "
        "track's own Service) before traffic moves"
    )
    return notes


def check_database_server(env: OperationEnv, server: str) -> None:
    """The target database server answers a trivial query as its administrator."""
    try:
        env.backend(server).db_query(None, "SELECT 1;")
    except AegirError as e:
        raise BackendError(f"the target database server {server!r} does not answer: {e}") from e


def _first_line_number(text: str) -> int | None:
    for line in text.splitlines():
        word = line.strip().split("\t")[0].split(" ")[0]
        # ASCII digits only: str.isdigit() also accepts '²', which int() refuses
        if word.isascii() and word.isdecimal():
            return int(word)
    return None


def _dir_size(backend: Backend, path: str) -> int | None:
    result = backend.run(["du", "-s", "-B1", "--", path], timeout=300)
    return _first_line_number(result.stdout) if result.returncode == 0 else None


def _free(backend: Backend, path: str) -> tuple[str, int] | None:
    """(mount point, bytes available) of the file system holding ``path``, as ``df`` sees it."""
    result = backend.run(["df", "-B1", "--output=target,avail", "--", path], timeout=60)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or len(lines) < 2:
        return None
    mount, _, avail = lines[-1].strip().rpartition(" ")
    return (mount.strip(), int(avail)) if avail.isdigit() else None


def _database_size(env: OperationEnv, server: str, database: str) -> int | None:
    sql = (
        "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables "
        "WHERE table_schema = DATABASE();"
    )
    rows = env.backend(server).db_query(database, sql)
    value = rows[0][0] if rows and rows[0] else ""
    return int(value) if value.isdigit() else None


def check_space(
    env: OperationEnv, blue: Site, blue_dir: str, green_db_server: str | None, green_dir: str
) -> list[str]:
    """Room for the copy: the site directory's size on the file system of the new directory, the
    database's on that of the target server's data directory (summed when they share one).

    :raises ValidationError: not enough room, naming the file system and the sizes.
    :return: notes on what was checked, and what could not be.
    """
    notes: list[str] = []
    web = env.backend(blue.server)
    needs: dict[str, int] = {}
    free: dict[str, int] = {}
    size = _dir_size(web, blue_dir) if web.exists(blue_dir) else 0
    where = _free(web, str(PurePosixPath(green_dir).parent))
    if size is None or where is None:
        notes.append(f"space for the files of {blue.domain} not checked (du/df failed on {blue.server})")
    else:
        needs[where[0]] = needs.get(where[0], 0) + size
        free[where[0]] = where[1]
    if blue.db_server and blue.db_name and green_db_server:
        db_size = _database_size(env, blue.db_server, blue.db_name)
        target = env.backend(green_db_server)
        rows = target.db_query(None, "SELECT @@datadir;")
        datadir = rows[0][0] if rows and rows[0] else ""
        where = _free(target, datadir) if datadir.startswith("/") and target.exists(datadir) else None
        if db_size is None or where is None:
            notes.append(
                f"space for the database of {blue.domain} not checked (the data directory of "
                f"{green_db_server} is not reachable from Aegir)"
            )
        else:
            needs[where[0]] = needs.get(where[0], 0) + db_size
            free[where[0]] = where[1]
    for mount, need in needs.items():
        wanted = int(need * (1 + SPACE_MARGIN))
        if free[mount] < wanted:
            raise ValidationError(
                f"not enough space for the copy of {blue.domain} on {mount}: it needs about "
                f"{wanted / 1e6:.0f} MB, {free[mount] / 1e6:.0f} MB are free"
            )
        notes.append(f"space on {mount}: {need / 1e6:.1f} MB needed, {free[mount] / 1e6:.0f} MB free")
    return notes
