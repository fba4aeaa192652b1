"""The steps of backup, restore and clone: a site (or codebase) backed up into a store, a backup
verified, loaded into a new database and extracted into a new directory, a database copied.

A backup is written by one step, :class:`BackupSite`, whose inverse deletes it from the store and
the inventory: a backup task that fails or is killed leaves no backup behind. Copies of a live
database and of a secret (clone) use the migration's steps (:mod:`aegir.core.migrate_steps`). The files part is
produced and consumed by the server's backend (``Backend.archive_files`` / ``restore_files``):
on this machine's file system for a local server, streamed to and from the machine for one over
SSH, always through the archive layer's checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from attrs import field, frozen

from aegir.core import _convert
from aegir.core.errors import AegirError, ValidationError
from aegir.core.steps import RemovePath, Step, StepContext

if TYPE_CHECKING:
    from aegir.core.archive import BackupWriter, Manifest
    from aegir.core.model import Backup, Site
    from aegir.core.storage import BackupStore

__all__ = [
    "BACKUP_STEPS",
    "BackupCodebase",
    "BackupInventory",
    "BackupSite",
    "DeleteBackup",
    "LoadDatabase",
    "RestoreFiles",
    "RestoreSite",
    "VerifyBackup",
    "site_backup_pattern",
]

#: the parts of a codebase backup that is a git checkout
GIT_COMMIT_PART = "git-commit"
COMPOSER_PARTS = ("composer.json", "composer.lock")


@runtime_checkable
class BackupInventory(Protocol):
    """What a step needs of the inventory to record backups (the store has it)."""

    def save_backup(self, backup: Backup) -> None: ...
    def delete_backup(self, backup_id: str) -> None: ...


def _inventory(ctx: StepContext) -> BackupInventory:
    inventory = ctx.inventory
    if not isinstance(inventory, BackupInventory):
        raise AegirError("this task runner's inventory cannot record backups")
    return inventory


def site_backup_pattern(domain: str) -> re.Pattern[str]:
    """The ids :func:`~aegir.core.archive.new_backup_id` gives backups of ``domain``."""
    return re.compile(re.escape(domain.lower()) + r"-\d{8}-\d{6}-[0-9a-f]{6}")


def _clean_leftovers(store: BackupStore, domain: str, ctx: StepContext) -> None:
    """Remove this site's backups that a killed run left without a manifest.

    The task holds the site's lock, so no other process is writing a backup of this site now.
    """
    pattern = site_backup_pattern(domain)
    ids = [e.id for e in store.entries() if not e.complete and pattern.fullmatch(e.id)]
    if ids:
        for removed in store.cleanup_incomplete(ids=ids):
            ctx.log(f"removed the incomplete backup {removed} left by an interrupted run")


def _side_by_side(store: BackupStore) -> bool:
    """Whether two parts of a backup may be written or read at the same time in ``store``: in a local
    directory, yes; a store over one connection (SFTP) serves one part at a time."""
    from aegir.core.storage import LocalDirStore

    return isinstance(store, LocalDirStore)


def _together(jobs: list[Callable[[], object]], *, parallel: bool = True) -> None:
    """Run ``jobs`` at the same time (the database dump waits on the database server, the files on
    the disk: overlapped, a backup takes about as long as the longer of the two), or one after the
    other unless ``parallel``; wait for all of them, then raise the first error."""
    import threading

    if not parallel:
        for job in jobs:
            job()
        return

    errors: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        try:
            job()
        except BaseException as e:  # raised below, once every job has stopped
            errors.append(e)

    threads = [threading.Thread(target=run, args=(job,), name="aegir-backup-part") for job in jobs[1:]]
    for thread in threads:
        thread.start()
    try:
        if jobs:
            run(jobs[0])
    finally:
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]


def _record(ctx: StepContext, manifest: Manifest, store: str, kind: str, subject: str) -> None:
    from aegir.core import serialize
    from aegir.core.model import Backup

    _inventory(ctx).save_backup(
        Backup(
            id=manifest.id,
            site=subject,
            store=store,
            created=manifest.created,
            size=manifest.size,
            kind=kind,
            manifest=serialize.unstructure(manifest),
        )
    )
    parts = ", ".join(f"{p.name} {p.size} bytes" for p in manifest.parts)
    ctx.log(f"backup {manifest.id} written to store {store!r}: {parts}")
    for warning in manifest.warnings:
        ctx.log(f"warning: {warning}")


def site_facts(site: Site, *, url: str, db_name: str | None) -> dict[str, str]:
    """What a backup's manifest records about its site besides the parts (never a secret), so a
    deleted site can be cloned back from its last backup."""
    return {
        "url": url,
        "server": site.server,
        "db_server": site.db_server or "",
        "db_name": db_name or "",
        "title": site.title or "",
        "profile": site.profile or "",
        "admin_user": site.admin_user,
        "admin_email": site.admin_email or "",
        "https": "yes" if site.https else "no",
        "status": site.status.value,
    }


@frozen
class BackupSite(Step):
    """Dump the database and archive the site's files into a store, manifest last; record it.

    ``paths`` are relative to ``site_dir`` (``.`` for all of it). ``facts`` are recorded in the
    manifest (URL, servers, title...), so a deleted site can be cloned back from its last backup.
    """

    kind: ClassVar[str] = "backup-site"
    store: str
    backup_id: str
    site: str
    server: str
    site_dir: str
    paths: tuple[str, ...] = field(converter=_convert.strs)
    db_server: str | None = None
    db_name: str | None = None
    codebase: str | None = None
    app: str | None = None
    app_version: str | None = None
    package_digest: str | None = None
    #: SQL whose first value is the database's schema version (None: not known for this app)
    schema_sql: str | None = None
    facts: dict[str, str] = field(factory=dict)

    def describe(self) -> str:
        return f"back up {self.site} to store {self.store} as {self.backup_id}"

    def inverse(self) -> Step | None:
        return DeleteBackup(self.store, self.backup_id)

    def _schema_version(self, ctx: StepContext) -> str | None:
        if not (self.schema_sql and self.db_server and self.db_name):
            return None
        try:
            rows = ctx.backend(self.db_server).db_query(self.db_name, self.schema_sql)
        except AegirError as e:
            ctx.log(f"schema version not recorded: {e}")
            return None
        return rows[0][0] if rows and rows[0] else None

    def run(self, ctx: StepContext) -> None:
        from aegir.core.archive import DB_PART, FILES_PART, SubjectInfo, create_backup

        store = ctx.backup_store(self.store)
        _clean_leftovers(store, self.site, ctx)
        subject = SubjectInfo(
            kind="site",
            subject=self.site,
            site=self.site,
            codebase=self.codebase,
            package_digest=self.package_digest,
            app=self.app,
            app_version=self.app_version,
            schema_version=self._schema_version(ctx),
            extra=dict(self.facts),
        )
        # the moment the backup stands for: taken before the dump starts
        created = datetime.now(UTC)
        with create_backup(store, subject, backup_id=self.backup_id, created=created) as backup:
            jobs: list[Callable[[], object]] = []
            if self.db_server and self.db_name:
                db, name = ctx.backend(self.db_server), self.db_name
                jobs.append(lambda: backup.write_from(DB_PART, lambda out: db.dump_database(name, out)))
            if self.paths:
                files = ctx.backend(self.server)
                jobs.append(
                    lambda: backup.write_files_from(
                        FILES_PART, lambda out: files.archive_files(self.site_dir, self.paths, out)
                    )
                )
            _together(jobs, parallel=_side_by_side(store))
            # the same order whichever part finished first
            backup.parts.sort(key=lambda p: (p.name != DB_PART, p.name))
            manifest = backup.publish()
        _record(ctx, manifest, self.store, "site", self.site)


@frozen
class BackupCodebase(Step):
    """A codebase's tree as a files part; for a git checkout, its commit and composer files only
    (unless ``full_tree``)."""

    kind: ClassVar[str] = "backup-codebase"
    store: str
    backup_id: str
    codebase: str
    server: str
    root: str
    app: str | None = None
    app_version: str | None = None
    package_digest: str | None = None
    full_tree: bool = False

    def describe(self) -> str:
        return f"back up codebase {self.codebase} ({self.root}) to store {self.store} as {self.backup_id}"

    def inverse(self) -> Step | None:
        return DeleteBackup(self.store, self.backup_id)

    def _git(self, ctx: StepContext, *args: str) -> str | None:
        argv = ["git", "-C", self.root, *args]
        if self.server:
            result = ctx.backend(self.server).run(argv, timeout=120)
            return result.stdout.strip() if result.returncode == 0 else None
        # a codebase registered in place, on no server: it is on this machine
        import subprocess

        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise AegirError(f"cannot run git in {self.root}: {e}") from e
        return done.stdout.strip() if done.returncode == 0 else None

    def _read(self, ctx: StepContext, name: str) -> bytes | None:
        path = f"{self.root.rstrip('/')}/{name}"
        if self.server:
            backend = ctx.backend(self.server)
            return backend.read_file(path) if backend.exists(path) else None
        from pathlib import Path

        return Path(path).read_bytes() if Path(path).is_file() else None

    def _git_facts(self, ctx: StepContext) -> dict[str, str] | None:
        """The checkout's commit, remote and cleanliness, or None when the root is no git checkout."""
        import posixpath

        try:
            top = self._git(ctx, "rev-parse", "--show-toplevel")
        except AegirError:  # git itself is missing
            return None
        if top is None or posixpath.normpath(top) != posixpath.normpath(self.root):
            return None
        commit = self._git(ctx, "rev-parse", "--verify", "HEAD")
        if not commit:
            return None
        status = self._git(ctx, "status", "--porcelain", "--untracked-files=no")
        return {
            "git_commit": commit,
            "git_remote": self._git(ctx, "config", "--get", "remote.origin.url") or "",
            "git_dirty": "yes" if status else "no",
        }

    def _write_git(self, ctx: StepContext, backup: BackupWriter, facts: dict[str, str]) -> None:
        backup.write_bytes(GIT_COMMIT_PART, (facts["git_commit"] + "\n").encode())
        for name in COMPOSER_PARTS:
            data = self._read(ctx, name)
            if data is not None:
                backup.write_bytes(name, data, compress=True)
        if facts["git_dirty"] == "yes":
            backup.warnings.append(
                "the checkout has uncommitted changes to tracked files; they are not in this backup "
                "(back it up with --tree to keep them)"
            )

    def run(self, ctx: StepContext) -> None:
        from aegir.core.archive import FILES_PART, SubjectInfo, create_backup

        store = ctx.backup_store(self.store)
        git = None if self.full_tree else self._git_facts(ctx)
        subject = SubjectInfo(
            kind="codebase",
            subject=self.codebase,
            codebase=self.codebase,
            package_digest=self.package_digest,
            app=self.app,
            app_version=self.app_version,
            extra={"root": self.root, **(git or {})},
        )
        with create_backup(store, subject, backup_id=self.backup_id) as backup:
            if git is not None:
                ctx.log(f"git checkout at {git['git_commit']}: recording the commit and composer files")
                self._write_git(ctx, backup, git)
            elif self.server:
                backend = ctx.backend(self.server)
                backup.write_files_from(FILES_PART, lambda out: backend.archive_files(self.root, None, out))
            else:
                # a codebase registered in place, on no server: it is on this machine
                backup.write_files(FILES_PART, self.root, None)
            manifest = backup.publish()
        _record(ctx, manifest, self.store, "codebase", self.codebase)


