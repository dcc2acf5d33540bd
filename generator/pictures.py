"""Pictures of the plan as inline SVG, drawn by the build: a timeline of the
paces (home and phase pages) and a burn-up of progress (`studyplan progress
--svg`; the Progress page draws the same chart in the browser).

Colours come from CSS classes (docs/assets/studyplan.css) so the pictures
follow light mode, dark mode and print. Labels are placed only where they fit;
the full text is always in <title> elements and the <desc>.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from . import model
from .pace import Pace
from .progress import Progress

WIDTH = 1000
LEFT = 92  # room for the row label ("120 days")
RIGHT = 12
CHAR = 6.8  # generous average width of a character at 11px, for fitting labels


def text_width(text: str, size: float = 11) -> float:
    return len(text) * CHAR * size / 11


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Scale:
    days: int  # the longest row's days

    def x(self, day: float) -> float:
        """x of the start of plan day `day` (1-based); day N+1 is the end."""
        return round(LEFT + (day - 1) / self.days * (WIDTH - LEFT - RIGHT), 2)


def _fit(label: str, short: str, width: float) -> str:
    if text_width(label) + 8 <= width:
        return label
    if text_width(short) + 6 <= width:
        return short
    return ""


def week_label(title: str, number: int, width: float) -> list[str]:
    """The lines that fit a week segment: the title on one or two lines, else
    the title cut short with an ellipsis, else the week number, else nothing."""
    room = width - 6
    if text_width(title) <= room:
        return [title]
    words = title.split()
    for cut in range(len(words) - 1, 0, -1):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        if all(text_width(x) <= room for x in lines):
            return lines
    for n in range(len(title) - 1, 3, -1):
        short = title[:n].rstrip() + "…"
        if text_width(short) <= room:
            return [short]
    return [str(number)] if text_width(str(number)) <= room else []


def timeline_svg(paces: list[Pace], *, href: Callable[[model.Week], str] = lambda w: f"weeks/{w.id}/",
                 start: dt.date | None = None,
                 highlight: str | None = None, title: str | None = None) -> str:
    """One row per pace: phase bands, week segments (links), milestone markers."""
    scale = Scale(max(p.days for p in paces))
    row_h = 104
    height = 8 + row_h * len(paces)
    desc_parts = []
    body = []
    for r, pace in enumerate(paces):
        plan = pace.plan
        y = 8 + r * row_h
        body.append(f'<text class="sp-tl-pace" x="4" y="{y + 38}">{pace.days} days</text>')
        desc_parts.append(f"{pace.days}-day pace: " + "; ".join(
            f"phase {p.number} {p.title} {pace.phase(p).text()}" for p in plan.phases) + ". Weeks: " + "; ".join(
            f"week {w.number} {w.title} {pace.week(w).text()}" for w in plan.weeks) + ". Milestones: " + "; ".join(
            f"{m.title} day {pace.day_of(m)}" for m in plan.milestones) + ".")
        if start:  # weekends as a shaded strip under the weeks
            for d in range(1, pace.days + 1):
                if (start + dt.timedelta(days=d - 1)).weekday() >= 5:
                    body.append(f'<rect class="sp-tl-weekend" x="{scale.x(d)}" y="{y + 54}" '
                                f'width="{round(scale.x(d + 1) - scale.x(d), 2)}" height="4"/>')
        for phase in plan.phases:
            span = pace.phase(phase)
            x1, x2 = scale.x(span.start), scale.x(span.end + 1)
            cls = "sp-tl-phase" + (" sp-tl-phase--on" if phase.id == highlight else "")
            label = _fit(f"Phase {phase.number}: {phase.title}", f"P{phase.number}", x2 - x1)
            body.append(f'<g class="{cls}" data-phase="{_e(phase.id)}"><title>Phase {phase.number}: {_e(phase.title)} '
                        f'({span.text()})</title>'
                        f'<rect x="{x1}" y="{y}" width="{round(x2 - x1, 2)}" height="16"/>'
                        + (f'<text x="{round(x1 + 4, 2)}" y="{y + 12}">{_e(label)}</text>' if label else "") + "</g>")
        for week in plan.weeks:
            span = pace.week(week)
            x1, x2 = scale.x(span.start), scale.x(span.end + 1)
            dim = highlight and plan.phase_of(week).id != highlight
            lines = week_label(week.title, week.number, x2 - x1 - 2)
            mid = round((x1 + x2) / 2, 2)
            first = y + 40 if len(lines) == 1 else y + 34
            label = "".join(f'<text x="{mid}" y="{first + 12 * i}" text-anchor="middle">{_e(line)}</text>'
                            for i, line in enumerate(lines))
            body.append(
                f'<a href="{_e(href(week))}" class="sp-tl-week{" sp-tl-week--dim" if dim else ""}" '
                f'data-week="{_e(week.id)}" data-start="{span.start}" data-end="{span.end}">'
                f'<title>Week {week.number}: {_e(week.title)} ({span.text()})</title>'
                f'<rect x="{x1 + 1}" y="{y + 20}" width="{round(x2 - x1 - 2, 2)}" height="32" rx="3"/>{label}</a>')
        # Milestone markers; day labels go to the first of three lines where they do not overlap.
        ends = [-1e9, -1e9, -1e9]
        for m in plan.milestones:
            day = pace.day_of(m)
            mx = round((scale.x(day) + scale.x(day + 1)) / 2, 2)
            body.append(f'<g class="sp-tl-milestone" data-milestone="{_e(m.id)}" data-day="{day}">'
                        f'<title>{_e(m.title)}: day {day} ({_e(m.verification)})</title>'
                        f'<path d="M{mx} {y + 58} l5 9 h-10 z"/>')
            label = f"day {day}"
            w = text_width(label, 10)
            lx = min(max(mx, LEFT + w / 2), WIDTH - 8 - w / 2)  # keep the label inside the picture
            line = next((i for i, end in enumerate(ends) if lx - w / 2 > end + 3), None)
            if line is not None:
                ends[line] = lx + w / 2
                body.append(f'<text x="{round(lx, 2)}" y="{y + 78 + 10 * line}" text-anchor="middle">{label}</text>')
            body.append("</g>")
    name = title or "Timeline of the plan"
    height += 10
    # role=group, not img: the week segments inside are links a keyboard can reach.
    return (f'<svg class="sp-timeline" viewBox="0 0 {WIDTH} {height}" role="group" aria-labelledby="sp-tl-title sp-tl-desc" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="sp-tl-title">{_e(name)}</title>'
            f'<desc id="sp-tl-desc">{_e(" ".join(desc_parts))}</desc>' + "".join(body) + "</svg>")


def burnup_points(pace: Pace, progress: Progress, today: dt.date) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(expected, actual): cumulative tasks by plan day. Actual counts ticks
    of the plan's tasks by the day they were made, up to today."""
    plan = pace.plan
    start = progress.start_date or today
    task_ids = {t.id for t in plan.tasks}
    expected = [(d, sum(1 for day in pace.task_days.values() if day <= d)) for d in range(0, pace.days + 1)]
    last = min(pace.days, max(0, (today - start).days + 1))
    ticks = sorted(max(1, (when.date() - start).days + 1) for i, when in progress.done.items() if i in task_ids)
    actual = [(d, sum(1 for t in ticks if t <= d)) for d in range(0, last + 1)]
    return expected, actual


