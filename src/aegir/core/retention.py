"""Backup schedules and retention: ``--every 6h`` and ``--keep hourly=24,daily=7,weekly=4,monthly=12``.

Retention follows restic's ``forget`` semantics (close to Borg's ``prune``): each rule on its own
keeps the newest backup of each of the last N hours / days / ISO weeks / months / years *that have
a backup*; ``last=N`` keeps the N newest; ``within=2d`` keeps everything younger than that. A
backup is kept if any rule keeps it, and the newest backup is always kept. Periods are calendar
periods in UTC unless a time zone is given. Everything here is pure: no clock, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from attrs import field, frozen

from aegir.core.errors import ValidationError

__all__ = [
    "KeepPolicy",
    "Schedule",
    "due",
    "format_every",
    "newest_at",
    "next_due",
    "parse_every",
    "parse_keep",
    "select_to_keep",
]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_EVERY = re.compile(r"(\d{1,7})([smhdw])")
#: the longest interval a schedule accepts (a year): anything longer is a typo
MAX_EVERY = timedelta(days=366)
#: counts above this are refused as typos (a count of a million hourly backups is 114 years)
MAX_COUNT = 100_000
_RULES = ("last", "hourly", "daily", "weekly", "monthly", "yearly")


def parse_every(text: str) -> timedelta:
    """An interval such as ``6h``, ``30m``, ``1d``, ``2w`` or ``1h30m`` (units s, m, h, d, w)."""
    if not isinstance(text, str):
        raise ValidationError(f"invalid interval {text!r}: expected text such as '6h'")
    compact = text.strip().lower()
    pos = 0
    seconds = 0
    for match in _EVERY.finditer(compact):
        if match.start() != pos:
            break
        seconds += int(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if not compact or pos != len(compact):
        raise ValidationError(
            f"invalid interval {text!r}: use a number and a unit s, m, h, d or w, e.g. '6h' or '1h30m'"
        )
    every = timedelta(seconds=seconds)
    if every <= timedelta(0) or every > MAX_EVERY:
        raise ValidationError(f"invalid interval {text!r}: must be more than 0 and at most 366 days")
    return every


def format_every(every: timedelta) -> str:
    """The shortest text :func:`parse_every` reads back as ``every``."""
    seconds = int(every.total_seconds())
    out = []
    for unit in ("w", "d", "h", "m", "s"):
        n, seconds = divmod(seconds, _UNITS[unit])
        if n:
            out.append(f"{n}{unit}")
    return "".join(out) or "0s"


def _count(_inst: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
        raise ValidationError(
            f"invalid keep {attribute.name}={value!r}: must be a whole number from 0 to {MAX_COUNT}"
        )


def _within(_inst: object, _attribute: Any, value: Any) -> None:
    if value is not None and (not isinstance(value, timedelta) or value <= timedelta(0)):
        raise ValidationError(f"invalid keep within={value!r}: must be a positive interval")


@frozen
class KeepPolicy:
    """How many backups to keep, rule by rule (0: the rule keeps nothing)."""

    last: int = field(default=0, validator=_count)
    hourly: int = field(default=0, validator=_count)
    daily: int = field(default=0, validator=_count)
    weekly: int = field(default=0, validator=_count)
    monthly: int = field(default=0, validator=_count)
    yearly: int = field(default=0, validator=_count)
    within: timedelta | None = field(default=None, validator=_within)

    @property
    def total(self) -> int:
        """The most backups the counted rules can keep (``within`` aside)."""
        return self.last + self.hourly + self.daily + self.weekly + self.monthly + self.yearly

    def __str__(self) -> str:
        parts = [f"{rule}={getattr(self, rule)}" for rule in _RULES if getattr(self, rule)]
        if self.within is not None:
            parts.append(f"within={format_every(self.within)}")
        return ",".join(parts) or "last=1"


def parse_keep(text: str) -> KeepPolicy:
    """A policy such as ``hourly=24,daily=7,weekly=4,monthly=12`` (also ``last``, ``yearly``,
    ``within=2d``). Each rule at most once."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(f"invalid keep policy {text!r}: expected e.g. 'daily=7,weekly=4'")
    values: dict[str, Any] = {}
    for item in text.split(","):
        key, sep, raw = item.strip().partition("=")
        key = key.strip().lower()
        if not sep or key not in (*_RULES, "within"):
            raise ValidationError(
                f"invalid keep rule {item.strip()!r} in {text!r}: use {', '.join(_RULES)} or within, "
                "as rule=N (within=2d)"
            )
        if key in values:
            raise ValidationError(f"invalid keep policy {text!r}: {key} is given twice")
        raw = raw.strip()
        if key == "within":
            values[key] = parse_every(raw)
        elif not raw.isascii() or not raw.isdigit() or len(raw) > 7:
            raise ValidationError(f"invalid keep {key}={raw!r}: must be a whole number")
        else:
            values[key] = int(raw)
    return KeepPolicy(**values)


