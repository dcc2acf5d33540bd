"""Validate plain YAML data into the frozen plan model, collecting every problem.

Structure (keys, types, patterns, lengths, ranges) is checked generically
from the dataclasses in `model.py`; the rules that span fields (unique ids,
numbering, day ranges, milestone days, the order of the day) are checked
afterwards. All problems are reported together. The result is the plan as
written: nothing is computed or scheduled here (that is `pace.py`).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from pathlib import Path
from typing import Any

from . import model
from .clock import clock, minutes
from .errors import InputError, Problem
from .source import Lines, parse_yaml, read_yaml
from .text import url_ascii

_MISSING = object()


class _Checker:
    def __init__(self, source: str, lines: Lines) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[Problem] = []

    def line(self, path: str) -> int | None:
        while path not in self.lines and path:
            shorter = re.sub(r"(\.[^.\[\]]+|\[\d+\]|^[^.\[\]]+)$", "", path)
            if shorter == path:
                break
            path = shorter
        return self.lines.get(path)

    def add(self, path: str, message: str, *, line_of: str | None = None) -> None:
        self.problems.append(Problem(self.source, self.line(line_of if line_of is not None else path), path, message))

    # -- structure --------------------------------------------------------
    def build(self, tp: Any, value: Any, path: str) -> Any:
        """Return the value converted to type `tp`, or _MISSING after
        recording a problem."""
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if value is None:
                return None
            return self.build(args[0], value, path)
        if origin is tuple:
            if not isinstance(value, list):
                self.add(path, f"expected a list but got {_describe(value)}")
                return _MISSING
            items = [self.build(typing.get_args(tp)[0], v, f"{path}[{i}]") for i, v in enumerate(value)]
            return _MISSING if any(i is _MISSING for i in items) else tuple(items)
        if origin is typing.Literal:
            allowed = typing.get_args(tp)
            if value not in allowed:
                self.add(path, f"expected one of {', '.join(map(repr, allowed))} but got {_describe(value)}")
                return _MISSING
            return value
        if dataclasses.is_dataclass(tp):
            return self.build_object(tp, value, path)
        if tp is bool:
            if not isinstance(value, bool):
                self.add(path, f"expected true or false but got {_describe(value)}")
                return _MISSING
            return value
        if tp is int:
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(path, f"expected a whole number but got {_describe(value)}")
                return _MISSING
            return value
        if tp is str:
            if not isinstance(value, str):
                self.add(path, f"expected text but got {_describe(value)}")
                return _MISSING
            if not value.strip():
                self.add(path, "expected non-empty text but got an empty string")
                return _MISSING
            return value.strip()
        raise TypeError(tp)  # pragma: no cover - model uses only the types above

    def build_object(self, cls: type, value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            self.add(path, f"expected a mapping of {cls.__name__.lower()} fields but got {_describe(value)}")
            return _MISSING
        hints = typing.get_type_hints(cls)
        fields = list(dataclasses.fields(cls))
        names = [f.name for f in fields]
        ok = True
        for key in value:
            if key not in names:
                guess = difflib.get_close_matches(str(key), names, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                self.add(_join(path, key), f"unknown key{hint}; expected one of: {', '.join(names)}")
                ok = False
        kwargs: dict[str, Any] = {}
        for f in fields:
            sub = _join(path, f.name)
            if f.name not in value:
                if f.default is dataclasses.MISSING:
                    self.add(sub, f"missing required field; expected {_expectation(hints[f.name])}", line_of=path)
                    ok = False
                continue
            built = self.build(hints[f.name], value[f.name], sub)
            if built is _MISSING:
                ok = False
                continue
            if built is not None and not self.constraints(f.metadata, built, sub):
                ok = False
                continue
            kwargs[f.name] = built
        return cls(**kwargs) if ok else _MISSING

    def constraints(self, meta: typing.Mapping[str, Any], value: Any, path: str) -> bool:
        if isinstance(value, tuple):
            if "min_items" in meta and len(value) < meta["min_items"]:
                self.add(path, f"expected at least {meta['min_items']} item(s) but got "
                         + (f"{len(value)}" if value else "an empty list"))
                return False
            if "max_items" in meta and len(value) > meta["max_items"]:
                self.add(path, f"expected at most {meta['max_items']} items but got {len(value)}")
                return False
            return all([self.text(meta, v, f"{path}[{i}]") for i, v in enumerate(value) if isinstance(v, str)])
        if isinstance(value, str):
            return self.text(meta, value, path)
        if "minimum" in meta and value < meta["minimum"]:
            self.add(path, f"expected a number of at least {meta['minimum']} but got {value}")
            return False
        if "maximum" in meta and value > meta["maximum"]:
            self.add(path, f"expected a number of at most {meta['maximum']} but got {value}")
            return False
        return True

    def text(self, meta: typing.Mapping[str, Any], value: str, path: str) -> bool:
        limit = meta.get("max_length", model.LINE)
        if len(value) > limit:
            self.add(path, f"expected at most {limit} characters but got {len(value)}")
            return False
        if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
            what = {model.ID_PATTERN: "a slug of lowercase letters, digits and single hyphens (like 'docker-deep-dive')",
                    model.TIME_PATTERN: "a time as HH:MM (24-hour, like '07:00')",
                    model.URL_PATTERN: "an https:// address"}[meta["pattern"]]
            self.add(path, f"expected {what} but got {_describe(value)}")
            return False
        return True

    # -- rules across fields ---------------------------------------------
    def check_plan(self, plan: model.Plan) -> None:
        self.check_ids(plan)
        if not plan.tasks:
            self.add("phases", "expected at least one task in the plan (a week without tasks is a reading week, but not all of them)")
        self.numbered([(f"phases[{i}].number", p.number) for i, p in enumerate(plan.phases)], "phase")
        self.numbered([(f"phases[{pi}].weeks[{wi}].number", w.number)
                       for pi, p in enumerate(plan.phases) for wi, w in enumerate(p.weeks)], "week")
        self.check_phases(plan)
        for i, m in enumerate(plan.milestones):
            if not 1 <= m.day <= plan.days:
                self.add(f"milestones[{i}].day", f"expected a day between 1 and {plan.days} but got {m.day}")
            elif i and m.day < plan.milestones[i - 1].day:
                self.add(f"milestones[{i}].day", f"expected milestones in order of day (at least day "
                         f"{plan.milestones[i - 1].day}) but got {m.day}")
        phase_ids = [p.id for p in plan.phases]
        if plan.project and plan.project.phase not in phase_ids:
            self.add("project.phase", f"expected the id of a phase ({', '.join(phase_ids)}) but got {plan.project.phase!r}")
        components = [c.id for c in plan.project.components] if plan.project else []
        for pi, phase in enumerate(plan.phases):
            for wi, week in enumerate(phase.weeks):
                pm = week.project_milestone
                if pm and pm.component and pm.component not in components:
                    self.add(f"phases[{pi}].weeks[{wi}].project_milestone.component",
                             f"expected the id of a project component ({', '.join(components) or 'the plan has no project'}) "
                             f"but got {pm.component!r}")
        if plan.commitment.days == plan.days:
            self.add("commitment.days", f"expected a length other than the plan's own {plan.days} days (a second pace, "
                     f"shorter or longer) but got {plan.commitment.days}")
        elif plan.commitment.days < len(plan.weeks):
            self.add("commitment.days", f"expected at least one day per week ({len(plan.weeks)} weeks) but got "
                     f"{plan.commitment.days}")
        for pi, phase in enumerate(plan.phases):
            for wi, week in enumerate(phase.weeks):
                for ti, topic in enumerate(week.topics):
                    for li, link in enumerate(topic.links):
                        if url_ascii(link) is None:
                            self.add(f"phases[{pi}].weeks[{wi}].topics[{ti}].links[{li}]",
                                     f"expected an https:// address with a valid host name but got {_describe(link)}")
        if plan.schedule.weekend:
            self.check_weekend(plan.schedule.weekend)
        if plan.system_design is None:  # nothing to practise: no item or phase may ask for a problem
            for pi, phase in enumerate(plan.phases):
                if phase.practice_problem:
                    self.add(f"phases[{pi}].practice_problem", "expected a system_design section with the problems to practise "
                             "but the plan has none (leave practice_problem out)")
            for i, f in enumerate(plan.schedule.focus):
                if f.problem:
                    self.add(f"schedule.weekend.focus[{i}].problem", "expected a system_design section with the problems "
                             "to practise but the plan has none (leave problem out)")
        self.check_blocks(plan.schedule.blocks)

    def check_weekend(self, weekend: model.Weekend) -> None:
        path = "schedule.weekend"
        if weekend.min_hours > weekend.max_hours:
            self.add(f"{path}.max_hours", f"expected at least min_hours ({weekend.min_hours}) but got {weekend.max_hours}")
        elif not weekend.min_hours * 60 <= weekend.minutes <= weekend.max_hours * 60:
            self.add(f"{path}.minutes", f"expected minutes between min_hours and max_hours ({weekend.min_hours * 60}-"
                     f"{weekend.max_hours * 60}) but got {weekend.minutes}")
        if len(set(weekend.days)) != len(weekend.days):
            self.add(f"{path}.days", f"expected each day once but got {', '.join(weekend.days)}")
        elif len(weekend.days) > 6:
            self.add(f"{path}.days", "expected at least one day left for the daily blocks but got all seven")
        for i, f in enumerate(weekend.focus):
            if f.day not in weekend.days:
                self.add(f"{path}.focus[{i}].day", f"expected one of the weekend days ({', '.join(weekend.days)}) but got {f.day!r}")
        for flag in ("problem", "project"):
            marked = [i for i, f in enumerate(weekend.focus) if getattr(f, flag)]
            for i in marked[1:]:
                self.add(f"{path}.focus[{i}].{flag}", f"expected {flag}: true on one focus item only but it is also "
                         f"on focus[{marked[0]}]")

    def numbered(self, items: list[tuple[str, int]], what: str) -> None:
        """Numbers 1, 2, 3, ... in order, as a reader counts them."""
        for expected, (path, number) in enumerate(items, start=1):
            if number != expected:
                self.add(path, f"expected {what} number {expected} ({what}s are numbered 1, 2, 3, ... in order) "
                         f"but got {number}")
                return

    def check_ids(self, plan: model.Plan) -> None:
        """Every id of every kind shares one namespace: progress files, page
        anchors and calendar UIDs refer to them without saying which kind."""
        ids: list[tuple[str, str]] = [("id", plan.id)]
        for pi, phase in enumerate(plan.phases):
            ids.append((f"phases[{pi}].id", phase.id))
            for wi, week in enumerate(phase.weeks):
                wpath = f"phases[{pi}].weeks[{wi}]"
                ids.append((f"{wpath}.id", week.id))
                ids.extend((f"{wpath}.tasks[{ti}].id", t.id) for ti, t in enumerate(week.tasks))
                ids.extend((f"{wpath}.topics[{ti}].id", t.id) for ti, t in enumerate(week.topics))
                if week.project_milestone:
                    ids.append((f"{wpath}.project_milestone.id", week.project_milestone.id))
        ids.extend((f"milestones[{i}].id", m.id) for i, m in enumerate(plan.milestones))
        if plan.project:
            ids.append(("project.id", plan.project.id))
            ids.extend((f"project.components[{i}].id", c.id) for i, c in enumerate(plan.project.components))
        if plan.system_design:
            ids.extend((f"system_design.problems[{i}].id", p.id) for i, p in enumerate(plan.system_design.problems))
        ids.extend((f"schedule.blocks[{i}].id", b.id) for i, b in enumerate(plan.schedule.blocks))
        ids.extend((f"schedule.weekend.focus[{i}].id", f.id) for i, f in enumerate(plan.schedule.focus))
        self.unique(ids, "id")

    def unique(self, items: list[tuple[str, Any]], what: str) -> None:
        first: dict[Any, str] = {}
        for path, value in items:
            if value in first:
                self.add(path, f"expected a unique {what} but got {value!r}, already used at {first[value]}")
            else:
                first[value] = path

    def check_phases(self, plan: model.Plan) -> None:
        expected_start = 1
        for i, phase in enumerate(plan.phases):
            path = f"phases[{i}]"
            if phase.start_day != expected_start:
                kind = "a gap" if phase.start_day > expected_start else "an overlap"
                self.add(f"{path}.start_day", f"expected day {expected_start} (right after the previous phase) "
                         f"but got {phase.start_day}, which leaves {kind}")
            if phase.end_day < phase.start_day:
                self.add(f"{path}.end_day", f"expected a day not before start_day ({phase.start_day}) "
                         f"but got {phase.end_day}")
            elif phase.end_day > plan.days:
                self.add(f"{path}.end_day", f"expected a day inside the plan (1-{plan.days}) but got {phase.end_day}")
            elif phase.end_day - phase.start_day + 1 < len(phase.weeks):
                self.add(f"{path}.end_day", f"expected at least one day per week ({len(phase.weeks)} weeks) "
                         f"but the phase has {phase.end_day - phase.start_day + 1} days")
            else:
                length = phase.end_day - phase.start_day + 1
                own = [(wi, w.days) for wi, w in enumerate(phase.weeks) if w.days]
                others = len(phase.weeks) - len(own)
                total = sum(d for _, d in own)
                if own and (total > length - others or (not others and total != length)):
                    wi = own[-1][0]
                    want = f"exactly {length}" if not others else f"at most {length - others} (a day for each other week)"
                    self.add(f"{path}.weeks[{wi}].days", f"expected the weeks' own days to add up to {want} in a phase of "
                             f"{length} days but they add up to {total}")
            expected_start = phase.end_day + 1
        last = plan.phases[-1].end_day
        if last < plan.days and last >= plan.phases[-1].start_day:
            self.add(f"phases[{len(plan.phases) - 1}].end_day",
                     f"expected the last phase to end on day {plan.days} (the plan's length) but got {last}")

    def check_blocks(self, blocks: tuple[model.Block, ...]) -> None:
        for i in range(1, len(blocks)):
            if minutes(blocks[i].start) <= minutes(blocks[i - 1].start):
                self.add(f"schedule.blocks[{i}].start", f"expected blocks in the order of the day (after "
                         f"'{blocks[i - 1].id}' at {blocks[i - 1].start}) but got {blocks[i].start}")
                return
        spans = sorted((minutes(b.start), b.minutes, i) for i, b in enumerate(blocks))
        for (start_a, len_a, ia), (start_b, _, ib) in zip(spans, spans[1:]):
            if start_a + len_a > start_b:
                self.add(f"schedule.blocks[{ib}].start", f"expected a start after block "
                         f"'{blocks[ia].id}' ends ({clock(start_a + len_a)}) but got {blocks[ib].start}")
        for start, length, i in spans:
            if start + length > 24 * 60:
                self.add(f"schedule.blocks[{i}].minutes", f"expected the block to end by midnight but it ends at "
                         f"{clock(start + length)}")


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return repr(value) if len(value) < 60 else repr(value[:57] + "...")
    return f"{value!r} ({type(value).__name__})"


def _expectation(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is tuple:
        return "a list"
    if origin is typing.Literal:
        return "one of " + ", ".join(map(repr, typing.get_args(tp)))
    if dataclasses.is_dataclass(tp):
        return "a mapping"
    return {str: "text", int: "a whole number", bool: "true or false"}.get(tp, str(tp))


def plan_from_data(data: Any, source: str = "<plan>", lines: Lines | None = None) -> model.Plan:
    """Validate plain data into the plan as written, or raise InputError
    listing every problem."""
    checker = _Checker(source, lines or {})
    plan = checker.build_object(model.Plan, data, "")
    if plan is not _MISSING:
        checker.check_plan(plan)
    if checker.problems:
        raise InputError(sorted(checker.problems, key=lambda p: p.line or 0))
    return plan


def load_plan(path: Path, display: str | None = None) -> model.Plan:
    """Read and validate the plan file at `path`."""
    data, lines = read_yaml(path, display or str(path))
    return plan_from_data(data, display or str(path), lines)


def plan_from_text(text: str, name: str) -> model.Plan:
    """Parse and validate a plan file's text (`name` for messages)."""
    data, lines = parse_yaml(text, name)
    return plan_from_data(data, name, lines)
