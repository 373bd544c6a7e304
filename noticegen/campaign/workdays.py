"""Whether a date is a working day in mainland China: weekends, 法定节假日 and 调休."""
from __future__ import annotations

import datetime as dt
from typing import Optional

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_off(date: dt.date) -> Optional[str]:
    """Why ``date`` is not a working day (“weekend”, “public holiday: National Day”), or None
    when it is one, a 调休 Saturday or Sunday included. A year the calendar does not know yet
    is judged by the weekday alone, and the reason says so."""
    try:
        import chinese_calendar
        on_holiday, name = chinese_calendar.get_holiday_detail(date)
    except (ImportError, NotImplementedError):
        if date.weekday() >= 5:
            return f"weekend; the public holidays of {date.year} are not known yet"
        return None
    if not on_holiday:
        return None
    return f"public holiday: {name}" if name else "weekend"


def describe(date: dt.date) -> str:
    """The weekday, with a warning when the date is not a working day; a 调休 working
    Saturday or Sunday says so."""
    weekday = WEEKDAYS[date.weekday()]
    reason = day_off(date)
    if reason:
        return f"{weekday}; warning: not a working day ({reason})"
    if date.weekday() >= 5:
        return f"{weekday}, a 调休 working day"
    return weekday
