"""A local copy of the files a codebase scan reads, fetched from another machine in one stream.

The scanners read local files (``aegir.core.scanrecord.ScanFiles`` says which). For a codebase
on a server over SSH, :func:`mirror_tree` runs ONE remote command, ``find -L`` whose ``-exec tar``
archives the declared files and directories (links followed, as a local scan follows them;
``.git``, ``node_modules`` and upload directories are listed but not entered), and unpacks the stream here
into an empty directory. The remote side is untrusted: every member passes
:func:`~aegir.core.archive.member_path` (no absolute name, ``..``, link, device...), a file must
match a declared pattern, ``heads`` files are cut to :data:`~aegir.core.scanrecord.HEAD_BYTES`,
and the whole is capped at :data:`MIRROR_LIMIT` bytes.
"""

from __future__ import annotations

import os
import re
import tarfile
from typing import TYPE_CHECKING, Final

from aegir.backends.local.executor import TAR_CREATE
from aegir.core.errors import BackendError, ValidationError
from aegir.core.scanrecord import HEAD_BYTES, ScanFiles

if TYPE_CHECKING:
    from pathlib import Path

    from aegir.backends.local.executor import Executor

__all__ = ["MIRROR_LIMIT", "glob_regex", "mirror_tree"]

#: at most this many bytes of file content are copied for one scan
MIRROR_LIMIT: Final = 256 * 1024 * 1024
#: directories listed but never entered: no built-in scanner looks inside, and they can hold many
#: thousands of entries, or be links to a shared volume of uploads (Drupal's ``sites/*/files``,
#: WordPress's uploads); names, then ``ScanFiles`` globs of paths
_NOT_ENTERED: Final = (".git", "node_modules")
_NOT_ENTERED_PATHS: Final = ("**/sites/*/files", "**/wp-content/uploads", "**/app/uploads")
#: ``env -C`` could not change into the directory (it does not exist, or is no directory)
_NO_DIR: Final = 125
#: names matched byte by byte (every name matches, whatever its encoding), and three times faster
#: than in a UTF-8 locale for GNU find's fnmatch and regex
_C_LOCALE: Final = {"LC_ALL": "C"}
_SPECIAL = set(".^$*+?()[]{}|\\")