STANDALONE_STYLE = (
    "<style>text{font:11px sans-serif;fill:#222}.sp-bu-axis{stroke:#666;fill:none}"
    ".sp-bu-expected{stroke:#777;stroke-dasharray:6 4;fill:none;stroke-width:2}"
    ".sp-bu-actual{stroke:#3f51b5;fill:none;stroke-width:3}.sp-bu-milestone path{fill:#222}"
    ".sp-bu-today path{stroke:#3f51b5;stroke-dasharray:2 3}</style>")


def burnup_svg(pace: Pace, progress: Progress, today: dt.date, *, standalone: bool = True) -> str:
    """Expected tasks done by day against the ticks over time (the Progress
    page draws the same chart with studyplan.js). A standalone file carries
    its own colours; on the site the page's CSS gives them."""
    plan = pace.plan
    w, h, left, bottom, top = 600, 260, 40, 30, 10
    total = max(1, len(plan.tasks))
    # Coordinates as text with two decimals, exactly as the page's script writes them.
    def sx(d: float) -> str:
        return f"{left + d / pace.days * (w - left - 10):.2f}"

    def sy(n: float) -> str:
        return f"{h - bottom - n / total * (h - bottom - top):.2f}"
    expected, actual = burnup_points(pace, progress, today)
    exp_path = "M" + " L".join(f"{sx(d)} {sy(n)}" for d, n in expected)
    act_path = "M" + " L".join(f"{sx(d)} {sy(n)}" for d, n in actual) if len(actual) > 1 else ""
    start = progress.start_date
    day = (today - start).days + 1 if start else None
    done = actual[-1][1] if actual else 0
    parts = [f'<svg class="sp-burnup" viewBox="0 0 {w} {h}" role="img" aria-labelledby="sp-bu-title sp-bu-desc" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="sp-bu-title">Tasks done against the plan</title>'
             f'<desc id="sp-bu-desc">Expected: {total} tasks over {pace.days} days. Done: {done} by day '
             f'{day if day is not None else "?"}.</desc>' + (STANDALONE_STYLE if standalone else ""),
             f'<path class="sp-bu-axis" d="M{left} {top} V{h - bottom} H{w - 10}"/>',
             f'<text class="sp-bu-label" x="{left - 4}" y="{float(sy(total)) + 4:g}" text-anchor="end">{total}</text>',
             f'<text class="sp-bu-label" x="{left - 4}" y="{h - bottom + 4}" text-anchor="end">0</text>',
             f'<text class="sp-bu-label" x="{sx(pace.days)}" y="{h - 10}" text-anchor="end">day {pace.days}</text>',
             f'<path class="sp-bu-expected" d="{exp_path}"/>']
    if act_path:
        parts.append(f'<path class="sp-bu-actual" d="{act_path}"/>')
    for m in plan.milestones:
        md = pace.day_of(m)
        parts.append(f'<g class="sp-bu-milestone" data-day="{md}"><title>{_e(m.title)}: day {md}</title>'
                     f'<path d="M{sx(md)} {h - bottom} l4 7 h-8 z"/></g>')
    if day is not None and 1 <= day <= pace.days:
        parts.append(f'<g class="sp-bu-today" data-day="{day}"><title>Today: day {day}</title>'
                     f'<path d="M{sx(day)} {top} V{h - bottom}"/><text x="{float(sx(day)) + 3:g}" y="{top + 10}">today</text></g>')
    parts.append(f'<text class="sp-bu-label" x="{left}" y="{h - 10}">dashed: expected by the plan; solid: done</text>')
    parts.append("</svg>")
    return "".join(parts)