@frozen
class DeleteBackup(Step):
    """Remove a backup from its store and from the inventory (idempotent)."""

    kind: ClassVar[str] = "delete-backup"
    resumable: ClassVar[bool] = True
    store: str
    backup_id: str

    def describe(self) -> str:
        return f"delete backup {self.backup_id} from store {self.store}"

    def run(self, ctx: StepContext) -> None:
        ctx.backup_store(self.store).delete_backup(self.backup_id)
        _inventory(ctx).delete_backup(self.backup_id)


@frozen
class VerifyBackup(Step):
    """Recompute the size and sha256 of every part; a mismatch refuses what follows."""

    kind: ClassVar[str] = "verify-backup"
    resumable: ClassVar[bool] = True
    store: str
    backup_id: str

    def describe(self) -> str:
        return f"verify the checksums of backup {self.backup_id} in store {self.store}"

    def run(self, ctx: StepContext) -> None:
        from aegir.core.archive import BackupReader

        manifest = BackupReader(ctx.backup_store(self.store), self.backup_id).verify()
        ctx.log(f"backup {self.backup_id}: {len(manifest.parts)} parts match their sha256")


@frozen
class LoadDatabase(Step):
    """Stream a backup's database part, checked against its sha256, into an existing (new) database.

    No inverse of its own: the database was made by a CreateDatabase step whose inverse drops it.
    """

    kind: ClassVar[str] = "load-database"
    store: str
    backup_id: str
    server: str
    database: str

    def describe(self) -> str:
        return f"load the database of backup {self.backup_id} into {self.database} on {self.server}"

    def run(self, ctx: StepContext) -> None:
        ctx.log(self.work(ctx))

    def work(self, ctx: StepContext) -> str:
        """Load the part; what to log (the caller logs, so this may run in a thread of its own)."""
        from aegir.core.archive import DB_PART, BackupReader, ChecksumMismatch, CorruptPart

        reader = BackupReader(ctx.backup_store(self.store), self.backup_id)
        if not reader.manifest.has_part(DB_PART):
            raise ValidationError(f"backup {self.backup_id!r} has no database part ({DB_PART})")
        backend = ctx.backend(self.server)
        try:
            with reader.open_part(DB_PART) as stream:
                backend.load_database(self.database, stream)
        except CorruptPart:
            raise
        except AegirError as e:
            # A damaged part reaches the loader truncated, which fails first: name the real cause.
            for check in reader.check():
                if check.name == DB_PART and not check.ok:
                    if check.sha256 is None or check.size is None:
                        raise CorruptPart(DB_PART, f"is missing from backup {self.backup_id!r}") from e
                    raise ChecksumMismatch(
                        DB_PART,
                        expected=check.expected_sha256,
                        actual=check.sha256,
                        expected_size=check.expected_size,
                        size=check.size,
                    ) from e
            raise
        return f"database {self.database} loaded from backup {self.backup_id}"


