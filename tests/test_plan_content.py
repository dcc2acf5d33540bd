"""The content of the real plan, plan_data/plan.yaml: the one module that checks it.

Every other test works on small test plans. This module reads the real plan with
yaml.safe_load (not through the generator's model, so it runs whatever keys the
model knows yet) and checks the suggested study content of issue 15: each week's
topics (seed titles, reading goal, interview questions, official documentation
links), the hands-on steps of tasks, and the Saturday project milestone of each
week (weeks 5-8 build the pipeline project's components in order).

Each check is a function that returns a list of problems; the real plan must have
none, and every check is shown to catch a violation in an edited copy.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

PLAN = Path(__file__).resolve().parent.parent / "plan_data" / "plan.yaml"

# Hosts whose pages a topic may link to: the tools' own documentation sites only.
ALLOWED_DOCS_DOMAINS = frozenset({
    "docs.docker.com",
    "kubernetes.io",
    "docs.aws.amazon.com",
    "cloud.google.com",
    "learn.microsoft.com",
    "www.kubeflow.org",
    "airflow.apache.org",
    "docs.prefect.io",
    "www.tensorflow.org",
    "docs.nvidia.com",
    "docs.bentoml.com",
    "docs.ray.io",
    "mlflow.org",
    "docs.wandb.ai",
    "dvc.org",
    "docs.feast.dev",
    "docs.tecton.ai",
    "aquasecurity.github.io",
    "trivy.dev",
    "greatexpectations.io",
    "docs.greatexpectations.io",
    "docs.evidentlyai.com",
    "prometheus.io",
    "grafana.com",
})

# The concepts the seed names for weeks 1-8, in its order and words: one topic each.
SEED_TOPICS = {
    1: ["Multi-stage builds", "Layer optimization", "Security scanning"],
    2: ["Pods", "Deployments", "Services", "ConfigMaps", "Secrets"],
    3: ["StatefulSets", "GPU scheduling", "HPA", "Resource quotas"],
    4: ["AWS SageMaker", "GCP Vertex AI", "Azure ML fundamentals"],
    5: ["Kubeflow Pipelines", "Airflow", "Prefect"],
    6: ["TensorFlow Serving", "Triton", "BentoML", "Ray Serve"],
    7: ["MLflow", "Weights & Biases", "DVC"],
    8: ["Feast", "Tecton concepts", "Feature engineering"],
}
PROJECT_WEEKS = (5, 6, 7, 8)  # their milestones build the project's components, in order

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 64
MAX_TEXT = 300
MAX_STEP = 120
TOPICS_PER_WEEK = (3, 5)
QUESTIONS_PER_TOPIC = (2, 4)
STEPS_PER_TASK = (2, 4)
LINKS_PER_TOPIC = (0, 2)
TOPIC_KEYS = {"id", "title", "goal", "questions", "links", "derived"}
MILESTONE_KEYS = {"id", "text", "component", "derived"}

Plan = dict[str, Any]
Problems = list[str]


def load_plan() -> Plan:
    return yaml.safe_load(PLAN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def weeks(plan: Plan) -> Iterator[tuple[str, dict]]:
    for p, phase in enumerate(plan["phases"]):
        for w, week in enumerate(phase["weeks"]):
            yield f"phases[{p}].weeks[{w}] (week {week['number']})", week


def topics(plan: Plan) -> Iterator[tuple[str, dict]]:
    for where, week in weeks(plan):
        for t, topic in enumerate(week.get("topics") or []):
            yield f"{where}.topics[{t}]", topic


def tasks(plan: Plan) -> Iterator[tuple[str, dict]]:
    for where, week in weeks(plan):
        for t, task in enumerate(week["tasks"]):
            yield f"{where}.tasks[{t}] {task['id']}", task


def count_problem(where: str, what: str, items: object, bounds: tuple[int, int]) -> Problems:
    low, high = bounds
    n = len(items) if isinstance(items, list) else -1
    return [] if low <= n <= high else [f"{where}: expected {low}-{high} {what}, got {items!r}"]


def text_problem(where: str, text: object, limit: int = MAX_TEXT) -> Problems:
    if not isinstance(text, str) or not text.strip():
        return [f"{where}: expected a non-empty text, got {text!r}"]
    if "\n" in text or text != text.strip():
        return [f"{where}: expected a single line without surrounding spaces, got {text!r}"]
    if len(text) > limit:
        return [f"{where}: {len(text)} characters, more than {limit}"]
    return []


def check_topics(plan: Plan) -> Problems:
    """Every week has 3-5 topics; each has an id, a title, a goal and 2-4 questions, and is derived."""
    problems: Problems = []
    for where, week in weeks(plan):
        problems += count_problem(where, "topics", week.get("topics"), TOPICS_PER_WEEK)
    for where, topic in topics(plan):
        if not isinstance(topic, dict):
            problems.append(f"{where}: expected a mapping, got {topic!r}")
            continue
        if unknown := set(topic) - TOPIC_KEYS:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("id", "title", "goal", "questions"):
            if key not in topic:
                problems.append(f"{where}: missing {key}")
        problems += count_problem(where, "questions", topic.get("questions"), QUESTIONS_PER_TOPIC)
        if topic.get("derived") is not True:
            problems.append(f"{where}: expected derived: true")
    return problems


def check_seed_titles(plan: Plan) -> Problems:
    """Weeks 1-8: one topic per concept the seed names, in its order and words."""
    problems: Problems = []
    for where, week in weeks(plan):
        expected = SEED_TOPICS.get(week["number"])
        if expected is None:
            continue
        titles = [t.get("title") for t in week.get("topics") or [] if isinstance(t, dict)]
        if titles != expected:
            problems.append(f"{where}: topic titles {titles} are not the seed's {expected}")
        if [a.strip().lower() for a in week["activities"].split(",")] != [e.lower() for e in expected]:
            problems.append(f"{where}: the seed's activities {week['activities']!r} no longer match {expected}")
    return problems


def all_ids(node: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every value of an `id` key anywhere in the plan, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id":
                yield path or "id", value
            yield from all_ids(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from all_ids(value, f"{path}[{i}]")


def check_ids(plan: Plan) -> Problems:
    """All ids (plan, phases, weeks, tasks, topics, milestones, ...) share one namespace of short slugs."""
    problems: Problems = []
    seen: dict[object, str] = {}
    for where, value in all_ids(plan):
        if not isinstance(value, str) or not ID_PATTERN.match(value) or len(value) > MAX_ID:
            problems.append(f"{where}: {value!r} is not a lowercase slug of at most {MAX_ID} characters")
        if value in seen:
            problems.append(f"{where}: id {value!r} is already used at {seen[value]}")
        seen.setdefault(value, where)
    return problems


def check_links(plan: Plan) -> Problems:
    """0-2 links per topic, each https on an allowed documentation site."""
    problems: Problems = []
    for where, topic in topics(plan):
        links = topic.get("links", [])
        problems += count_problem(where, "links", links, LINKS_PER_TOPIC)
        for link in links if isinstance(links, list) else []:
            parts = urlsplit(link) if isinstance(link, str) else None
            if parts is None or parts.scheme != "https" or parts.username or parts.port or " " in link:
                problems.append(f"{where}: {link!r} is not a plain https URL")
            elif parts.hostname not in ALLOWED_DOCS_DOMAINS:
                problems.append(f"{where}: {link!r} is not on an allowed documentation site")
        if isinstance(links, list) and len(set(map(str, links))) != len(links):
            problems.append(f"{where}: the same link twice")
    return problems


def check_steps(plan: Plan) -> Problems:
    """A task's steps, when it has them, are 2-4 short lines."""
    problems: Problems = []
    with_steps = 0
    for where, task in tasks(plan):
        if "steps" not in task:
            continue
        with_steps += 1
        problems += count_problem(where, "steps", task["steps"], STEPS_PER_TASK)
        for s, step in enumerate(task["steps"] if isinstance(task["steps"], list) else []):
            problems += text_problem(f"{where}.steps[{s}]", step, MAX_STEP)
    if with_steps * 2 < sum(1 for _ in tasks(plan)):
        problems.append(f"only {with_steps} tasks have steps; most tasks should")
    return problems


