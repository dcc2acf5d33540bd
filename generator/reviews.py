"""Adaptive reviews: a reader's ratings through FSRS, and the cap of reviews per practice block.

The agenda (agenda.py) gives every topic fixed reviews 1, 3, 7 and 21 days after
it was first read. A reader may rate a review (or a topic's questions on the day
they are practised) Again (1), Hard (2), Good (3) or Easy (4); the progress file
keeps the ratings (`reviews`: topic id -> [{time, rating}]). Here:

* **A rating's day.** A rating belongs to the reader's local date in the
  progress file's `timezone` (UTC without one), and so to the plan day of that
  date from the start date. One rating a topic a day counts: the latest that
  day (on a tie the larger). FSRS is used day-level only: no same-day learning
  steps, every interval whole days.
* **FSRS.** The pinned `fsrs` (py-fsrs 6.3.2) with its default weights, desired
  retention 0.9, no fuzz, no learning or relearning steps (`SCHEDULER`); the
  browser runs `ts-fsrs` 5.4.2 with the same (docs/assets/rules.js: its
  `next_state` and `forgetting_curve`, short-term stability on, so an Again
  is capped as py-fsrs caps it). A rated topic's memory is its ratings
  replayed in day order, each at 00:00 UTC of its day. Its next review is due
  `interval(stability)` days after its last rating: the stability rounded
  half up to whole days, at least 1 (py-fsrs's interval at retention 0.9),
  computed by us in both languages, because ts-fsrs's scheduler would also
  keep the intervals of Hard, Good and Easy a day apart. Later reviews are
  projected as if each were rated Good on the day it is due, so the calendars
  and week pages show them. The libraries agree on every due day
  (tests/test_differential.py) but where a stability lies within about 1e-4
  of a half day: ts-fsrs rounds to 8 decimals at each step, py-fsrs does not,
  so such a review may fall a day apart (about 1 in 5,000 logs of 15 ratings).
* **Unrated topics** keep their fixed reviews exactly. A rated topic keeps its
  fixed reviews up to the day of its last rating (the past stays as it was)
  and follows FSRS after it.
* **The cap.** A study day's practice blocks hold at most
  `schedule.reviews_per_block` reviews (default 4); the rest wait for the next
  study day, in order: earliest due first (then plan order of the topic). A
  topic is reviewed once a day; a review that falls on a day its topic is read
  is answered by that day's questions and dropped (as before the cap).
* **Near the end** (the last `NEAR_END` days of the reader's schedule: the plan's
  end, or their target date after "End on my target date") the weakest
  topics come first: lowest FSRS recall on that day, unrated topics counting
  `UNRATED_RECALL` (the retention the fixed gaps aim at), then by due day.

tests/test_reviews.py holds these rules; tests/test_differential.py the browser's copy.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler

from .progress import Review

SCHEDULER = Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
NEAR_END = 14  # days before the schedule's end in which the weakest topics come first
UNRATED_RECALL = 0.9
RATINGS = ("Again", "Hard", "Good", "Easy")
EPOCH = dt.datetime(2000, 1, 3, tzinfo=dt.UTC)  # plan day d is EPOCH + d days: FSRS sees whole days only


def at(day: int) -> dt.datetime:
    return EPOCH + dt.timedelta(days=day)


def interval(stability: float) -> int:
    """Whole days to the next review: the stability rounded half up, at least 1."""
    return max(1, int(stability + 0.5))


def local_day(when: dt.datetime, start: dt.date, zone: str | None) -> int:
    """The plan day of an instant: its local date in `zone` (UTC without one) from `start`."""
    date = when.astimezone(ZoneInfo(zone) if zone else dt.UTC).date()
    return (date - start).days + 1


def rated_days(reviews: Mapping[str, Iterable[Review]], start: dt.date, zone: str | None) -> dict[str, tuple[tuple[int, int], ...]]:
    """Topic id -> (plan day, rating) in day order, one a day: the latest that day (on a tie the larger)."""
    out: dict[str, tuple[tuple[int, int], ...]] = {}
    for topic, items in sorted(reviews.items()):
        days: dict[int, Review] = {}
        for r in items:
            d = local_day(r.time, start, zone)
            if d not in days or (r.time, r.rating) > (days[d].time, days[d].rating):
                days[d] = r
        if days:
            out[topic] = tuple((d, days[d].rating) for d in sorted(days))
    return out


def replay(ratings: Iterable[tuple[int, int]]) -> Card:
    """A topic's FSRS memory after its ratings (plan day, rating)."""
    card = Card(card_id=1)  # a fixed id: the library would otherwise wait a millisecond per card
    for day, rating in ratings:
        card, _ = SCHEDULER.review_card(card, Rating(rating), at(day))
    return card


def recall(card: Card, day: int) -> float:
    """FSRS's probability of recalling the topic on plan day `day`."""
    return SCHEDULER.get_card_retrievability(card, at(day))


def last_day(card: Card) -> int:
    return (card.last_review - EPOCH).days