@frozen
class RestoreFiles(Step):
    """Extract a backup's files part into the new directory ``target`` (refusing unsafe members).

    ``web_dirs`` (absolute, inside ``target``) are the directories PHP writes to: what is in them
    is handed to the web user, as it was when PHP made it.
    """

    kind: ClassVar[str] = "restore-files"
    store: str
    backup_id: str
    server: str
    target: str
    web_dirs: tuple[str, ...] = field(default=(), converter=_convert.strs)

    def describe(self) -> str:
        return f"extract the files of backup {self.backup_id} into {self.target} on {self.server}"

    def inverse(self) -> Step | None:
        return RemovePath(self.server, self.target)

    def run(self, ctx: StepContext) -> None:
        ctx.log(self.work(ctx))

    def work(self, ctx: StepContext) -> str:
        """Extract the part; what to log (the caller logs, so this may run in a thread of its own)."""
        from aegir.core.archive import FILES_PART, BackupReader

        reader = BackupReader(ctx.backup_store(self.store), self.backup_id)
        backend = ctx.backend(self.server)
        if reader.manifest.has_part(FILES_PART):
            with reader.open_files(FILES_PART) as files:
                report = backend.restore_files(self.target, files)
            done = f"{report.files} files, {report.dirs} directories, {report.content_bytes} bytes extracted"
        else:
            backend.make_dir(self.target, 0o751)
            done = f"backup {self.backup_id} has no files part: {self.target} made empty"
        self._hand_to_web_user(ctx)
        return f"{done} into {self.target}"

    def _hand_to_web_user(self, ctx: StepContext) -> None:
        backend = ctx.backend(self.server)
        user = backend.php_user()
        if not user or user == "root" or not self.web_dirs:
            return
        # Who extracted is who runs commands on the site's server (over SSH, not this process's
        # user): not root there means PHP runs as that same user, which owns the files already.
        who = backend.run(["id", "-u"], timeout=60)
        if who.returncode != 0 or who.stdout.strip() != "0":
            return
        for directory in self.web_dirs:
            if not backend.exists(directory):
                continue
            argv = ["find", directory, "-mindepth", "1", "-exec", "chown", "-h", f"{user}:", "{}", "+"]
            result = backend.run(argv, timeout=3600)
            if result.returncode != 0:
                raise AegirError(f"cannot hand {directory} to the web user {user!r}: {result.stderr.strip()}")