def check_milestones(plan: Plan) -> Problems:
    """Each week has a derived project milestone; weeks 5-8 build the project's components in order."""
    problems: Problems = []
    components = [c["id"] for c in plan["project"]["components"]]
    expected = dict(zip(PROJECT_WEEKS, components, strict=True))
    for where, week in weeks(plan):
        milestone = week.get("project_milestone")
        if not isinstance(milestone, dict):
            problems.append(f"{where}: missing project_milestone")
            continue
        if unknown := set(milestone) - MILESTONE_KEYS:
            problems.append(f"{where}.project_milestone: unknown keys {sorted(unknown)}")
        if "id" not in milestone:
            problems.append(f"{where}.project_milestone: missing id")
        if milestone.get("derived") is not True:
            problems.append(f"{where}.project_milestone: expected derived: true")
        want = expected.get(week["number"])
        if milestone.get("component") != want:
            problems.append(f"{where}.project_milestone: component {milestone.get('component')!r}, expected {want!r}")
    return problems


def check_texts(plan: Plan) -> Problems:
    """Titles, goals, questions and milestone texts are single lines of at most 300 characters."""
    problems: Problems = []
    for where, topic in topics(plan):
        for key in ("title", "goal"):
            problems += text_problem(f"{where}.{key}", topic.get(key))
        questions = topic.get("questions")
        for q, question in enumerate(questions if isinstance(questions, list) else []):
            problems += text_problem(f"{where}.questions[{q}]", question)
    for where, week in weeks(plan):
        if isinstance(milestone := week.get("project_milestone"), dict):
            problems += text_problem(f"{where}.project_milestone.text", milestone.get("text"))
    return problems


