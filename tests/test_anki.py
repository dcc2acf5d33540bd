"""The Anki deck: opened as Anki opens it (a zip holding a SQLite collection),
one note per interview question with its fields, tags, deck and note type;
ids and GUIDs stable across builds and edits, the same bytes every build; the
site offers it from the home and week pages; bad input writes nothing."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import PLAN, ROOT, SHAPE_PLANS, SMALL, studyplan

from generator.text import url_ascii, url_host
from generator.validate import load_plan

FOUR = ROOT / "tests" / "plans" / "four-phases.yaml"


def read_apkg(path: Path, tmp_path: Path) -> dict:
    """What Anki reads from a package: the collection's deck, note type, notes and cards."""
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = z.namelist()
        assert "collection.anki2" in names
        assert json.loads(z.read("media")) == {}
        db = tmp_path / f"{path.stem}-collection.anki2"
        db.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(db)
    try:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        decks_json, models_json = con.execute("select decks, models from col").fetchone()
        decks = {int(k): v for k, v in json.loads(decks_json).items()}
        models = {int(k): v for k, v in json.loads(models_json).items()}
        notes = [{"id": i, "guid": g, "mid": m, "tags": t.split(), "fields": f.split("\x1f")}
                 for i, g, m, t, f in con.execute("select id, guid, mid, tags, flds from notes order by id")]
        cards = con.execute("select nid, did from cards").fetchall()
    finally:
        con.close()
    return {"decks": decks, "models": models, "notes": notes, "cards": cards}


def _anki(plan: Path, out: Path, *args: str):
    return studyplan("anki", "--plan", str(plan), *args, "--out", str(out))


def _edited(tmp_path: Path, source: Path, edit) -> Path:
    data = yaml.safe_load(source.read_text())
    edit(data)
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def _first_topic(data: dict) -> dict:
    return next(t for p in data["phases"] for w in p["weeks"] for t in w.get("topics", []))


