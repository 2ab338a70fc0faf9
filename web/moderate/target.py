"""The same-working-day target: when each queued item is due, and how it stands against that."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.notices import working_days_between

LOCAL = ZoneInfo("Europe/Brussels")
DAY_ENDS = time(17, 0)  # the redactie's working day ends here (local time)


def aware(when: datetime) -> datetime:
    """Read a naive datetime as UTC."""
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def start_of_day(now: datetime) -> datetime:
    """Midnight of `now`'s day in Flanders, in UTC: where "today" starts for a moderator."""
    local = aware(now).astimezone(LOCAL)
    return datetime.combine(local.date(), time(0, 0), tzinfo=LOCAL).astimezone(UTC)


def due_at(submitted_at: datetime) -> datetime:
    """End of the working day the item arrived on; after hours or in the weekend, the next one."""
    local = aware(submitted_at).astimezone(LOCAL)
    day = local.date()
    if local.time() >= DAY_ENDS:
        day += timedelta(days=1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += timedelta(days=1)
    return datetime.combine(day, DAY_ENDS, tzinfo=LOCAL).astimezone(UTC)


@dataclass(frozen=True)
class TargetStatus:
    """An item's age and where it stands against its target."""

    age_hours: int
    late: bool
    hours_left: int  # negative once late
    working_days_old: int = 0

    @property
    def age_words(self) -> str:
        """The age as a moderator thinks of it: hours today, working days after that."""
        if self.age_hours < 24 or self.working_days_old == 0:
            return f"{self.age_hours} uur oud"
        days = self.working_days_old
        return f"{days} werkdag{'en' if days != 1 else ''} oud"

    @property
    def words(self) -> str:
        """Dutch, for the queue."""
        if self.late and self.working_days_old > 1:
            return "doel overschreden"
        if self.late:
            return f"doel overschreden ({-self.hours_left} uur te laat)"
        if self.hours_left < 1:
            return "vandaag af te werken (minder dan een uur)"
        return f"nog {self.hours_left} uur binnen het doel"


def target_status(submitted_at: datetime, now: datetime) -> TargetStatus:
    """How `submitted_at` stands at `now` against the same-working-day target."""
    submitted, now = aware(submitted_at), aware(now)
    left = (due_at(submitted) - now).total_seconds() / 3600
    return TargetStatus(
        age_hours=int((now - submitted).total_seconds() // 3600),
        late=left < 0,
        hours_left=int(left) if left >= 0 else -int(-left) or -1,
        working_days_old=working_days_between(submitted, now),
    )
