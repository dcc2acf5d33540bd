"""Pictures of the plan as inline SVG, drawn by the build: a timeline of the
paces (home and phase pages) and a burn-up of progress (`studyplan progress
--svg`; the Progress page draws the same chart in the browser).

Colours come from CSS classes (docs/assets/studyplan.css) so the pictures
follow light mode, dark mode and print. Sizes come from here: every picture
has a viewBox and scales to its column, so its text scales too. The timeline
is therefore drawn twice, for a wide column (one row per pace on a shared day
axis) and for a narrow one (one row per phase), and the stylesheet shows the
one that fits the column; each keeps its text at 10-15 px on screen. Labels
are placed only where they fit; the full text is always in <title> elements
and the <desc>. Pictures carry `data-search-exclude` so the site search
indexes the page's words, not the labels of a drawing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from . import model
from .pace import Pace
from .progress import Progress

EM = 0.62  # generous average width of a character, in ems, for fitting labels


def text_width(text: str, size: float = 11) -> float:
    return len(text) * EM * size


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Layout:
    """One drawing of the timeline: its width in user units and text sizes."""

    name: str
    width: int
    left: int  # room for the row label ("120 days") in the wide layout
    right: int
    week_size: float  # week labels
    phase_size: float
    label_size: float  # milestone day labels
    pace_size: float
    max_lines: int  # lines a week label may take


# The wide drawing is shown when the column is at least 660 px wide (Material's
# column is 660-930 px there: viewBox 1000 gives text of 9.2-14 px), else the
# narrow one, at most 480 px wide (columns of 288-660 px: 9.2-16 px).
WIDE = Layout("wide", 1000, 96, 12, week_size=15, phase_size=14, label_size=14, pace_size=17, max_lines=3)
NARROW = Layout("narrow", 360, 6, 6, week_size=12.5, phase_size=12, label_size=11.5, pace_size=14, max_lines=3)
LAYOUTS = (WIDE, NARROW)


@dataclass(frozen=True)
class Scale:
    """Days lo..hi of a row mapped onto x0..x1."""

    lo: int
    hi: int
    x0: float
    x1: float

    def x(self, day: float) -> float:
        """x of the start of plan day `day` (1-based); day hi+1 is the end of the row."""
        return round(self.x0 + (day - self.lo) / (self.hi - self.lo + 1) * (self.x1 - self.x0), 2)


def _pieces(title: str) -> list[tuple[str, str]]:
    """Breakable pieces of a title with what joins each to the previous one:
    words join with a space, the parts of a hyphenated word with nothing."""
    out: list[tuple[str, str]] = []
    for word in title.split():
        for i, part in enumerate(re.findall(r"[^-]+-*|-+", word)):
            out.append((part, "" if i else " "))
    return out


def week_label(title: str, number: int, width: float, size: float = 11, max_lines: int = 3) -> list[str]:
    """The lines that fit a week segment: the whole title wrapped at spaces and
    hyphens on at most `max_lines` lines, else the week number, else nothing."""
    room = width - 6
    lines: list[str] = []
    for piece, joint in _pieces(title):
        if lines and text_width(lines[-1] + joint + piece, size) <= room:
            lines[-1] += joint + piece
        else:
            lines.append(piece)
    if lines and len(lines) <= max_lines and all(text_width(line, size) <= room for line in lines):
        return lines
    return [str(number)] if text_width(str(number), size) <= room else []


def _fit(labels: list[str], width: float, size: float) -> str:
    """The first label that fits the width, else nothing."""
    return next((x for x in labels if text_width(x, size) + 8 <= width), "")


def _row(pace: Pace, scale: Scale, y: float, lay: Layout, *, href: Callable[[model.Week], str],
         start: dt.date | None, highlight: str | None, phase_days: bool) -> tuple[list[str], float]:
    """Days scale.lo..scale.hi of one pace from y down: phase bands, week
    segments (links), weekends, milestone markers. Returns (parts, height)."""
    plan = pace.plan
    lo, hi = scale.lo, min(scale.hi, pace.days)
    body: list[str] = []
    band = round(lay.phase_size * 1.5)
    for phase in plan.phases:
        span = pace.phase(phase)
        if span.end < lo or span.start > hi:
            continue
        x1, x2 = scale.x(max(lo, span.start)), scale.x(min(hi, span.end) + 1)
        cls = "sp-tl-phase" + (" sp-tl-phase--on" if phase.id == highlight else "")
        name = f"Phase {phase.number}: {phase.title}"
        label = _fit([f"{name} ({span.text()})"] * phase_days
                     + [name, f"Phase {phase.number}", f"P{phase.number}"], x2 - x1, lay.phase_size)
        body.append(f'<g class="{cls}" data-phase="{_e(phase.id)}"><title>{_e(name)} '
                    f'({span.text()})</title>'
                    f'<rect x="{x1}" y="{y}" width="{round(x2 - x1, 2)}" height="{band}"/>'
                    + (f'<text x="{round(x1 + 4, 2)}" y="{round(y + band * 0.72, 2)}" font-size="{lay.phase_size}">'
                       f'{_e(label)}</text>' if label else "") + "</g>")
    weeks = [w for w in plan.weeks if lo <= pace.week(w).start <= hi]
    labels = {w.id: week_label(w.title, w.number, scale.x(pace.week(w).end + 1) - scale.x(pace.week(w).start) - 2,
                               lay.week_size, lay.max_lines) for w in weeks}
    line_h = round(lay.week_size * 1.2, 2)
    lines = max([len(v) for v in labels.values()] + [1])
    top = y + band + 4
    seg_h = round(lines * line_h + 10, 2)
    for week in weeks:
        span = pace.week(week)
        x1, x2 = scale.x(span.start), scale.x(span.end + 1)
        dim = highlight and plan.phase_of(week).id != highlight
        mid = round((x1 + x2) / 2, 2)
        text = labels[week.id]
        first = top + seg_h / 2 - (len(text) - 1) * line_h / 2 + lay.week_size * 0.35
        label = "".join(f'<text x="{mid}" y="{round(first + line_h * i, 2)}" text-anchor="middle">{_e(t)}</text>'
                        for i, t in enumerate(text))
        body.append(
            f'<a href="{_e(href(week))}" class="sp-tl-week{" sp-tl-week--dim" if dim else ""}" '
            f'data-week="{_e(week.id)}" data-start="{span.start}" data-end="{span.end}">'
            f'<title>Week {week.number}: {_e(week.title)} ({span.text()})</title>'
            f'<rect x="{round(x1 + 1, 2)}" y="{top}" width="{round(x2 - x1 - 2, 2)}" height="{seg_h}" rx="3"/>{label}</a>')
    bottom = top + seg_h
    if start:  # weekends as a shaded strip under the weeks
        for d in range(lo, hi + 1):
            if (start + dt.timedelta(days=d - 1)).weekday() >= 5:
                body.append(f'<rect class="sp-tl-weekend" x="{scale.x(d)}" y="{round(bottom + 2, 2)}" '
                            f'width="{round(scale.x(d + 1) - scale.x(d), 2)}" height="4"/>')
    bottom += 8
    # Milestone markers; day labels go to the first of three lines where they do not overlap.
    ends = [-1e9, -1e9, -1e9]
    used = 0
    size = lay.label_size
    for m in plan.milestones:
        day = pace.day_of(m)
        if not lo <= day <= hi:
            continue
        mx = round((scale.x(day) + scale.x(day + 1)) / 2, 2)
        body.append(f'<g class="sp-tl-milestone" data-milestone="{_e(m.id)}" data-day="{day}">'
                    f'<title>{_e(m.title)}: day {day} ({_e(m.verification)})</title>'
                    f'<path d="M{mx} {round(bottom, 2)} l5 9 h-10 z"/>')
        label = f"day {day}"
        w = text_width(label, size)
        lx = min(max(mx, scale.x0 + w / 2), scale.x1 - w / 2)  # inside the row where it can be,
        lx = min(max(lx, w / 2 + 2), lay.width - w / 2 - 2)  # always inside the picture
        line = next((i for i, end in enumerate(ends) if lx - w / 2 > end + 3), None)
        if line is not None:
            ends[line] = lx + w / 2
            used = max(used, line + 1)
            body.append(f'<text x="{round(lx, 2)}" y="{round(bottom + 9 + size * (1 + 1.15 * line), 2)}" '
                        f'text-anchor="middle" font-size="{size}">{label}</text>')
        body.append("</g>")
    height = bottom + 9 + (size * 1.15 * used + 4 if used else 2) - y
    return body, height


def _description(paces: list[Pace]) -> str:
    return " ".join(
        f"{pace.days}-day pace: " + "; ".join(
            f"phase {p.number} {p.title} {pace.phase(p).text()}" for p in pace.plan.phases) + ". Weeks: " + "; ".join(
            f"week {w.number} {w.title} {pace.week(w).text()}" for w in pace.plan.weeks) + ". Milestones: " + "; ".join(
            f"{m.title} day {pace.day_of(m)}" for m in pace.plan.milestones) + "." for pace in paces)


def timeline_svg(paces: list[Pace], *, href: Callable[[model.Week], str] = lambda w: f"weeks/{w.id}/",
                 start: dt.date | None = None,
                 highlight: str | None = None, title: str | None = None) -> str:
    """The timeline of the paces, twice: a wide drawing (one row per pace, on
    one day axis) and a narrow one (one row per phase, each pace on its own
    axis); the stylesheet shows the one that fits the column."""
    return "".join(timeline_layout(paces, lay, href=href, start=start, highlight=highlight, title=title)
                   for lay in LAYOUTS)


def timeline_layout(paces: list[Pace], lay: Layout, *, href: Callable[[model.Week], str] = lambda w: f"weeks/{w.id}/",
                    start: dt.date | None = None, highlight: str | None = None, title: str | None = None) -> str:
    """One drawing of the timeline (see timeline_svg)."""
    body: list[str] = []
    y = 6.0
    opts = {"href": href, "start": start, "highlight": highlight}
    if lay is WIDE:
        longest = max(p.days for p in paces)
        for pace in paces:
            scale = Scale(1, longest, lay.left, lay.width - lay.right)
            body.append(f'<text class="sp-tl-pace" x="4" y="{round(y + lay.phase_size * 1.5 + 4 + lay.pace_size * 1.6, 2)}" '
                        f'font-size="{lay.pace_size}">{pace.days} days</text>')
            parts, h = _row(pace, scale, y, lay, phase_days=False, **opts)
            body += parts
            y += h + 10
    else:
        for pace in paces:
            body.append(f'<text class="sp-tl-pace" x="{lay.left}" y="{round(y + lay.pace_size, 2)}" '
                        f'font-size="{lay.pace_size}">{pace.days}-day pace</text>')
            y += lay.pace_size * 1.5
            longest = max(pace.phase(p).days for p in pace.plan.phases)
            for phase in pace.plan.phases:
                span = pace.phase(phase)
                scale = Scale(span.start, span.start + longest - 1, lay.left, lay.width - lay.right)
                parts, h = _row(pace, Scale(span.start, span.end, lay.left, scale.x(span.end + 1)), y, lay,
                                phase_days=True, **opts)
                body += parts
                y += h + 6
            y += 6
    name = title or "Timeline of the plan"
    ident = f"sp-tl-{lay.name}"
    # role=group, not img: the week segments inside are links a keyboard can reach.
    return (f'<svg class="sp-timeline sp-timeline--{lay.name}" viewBox="0 0 {lay.width} {round(y, 2)}" role="group" '
            f'aria-labelledby="{ident}-title {ident}-desc" font-size="{lay.week_size}" data-search-exclude="" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="{ident}-title">{_e(name)}</title>'
            f'<desc id="{ident}-desc">{_e(_description(paces))}</desc>' + "".join(body) + "</svg>")


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


# The burn-up's frame, shared with studyplan.js (burnup): a 400-unit-wide
# viewBox shown at most 480 px wide, so its 13-unit text reads at 9.4-15.6 px
BU_W, BU_H, BU_LEFT, BU_RIGHT, BU_TOP, BU_BOTTOM, BU_TEXT = 400, 250, 40, 14, 18, 46, 13

STANDALONE_STYLE = (
    "<style>text{font-family:sans-serif;fill:#222}.sp-bu-axis{stroke:#666;fill:none}"
    ".sp-bu-expected{stroke:#777;stroke-dasharray:6 4;fill:none;stroke-width:2}"
    ".sp-bu-actual{stroke:#3f51b5;fill:none;stroke-width:3}.sp-bu-milestone path{fill:#222}"
    ".sp-bu-today path{stroke:#3f51b5;stroke-dasharray:2 3}</style>")


def burnup_svg(pace: Pace, progress: Progress, today: dt.date, *, standalone: bool = True,
               changes: tuple[int, ...] = ()) -> str:
    """Expected tasks done by day against the ticks over time, from the start
    (day 0) to the plan's last day (the Progress page draws the same chart
    with studyplan.js). A standalone file carries its own colours; on the
    site the page's CSS gives them."""
    w, h, left, right, top, bottom = BU_W, BU_H, BU_LEFT, BU_RIGHT, BU_TOP, BU_BOTTOM
    plan = pace.plan
    total = max(1, len(plan.tasks))
    axis_y = h - bottom

    # Coordinates as text with two decimals, exactly as the page's script writes them.
    def sx(d: float) -> str:
        return f"{left + d / pace.days * (w - left - right):.2f}"

    def sy(n: float) -> str:
        return f"{axis_y - n / total * (axis_y - top):.2f}"
    expected, actual = burnup_points(pace, progress, today)
    exp_path = "M" + " L".join(f"{sx(d)} {sy(n)}" for d, n in expected)
    act_path = "M" + " L".join(f"{sx(d)} {sy(n)}" for d, n in actual) if len(actual) > 1 else ""
    start = progress.start_date
    day = (today - start).days + 1 if start else None
    done = actual[-1][1] if actual else 0
    end = sx(pace.days)
    parts = [f'<svg class="sp-burnup" viewBox="0 0 {w} {h}" role="img" aria-labelledby="sp-bu-title sp-bu-desc" '
             f'font-size="{BU_TEXT}" xmlns="http://www.w3.org/2000/svg"><title id="sp-bu-title">Tasks done against the plan</title>'
             f'<desc id="sp-bu-desc">Expected: {total} tasks over {pace.days} days. Done: {done} by day '
             f'{day if day is not None else "?"}.</desc>' + (STANDALONE_STYLE if standalone else ""),
             f'<path class="sp-bu-axis" d="M{left} {top} V{axis_y} H{end}"/>',
             f'<path class="sp-bu-expected" d="{exp_path}"/>']
    if act_path:
        parts.append(f'<path class="sp-bu-actual" d="{act_path}"/>')
    for m in plan.milestones:
        md = pace.day_of(m)
        parts.append(f'<g class="sp-bu-milestone" data-day="{md}"><title>{_e(m.title)}: day {md}</title>'
                     f'<path d="M{sx(md)} {axis_y} l4 7 h-8 z"/></g>')
    for d in changes:  # catch-ups and days off
        parts.append(f'<g class="sp-bu-replan" data-day="{d}"><title>Schedule changed on day {d}</title>'
                     f'<path d="M{sx(d)} {top} V{axis_y}"/></g>')
    if day is not None and 1 <= day <= pace.days:
        tx = min(max(float(sx(day)), left + 20), w - right - 20)  # "today" stays inside the picture
        parts.append(f'<g class="sp-bu-today" data-day="{day}"><title>Today: day {day}</title>'
                     f'<path d="M{sx(day)} {top} V{axis_y}"/>'
                     f'<text x="{tx:.2f}" y="{top - 5}" text-anchor="middle">today</text></g>')
    for x, y, text, anchor in ((left - 4, f"{float(sy(total)) + 4:.2f}", str(total), "end"),
                               (left - 4, axis_y + 4, "0", "end"),
                               (left, axis_y + 22, "start", "start"),
                               (end, axis_y + 22, f"day {pace.days}", "end"),
                               (left, h - 6, "dashed: expected by the plan; solid: done", "start")):
        parts.append(f'<text class="sp-bu-label" x="{x}" y="{y}" text-anchor="{anchor}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)