@frozen
class RestoreSite(Step):
    """A backup's database loaded (:class:`LoadDatabase`) and its files extracted
    (:class:`RestoreFiles`) at the same time: the load waits on the database server, the
    extraction on the disk, so together they take about as long as the longer of the two."""

    kind: ClassVar[str] = "restore-site"
    files: RestoreFiles
    database: LoadDatabase | None = None

    def describe(self) -> str:
        if self.database is None:
            return self.files.describe()
        return (
            f"load the database of backup {self.files.backup_id} into {self.database.database} and extract "
            f"its files into {self.files.target}, side by side"
        )

    def inverse(self) -> Step | None:
        # the files' directory goes; the database belongs to the step that created it
        return self.files.inverse()

    def run(self, ctx: StepContext) -> None:
        done: list[str] = []
        jobs: list[Callable[[], object]] = [lambda: done.append(self.files.work(ctx))]
        if self.database is not None:
            database = self.database
            jobs.insert(0, lambda: done.append(database.work(ctx)))
        _together(jobs, parallel=_side_by_side(ctx.backup_store(self.files.store)))
        for line in done:
            ctx.log(line)


BACKUP_STEPS: tuple[type[Step], ...] = (
    BackupSite,
    BackupCodebase,
    DeleteBackup,
    VerifyBackup,
    LoadDatabase,
    RestoreFiles,
    RestoreSite,
)