@frozen
class Schedule:
    """A site's backup schedule: how often, and what to keep."""

    every: timedelta
    keep: KeepPolicy

    @classmethod
    def parse(cls, every: str, keep: str) -> Schedule:
        return cls(parse_every(every), parse_keep(keep))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def due(schedule: Schedule | timedelta, last_run: datetime | None, now: datetime) -> bool:
    """Whether a backup is due: never run, or at least one interval since the last one started."""
    return last_run is None or _utc(now) >= next_due(schedule, last_run)


def next_due(schedule: Schedule | timedelta, last_run: datetime) -> datetime:
    every = schedule.every if isinstance(schedule, Schedule) else schedule
    return _utc(last_run) + every


def _period_keys(tz: tzinfo) -> dict[str, Callable[[datetime], tuple[int, ...]]]:
    def local(d: datetime) -> datetime:
        return _utc(d).astimezone(tz)

    return {
        "hourly": lambda d: (local(d).year, local(d).month, local(d).day, local(d).hour),
        "daily": lambda d: (local(d).year, local(d).month, local(d).day),
        "weekly": lambda d: tuple(local(d).isocalendar()[:2]),
        "monthly": lambda d: (local(d).year, local(d).month),
        "yearly": lambda d: (local(d).year,),
    }


def select_to_keep(
    backups: Iterable[tuple[str, datetime]],
    policy: KeepPolicy,
    now: datetime,
    *,
    tz: tzinfo = UTC,
) -> set[str]:
    """The ids to keep among ``(id, created)`` pairs; everything else may be deleted.

    Each period rule walks the backups from newest to oldest and keeps the first (newest) one it
    meets in each new period, until it has kept its count. ``within`` keeps every backup created
    at most that long before ``now``. The newest backup is always kept. Naive times are UTC.
    """
    ordered: Sequence[tuple[str, datetime]] = sorted(
        ((bid, _utc(created)) for bid, created in backups), key=lambda b: (b[1], b[0]), reverse=True
    )
    if not ordered:
        return set()
    keep = {ordered[0][0]}
    keep.update(bid for bid, _ in ordered[: policy.last])
    for rule, key in _period_keys(tz).items():
        count = getattr(policy, rule)
        if not count:
            continue
        seen: set[tuple[int, ...]] = set()
        for bid, created in ordered:
            period = key(created)
            if period in seen:
                continue
            seen.add(period)
            keep.add(bid)
            if len(seen) == count:
                break
    if policy.within is not None:
        horizon = _utc(now) - policy.within
        keep.update(bid for bid, created in ordered if created >= horizon)
    return keep


def newest_at(backups: Iterable[tuple[str, datetime]], at: datetime) -> str | None:
    """The id of the newest backup created at or before ``at`` (``restore --at``), or None."""
    moment = _utc(at)
    eligible = [(_utc(created), bid) for bid, created in backups if _utc(created) <= moment]
    return max(eligible)[1] if eligible else None