def check_unique_questions(plan: Plan) -> Problems:
    """No interview question is asked twice anywhere in the plan."""
    problems: Problems = []
    seen: dict[str, str] = {}
    for where, topic in topics(plan):
        for q, question in enumerate(topic.get("questions") or []):
            key = " ".join(str(question).lower().split())
            if key in seen:
                problems.append(f"{where}.questions[{q}]: also asked at {seen[key]}")
            seen.setdefault(key, f"{where}.questions[{q}]")
    return problems


CHECKS: list[Callable[[Plan], Problems]] = [
    check_topics, check_seed_titles, check_ids, check_links, check_steps, check_milestones, check_texts, check_unique_questions,
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_real_plan(plan: Plan, check: Callable[[Plan], Problems]) -> None:
    problems = check(plan)
    assert not problems, "\n".join(problems)


def test_every_week_has_content(plan: Plan) -> None:
    assert [week["number"] for _, week in weeks(plan)] == list(range(1, 13))
    assert all(task.get("steps") for _, task in tasks(plan)), "every task has steps"


# Each edit breaks the rule of one check; that check must report it.
def _week(n: int) -> Callable[[Plan], dict]:
    return lambda p: next(w for _, w in weeks(p) if w["number"] == n)


VIOLATIONS: dict[str, tuple[Callable[[Plan], Problems], Callable[[Plan], object]]] = {
    "too-few-topics": (check_topics, lambda p: _week(9)(p).__setitem__("topics", _week(9)(p)["topics"][:2])),
    "one-question": (check_topics, lambda p: _week(1)(p)["topics"][0].__setitem__("questions", ["Why?"])),
    "topic-not-derived": (check_topics, lambda p: _week(2)(p)["topics"][0].__setitem__("derived", False)),
    "misspelt-key": (check_topics, lambda p: _week(2)(p)["topics"][0].__setitem__("question", [])),
    "title-not-seed": (check_seed_titles, lambda p: _week(2)(p)["topics"][0].__setitem__("title", "Pod basics")),
    "topics-reordered": (check_seed_titles, lambda p: _week(5)(p)["topics"].reverse()),
    "id-clash": (check_ids, lambda p: _week(1)(p)["topics"][0].__setitem__("id", "docker-deep-dive")),
    "id-clash-milestone": (check_ids, lambda p: _week(6)(p)["project_milestone"].__setitem__("id", "training")),
    "id-not-slug": (check_ids, lambda p: _week(1)(p)["topics"][0].__setitem__("id", "Docker_Builds")),
    "http-link": (check_links, lambda p: _week(2)(p)["topics"][0].__setitem__("links", ["http://kubernetes.io/docs/"])),
    "foreign-link": (check_links, lambda p: _week(2)(p)["topics"][0].__setitem__("links", ["https://medium.com/k8s"])),
    "three-links": (check_links, lambda p: _week(2)(p)["topics"][0].__setitem__("links", ["https://kubernetes.io/docs/"] * 3)),
    "one-step": (check_steps, lambda p: _week(1)(p)["tasks"][0].__setitem__("steps", ["Do it all"])),
    "long-step": (check_steps, lambda p: _week(1)(p)["tasks"][0]["steps"].__setitem__(0, "x" * (MAX_STEP + 1))),
    "no-milestone": (check_milestones, lambda p: _week(3)(p).pop("project_milestone")),
    "components-swapped": (check_milestones, lambda p: _week(6)(p)["project_milestone"].__setitem__("component", "serving")),
    "component-outside-project": (check_milestones, lambda p: _week(2)(p)["project_milestone"].__setitem__("component", "serving")),
    "milestone-not-derived": (check_milestones, lambda p: _week(10)(p)["project_milestone"].pop("derived")),
    "long-goal": (check_texts, lambda p: _week(4)(p)["topics"][0].__setitem__("goal", "y" * (MAX_TEXT + 1))),
    "two-line-question": (check_texts, lambda p: _week(4)(p)["topics"][0]["questions"].__setitem__(0, "Why?\nHow?")),
    "repeated-question": (check_unique_questions, lambda p: _week(8)(p)["topics"][0]["questions"].append(
        _week(2)(p)["topics"][0]["questions"][0].upper())),
}


@pytest.mark.parametrize("name", VIOLATIONS)
def test_check_catches(plan: Plan, name: str) -> None:
    check, edit = VIOLATIONS[name]
    broken = copy.deepcopy(plan)
    edit(broken)
    assert check(broken), f"{check.__name__} did not report {name}"
