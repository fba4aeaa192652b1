"""Debian's WordPress on a Docker server through Aegir's own layers: the tree copied inside the
container (``/usr/share/wordpress`` is there through the test image's read-only ``/usr``), the
codebase added with ``--server --path`` (scanned from the container), a site installed, served
through the published port, backed up and restored through the CLI. The site's files exist only
in the container's volume: the backup's files part is streamed out of the container by GNU tar
there, and the restore streams it back in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aegir.backends.docker import DockerBackend
from aegir.core.archive import BackupReader
from aegir.core.model import TaskStatus
from aegir.core.operations import sites
from aegir.hosting import Hosting

from .conftest import SERVER, aegir

pytestmark = pytest.mark.services

DOMAIN = "wp.dock.test"


def test_wordpress_installed_served_backed_up_and_restored(
    home: Path, backend: DockerBackend, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tree = f"{backend.codebases_root()}/wp"
    backend.copy_tree("/usr/share/wordpress", tree)
    code, out, err = aegir(
        home, capsys, "codebase", "add", "wp", "--server", SERVER, "--path", tree, "--json"
    )
    assert code == 0, err
    added = json.loads(out)
    assert added["root"] == tree and added["scan"]["app"] == "wordpress"

    hosting = Hosting(home)
    try:
        task = hosting.install_site(sites.new_site(hosting, DOMAIN, "wp", title="Docker Site"))
        assert task.status is TaskStatus.SUCCEEDED, task.error
        db_name = hosting.store.get_site(DOMAIN).db_name
    finally:
        hosting.close()
    page = backend.http_get(DOMAIN, "/")
    assert page.status == 200 and "Docker Site" in page.body

    # a file only the container has: it is in the volume, not at that path on this machine
    site_dir = f"{backend.sites_root()}/{DOMAIN}"
    uploads = f"{site_dir}/files"
    assert backend.exists(uploads)
    note = f"{uploads}/aegir-note.txt"
    backend.write_file(note, b"kept in the volume\n", 0o644)
    assert not Path(note).exists() and not Path(site_dir).exists()

    code, out, err = aegir(home, capsys, "site", "backup", DOMAIN, "--json")
    assert code == 0, err
    made = json.loads(out)
    hosting = Hosting(home)
    try:
        manifest = BackupReader(hosting.backup_store(made["store"]), made["backup"]).verify()
        assert {p.name for p in manifest.parts} >= {"db.sql.zst", "files.tar.zst"}
        reader = BackupReader(hosting.backup_store(made["store"]), made["backup"])
        reader.extract_files(tmp_path / "part")
    finally:
        hosting.close()
    # the part holds the file that existed only in the container
    assert (tmp_path / "part" / "files" / "aegir-note.txt").read_bytes() == b"kept in the volume\n"

    # damage the files and the database, then restore
    backend.remove_path(note)
    backend.write_file(f"{uploads}/intruder.txt", b"after the backup\n", 0o644)
    assert db_name
    backend.db_query(
        db_name, "UPDATE wp_options SET option_value = 'Changed' WHERE option_name = 'blogname';"
    )
    assert "Changed" in backend.http_get(DOMAIN, "/").body
    code, out, err = aegir(home, capsys, "site", "restore", DOMAIN, "--backup", made["backup"], "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "succeeded"
    # the restored site lives in a new directory of the volume, recorded with the site
    hosting = Hosting(home)
    try:
        restored = hosting.store.get_site(DOMAIN).options.get("site_dir", site_dir)
    finally:
        hosting.close()
    assert backend.read_file(f"{restored}/files/aegir-note.txt") == b"kept in the volume\n"
    assert not backend.exists(f"{restored}/files/intruder.txt")
    assert not Path(restored).exists()
    page = backend.http_get(DOMAIN, "/")
    assert page.status == 200 and "Docker Site" in page.body and "Changed" not in page.body

    code, _out, err = aegir(home, capsys, "site", "delete", DOMAIN, "--yes")
    assert code == 0, err
    assert backend.http_get(DOMAIN, "/").status != 200
