"""Hypothesis strategy for random valid plans (as YAML-like data)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


@st.composite
def plan_data(draw: st.DrawFn, base_days: int | None = None) -> dict[str, Any]:
    week_counts = draw(st.lists(st.integers(1, 6), min_size=1, max_size=8))
    total_weeks = sum(week_counts)
    days = base_days or draw(st.integers(max(28, total_weeks), 364))  # the longer plan needs a day more
    # Phase lengths: at least one day per week, the rest spread at random.
    spare = days - total_weeks
    cuts = sorted(draw(st.lists(st.integers(0, spare), min_size=len(week_counts) - 1,
                                max_size=len(week_counts) - 1)))
    extras = [b - a for a, b in zip([0, *cuts], [*cuts, spare])]
    phases, start, number = [], 1, 1
    for p, (weeks, extra) in enumerate(zip(week_counts, extras)):
        end = start + weeks + extra - 1
        phase_weeks = []
        for _ in range(weeks):
            tasks = draw(st.integers(1, 9))
            phase_weeks.append({"id": f"w{number}", "number": number, "title": f"Week {number}", "activities": "a",
                                "tasks": [{"id": f"w{number}-t{i}", "text": f"Task {i}"} for i in range(tasks)]})
            number += 1
        phases.append({"id": f"p{p}", "number": p + 1, "title": f"Phase {p}", "start_day": start, "end_day": end,
                       "focus": "f", "activities_label": "Activities", "weeks": phase_weeks})
        start = end + 1
    milestone_days = sorted(draw(st.lists(st.integers(1, days), max_size=6)))
    data = plan_data_base(days)
    data["id"] = "random-plan"
    data["phases"] = phases
    data["milestones"] = [{"id": f"m{i}", "title": "m", "day": d, "verification": "v"}
                          for i, d in enumerate(milestone_days)]
    return data


def fixed_plan(weeks_per_phase: list[int], days: int) -> dict[str, Any]:
    """A deterministic plan with the given weeks per phase (for edge cases)."""
    phases, start, number = [], 1, 1
    total = sum(weeks_per_phase)
    for p, weeks in enumerate(weeks_per_phase):
        length = days * sum(weeks_per_phase[: p + 1]) // total - (start - 1)
        end = start + length - 1
        phase_weeks = []
        for _ in range(weeks):
            phase_weeks.append({"id": f"w{number}", "number": number, "title": f"A rather long week title {number}",
                                "activities": "a", "tasks": [{"id": f"w{number}-t", "text": "Task"}]})
            number += 1
        phases.append({"id": f"p{p}", "number": p + 1, "title": f"Phase with a long name {p}", "start_day": start,
                       "end_day": end, "focus": "f", "activities_label": "A", "weeks": phase_weeks})
        start = end + 1
    data = plan_data_base(days)
    data["phases"] = phases
    data["milestones"] = [{"id": f"m{i}", "title": "m", "day": d, "verification": "v"}
                          for i, d in enumerate(sorted({1, 2, 3, days // 2, days // 2 + 1, days - 1, days}))]
    return data


def plan_data_base(days: int) -> dict[str, Any]:
    return {
        "id": "fixed-plan", "title": "Fixed", "subtitle": "s", "introduction": "i", "days": days,
        "system_design": {"title": "t", "intro": "i", "problems": [{"id": "p", "level": "Basic", "title": "t"}]},
        "schedule": {"title": "t", "comment": "c", "blocks": [
            {"id": "morning", "key": "m", "label": "Theory", "activity": "a", "minutes": 60, "start": "07:00"},
            {"id": "afternoon", "key": "a", "label": "Hands-on", "activity": "a", "minutes": 60, "start": "13:00"},
            {"id": "evening", "key": "e", "label": "Practice", "activity": "a", "minutes": 60, "start": "19:00"}],
            "weekend": {"title": "w", "min_hours": 4, "max_hours": 6, "minutes": 300, "start": "09:00",
                        "focus": [{"id": "f", "text": "f", "day": "sat"}]}},
        "commitment": {"title": "c", "text": "t", "days": min(365, days + 30)},
    }
