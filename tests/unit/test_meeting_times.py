"""When a meeting ended: the moment the officer finishes it, only when that is the day it began.

The rule as written (`Record.finish`): a meeting held as planned on an
earlier day and written up later did not end at the write-up; its end
stays unknown, and the cable's header says only when it began.
"""

from __future__ import annotations

import datetime as dt

from demarche.model import Record, Stage
from demarche.store.storage import load_plan
from demarche.wording import meeting_when

from ..conftest import FOUNDING_PLAN

TZ = dt.timezone(dt.timedelta(hours=3))


def _planned(start: dt.datetime) -> Record:
    rec = Record.from_plan(load_plan(FOUNDING_PLAN))
    rec.meeting.start = start
    return rec


def test_a_meeting_finished_the_day_it_began_ends_then():
    rec = _planned(dt.datetime(2009, 10, 2, 10, 30, tzinfo=TZ))
    rec.start(dt.datetime(2009, 10, 2, 10, 31, tzinfo=TZ), as_planned=True)
    rec.finish(dt.datetime(2009, 10, 2, 11, 15, tzinfo=TZ))
    assert rec.stage is Stage.FINISHED
    assert meeting_when(rec.meeting) == "2009-10-02 10:30-11:15"


def test_a_meeting_written_up_on_a_later_day_has_no_end_made_up():
    rec = _planned(dt.datetime(2010, 3, 1, 10, 30, tzinfo=TZ))
    rec.start(dt.datetime(2026, 12, 1, 22, 3, tzinfo=TZ), as_planned=True)
    rec.finish(dt.datetime(2026, 12, 1, 22, 3, tzinfo=TZ))
    assert rec.stage is Stage.FINISHED
    assert rec.meeting.end is None
    assert meeting_when(rec.meeting) == "2010-03-01 10:30"


def test_the_same_day_in_another_zone_is_the_same_day():
    rec = _planned(dt.datetime(2009, 10, 2, 23, 0, tzinfo=TZ))
    end = dt.datetime(2009, 10, 2, 20, 30, tzinfo=dt.UTC)  # 23:30 at TZ
    rec.finish(end)
    assert rec.meeting.end == end


def test_a_finish_before_the_start_is_not_its_end():
    rec = _planned(dt.datetime(2009, 10, 2, 15, 0, tzinfo=TZ))
    rec.finish(dt.datetime(2009, 10, 2, 9, 0, tzinfo=TZ))
    assert rec.meeting.end is None
