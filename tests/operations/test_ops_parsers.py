"""What the backup operations read from people: ``--at`` times, ``--sftp`` URLs, keep policies as
stored, and the steps as journaled. Hostile, truncated and binary input gives only Aegir errors."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.cli import cmd_backup
from aegir.core.backup_steps import (
    BackupCodebase,
    BackupSite,
    DeleteBackup,
    LoadDatabase,
    RestoreFiles,
    RestoreSite,
    VerifyBackup,
)
from aegir.core.errors import AegirError, ValidationError
from aegir.core.operations import backups
from aegir.core.plugins import Plugins
from aegir.core.retention import parse_keep
from aegir.core.steps import Step


@given(st.text(max_size=60))
def test_parse_at_gives_an_aware_time_or_a_validation_error(text: str) -> None:
    try:
        moment = backups.parse_at(text)
    except ValidationError as e:
        assert "ISO 8601" in str(e)
    else:
        assert moment.tzinfo is not None


@given(st.datetimes(timezones=st.just(UTC) | st.none()))
def test_parse_at_reads_back_what_isoformat_writes(moment: datetime) -> None:
    expected = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    assert backups.parse_at(moment.isoformat()) == expected


@given(st.text(max_size=80), st.none() | st.text(max_size=20))
def test_sftp_urls_are_read_or_refused(url: str, key: str | None) -> None:
    try:
        config = cmd_backup._sftp_config(url, key, None)
    except AegirError:
        return
    assert config["kind"] == "sftp" and config["path"].startswith("/") and config["host"]
    assert config["port"].isdigit() and key


def test_a_typical_sftp_url() -> None:
    config = cmd_backup._sftp_config("sftp://backup@files.example:2222/srv/aegir", "/root/.ssh/id", None)
    assert config == {
        "kind": "sftp",
        "host": "files.example",
        "port": "2222",
        "user": "backup",
        "path": "/srv/aegir",
        "key": "/root/.ssh/id",
    }
    for bad in ("files.example:/srv", "sftp://files.example", "sftp://files.example:99999/x", "ftp://h/x"):
        with pytest.raises(ValidationError):
            cmd_backup._sftp_config(bad, "/k", None)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            rule: st.integers(min_value=1, max_value=1000)
            for rule in ("last", "hourly", "daily", "weekly", "monthly", "yearly")
        },
    ),
    st.none() | st.integers(min_value=1, max_value=10**6),
)
def test_keep_policies_survive_the_inventory(counts: dict[str, int], within: int | None) -> None:
    text = ",".join(f"{k}={v}" for k, v in counts.items())
    if within is not None:
        text = f"{text},within={within}s" if text else f"within={within}s"
    if not text:
        return
    policy = parse_keep(text)
    stored = backups._keep_data(policy)
    assert backups._keep_policy(stored) == policy
    assert (policy.within is None) == (within is None) and (
        within is None or policy.within == timedelta(seconds=within)
    )


STEPS: list[Step] = [
    BackupSite(
        "local",
        "a.example-20250101-000000-abcdef",
        "a.example",
        "web1",
        "/srv/sites/a.example",
        paths=("files", "private"),
        db_server="web1",
        db_name="s_a_example_12345678",
        schema_sql="SELECT 1;",
        facts={"url": "http://a.example/"},
    ),
    BackupCodebase("local", "codebase_wp-20250101-000000-abcdef", "wp", "", "/srv/wp", full_tree=True),
    DeleteBackup("offsite", "a.example-20250101-000000-abcdef"),
    VerifyBackup("offsite", "a.example-20250101-000000-abcdef"),
    LoadDatabase("local", "b-1", "web1", "s_b"),
    RestoreFiles("local", "b-1", "web1", "/srv/sites/b_r1", web_dirs=("/srv/sites/b_r1/files",)),
    RestoreSite(RestoreFiles("local", "b-1", "web1", "/x"), LoadDatabase("local", "b-1", "web1", "s_b")),
    RestoreSite(RestoreFiles("local", "b-1", "web1", "/x")),
]


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.kind)
def test_steps_round_trip_through_the_journal(step: Step) -> None:
    registry = Plugins(autoload=False).steps
    assert registry.from_data(registry.to_data(step)) == step
    assert step.describe()
    inverse = step.inverse()
    if inverse is not None:  # inverses journal too, and are safe to repeat
        assert registry.from_data(registry.to_data(inverse)) == inverse
        assert type(inverse).resumable


def test_the_cli_parser_takes_the_documented_options() -> None:
    from aegir.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["site", "restore", "a.example", "--at", "2025-01-31T14:00"])
    assert args.at == "2025-01-31T14:00" and args.backup is None
    args = parser.parse_args(["site", "clone", "a.example", "b.example", "--from-backup", "x-1"])
    assert args.from_backup == "x-1"
    args = parser.parse_args(["backup", "schedule", "a.example", "--every", "6h", "--keep", "daily=7"])
    assert (args.every, args.keep) == ("6h", "daily=7")
    with pytest.raises(SystemExit):
        parser.parse_args(["site", "restore", "a.example", "--backup", "x", "--at", "2025-01-01"])
    assert isinstance(args, argparse.Namespace)