def test_one_note_per_question_with_its_fields_tags_and_deck(tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    result = _anki(PLAN, out)
    assert result.returncode == 0, result.stderr
    plan = load_plan(PLAN)
    apkg = read_apkg(out, tmp_path)
    expected = [(phase, week, topic, q) for phase in plan.phases for week in phase.weeks for topic in week.topics
                for q in topic.questions]
    assert len(apkg["notes"]) == len(expected) == sum(len(t.questions) for t in plan.topics) > 100
    [(deck_id, deck)] = [(i, d) for i, d in apkg["decks"].items() if d["name"] != "Default"]
    assert deck["name"] == plan.title
    [(model_id, model)] = apkg["models"].items()
    assert [f["name"] for f in model["flds"]] == ["Question", "Topic", "Goal", "Links", "Where"]
    assert "{{Question}}" in model["tmpls"][0]["qfmt"]
    for note, (phase, week, topic, question) in zip(apkg["notes"], expected):
        q, title, goal, links, where = note["fields"]
        assert html.unescape(q) == question
        assert html.unescape(title) == topic.title and html.unescape(goal) == topic.goal
        hrefs = re.findall(r'<a href="([^"]+)">([^<]+)</a>', links)
        assert hrefs == [(url_ascii(link), url_host(link)) for link in topic.links]
        assert f"Week {week.number}: " in where and "of the 90-day plan" in where
        assert sorted(note["tags"]) == sorted([f"phase::{phase.id}", f"week::{week.id}", f"topic::{topic.id}"])
        assert note["mid"] == model_id
    assert {did for _, did in apkg["cards"]} == {deck_id}
    assert sorted(nid for nid, _ in apkg["cards"]) == [n["id"] for n in apkg["notes"]]
    assert f"{len(expected)} notes" in result.stdout


def test_two_builds_give_the_same_bytes_and_an_edit_keeps_the_ids(tmp_path: Path) -> None:
    first, second, edited = tmp_path / "a.apkg", tmp_path / "b.apkg", tmp_path / "c.apkg"
    assert _anki(FOUR, first).returncode == 0
    assert _anki(FOUR, second).returncode == 0
    assert first.read_bytes() == second.read_bytes()

    def edit(data: dict) -> None:  # reword a question and retitle its topic: the notes stay the same notes
        topic = _first_topic(data)
        topic["questions"][0] = "A reworded question?"
        topic["title"] = "A new title"

    assert _anki(_edited(tmp_path, FOUR, edit), edited).returncode == 0
    a, c = read_apkg(first, tmp_path), read_apkg(edited, tmp_path)
    assert [n["guid"] for n in a["notes"]] == [n["guid"] for n in c["notes"]]
    assert len({n["guid"] for n in a["notes"]}) == len(a["notes"])
    assert a["decks"].keys() == c["decks"].keys() and a["models"].keys() == c["models"].keys()
    assert c["notes"][0]["fields"][0] == "A reworded question?" != a["notes"][0]["fields"][0]
    # Another plan id: another deck, note type and GUIDs (two plans' decks never merge).
    other = tmp_path / "d.apkg"
    assert _anki(_edited(tmp_path, FOUR, lambda d: d.__setitem__("id", "another-plan")), other).returncode == 0
    d = read_apkg(other, tmp_path)
    assert not set(d["decks"]) - {1} & set(a["decks"])
    assert not {n["guid"] for n in d["notes"]} & {n["guid"] for n in a["notes"]}
    assert set(d["models"]).isdisjoint(a["models"])


def test_markup_in_a_question_shows_as_typed(tmp_path: Path) -> None:
    typed = "Why is <b> & \"quoting\" in a <script> tag not markup?"

    def edit(data: dict) -> None:
        topic = _first_topic(data)
        topic["questions"][0] = typed
        topic["goal"] = "Explain 1 < 2 & 3 > 2."

    out = tmp_path / "deck.apkg"
    assert _anki(_edited(tmp_path, FOUR, edit), out).returncode == 0
    question, _, goal, _, _ = read_apkg(out, tmp_path)["notes"][0]["fields"]
    assert "<" not in question and ">" not in question and "<" not in goal
    assert html.unescape(question) == typed and html.unescape(goal) == "Explain 1 < 2 & 3 > 2."


@pytest.mark.parametrize("plan_file", SHAPE_PLANS, ids=lambda p: p.stem)
def test_plans_of_other_shapes(plan_file: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_file)
    out = tmp_path / "deck.apkg"
    result = _anki(plan_file, out, "--days", str(plan.commitment.days))
    questions = sum(len(t.questions) for t in plan.topics)
    if not questions:
        assert result.returncode == 2
        assert "expected at least one topic with interview questions" in result.stderr
        assert not out.exists()
        return
    assert result.returncode == 0, result.stderr
    notes = read_apkg(out, tmp_path)["notes"]
    assert len(notes) == questions
    assert all(f"of the {plan.commitment.days}-day plan" in n["fields"][4] for n in notes)


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "{tmp}/missing/deck.apkg"],
     "studyplan anki: --out: expected an existing folder to write {tmp}/missing/deck.apkg in but {tmp}/missing does not exist\n"),
    (["--out", "{tmp}/deck.txt"], "studyplan anki: --out: expected a file name ending in .apkg but got 'deck.txt'\n"),
    (["--days", "20", "--out", "{tmp}/deck.apkg"], "studyplan anki: --days: expected a number of days from 28 to 365 but got 20\n"),
    (["--plan", str(SMALL), "--out", "{tmp}/deck.apkg"],
     f"{SMALL}: phases[].weeks[].topics: expected at least one topic with interview questions to make a deck but the plan "
     "has none\n"),
])
def test_bad_input_writes_nothing(args: list[str], message: str, tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--plan" not in args:
        args = ["--plan", str(PLAN), *args]
    result = studyplan("anki", *args)
    assert (result.returncode, result.stderr) == (2, message.replace("{tmp}", str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


def test_a_broken_plan_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "plan.yaml"
    broken.write_text(PLAN.read_text().replace("days: 90", "days: ninety", 1))
    out = tmp_path / "deck.apkg"
    result = _anki(broken, out)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{broken}:") and "Traceback" not in result.stderr
    assert not out.exists()


def _links(page: Path) -> list[str]:
    return re.findall(r'href="([^"]*questions\.apkg)"', page.read_text())


def test_the_site_offers_the_deck_from_home_and_every_week_page(site_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(PLAN)
    deck = site_dir / "downloads" / f"{plan.id}-questions.apkg"
    pages = [site_dir / "index.html"] + [site_dir / "weeks" / w.id / "index.html" for w in plan.weeks]
    for page in pages:
        [href] = _links(page)
        assert (page.parent / href).resolve() == deck.resolve(), page
    assert len(read_apkg(deck, tmp_path)["notes"]) == sum(len(t.questions) for t in plan.topics)
    # The same bytes from a build with nothing cached.
    again = tmp_path / "site"
    result = studyplan("build", "--plan", str(PLAN), "--site-dir", str(again), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert (again / "downloads" / deck.name).read_bytes() == deck.read_bytes()


def test_a_week_without_topics_links_the_deck_too(tmp_path: Path) -> None:
    plan_file = _edited(tmp_path, FOUR, lambda d: d["phases"][0]["weeks"][0].pop("topics"))
    plan = load_plan(plan_file)
    assert not plan.weeks[0].topics and plan.topics
    out = tmp_path / "site"
    result = studyplan("build", "--plan", str(plan_file), "--site-dir", str(out), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    deck = out / "downloads" / f"{plan.id}-questions.apkg"
    assert len(read_apkg(deck, tmp_path)["notes"]) == sum(len(t.questions) for t in plan.topics)
    for week in plan.weeks:
        page = out / "weeks" / week.id / "index.html"
        [href] = _links(page)
        assert (page.parent / href).resolve() == deck.resolve()
        assert (f"week::{week.id}" in page.read_text()) == bool(week.topics)


def test_a_plan_without_questions_has_no_deck_and_no_link(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = studyplan("build", "--plan", str(SMALL), "--site-dir", str(out), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert not (out / "downloads").exists()
    assert not [p for p in out.rglob("*.html") if _links(p)]
