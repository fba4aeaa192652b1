"""Schedules and retention: parsers, restic/Borg-like keep rules, and their properties."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aegir.core.errors import ValidationError
from aegir.core.retention import (
    KeepPolicy,
    Schedule,
    due,
    format_every,
    newest_at,
    next_due,
    parse_every,
    parse_keep,
    select_to_keep,
)

NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)


# -- parsers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6h", timedelta(hours=6)),
        ("30m", timedelta(minutes=30)),
        ("45s", timedelta(seconds=45)),
        ("1d", timedelta(days=1)),
        ("2w", timedelta(weeks=2)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        (" 12H ", timedelta(hours=12)),
    ],
)
def test_parse_every(text: str, expected: timedelta) -> None:
    assert parse_every(text) == expected


@pytest.mark.parametrize("text", ["", "6", "h", "0h", "6x", "-1h", "6 h", "1h 30m", "400d", "1.5h", "6h!"])
def test_parse_every_refuses(text: str) -> None:
    with pytest.raises(ValidationError, match="interval"):
        parse_every(text)


@given(st.text(max_size=30) | st.binary(max_size=10) | st.integers())
def test_parse_every_on_anything_raises_only_validation_errors(value: object) -> None:
    with contextlib.suppress(ValidationError):
        every = parse_every(value)  # type: ignore[arg-type]
        assert timedelta(0) < every <= timedelta(days=366)


@given(st.integers(min_value=1, max_value=366 * 86400))
def test_format_every_round_trips(seconds: int) -> None:
    every = timedelta(seconds=seconds)
    assert parse_every(format_every(every)) == every


def test_parse_keep() -> None:
    policy = parse_keep("hourly=24,daily=7,weekly=4,monthly=12")
    assert policy == KeepPolicy(hourly=24, daily=7, weekly=4, monthly=12)
    assert policy.total == 47
    assert parse_keep(" last=3 , yearly=2,within=2d") == KeepPolicy(
        last=3, yearly=2, within=timedelta(days=2)
    )
    assert str(policy) == "hourly=24,daily=7,weekly=4,monthly=12"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "keep policy"),
        ("daily", "keep rule"),
        ("daily=7,daily=3", "twice"),
        ("fortnightly=2", "keep rule"),
        ("daily=-1", "whole number"),
        ("daily=seven", "whole number"),
        ("daily=٣", "whole number"),
        ("daily=99999999", "whole number"),
        ("within=forever", "interval"),
    ],
)
def test_parse_keep_refuses(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_keep(text)


@given(st.text(max_size=60))
def test_parse_keep_on_any_text_raises_only_validation_errors(text: str) -> None:
    with contextlib.suppress(ValidationError):
        policy = parse_keep(text)
        assert parse_keep(str(policy)) == policy or policy == KeepPolicy()


_policies = st.builds(
    KeepPolicy,
    last=st.integers(0, 5),
    hourly=st.integers(0, 6),
    daily=st.integers(0, 6),
    weekly=st.integers(0, 4),
    monthly=st.integers(0, 4),
    yearly=st.integers(0, 2),
)


@given(_policies)
def test_policy_text_round_trips(policy: KeepPolicy) -> None:
    if policy.total:
        assert parse_keep(str(policy)) == policy


# -- schedules -----------------------------------------------------------------------------------


def test_due() -> None:
    schedule = Schedule.parse("6h", "daily=7")
    assert due(schedule, None, NOW)
    assert not due(schedule, NOW - timedelta(hours=5, minutes=59), NOW)
    assert due(schedule, NOW - timedelta(hours=6), NOW)
    assert next_due(schedule, NOW) == NOW + timedelta(hours=6)
    # Naive times are UTC.
    assert due(timedelta(hours=1), datetime(2024, 6, 15, 10, 0), NOW)


# -- retention -----------------------------------------------------------------------------------


def _every(hours: float, count: int, end: datetime = NOW) -> list[tuple[str, datetime]]:
    return [(f"b{i:04d}", end - timedelta(hours=hours * i)) for i in range(count)]


def test_daily_keeps_the_newest_backup_of_each_of_the_last_days() -> None:
    backups = _every(6, 40)  # four a day for ten days
    keep = select_to_keep(backups, KeepPolicy(daily=3), NOW)
    # 12:00 today, then the newest of yesterday (18:00) and of the day before (18:00).
    assert sorted(dict(backups)[b] for b in keep) == [
        datetime(2024, 6, 13, 18, 0, tzinfo=UTC),
        datetime(2024, 6, 14, 18, 0, tzinfo=UTC),
        NOW,
    ]


def test_days_without_backups_do_not_use_up_the_count() -> None:
    backups = [("new", NOW), ("week-ago", NOW - timedelta(days=7)), ("month-ago", NOW - timedelta(days=30))]
    assert select_to_keep(backups, KeepPolicy(daily=3), NOW) == {"new", "week-ago", "month-ago"}


def test_weekly_uses_iso_weeks_and_monthly_calendar_months() -> None:
    # 2024-06-15 is a Saturday of ISO week 24; 2024-06-10 the Monday of it; 2024-06-09 a Sunday of week 23.
    backups = [
        ("sat", NOW),
        ("mon", datetime(2024, 6, 10, 1, tzinfo=UTC)),
        ("sun", datetime(2024, 6, 9, 23, tzinfo=UTC)),
        ("may", datetime(2024, 5, 31, 23, tzinfo=UTC)),
    ]
    assert select_to_keep(backups, KeepPolicy(weekly=2), NOW) == {"sat", "sun"}
    assert select_to_keep(backups, KeepPolicy(monthly=2), NOW) == {"sat", "may"}


def test_last_within_and_the_newest_always() -> None:
    backups = _every(1, 10)
    assert select_to_keep(backups, KeepPolicy(last=3), NOW) == {"b0000", "b0001", "b0002"}
    assert select_to_keep(backups, KeepPolicy(), NOW) == {"b0000"}
    kept = select_to_keep(backups, KeepPolicy(within=timedelta(hours=2, minutes=30)), NOW)
    assert kept == {"b0000", "b0001", "b0002"}
    assert select_to_keep([], KeepPolicy(daily=7), NOW) == set()


def test_periods_follow_the_given_time_zone() -> None:
    # 23:30 and 00:30 UTC are the same day in UTC-2, different days in UTC.
    backups = [
        ("late", datetime(2024, 6, 15, 0, 30, tzinfo=UTC)),
        ("early", datetime(2024, 6, 14, 23, 30, tzinfo=UTC)),
    ]
    assert select_to_keep(backups, KeepPolicy(daily=2), NOW) == {"late", "early"}
    assert select_to_keep(backups, KeepPolicy(daily=2), NOW, tz=timezone(timedelta(hours=-2))) == {"late"}


def test_newest_at() -> None:
    backups = _every(6, 5)
    assert newest_at(backups, NOW) == "b0000"
    assert newest_at(backups, NOW - timedelta(hours=7)) == "b0002"
    assert newest_at(backups, NOW - timedelta(hours=6)) == "b0001"
    assert newest_at(backups, NOW - timedelta(days=30)) is None


_times = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2024, 6, 15),
    timezones=st.just(UTC),
)
_backups = st.lists(_times, max_size=40).map(lambda ts: [(f"b{i}", t) for i, t in enumerate(ts)])


@given(_backups, _policies)
def test_never_deletes_the_newest(backups: list[tuple[str, datetime]], policy: KeepPolicy) -> None:
    keep = select_to_keep(backups, policy, NOW)
    if backups:
        newest = max(backups, key=lambda b: (b[1], b[0]))[0]
        assert newest in keep
    assert keep <= {b for b, _ in backups}


@given(_backups, _policies)
def test_keeps_at_most_the_sum_of_the_counts(backups: list[tuple[str, datetime]], policy: KeepPolicy) -> None:
    assert len(select_to_keep(backups, policy, NOW)) <= max(1, policy.total)


@given(_backups, _policies)
def test_applying_twice_is_applying_once(backups: list[tuple[str, datetime]], policy: KeepPolicy) -> None:
    once = select_to_keep(backups, policy, NOW)
    twice = select_to_keep([b for b in backups if b[0] in once], policy, NOW)
    assert twice == once


@given(
    _backups,
    _policies,
    st.sampled_from(["last", "hourly", "daily", "weekly", "monthly", "yearly"]),
    st.integers(1, 3),
)
def test_more_to_keep_never_keeps_less(
    backups: list[tuple[str, datetime]], policy: KeepPolicy, rule: str, extra: int
) -> None:
    import attrs

    bigger = attrs.evolve(policy, **{rule: getattr(policy, rule) + extra})
    assert select_to_keep(backups, policy, NOW) <= select_to_keep(backups, bigger, NOW)


@given(_backups, _policies, st.randoms())
def test_the_order_of_the_input_does_not_matter(
    backups: list[tuple[str, datetime]], policy: KeepPolicy, rnd: object
) -> None:
    shuffled = list(backups)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert select_to_keep(shuffled, policy, NOW) == select_to_keep(backups, policy, NOW)
