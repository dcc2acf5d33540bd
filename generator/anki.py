"""An Anki deck of the plan's interview questions (`studyplan anki`, the site's
`downloads/<plan id>-questions.apkg`): one note per question, its front the
question, its back the topic, its reading goal, its documentation links and
where it falls in the plan; tagged with its phase, week and topic.

Everything Anki matches on is derived from ids, never from text or a clock:
the deck and note type ids from the plan id, a note's GUID from the plan id,
the topic id and the question's position in its topic, so a re-import after
an edit updates the notes instead of adding copies. Same inputs, same bytes:
notes and cards carry one fixed modification time, the collection is made in
memory and zipped with fixed entry dates (genanki's own `write_to_file` stamps
the clock and the temporary file's time).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import zipfile
from dataclasses import dataclass
from html import escape

from .pace import Pace
from .text import url_ascii, url_host

STAMP = 1_767_225_600  # 2026-01-01T00:00:00Z: the modification time of every note and card
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold
FIELDS = ("Question", "Topic", "Goal", "Links", "Where")
FRONT = '<div class="sp-question">{{Question}}</div>'
BACK = ('{{FrontSide}}\n<hr id="answer">\n<div class="sp-topic"><b>{{Topic}}</b></div>\n<div class="sp-goal">{{Goal}}</div>\n'
        '{{#Links}}<div class="sp-links">Documentation: {{Links}}</div>{{/Links}}\n<div class="sp-where">{{Where}}</div>')
CSS = (".card { font-family: sans-serif; font-size: 20px; line-height: 1.4; text-align: left; max-width: 40em; margin: auto; }\n"
       ".sp-goal, .sp-links, .sp-where { margin-top: .6em; }\n.sp-where { font-size: 16px; opacity: .75; }\n")


def file_name(plan_id: str) -> str:
    """The deck's name on the site: downloads/<plan id>-questions.apkg."""
    return f"downloads/{plan_id}-questions.apkg"


def stable_id(plan_id: str, what: str) -> int:
    """A fixed id for the plan's deck or note type, in the range genanki suggests (2^30 to 2^31)."""
    digest = hashlib.sha256(f"studyplan:{plan_id}:{what}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


@dataclass(frozen=True)
class Card:
    """One interview question as a note: its GUID, its fields (HTML) and tags."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]


def cards(p: Pace) -> list[Card]:
    """A note per interview question, in plan order."""
    from genanki import guid_for  # only on a cache miss: a warm site build never loads it

    plan = p.plan
    result = []
    for phase in plan.phases:
        for week in phase.weeks:
            span = p.week(week)
            where = (f"Phase {phase.number}: {escape(phase.title, quote=False)} &middot; Week {week.number}: "
                     f"{escape(week.title, quote=False)} &middot; {span.text()} of the {p.days}-day plan")
            for topic in week.topics:
                links = " &middot; ".join(f'<a href="{escape(url_ascii(link) or link)}">{escape(url_host(link), quote=False)}</a>'
                                          for link in topic.links)
                for i, question in enumerate(topic.questions):
                    result.append(Card(guid_for(plan.id, topic.id, i),
                                       (escape(question, quote=False), escape(topic.title, quote=False),
                                        escape(topic.goal, quote=False), links, where),
                                       (f"phase::{phase.id}", f"week::{week.id}", f"topic::{topic.id}")))
    return result


def deck(p: Pace) -> bytes | None:
    """The .apkg of the plan at this pace (None when the plan has no questions)."""
    import sqlite3

    import genanki

    notes = cards(p)
    if not notes:
        return None
    plan = p.plan
    model = genanki.Model(stable_id(plan.id, "model"), f"{plan.title} question", fields=[{"name": f} for f in FIELDS],
                          templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}], css=CSS)
    the_deck = genanki.Deck(stable_id(plan.id, "deck"), plan.title, description=escape(plan.subtitle, quote=False))
    for c in notes:
        the_deck.add_note(genanki.Note(model=model, fields=list(c.fields), guid=c.guid, tags=list(c.tags)))
    db = sqlite3.connect(":memory:")
    try:
        genanki.Package(the_deck).write_to_db(db.cursor(), STAMP, itertools.count(STAMP * 1000))
        db.commit()
        collection = db.serialize()
    finally:
        db.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()
