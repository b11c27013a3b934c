"""The day a report carries: the operator's day where the operator is (a publication made in Hà Nội at 02:15 on
4 December says 04/12, not the UTC day before), and with SOURCE_DATE_EPOCH the day of that instant there, so that
a reproducible build stays reproducible."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ranking.errors import DataError, Problem
from ranking.tables import source_date

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"
ZONE_VARIABLE = "DTI_TZ"
# Việt Nam has kept UTC+7 since 1975: the default zone where the system has no time-zone database (Windows
# without the tzdata package).
_VIETNAM = timezone(timedelta(hours=7), "ICT")


def zone_problems() -> list[Problem]:
    """DTI_TZ when it names no time zone (checked before any work, with the other options)."""
    name = os.environ.get(ZONE_VARIABLE, "")
    if not name:
        return []
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return [Problem(ZONE_VARIABLE, "bad_timezone", {"found": name, "accepted": DEFAULT_ZONE})]
    return []


def report_zone() -> tzinfo:
    """DTI_TZ (an IANA name such as Asia/Bangkok), else Asia/Ho_Chi_Minh."""
    if problems := zone_problems():
        raise DataError(problems)
    try:
        return ZoneInfo(os.environ.get(ZONE_VARIABLE) or DEFAULT_ZONE)
    except ZoneInfoNotFoundError:
        return _VIETNAM


def report_day(now: datetime | None = None) -> date:
    """The day in the report zone of SOURCE_DATE_EPOCH when it is set, else of `now` (default: this instant)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        now = source_date().replace(tzinfo=UTC)
    return (now or datetime.now(UTC)).astimezone(report_zone()).date()


def report_date(now: datetime | None = None) -> datetime:
    """report_day at 00:00: a day and not a clock time, so that a re-run the same day gives the same HTML (and
    reuses the render cache)."""
    return datetime.combine(report_day(now), datetime.min.time())