def glob_regex(pattern: str) -> str:
    """A ``ScanFiles`` glob as a regular expression over ``./``-prefixed paths, valid both as
    POSIX extended (``find -regex``) and as Python's ``re``: ``**/`` is any directories,
    ``*`` and ``?`` stay inside one name."""
    out = ["\\./"]
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(.*/)?")
            i += 3
            continue
        char = pattern[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        else:
            out.append("\\" + char if char in _SPECIAL else char)
        i += 1
    return "".join(out)


def _test(pattern: str) -> list[str]:
    """The ``find`` test of one glob. ``**/NAME`` is ``-name NAME`` (the same match: ``*`` and
    ``?`` cannot cross a ``/`` in a name); another pattern with ``**/`` is its regex behind a
    ``-path`` glob that lets through a superset (``*`` crosses ``/`` there), since GNU find's regex
    engine is slow on ``(.*/)?`` and most entries fail the ``-path`` already; the rest are
    anchored regexes without backtracking."""
    rest = pattern.removeprefix("**/")
    plain = not set(pattern) & set("[]\\")
    if rest != pattern and "/" not in rest and plain:
        return ["-name", rest]
    if "**/" in pattern and plain:
        superset = pattern.replace("**/", "*/")
        superset = superset if superset.startswith("*") else f"./{superset}"
        return ["-path", superset, "-regex", glob_regex(pattern)]
    return ["-regex", glob_regex(pattern)]


def _any_of(patterns: tuple[str, ...]) -> list[str]:
    """``( TEST1 -o TEST2 ... )``, or ``-false`` when there are none."""
    if not patterns:
        return ["-false"]
    tests = sorted((_test(p) for p in patterns), key=lambda t: t[0] != "-name")  # cheap ones first
    out = ["("]
    for i, test in enumerate(tests):
        out += (["-o"] if i else []) + test
    return [*out, ")"]


def _find_argv(files: ScanFiles | None) -> list[str]:
    """``find -L . ... -exec tar ... {} +``: the root, the declared directories and files (every
    directory and file when None); the directories leading to a file are made on this side."""
    prune = ["-type", "d", "("]
    for i, name in enumerate(_NOT_ENTERED):
        prune += (["-o"] if i else []) + ["-name", name]
    for pattern in _NOT_ENTERED_PATHS:
        prune += ["-o", *_test(pattern)]
    prune += [")", "-prune", "-false"]  # never entered; listed only when a pattern below asks
    if files is None:
        dirs, wanted = ["-type", "d"], ["-type", "f"]
    else:
        dirs = ["-type", "d", *_any_of(files.dirs)]
        wanted = ["-type", "f", *_any_of((*files.whole, *files.heads))]
    tar = ["tar", "-c", "-f", "-", "--no-recursion", "--dereference", *TAR_CREATE]
    return [
        "find", "-L", ".", "-regextype", "posix-extended",
        "(", "(", *prune, ")", "-o", "-path", ".", "-o", "(", *dirs, ")", "-o", "(", *wanted, ")", ")",
        "-exec", *tar, "{}", "+",
    ]  # fmt: skip


class _Unpacker:
    """Writes the checked members under ``dest``: directories, and files cut as declared."""

    def __init__(self, dest: Path, files: ScanFiles | None, origin: str, limit: int) -> None:
        self.dest = dest
        self.limit = limit
        self.origin = origin
        self.whole = _compiled(files.whole) if files is not None else None
        self.heads = _compiled(files.heads) if files is not None else None
        self.copied = 0
        self.saw_root = False
        self.made: set[Path] = set()

    def make_dir(self, path: Path) -> None:
        if path not in self.made:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.made.add(path)

    def take_of(self, name: str, size: int) -> int | None:
        """How many bytes of the file ``./name`` of ``size`` bytes to keep (None: not asked for)."""
        if self.whole is None or self.heads is None:
            return size
        path = f"./{name}"
        if self.whole.fullmatch(path):
            return size
        if self.heads.fullmatch(path):
            return min(size, HEAD_BYTES)
        return None

    def member(self, archive: tarfile.TarFile, member: tarfile.TarInfo) -> None:
        from aegir.core.archive import member_path

        parts = member_path(member, self.origin)
        target = self.dest.joinpath(*parts)
        if member.isdir():
            self.saw_root = self.saw_root or not parts
            self.make_dir(target)
            return
        keep = self.take_of("/".join(parts), member.size)
        if keep is None:
            return  # not something a scanner reads: a hostile or confused sender's extra
        if self.copied + keep > self.limit:
            raise BackendError(
                f"{self.origin}: the files a scan reads add up to more than "
                f"{self.limit / (1024 * 1024):g} MiB (at {'/'.join(parts)!r}); not copied"
            )
        source = archive.extractfile(member)
        if source is None:
            return
        self.make_dir(target.parent)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            return  # the same path twice: the first one stands
        with os.fdopen(fd, "wb") as out:
            left = keep
            while left > 0:
                chunk = source.read(min(left, 1 << 20))
                if not chunk:
                    break
                out.write(chunk)
                left -= len(chunk)
                self.copied += len(chunk)


def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    joined = "|".join(f"(?:{glob_regex(p)})" for p in patterns) or "(?!)"
    return re.compile(joined, re.DOTALL)


def mirror_tree(
    executor: Executor,
    root: str,
    files: ScanFiles | None,
    dest: Path,
    *,
    server: str,
    limit: int = MIRROR_LIMIT,
) -> None:
    """Copy into the empty directory ``dest`` the files and directories of ``root`` (on
    ``executor``'s machine) that ``files`` declares (all when None), at most ``limit`` bytes.

    :raises ValidationError: ``root`` is not a directory on ``server``.
    :raises BackendError: the stream failed, was refused, or holds too much.
    """
    from aegir.core.archive import produced_stream
    from aegir.core.errors import UnsafeArchiveMember

    if not root.startswith("/") or "\x00" in root:
        raise ValidationError(f"codebase path {root!r} on server {server!r} is not an absolute path")
    origin = f"the scan files of {root} on server {server}"
    unpacker = _Unpacker(dest, files, origin, limit)
    done = []
    argv = _find_argv(files)
    try:
        with produced_stream(
            lambda pipe: done.append(executor.run_to_stream(argv, pipe, cwd=root, env=_C_LOCALE))
        ) as stream:
            try:
                with tarfile.open(fileobj=stream, mode="r|", ignore_zeros=True) as archive:
                    for member in archive:
                        unpacker.member(archive, member)
            except tarfile.TarError as e:
                # an empty stream is tar having nothing to say (checked below); else a broken one
                if not (isinstance(e, tarfile.ReadError) and "empty file" in str(e)):
                    raise BackendError(f"{origin}: the tar stream cannot be read: {e}") from e
            stream.read()  # the rest (end-of-archive padding), so the producer can finish
    except UnsafeArchiveMember:
        raise
    except OSError as e:
        raise BackendError(f"{origin}: {e}") from e
    result = done[0] if done else None
    if result is not None and result.returncode == _NO_DIR:
        raise ValidationError(f"codebase path {root!r} is not a directory on server {server!r}")
    if not unpacker.saw_root:
        detail = result.stderr.strip()[-500:] if result is not None else ""
        raise BackendError(f"{origin}: nothing could be read ({detail or 'no output'})")
    # other statuses: find could not enter a directory, or a file changed; a local scan skips
    # what it cannot read likewise
