"""Whether a date is a working day in mainland China: weekends, 法定节假日 and 调休."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..i18n import N_, _

WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
            N_("Saturday"), N_("Sunday"))
# chinese_calendar's holiday names
HOLIDAYS = {"New Year's Day": N_("New Year's Day"), "Spring Festival": N_("Spring Festival"),
            "Tomb-sweeping Day": N_("Tomb-sweeping Day"), "Labour Day": N_("Labour Day"),
            "Dragon Boat Festival": N_("Dragon Boat Festival"), "National Day": N_("National Day"),
            "Mid-autumn Festival": N_("Mid-autumn Festival"),
            "Anti-Fascist 70th Day": N_("Anti-Fascist 70th Day")}


def day_off(date: dt.date) -> Optional[str]:
    """Why ``date`` is not a working day (“weekend”, “public holiday: National Day”), or None
    when it is one, a 调休 Saturday or Sunday included. A year the calendar does not know yet
    is judged by the weekday alone, and the reason says so."""
    try:
        import chinese_calendar
        on_holiday, name = chinese_calendar.get_holiday_detail(date)
    except (ImportError, NotImplementedError):
        if date.weekday() >= 5:
            return _("weekend; the public holidays of {year} are not known yet").format(
                year=date.year)
        return None
    if not on_holiday:
        return None
    if not name:
        return _("weekend")
    return _("public holiday: {name}").format(name=_(HOLIDAYS[name]) if name in HOLIDAYS else name)


def describe(date: dt.date) -> str:
    """The weekday, with a warning when the date is not a working day; a 调休 working
    Saturday or Sunday says so."""
    weekday = _(WEEKDAYS[date.weekday()])
    reason = day_off(date)
    if reason:
        return _("{weekday}; warning: not a working day ({reason})").format(weekday=weekday,
                                                                            reason=reason)
    if date.weekday() >= 5:
        return _("{weekday}, a 调休 working day").format(weekday=weekday)
    return weekday
