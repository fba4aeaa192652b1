"""Command-line conventions: --help on every command, one-line errors with meaningful exit codes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from aegir.cli import build_parser, main


def _all_command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    paths.append([*prefix, name])
                    walk(child, [*prefix, name])

    walk(build_parser(), [])
    return paths


COMMANDS = _all_command_paths()


def test_the_command_tree_is_complete() -> None:
    flat = {" ".join(p) for p in COMMANDS}
    for expected in ("codebase scan", "codebase add", "site install", "task list", "plugins", "package where"):
        assert expected in flat


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_help_everywhere(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: aegir " + " ".join(path))


def test_errors_are_one_line_without_traceback(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "site", "show", "missing.example"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 3
    assert result.stderr.strip() == "error: no site 'missing.example' (see 'aegir site list')"
    assert "Traceback" not in result.stderr


def test_bad_domain_is_named(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "site", "install", "bad;rm -rf /.example", "--codebase", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: invalid domain 'bad;rm -rf /.example'")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "--debug", "site", "show", "missing.example"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "NotFoundError" in result.stderr


def test_json_lists_are_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in (["site", "list"], ["codebase", "list"], ["task", "list"]):
        assert main([*path, "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == []


def test_codebase_scan_json_is_the_documented_contract(realdata: Path) -> None:
    """The keys scripts rely on, and every package of the lock, dev flags included."""
    project = realdata / "drupal-projects" / "d10.6-drupal-recommended-project-10.6.15"
    result = subprocess.run(
        [sys.executable, "-m", "aegir", "codebase", "scan", "--json", str(project)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    assert {"app", "app_version", "docroot", "packages", "extensions", "profiles", "warnings"} <= set(data)
    lock = json.loads((project / "composer.lock").read_text())
    expected = {(p["name"], p["version"], False) for p in lock["packages"]}
    expected |= {(p["name"], p["version"], True) for p in lock.get("packages-dev", [])}
    assert {(p["name"], p["version"], p["dev"]) for p in data["packages"]} == expected
    assert data["app"] == "drupal" and data["app_version"] == "10.6.15"
    assert all(set(p) == {"name", "version", "type", "dev"} for p in data["packages"])


def test_parallel_cli_invocations_share_one_home(home: Path, realdata: Path) -> None:
    """Several `aegir codebase add` processes at once on one home: every codebase lands, intact."""
    projects = sorted(p for p in (realdata / "drupal-projects").iterdir() if (p / "composer.lock").is_file())[:6]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "aegir", "codebase", "add", f"cb{i}", "--path", str(p)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i, p in enumerate(projects)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    listed = json.loads(
        subprocess.run(
            [sys.executable, "-m", "aegir", "codebase", "list", "--json"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert sorted(c["name"] for c in listed) == [f"cb{i}" for i in range(len(projects))]
    assert all(c["scan"]["packages"] for c in listed)
    import sqlite3

    con = sqlite3.connect(home / "inventory.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
