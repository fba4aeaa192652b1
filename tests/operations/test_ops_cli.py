"""The backup commands end to end through ``aegir``: site backup/restore/clone, backup list/verify/
delete, stores, schedules with run-due (also two at once) and prune, and codebase backups (a tree,
and a git checkout kept as its commit and composer files)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ops_support import add_content, install, option, page, set_marker

from aegir.cli import main
from aegir.core.archive import BackupReader
from aegir.hosting import Hosting

pytestmark = pytest.mark.services

DOMAIN = "cli.test"
REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "realdata"


def aegir(h: Hosting, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(h.home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def content(hosting: Hosting) -> dict[str, str]:
    install(hosting, DOMAIN, "Command Line Site")
    return add_content(hosting, DOMAIN, "Before")


def test_site_backup_list_verify_restore(
    hosting: Hosting, content: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = aegir(hosting, capsys, "site", "backup", DOMAIN, "--json")
    assert code == 0
    made = json.loads(out)
    assert made["store"] == "local" and made["size"] > 0 and made["backup"].startswith("cli.test-")
    code, out, _ = aegir(hosting, capsys, "backup", "list", DOMAIN, "--json")
    [row] = json.loads(out)
    assert row == {
        "id": made["backup"],
        "site": DOMAIN,
        "kind": "site",
        "time": made["created"],
        "size": made["size"],
        "store": "local",
        "state": "complete",
    }
    code, out, _ = aegir(hosting, capsys, "backup", "list")
    assert code == 0 and out.splitlines()[0].split() == [
        "ID",
        "SITE",
        "KIND",
        "TIME",
        "SIZE",
        "STORE",
        "STATE",
    ]
    assert made["backup"] in out and "UTC" in out
    code, out, err = aegir(hosting, capsys, "backup", "verify", made["backup"])
    assert code == 0 and "db.sql.zst" in out and "files.tar.zst" in out and "every part matches" in err

    at = datetime.now(UTC).isoformat()
    time.sleep(1.1)
    set_marker(hosting, DOMAIN, content["post"], "After")
    code, out, _ = aegir(hosting, capsys, "site", "restore", DOMAIN, "--at", at, "--dry-run")
    assert code == 0 and made["backup"] in out and "(clean-up)" in out and "drop database" in out
    assert option(hosting, DOMAIN, "aegir_test_marker") == "After"  # a dry run changes nothing
    code, out, err = aegir(hosting, capsys, "site", "restore", DOMAIN, "--at", at, "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "succeeded"
    assert option(hosting, DOMAIN, "aegir_test_marker") == "Before"
    status, body = page(hosting, DOMAIN, f"/?p={content['post']}")
    assert status == 200 and "Before" in body

    code, _, err = aegir(hosting, capsys, "site", "restore", DOMAIN, "--at", "last tuesday")
    assert code == 2 and "ISO 8601" in err and "UTC" in err
    code, _, err = aegir(hosting, capsys, "site", "restore", DOMAIN, "--at", "1999-01-01")
    assert code == 3 and "no backup at or before 1999-01-01" in err


def test_verify_reports_damage(
    hosting: Hosting, content: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = aegir(hosting, capsys, "site", "backup", DOMAIN, "--json")
    backup_id = json.loads(out)["backup"]
    part = Path(hosting.backup_store("local").describe()) / backup_id / "files.tar.zst"
    data = bytearray(part.read_bytes())
    data[-10] ^= 0xFF
    part.write_bytes(bytes(data))
    code, out, err = aegir(hosting, capsys, "backup", "verify", backup_id, "--json")
    assert code == 1 and "damaged (files.tar.zst)" in err
    result = json.loads(out)
    assert result["ok"] is False
    assert {p["name"]: p["ok"] for p in result["parts"]} == {"db.sql.zst": True, "files.tar.zst": False}
    code, _, err = aegir(hosting, capsys, "backup", "delete", backup_id)
    assert code == 2 and "--yes" in err
    code, _, _ = aegir(hosting, capsys, "backup", "delete", backup_id, "--yes")
    assert code == 0 and not part.parent.exists()
    code, _, err = aegir(hosting, capsys, "backup", "verify", backup_id)
    assert code == 3 and "no backup" in err


def test_stores_and_a_backup_into_another_store(
    hosting: Hosting, content: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = aegir(
        hosting, capsys, "backup", "store", "add", "offsite", "--dir", str(tmp_path / "offsite")
    )
    assert code == 0 and "offsite" in err
    code, _, err = aegir(hosting, capsys, "backup", "store", "add", "offsite", "--dir", str(tmp_path))
    assert code == 4 and "exists already" in err
    code, _, err = aegir(
        hosting, capsys, "backup", "store", "add", "remote", "--sftp", "sftp://backup@127.0.0.1/srv"
    )
    assert code == 2 and "--key" in err
    key = tmp_path / "id_ed25519"
    key.write_text("not read until the store is used")
    code, _, err = aegir(
        hosting,
        capsys,
        "backup",
        "store",
        "add",
        "remote",
        "--sftp",
        "sftp://backup@127.0.0.1:2222/srv/b",
        "--key",
        str(key),
    )
    assert code == 0, err
    code, out, _ = aegir(hosting, capsys, "backup", "store", "list", "--json")
    stores = {s["name"]: s for s in json.loads(out)}
    assert stores["local"]["default"] is True and stores["offsite"]["where"] == str(tmp_path / "offsite")
    assert (
        stores["remote"]["kind"] == "sftp"
        and stores["remote"]["where"] == "sftp://backup@127.0.0.1:2222/srv/b"
    )
    code, out, err = aegir(hosting, capsys, "site", "backup", DOMAIN, "--store", "offsite", "--json")
    assert code == 0, err
    made = json.loads(out)
    assert made["store"] == "offsite" and (tmp_path / "offsite" / made["backup"] / "manifest.json").is_file()
    code, _, err = aegir(hosting, capsys, "site", "backup", DOMAIN, "--store", "nowhere")
    assert code == 3 and "no backup store 'nowhere'" in err


def test_clone_from_the_command_line(
    hosting: Hosting, content: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = aegir(hosting, capsys, "site", "clone", DOMAIN, "cli-copy.test", "--json")
    assert code == 0, err
    info = json.loads(out)
    assert info["domain"] == "cli-copy.test" and info["url"].startswith("http://cli-copy.test:")
    status, body = page(hosting, "cli-copy.test", "/")
    assert status == 200 and "Command Line Site" in body and info["url"].rstrip("/") in body


def _backups_of(h: Hosting, domain: str) -> list[str]:
    return [b.id for b in h.store.list_backups(domain)]


def test_schedule_run_due_twice_at_once_and_prune(
    hosting: Hosting, content: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    install(hosting, "sched.test", "Scheduled Site")
    code, _, err = aegir(
        hosting, capsys, "backup", "schedule", "sched.test", "--every", "6h", "--keep", "last=2"
    )
    assert code == 0 and "every 6h" in err and "last=2" in err
    code, _, err = aegir(
        hosting, capsys, "backup", "schedule", "sched.test", "--every", "6x", "--keep", "last=2"
    )
    assert code == 2 and "'6x'" in err
    code, _, err = aegir(
        hosting, capsys, "backup", "schedule", "sched.test", "--every", "6h", "--keep", "daily=x"
    )
    assert code == 2 and "daily" in err
    code, out, _ = aegir(hosting, capsys, "backup", "schedules", "--json")
    [row] = [s for s in json.loads(out) if s["site"] == "sched.test"]
    assert row["every"] == "6h" and row["keep"] == "last=2" and row["last_run"] is None

    # two run-due at once: the site is backed up once
    argv = [sys.executable, "-m", "aegir", "--home", str(hosting.home), "backup", "run-due", "--json"]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [r[1].decode() for r in results]
    outcomes = [r for out, _ in results for r in json.loads(out) if r["site"] == "sched.test"]
    assert [r["outcome"] for r in outcomes].count("backed-up") == 1
    assert len(_backups_of(hosting, "sched.test")) == 1
    code, out, _ = aegir(hosting, capsys, "backup", "run-due", "--json")
    assert code == 0 and json.loads(out) == []  # not due again for 6 hours

    for _ in range(3):
        time.sleep(1.05)
        assert aegir(hosting, capsys, "site", "backup", "sched.test")[0] == 0
    every = _backups_of(hosting, "sched.test")  # newest first
    assert len(every) == 4
    code, out, _ = aegir(hosting, capsys, "backup", "prune", "--dry-run", "--json")
    planned = json.loads(out)
    assert planned["dry_run"] is True and [r["id"] for r in planned["deleted"]] == every[2:]
    assert _backups_of(hosting, "sched.test") == every
    code, out, _ = aegir(hosting, capsys, "backup", "prune", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)["deleted"]] == every[2:]
    assert _backups_of(hosting, "sched.test") == every[:2]
    store = hosting.backup_store("local")
    assert {b.id for b in store.list_backups()} >= set(every[:2]) and not set(every[2:]) & {
        e.id for e in store.entries()
    }
    code, _, err = aegir(hosting, capsys, "backup", "prune", "cli.test")
    assert code == 3 and "no backup schedule" in err  # no policy: every backup is kept


def test_codebase_backups_tree_and_git(
    hosting: Hosting, content: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = aegir(hosting, capsys, "codebase", "backup", "wp", "--json")
    assert code == 0, err
    tree = json.loads(out)
    assert tree["parts"] == ["files.tar.zst"]
    manifest = BackupReader(hosting.backup_store("local"), tree["backup"]).verify()
    assert manifest.subject.kind == "codebase" and manifest.subject.app == "wordpress"
    assert manifest.part("files.tar.zst").content_size > 10_000_000  # the whole WordPress tree

    source = (REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4").resolve()
    repo = tmp_path / "ilf"
    shutil.copytree(source, repo)
    git = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "the codebase"], check=True)
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert aegir(hosting, capsys, "codebase", "add", "ilf", "--path", str(repo))[0] == 0
    code, out, err = aegir(hosting, capsys, "codebase", "backup", "ilf", "--json")
    assert code == 0, err
    kept = json.loads(out)
    assert sorted(kept["parts"]) == ["composer.json", "composer.lock", "git-commit"]
    reader = BackupReader(hosting.backup_store("local"), kept["backup"])
    assert reader.verify().subject.extra["git_commit"] == commit
    with reader.open_part("git-commit") as stream:
        assert stream.read().decode().strip() == commit
    with reader.open_part("composer.lock") as stream:
        assert stream.read() == (repo / "composer.lock").read_bytes()
    code, out, _ = aegir(hosting, capsys, "codebase", "backup", "ilf", "--tree", "--json")
    assert json.loads(out)["parts"] == ["files.tar.zst"]
    code, out, _ = aegir(hosting, capsys, "backup", "list", "ilf", "--json")
    assert [r["kind"] for r in json.loads(out)] == ["codebase", "codebase"]


def test_a_failed_scheduled_backup_is_reported_and_stays_due(
    hosting: Hosting, content: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    from aegir.core.operations import backups

    install(hosting, "fail.test", "Failing Site")
    site = hosting.store.get_site("fail.test")
    hosting.store.save_site(attrs.evolve(site, backup_store="gone"))  # a store nobody configured
    assert (
        aegir(hosting, capsys, "backup", "schedule", "fail.test", "--every", "1d", "--keep", "daily=3")[0]
        == 0
    )
    code, out, _ = aegir(hosting, capsys, "backup", "run-due", "--json")
    assert code == 1
    [failed] = [r for r in json.loads(out) if r["site"] == "fail.test"]
    assert failed["outcome"] == "failed" and "no backup store 'gone'" in failed["error"]
    [info] = [s for s in backups.schedules(hosting) if s.site == "fail.test"]
    assert info.next_due is not None and info.next_due <= datetime.now(UTC)  # tried again next time
    hosting.store.save_site(site)
    code, out, _ = aegir(hosting, capsys, "backup", "run-due", "--json")
    assert code == 0 and [r["outcome"] for r in json.loads(out) if r["site"] == "fail.test"] == ["backed-up"]
