"""A person's deadlines as an iCalendar feed (RFC 5545, written by the icalendar library)."""

from __future__ import annotations

import datetime
from typing import Any

from icalendar import Calendar, Event

from .deadlines_of import for_user
from .outbox import absolute


def ics(user: Any) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//European Commission AI Office//GPAI Cases//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "GPAI Cases deadlines")
    stamp = datetime.datetime.now(tz=datetime.UTC)
    for deadline in for_user(user):
        event = Event()
        event.add("uid", f"{deadline.uid}@gpai-cases")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)  # all day: the period ends at the end of this day
        event.add("dtend", deadline.date + datetime.timedelta(days=1))
        event.add("summary", deadline.title)
        event.add("description", f"{deadline.rule}\n{absolute(deadline.link)}".strip())
        event.add("url", absolute(deadline.link))
        calendar.add_component(event)
    return calendar.to_ical()