@dataclass(frozen=True, eq=False)
class Due:
    """One review of a topic due on a study day, and why."""

    topic: str
    index: int  # the question asked (index into the topic's questions)
    due: int  # the study day it is due (before the cap moves it)
    first: int | None = None  # fixed review: the topic's first reading day ...
    gap: int | None = None  # ... and the gap (1, 3, 7, 21)
    rated: int | None = None  # FSRS: the day of the rating it follows (a projection: the review it follows)
    rating: int | None = None  # that rating (3 for a projection)
    projected: bool = False  # after the next review: as if that one were rated Good
    card: Card | None = field(default=None, repr=False)  # FSRS memory after `rated`

    def recall(self, day: int) -> float:
        return UNRATED_RECALL if self.card is None else recall(self.card, day)


def fsrs_due(topic: str, ratings: tuple[tuple[int, int], ...], days: int, first_index: int, questions: int,
             next_study) -> list[Due]:
    """A rated topic's reviews after its last rating, each on the study day it falls on, up to day `days`."""
    card = replay(ratings)
    rated, rating, projected, out, index = ratings[-1][0], ratings[-1][1], False, [], first_index
    while True:
        due = last_day(card) + interval(card.stability)
        if due > days:
            return out
        when = next_study(max(1, due))
        if when is None:
            return out
        out.append(Due(topic, index % questions, when, rated=rated, rating=rating, projected=projected, card=card))
        index += 1
        card, _ = SCHEDULER.review_card(card, Rating.Good, at(due))
        rated, rating, projected = due, 3, True


def place(due: Mapping[int, list[Due]], kinds: list[str], days: int, cap: int, reading: Mapping[int, tuple[str, ...]],
          order: Mapping[str, int]) -> dict[int, tuple[Due, ...]]:
    """The reviews of each study day under the cap (the rules in this module's docstring)."""
    placed: dict[int, tuple[Due, ...]] = {}
    waiting: list[Due] = []
    for day in range(1, days + 1):
        waiting.extend(due.get(day, ()))
        if kinds[day] != "study" or not waiting:
            continue
        read = reading.get(day, ())
        waiting = [q for q in waiting if q.topic not in read]
        if day > days - NEAR_END:
            waiting.sort(key=lambda q: (q.recall(day), q.due, order[q.topic], q.index))
        else:
            waiting.sort(key=lambda q: (q.due, order[q.topic], q.index))
        taken: list[Due] = []
        seen: set[str] = set()
        rest: list[Due] = []
        for q in waiting:
            if len(taken) < cap and q.topic not in seen:
                taken.append(q)
                seen.add(q.topic)
            else:
                rest.append(q)
        waiting = rest
        if taken:
            placed[day] = tuple(taken)
    return placed


def _date(start: dt.date, day: int) -> str:
    return (start + dt.timedelta(days=day - 1)).strftime("%a %-d %b %Y")


def why(q: Due, day: int, start: dt.date) -> str:
    """Why review `q` is on plan day `day`: "first read Mon 4 Jan 2027: fixed review after 3 days",
    "rated Hard on Wed 6 Jan 2027: FSRS, stability 2.3 days, recall 87%"."""
    if q.card is None:
        text = f"first read {_date(start, q.first)}: fixed review after {q.gap} day{'s' if q.gap != 1 else ''}"
    else:
        head = f"projected as if rated Good on {_date(start, q.rated)}" if q.projected else \
            f"rated {RATINGS[q.rating - 1]} on {_date(start, q.rated)}"
        text = f"{head}: FSRS, stability {q.card.stability:.1f} days, recall {math.floor(q.recall(day) * 100 + 0.5)}%"  # halves up (Math.round)
    if q.due != day:
        text += f"; due {_date(start, q.due)}, moved on: that day's practice was full"
    return text


def held(agenda) -> dict[int, tuple[Due, ...]]:
    """The placed reviews a practice block of the agenda holds, by day (a plan
    with no practice block places them but has nowhere to ask them)."""
    asked = {(e.day, t, i) for e in agenda.entries() for t, i in e.reviews}
    out = {day: tuple(q for q in qs if (day, q.topic, q.index) in asked) for day, qs in agenda.placed.items()}
    return {day: qs for day, qs in out.items() if qs}


def render_due(agenda, start: dt.date, today: dt.date, count: int = 7) -> str:
    """The reviews of `count` days from `today` (`studyplan reviews`), one line each with why."""
    first = (today - start).days + 1
    plan = agenda.plan
    topics = {t.id: t for t in plan.topics}
    lines = [f"Reviews from {today.strftime('%a %-d %b %Y')} (day {first} of {agenda.days}); at most "
             f"{plan.schedule.reviews_per_block} a practice block; unrated topics on fixed days "
             f"(1, 3, 7, 21 days after first reading), rated ones by FSRS."]
    shown, placed = 0, held(agenda)
    for day in range(max(1, first), min(agenda.days, first + count - 1) + 1):
        due = placed.get(day, ())
        if not due:
            continue
        lines.append(_date(start, day))
        for q in due:
            t = topics[q.topic]
            lines.append(f"  {t.title} (question {q.index + 1} of {len(t.questions)}): {why(q, day, start)}")
            shown += 1
    if not shown:
        last = start + dt.timedelta(days=first + count - 2)
        lines.append(f"No reviews due from {today.strftime('%a %-d %b %Y')} to {last.strftime('%a %-d %b %Y')}.")
    return "\n".join(lines) + "\n"
