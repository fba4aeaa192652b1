"""`aegir codebase add`: in place, copied (following links), cloned with git, with composer install;
a failed fetch leaves nothing behind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

WORDPRESS = Path("/usr/share/wordpress")


def _aegir(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aegir", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def server(home: Path) -> str:
    result = _aegir("server", "add", "s1", "--no-db", "--no-web")
    assert result.returncode == 0, result.stderr
    return "s1"


@pytest.fixture
def wp_repo(tmp_path: Path) -> Path:
    """A git repository holding a WordPress tree and a composer.json that requires nothing."""
    repo = tmp_path / "repo"
    shutil.copytree(WORDPRESS, repo, symlinks=False)
    (repo / "composer.json").write_text(json.dumps({"name": "aegir/site-code", "require": {}}))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-q", "-m", "code"], check=True)
    subprocess.run([*git, "-C", str(repo), "tag", "v1"], check=True)
    return repo


def test_git_clone_with_composer_install(home: Path, server: str, wp_repo: Path) -> None:
    result = _aegir("codebase", "add", "wpgit", "--git", f"file://{wp_repo}", "--ref", "v1", "--json")
    assert result.returncode == 0, result.stderr
    codebase = json.loads(result.stdout)
    root = Path(codebase["root"])
    assert codebase["app"] == "wordpress" and codebase["git_ref"] == "v1"
    assert root.is_relative_to(home) and (root / ".git").is_dir()
    assert (root / "vendor" / "autoload.php").is_file(), "composer install --no-dev ran"
    shown = json.loads(_aegir("codebase", "show", "wpgit", "--json").stdout)
    assert shown["scan"]["app_version"] == codebase["scan"]["app_version"]


def test_copy_follows_links(home: Path, server: str) -> None:
    result = _aegir("codebase", "add", "wpcopy", "--copy-from", str(WORDPRESS), "--json")
    assert result.returncode == 0, result.stderr
    root = Path(json.loads(result.stdout)["root"])
    links = [p for p in root.rglob("*") if p.is_symlink()]
    assert links == [], "links in Debian's tree are copied as the files they point to"
    assert (root / "wp-includes" / "version.php").is_file()


def test_a_failed_clone_leaves_nothing(home: Path, server: str, wp_repo: Path) -> None:
    result = _aegir("codebase", "add", "bad", "--git", f"file://{wp_repo}", "--ref", "no-such-tag")
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: codebase-add of codebase:bad failed") and "no-such-tag" in last
    assert "Traceback" not in result.stderr
    assert json.loads(_aegir("codebase", "list", "--json").stdout) == []
    assert not list(home.glob("servers/s1/codebases/bad"))


@pytest.mark.parametrize("url", ["http://example.com/x; rm -rf /", "--upload-pack=evil", "ftp://x/y"])
def test_hostile_git_urls_are_refused_by_name(home: Path, server: str, url: str) -> None:
    result = _aegir("codebase", "add", "evil", f"--git={url}")
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: invalid git URL {url!r}"
