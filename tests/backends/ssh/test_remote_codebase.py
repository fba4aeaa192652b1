"""Codebases on a server over SSH are scanned on that server, not on the machine Aegir runs on.

The sshd runs with an empty tmpfs of its own over the server's directory (``private=``), so a tree
written there over SFTP is not at that path here: a scan that read this machine would find nothing
(without ``unshare`` the view is shared; every test still runs, only the "not here" checks drop).
Real-data trees (Drupal 10 and 7, WordPress, Grav) go there, ``codebase add --server --path`` and
``codebase verify`` store their scan, and it must equal ``aegir codebase scan`` of the local copy.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from aegir.backends.local.local_executor import LocalExecutor
from aegir.backends.local.mirror import MIRROR_LIMIT, glob_regex, mirror_tree
from aegir.backends.ssh import SshBackend
from aegir.core.app import AppDriver, Detection
from aegir.core.backend import CommandResult
from aegir.core.errors import AegirError, BackendError, UnsafeArchiveMember, ValidationError
from aegir.core.model import Codebase, CodebaseScan, Server
from aegir.core.plugins import Plugins
from aegir.core.scan import scan_files, scan_on
from aegir.core.scanrecord import HEAD_BYTES
from aegir.hosting import Hosting
from aegir.testing import plugin_for

from ._sshd import Sshd, running_sshd

pytestmark = pytest.mark.services

TREES = {
    "d10": "drupal-codebases/d10.6-interledger.org-v4",
    "d7": "drupal-codebases/d7.88-nerc-ceh-brc-pantheon-upstream",
    "wp": "wordpress/sites/wp-7.1-johnpbloch-wordpress-core",
    "grav": "grav/grav-1.7.46-site-GRAV-UAS",
}
#: what ``codebase scan --json`` shows, and the stored scan must equal
KEYS = ("app", "app_version", "docroot", "packages", "extensions", "profiles", "warnings")


@pytest.fixture(scope="module")
def area() -> Iterator[Path]:
    """The server's directory: a path here, an empty tmpfs of its own for the sshd."""
    path = Path(tempfile.mkdtemp(prefix="aegir-farcode-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def sshd(area: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    with running_sshd(tmp_path_factory.mktemp("sshd"), private=[area]) as server:
        yield server


@pytest.fixture(scope="module")
def options(sshd: Sshd, area: Path) -> dict[str, str]:
    return {
        "host": "127.0.0.1",
        "port": str(sshd.port),
        "user": sshd.user,
        "key": str(sshd.client_key),
        "root": f"{area}/server",
    }


@pytest.fixture(scope="module")
def hosting(options: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hosting]:
    h = Hosting(tmp_path_factory.mktemp("home"))
    h.store.add_server(Server("far", "ssh", [], options=options))
    try:
        yield h
    finally:
        h.close()


@pytest.fixture(scope="module")
def far(hosting: Hosting) -> SshBackend:
    backend = hosting.backend("far")
    assert isinstance(backend, SshBackend)
    return backend


def _put(far: SshBackend, local: Path, remote: str) -> None:
    """Copy a local tree to the server over SFTP (links as links)."""
    sftp = far.executor.sftp  # type: ignore[attr-defined]
    far.executor.make_dir(remote)
    for dirpath, dirnames, filenames in os.walk(local):
        rel = os.path.relpath(dirpath, local)
        base = remote if rel == "." else f"{remote}/{rel}"
        for name in dirnames:
            far.executor.make_dir(f"{base}/{name}")
        for name in filenames:
            sftp.put(str(Path(dirpath) / name), f"{base}/{name}")


def _not_here(sshd: Sshd, path: str) -> None:
    if sshd.private_view:
        assert not os.path.lexists(path), f"{path} is visible on this machine"


def _local_scan(tree: Path, home: Path) -> dict[str, object]:
    env = {**os.environ, "AEGIR_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "codebase", "scan", str(tree), "--json"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return {k: v for k, v in json.loads(result.stdout).items() if k in KEYS}


def _stored(hosting: Hosting, name: str) -> dict[str, object]:
    from aegir.core import serialize

    scan = hosting.store.get_codebase(name).scan
    assert scan is not None
    data = json.loads(json.dumps(serialize.plain(scan)))
    for ext in data["extensions"]:
        ext.pop("hidden", None)
    return {k: v for k, v in data.items() if k in KEYS}


@pytest.mark.parametrize("key", sorted(TREES))
def test_a_remote_tree_scans_as_the_same_tree_here(
    key: str, *, hosting: Hosting, far: SshBackend, sshd: Sshd, realdata: Path, tmp_path: Path
) -> None:
    local = realdata / TREES[key]
    remote = f"{far.codebases_root()}/tree-{key}"
    _put(far, local, remote)
    _not_here(sshd, remote)
    codebase = hosting.add_codebase(f"far-{key}", path=remote, server="far")
    assert isinstance(codebase, Codebase)
    stored = hosting.store.get_codebase(f"far-{key}")
    assert stored.root == remote and stored.servers == ("far",)
    expected = _local_scan(local, tmp_path / "home")
    assert _stored(hosting, f"far-{key}") == expected
    assert stored.scan is not None and stored.scan.facts == _facts_here(local)
    # verify reads the server again: a module removed there shows
    verified, diff = hosting.verify_codebase(f"far-{key}")
    assert verified.scan == stored.scan and (diff is None or not diff.changed)


def _facts_here(tree: Path) -> object:
    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase

    return scan_codebase(tree.resolve(), Plugins()).facts


def test_verify_sees_a_change_made_on_the_server(hosting: Hosting, far: SshBackend, realdata: Path) -> None:
    remote = f"{far.codebases_root()}/grav-change"
    _put(far, realdata / TREES["grav"], remote)
    hosting.add_codebase("grav-change", path=remote, server="far")
    before = hosting.store.get_codebase("grav-change").scan
    assert before is not None
    plugin = next(e for e in before.extensions if e.type == "plugin")
    far.remove_path(f"{remote}/{plugin.path}")
    after, _diff = hosting.verify_codebase("grav-change")
    assert after.scan is not None
    assert plugin.name not in {e.name for e in after.scan.extensions}
    assert len(after.scan.extensions) == len(before.extensions) - 1


def test_cli_codebase_add_with_server_and_path(
    hosting: Hosting, far: SshBackend, realdata: Path, tmp_path: Path
) -> None:
    remote = f"{far.codebases_root()}/cli-wp"
    _put(far, realdata / TREES["wp"], remote)
    env = {**os.environ, "AEGIR_HOME": str(hosting.home)}
    argv = [sys.executable, "-m", "aegir", "codebase", "add", "cli-wp", "--server", "far", "--path", remote]
    result = subprocess.run([*argv, "--json"], capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    added = json.loads(result.stdout)
    assert added["root"] == remote
    for ext in added["scan"]["extensions"]:
        ext.pop("hidden", None)
    assert {k: v for k, v in added["scan"].items() if k in KEYS} == _local_scan(
        realdata / TREES["wp"], tmp_path / "home"
    )
    verify = [sys.executable, "-m", "aegir", "codebase", "verify", "cli-wp"]
    result = subprocess.run(verify, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr


def test_a_missing_remote_path_names_the_server_and_the_path(hosting: Hosting, far: SshBackend) -> None:
    remote = f"{far.codebases_root()}/not-there"
    with pytest.raises(ValidationError) as caught:
        hosting.add_codebase("gone", path=remote, server="far")
    assert remote in str(caught.value) and "'far'" in str(caught.value)
    env = {**os.environ, "AEGIR_HOME": str(hosting.home)}
    argv = [sys.executable, "-m", "aegir", "codebase", "add", "gone", "--server", "far", "--path", remote]
    result = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert remote in result.stderr and "far" in result.stderr


def _hostile(base: Path, outside: Path) -> None:
    """A Drupal 10 tree with a link out of it named like a metadata file, a name with a newline,
    an enormous info file, and a loop of links."""
    modules = base / "web" / "modules" / "custom"
    (base / "web" / "core" / "lib").mkdir(parents=True)
    (base / "web" / "core" / "lib" / "Drupal.php").write_text(
        "<?php\nclass Drupal {\n  const VERSION = '10.6.1';\n}\n"
    )
    modules.mkdir(parents=True)
    (modules / "nl\nname").mkdir()
    (modules / "nl\nname" / "nl.info.yml").write_text(
        "name: NL\ntype: module\ncore_version_requirement: ^10\n"
    )
    (modules / "big").mkdir()
    (modules / "big" / "big.info.yml").write_text(
        "name: Big\ntype: module\n" + "# " + "x" * 200 + "\n" * 4_000_000
    )
    (modules / "loop").mkdir()
    (modules / "loop" / "back").symlink_to("..")
    (modules / "out").mkdir()
    (modules / "out" / "out.info.yml").symlink_to(outside)
    (base / "composer.lock").symlink_to("/nonexistent/composer.lock")


def _remote_hostile(far: SshBackend, remote: str, outside: str) -> None:
    run = far.run
    modules = f"{remote}/web/modules/custom"
    far.executor.write_file(
        f"{remote}/web/core/lib/Drupal.php", b"<?php\nclass Drupal {\n  const VERSION = '10.6.1';\n}\n"
    )
    far.executor.write_file(
        f"{modules}/nl\nname/nl.info.yml", b"name: NL\ntype: module\ncore_version_requirement: ^10\n"
    )
    far.executor.write_file(
        f"{modules}/big/big.info.yml",
        ("name: Big\ntype: module\n" + "# " + "x" * 200 + "\n" * 4_000_000).encode(),
    )
    far.executor.make_dir(f"{modules}/loop")
    assert run(["ln", "-s", "..", f"{modules}/loop/back"]).returncode == 0
    far.executor.make_dir(f"{modules}/out")
    assert run(["ln", "-s", outside, f"{modules}/out/out.info.yml"]).returncode == 0
    assert run(["ln", "-s", "/nonexistent/composer.lock", f"{remote}/composer.lock"]).returncode == 0


def test_hostile_remote_content_scans_as_it_does_here(
    hosting: Hosting, far: SshBackend, tmp_path: Path
) -> None:
    info = b"name: Outside\ntype: module\n"
    outside_here = tmp_path / "outside.yml"
    outside_here.write_bytes(info)
    here = tmp_path / "tree"
    _hostile(here, outside_here)
    outside_there = f"{far.codebases_root()}/outside.yml"
    far.executor.write_file(outside_there, info)
    remote = f"{far.codebases_root()}/hostile"
    _remote_hostile(far, remote, outside_there)
    hosting.add_codebase("hostile", path=remote, server="far")
    expected = _local_scan(here, tmp_path / "home")
    assert _stored(hosting, "hostile") == expected
    names = {e["name"] for e in expected["extensions"]}  # type: ignore[attr-defined]
    assert {"nl", "big", "out"} <= names, "the link out of the tree is followed, as a local scan does"


def test_a_bad_remote_file_is_the_same_error_naming_the_remote_path(
    hosting: Hosting, far: SshBackend, tmp_path: Path
) -> None:
    from aegir.core.plugins import Plugins
    from aegir.core.scan import scan_codebase

    here = tmp_path / "broken"
    (here / "web" / "core" / "lib").mkdir(parents=True)
    (here / "web" / "core" / "lib" / "Drupal.php").write_text("<?php const VERSION = '10.1.0';")
    (here / "composer.lock").write_text("{not json")
    with pytest.raises(AegirError) as local:
        scan_codebase(here, Plugins())
    remote = f"{far.codebases_root()}/broken"
    far.executor.write_file(f"{remote}/web/core/lib/Drupal.php", b"<?php const VERSION = '10.1.0';")
    far.executor.write_file(f"{remote}/composer.lock", b"{not json")
    with pytest.raises(AegirError) as there:
        hosting.add_codebase("broken", path=remote, server="far")
    assert type(there.value) is type(local.value)
    assert str(there.value) == str(local.value).replace(str(here), remote)
    assert "aegir-scan-" not in str(there.value)


def test_the_declared_files_are_what_the_scanners_read(far: SshBackend, realdata: Path) -> None:
    from aegir.core.plugins import Plugins
    from aegir.drivers.wordpress._content import DROPINS
    from aegir.drivers.wordpress._scanner import SCAN_FILES

    assert {f"**/{name}" for name in DROPINS} <= set(SCAN_FILES.heads)
    files = scan_files(Plugins())
    assert files is not None and "**/*.info.yml" in files.whole
    import re

    assert re.fullmatch(glob_regex("**/*.info.yml"), "./web/modules/a/a.info.yml")
    assert re.fullmatch(glob_regex("**/*.info.yml"), "./a.info.yml")
    assert not re.fullmatch(glob_regex("user/*/*/blueprints.yaml"), "./user/a/b/c/blueprints.yaml")
    assert MIRROR_LIMIT >= 64 << 20


def test_only_the_declared_files_come(far: SshBackend, realdata: Path, tmp_path: Path) -> None:
    """Of the files only those a scanner reads come (a photo does not)."""
    from aegir.core.plugins import Plugins

    remote = f"{far.codebases_root()}/count-d7"
    _put(far, realdata / TREES["d7"], remote)
    far.executor.write_file(f"{remote}/sites/default/files/photo.jpg", b"\xff" * 100_000)
    view = tmp_path / "view"
    mirror_tree(far.executor, remote, scan_files(Plugins()), view, server="far")
    assert not (view / "sites" / "default" / "files" / "photo.jpg").exists()
    copied = {p.relative_to(view).as_posix() for p in view.rglob("*") if p.is_file()}
    assert "includes/bootstrap.inc" in copied and "modules/system/system.info" in copied
    assert all(p.endswith((".info", ".inc", ".json", ".lock", ".engine")) for p in copied), copied


class _HostileTar(LocalExecutor):
    """This machine, but the scan's command answers with a tar stream of our making (a server
    that lies about its tree)."""

    def __init__(self, members: list[tuple[tarfile.TarInfo, bytes]]) -> None:
        super().__init__()
        self.members = members

    def run_to_stream(self, argv: list[str], out: IO[bytes], **kw: Any) -> CommandResult:
        with tarfile.open(fileobj=out, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            for info, data in self.members:
                tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
        return CommandResult(0, "", "")


def _member(
    name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, link: str = ""
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname = kind, len(data) if kind == tarfile.REGTYPE else 0, link
    return info, data


@pytest.mark.parametrize(
    "bad",
    [
        _member("../escape.info.yml", b"name: x\n"),
        _member("/etc/x.info.yml", b"name: x\n"),
        _member("composer.json", kind=tarfile.SYMTYPE, link="/etc/passwd"),
        _member("composer.lock", kind=tarfile.LNKTYPE, link="composer.json"),
    ],
    ids=["dotdot", "absolute", "symlink", "hardlink"],
)
def test_a_hostile_stream_is_refused(bad: tuple[tarfile.TarInfo, bytes], tmp_path: Path) -> None:
    executor = _HostileTar([_member(".", kind=tarfile.DIRTYPE), bad])
    with pytest.raises(UnsafeArchiveMember):
        mirror_tree(executor, str(tmp_path), scan_files(Plugins()), tmp_path / "view", server="liar")
    assert not (tmp_path / "escape.info.yml").exists()


def test_undeclared_files_and_heads_are_cut(tmp_path: Path) -> None:
    big = b"<?php /* Plugin Name: P */" + b"x" * (HEAD_BYTES * 2)
    executor = _HostileTar(
        [
            _member(".", kind=tarfile.DIRTYPE),
            _member("secret.txt", b"not asked for"),
            _member("wp-content/plugins/p.php", big),
            _member("composer.json", b"{}"),
        ]
    )
    view = tmp_path / "view"
    mirror_tree(executor, str(tmp_path), scan_files(Plugins()), view, server="liar")
    assert not (view / "secret.txt").exists()
    assert (view / "wp-content/plugins/p.php").read_bytes() == big[:HEAD_BYTES]
    assert (view / "composer.json").read_bytes() == b"{}"


class _Undeclared(AppDriver):
    """A third-party driver that does not say which files it reads."""

    name = "opaque"
    label = "Opaque"

    def detect(self, root: Path) -> Detection | None:
        return Detection("opaque") if (root / "opaque.txt").is_file() else None

    def scan(self, root: Path, detection: Detection) -> CodebaseScan:
        return CodebaseScan(app="opaque", app_version=(root / "deep" / "er" / "v.txt").read_text().strip())

    def looked_for(self) -> str:
        return "opaque.txt"


def test_a_driver_that_declares_nothing_gets_the_whole_tree(far: SshBackend, tmp_path: Path) -> None:
    plugins = Plugins(extra=[plugin_for(apps=[_Undeclared])])
    assert scan_files(plugins) is None and scan_files(plugins, "drupal") is not None
    remote = f"{far.codebases_root()}/opaque"
    far.executor.write_file(f"{remote}/opaque.txt", b"")
    far.executor.write_file(f"{remote}/deep/er/v.txt", b"4.2\n")
    scan = scan_on(far, remote, plugins, "opaque")
    assert scan.app == "opaque" and scan.app_version == "4.2"


def test_too_much_content_is_a_clear_error(far: SshBackend, tmp_path: Path) -> None:
    remote = f"{far.codebases_root()}/heavy"
    far.executor.write_file(f"{remote}/opaque.txt", b"")
    far.executor.write_file(f"{remote}/data.bin", b"\0" * 300_000)
    with pytest.raises(BackendError) as caught:
        mirror_tree(far.executor, remote, None, tmp_path / "view", server="far", limit=100_000)
    assert remote in str(caught.value) and "far" in str(caught.value) and "data.bin" in str(caught.value)


def test_a_linked_files_directory_is_not_walked(far: SshBackend, realdata: Path, tmp_path: Path) -> None:
    """``sites/default/files`` linked to a big shared volume: listed, not entered (no scan reads it)."""
    remote = f"{far.codebases_root()}/linked-files"
    _put(far, realdata / TREES["d7"], remote)
    shared = f"{far.codebases_root()}/shared-files"
    for i in range(50):
        far.executor.write_file(f"{shared}/d{i}/x.info", b"name = X\\ncore = 7.x\\n")
    far.executor.make_dir(f"{remote}/sites/default")
    assert far.run(["ln", "-s", shared, f"{remote}/sites/default/files"]).returncode == 0
    view = tmp_path / "view"
    mirror_tree(far.executor, remote, scan_files(Plugins()), view, server="far")
    assert not (view / "sites" / "default" / "files").exists()
    assert not list(view.rglob("x.info"))


class _Garbage(LocalExecutor):
    """A server whose scan command answers with something that is not a tar stream."""

    def run_to_stream(self, argv: list[str], out: IO[bytes], **kw: Any) -> CommandResult:
        out.write(b"ustar? no: " + bytes(range(256)) * 8)
        return CommandResult(0, "", "")


def test_a_stream_that_is_not_tar_is_a_backend_error(tmp_path: Path) -> None:
    with pytest.raises(BackendError) as caught:
        mirror_tree(_Garbage(), str(tmp_path), scan_files(Plugins()), tmp_path / "view", server="liar")
    assert "liar" in str(caught.value) and str(tmp_path) in str(caught.value)
