"""The `studyplan` command: validate, print, schema and build.

Exit codes: 0 success, 2 bad input (plan, options, files), 1 unexpected error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from . import export, model, output
from .errors import InputError, Problem
from .pace import Pace, check_days, pace
from .schema import schema_text
from .validate import load_plan

DEFAULT_PLAN = "plan_data/plan.yaml"
SCHEMA_PATH = "plan_data/plan.schema.json"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors: exit 2 too
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _add_plan(p: argparse.ArgumentParser, site: bool = False) -> None:
    if site:  # the site build reads the plan named in its config unless told otherwise
        p.add_argument("--plan", help="plan file (default: the `plan` of the studyplan plugin in the config)")
    else:
        p.add_argument("--plan", help=f"plan file (default: the one mkdocs.yml names, else {DEFAULT_PLAN})")


def default_plan(config: Path = Path("mkdocs.yml")) -> str:
    """The plan this project builds: the `plan` of the studyplan plugin in mkdocs.yml, else plan_data/plan.yaml,
    so every command reads the same plan as the site."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends: not needed here
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeError, yaml.YAMLError):
        return DEFAULT_PLAN
    plugins = data.get("plugins") if isinstance(data, dict) else None
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, dict) and isinstance(item.get("studyplan"), dict):
            plan = item["studyplan"].get("plan")
            if isinstance(plan, str) and plan:
                return plan
    return DEFAULT_PLAN


def cmd_validate(args: argparse.Namespace) -> int:
    plan = load_plan(Path(args.plan), args.plan)
    print(f"{args.plan}: ok ({len(plan.phases)} phases, {len(plan.weeks)} weeks, {len(plan.tasks)} tasks, "
          f"{len(plan.milestones)} milestones, {plan.days} days)")
    return 0


def _pace(args: argparse.Namespace, plan: model.Plan, days: int | None = None) -> Pace:
    """The plan at `--days` (default: `days`, else the plan's own length)."""
    n = args.days if args.days is not None else days or plan.days
    check_days(plan, n, source=f"studyplan {args.command}")
    return pace(plan, n)


def cmd_plan(args: argparse.Namespace) -> int:
    plan = load_plan(Path(args.plan), args.plan)
    progress = _progress(args, plan)
    if args.start is None and progress is None:
        p = _pace(args, plan)
        sys.stdout.write(export.to_json(p) if args.format == "json" else export.to_yaml(p))
        return 0
    import json

    from .reader import agenda_data

    schedule, settings = _reader_schedule(args, plan, progress, "studyplan plan")
    data = agenda_data(schedule, settings)
    if args.format == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        import yaml

        sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    return 0


def _reader_schedule(args: argparse.Namespace, plan: model.Plan, progress, command: str):
    """The reader's schedule and settings from the flags and the progress file (flags win):
    start date, zone, block times, weekend days, pace, catch-ups and days off."""
    from .replan import schedule
    from .settings import parse_settings

    p = _pace(args, plan, progress.pace if progress else None)
    if progress:
        args.start = args.start or (progress.start_date and progress.start_date.isoformat())
        args.tz = args.tz or progress.timezone
    flags = {"start_date": "--start", "timezone": "--tz", "times": "--times", "weekend_time": "--weekend-time",
             "weekend_days": "--weekend-days"}
    if args.start is None:
        raise InputError.single(command, "expected a value (or --progress FILE holding it) but got none", field="--start")
    raw = {"start_date": args.start, "timezone": args.tz or "UTC", "times": args.times, "weekend_time": args.weekend_time,
           "weekend_days": args.weekend_days}
    for key, value in raw.items():  # given but empty is a mistake here, not "use the default"
        if value is not None and not value.strip():
            raise InputError.single(command, f"expected a value but got {value!r}", field=flags[key])
    settings = parse_settings(plan, raw, source=command, name=flags.__getitem__, site_url=getattr(args, "site_url", None))
    from .replan import plain, with_ratings

    if progress and (progress.replans or progress.days_off):
        result = schedule(p, settings.start_date, progress.replans, progress.done, source=args.progress,
                          days_off=progress.days_off)
    else:
        result = plain(p)
    return (with_ratings(result, progress, settings.start_date) if progress else result), settings


def cmd_schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.write:
        Path(SCHEMA_PATH).write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    plan = Path(args.plan) if args.plan else None
    if args.site_dir:
        output.check_dir(Path(args.site_dir), "--site-dir")
    site_dir = build_site(Path(args.config), Path(args.site_dir) if args.site_dir else None, plan=plan, builder=args.builder,
                          cache_dir=Path(args.cache_dir) if args.cache_dir else None)
    print(f"built {site_dir}")
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    import shutil
    import tempfile
    import zipfile

    from .build import build_site

    plan = load_plan(Path(args.plan or DEFAULT_PLAN), args.plan or DEFAULT_PLAN)
    output.check_dir(Path(args.out), "--out")
    with tempfile.TemporaryDirectory(prefix="studyplan-offline-") as tmp:
        site = build_site(Path(args.config), Path(tmp) / plan.id, plan=Path(args.plan) if args.plan else None)
        out = Path(args.out) / f"{plan.id}-offline.zip"
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".tmp")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(str(Path(plan.id) / path.relative_to(site)), date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    zf.writestr(info, path.read_bytes())
        partial.replace(out)
        shutil.rmtree(site, ignore_errors=True)
    print(f"wrote {out}: unzip it and open {plan.id}/index.html")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from .calendars import calendar_files

    plan = load_plan(Path(args.plan), args.plan)
    progress = _progress(args, plan)
    if args.tz is None and not (progress and progress.timezone):
        raise InputError.single("studyplan calendar", "expected a value (or --progress FILE holding it) but got none",
                                field="--tz" if args.start or progress else "--start")
    schedule, settings = _reader_schedule(args, plan, progress, "studyplan calendar")
    out = Path(args.out)
    output.check_dir(out, "--out")
    files = calendar_files(schedule, settings)
    output.make_dir(out, "--out")
    for name, data in files.items():
        output.write_file(out / name, data, "--out")
    print(f"wrote {', '.join(str(out / n) for n in files)} ({schedule.days} days from {settings.start_date}, {settings.timezone})")
    return 0


def cmd_anki(args: argparse.Namespace) -> int:
    from . import anki

    out = Path(args.out)
    if not out.suffix.lower() == ".apkg":
        raise InputError.single("studyplan anki", f"expected a file name ending in .apkg but got {out.name!r}", field="--out")
    if not out.absolute().parent.is_dir():
        raise InputError.single("studyplan anki", f"expected an existing folder to write {out} in but {out.parent} "
                                "does not exist", field="--out")
    output.check_file(out, "--out")
    plan = load_plan(Path(args.plan), args.plan)
    p = _pace(args, plan)
    data = anki.deck(p)
    if data is None:
        raise InputError.single(args.plan, "expected at least one topic with interview questions to make a deck but "
                                "the plan has none", field="phases[].weeks[].topics")
    output.write_file(out, data, "--out")
    print(f"wrote {out} ({len(anki.cards(p))} notes, deck {plan.title!r}; in Anki: File > Import)")
    return 0


def _progress(args: argparse.Namespace, plan: model.Plan):
    from .progress import read_progress

    return read_progress(Path(args.progress), plan.id, args.progress) if getattr(args, "progress", None) else None


def _reader(p: Pace, progress, source: str = "progress file"):
    """The reader's schedule (`replan.Schedule`): the pace with the file's catch-ups and days off applied."""
    from .replan import plain, reader_schedule

    return reader_schedule(p, progress, source) if progress else plain(p)


def _week_numbers(text: str | None, plan, problems: list[Problem]) -> list[int] | None:
    if not text:
        return None
    known = [w.number for w in plan.weeks]
    parts = [p.strip() for p in text.split(",")]
    if not all(p.isdigit() and int(p) in known for p in parts):
        problems.append(Problem("studyplan checklists", None, "--weeks", f"expected week numbers from {min(known)} to "
                                f"{max(known)}, separated by commas, but got {text!r}"))
        return None
    return [int(p) for p in parts]


def cmd_checklists(args: argparse.Namespace) -> int:
    from . import checklists

    problems: list[Problem] = []
    if args.paper not in checklists.PAPERS:
        problems.append(Problem("studyplan checklists", None, "--paper", f"expected a4 or letter but got {args.paper!r}"))
    if args.remaining and not args.progress:
        problems.append(Problem("studyplan checklists", None, "--remaining", "expected --progress FILE with --remaining"))
    plan = load_plan(Path(args.plan), args.plan)
    start = _date(args.start, "--start", problems)
    numbers = _week_numbers(args.weeks, plan, problems)
    if problems:
        raise InputError(problems)
    weeks = checklists.select_weeks(plan, numbers)
    output.check_file(Path(args.out), "--out")
    progress = _progress(args, plan)
    p = _pace(args, plan, progress.pace if progress else None)
    start = start or (progress.start_date if progress else None)
    if progress and progress.start_date and start == progress.start_date:
        p = _reader(p, progress, args.progress).pace
    items = checklists.sheets(p, weeks, start, progress, args.remaining)
    if not items:
        print("nothing left to print: every selected week is done", file=sys.stderr)
        return 0
    data, pages = checklists.render_pdf_pages(checklists.pdf_html(p, items, args.paper, progress))
    out = Path(args.out)
    output.write_file(out, data, "--out")
    print(f"wrote {out} ({pages} page{'s' if pages != 1 else ''}, {args.paper}, {p.days} days)")
    return 0


def _date(text: str | None, flag: str, problems: list[Problem], command: str = "studyplan checklists") -> dt.date | None:
    """A YYYY-MM-DD flag, or None after recording a problem (one line, no usage block)."""
    if text is None:
        return None
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(command, None, flag, f"expected a date as YYYY-MM-DD (like 2027-01-04) but got {text!r}"))
        return None


def cmd_progress(args: argparse.Namespace) -> int:
    from .progress import read_progress
    from .report import build_report, render_text

    problems: list[Problem] = []
    today = _date(args.today, "--today", problems, "studyplan progress") or dt.date.today()
    if problems:
        raise InputError(problems)
    plan = load_plan(Path(args.plan), args.plan)
    progress = read_progress(Path(args.file), plan.id, args.file)
    schedule = _reader(_pace(args, plan, progress.pace), progress, args.file)
    p = schedule.pace
    if args.svg:  # checked before the report is printed
        if progress.start_date is None:
            raise InputError.single(args.file, "expected a start_date in the file to draw the chart", field="start_date")
        output.check_file(Path(args.svg), "--svg")
    sys.stdout.write(render_text(build_report(p, progress, today)))
    if args.svg:
        from .pictures import burnup_svg

        output.write_file(Path(args.svg), burnup_svg(p, progress, today, changes=schedule.changes) + "\n", "--svg")
    return 0


def cmd_reviews(args: argparse.Namespace) -> int:
    from .progress import read_progress
    from .reader import agenda_of
    from .reviews import render_due

    problems: list[Problem] = []
    today = _date(args.today, "--today", problems, "studyplan reviews")
    if problems:
        raise InputError(problems)
    plan = load_plan(Path(args.plan), args.plan)
    progress = read_progress(Path(args.file), plan.id, args.file)
    if progress.start_date is None:
        raise InputError.single(args.file, "expected a start_date in the file to date the reviews but got none",
                                field="start_date")
    schedule = _reader(_pace(args, plan, progress.pace), progress, args.file)
    sys.stdout.write(render_due(agenda_of(schedule, progress.start_date), progress.start_date, today, args.next))
    return 0


def _change_input(args: argparse.Namespace, command: str, flag: str, purpose: str):
    """What a command that adds a change to a progress file reads: the change's date (`flag`), the plan, the
    file (with a start date, to place the change) and the pace; `--out` checked before anything is done."""
    from .progress import read_progress

    problems: list[Problem] = []
    when = _date(getattr(args, flag.lstrip("-").replace("-", "_")), flag, problems, command)
    if problems:
        raise InputError(problems)
    plan = load_plan(Path(args.plan), args.plan)
    progress = read_progress(Path(args.file), plan.id, args.file)
    if progress.start_date is None:
        raise InputError.single(args.file, f"expected a start date YYYY-MM-DD to {purpose} but got null (save your "
                                "start date on the Progress page and export again)", field="start_date")
    if args.out:
        output.check_file(Path(args.out), "--out")
    return when, plan, progress, _pace(args, plan, progress.pace)


def _write_change(args: argparse.Namespace, key: str, items: list[dict], added: dict) -> None:
    """The progress file with `key` set to `items` (the change `added` among them) written to `--out`, or,
    without it, what would be added."""
    import json

    if not args.out:
        print(f"would add to {key}: {json.dumps(added)} (nothing written; --out FILE writes it)")
        return
    data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    data[key] = items
    output.write_file(Path(args.out), (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode(), "--out")
    print(f"wrote {args.out}")


def cmd_replan(args: argparse.Namespace) -> int:
    from . import replan
    from .pace import MAX_DAYS

    command, problems = "studyplan replan", []
    today_date, _, progress, base = _change_input(args, command, "--today", "re-plan from")
    now = replan.reader_schedule(base, progress, args.file).pace
    # What the catch-up re-plans: the schedule before it (a day off on the same date comes after it).
    earlier = replace(progress, days_off=tuple(d for d in progress.days_off if d.on < today_date))
    before = replan.reader_schedule(base, earlier, args.file).pace
    today = (today_date - progress.start_date).days + 1
    if today < 1:
        raise InputError.single(command, f"expected a date from the start ({progress.start_date}) on but got {today_date}",
                                field="--today")
    mode = "keep-end" if args.keep_end else "to-date" if args.to_date else "move-end"
    done = replan.done_before(progress.done, today_date)
    if not replan.unfinished(before, today, done):
        raise InputError.single(command, "expected unfinished tasks to re-plan but every task is done", field=args.file)
    if mode == "keep-end" and today > before.days:
        raise InputError.single(command, f"expected a date up to the plan's last day (day {before.days}) with --keep-end "
                                f"but got day {today}; use --move-end", field="--today")
    if mode == "to-date":
        target = _date(args.to_date, "--to-date", problems, command)
        if problems:
            raise InputError(problems)
        days = (target - progress.start_date).days + 1
        left = days - today + 1
        if left < 1 or not 28 <= days <= MAX_DAYS:
            raise InputError.single(command, f"expected a date that makes the plan 28 to {MAX_DAYS} days long and lies after "
                                    f"--today but got {target} (day {days})", field="--to-date")
    else:
        days = replan.new_length(base, before, today, mode, done)
    if days > MAX_DAYS:
        raise InputError.single(command, f"expected a plan of at most {MAX_DAYS} days but got {days} days with "
                                f"--move-end from {today_date}; use --keep-end", field="--today")
    change = replan.Replan(today_date, mode, days)
    try:  # as the file will have it: every change, this one included, in their order
        after = replan.apply(base, progress.start_date, [*progress.replans, change], progress.days_off, progress.done).pace
    except ValueError:
        raise InputError.single(command, f"expected at least one day for every week not yet started but got {days - today + 1} "
                                f"day(s) from {today_date}", field="--to-date" if mode == "to-date" else "--today") from None
    sys.stdout.write(replan.summary(now, after, progress.start_date, today, done))
    _write_change(args, "replans", replan.replans_data([*progress.replans, change]), change.as_data())
    return 0


def cmd_dayoff(args: argparse.Namespace) -> int:
    from . import replan
    from .progress import DayOff

    command = "studyplan dayoff"
    on, _, progress, base = _change_input(args, command, "--on", "place the day off")
    before = replan.reader_schedule(base, progress, args.file)
    mode = "keep-end" if args.keep_end else "shift"
    days_off = tuple(sorted({*progress.days_off, DayOff(on, mode)}))
    try:
        after = replan.apply(base, progress.start_date, progress.replans, days_off, progress.done)
    except replan.ChangeError as exc:
        raise InputError.single(command, f"expected a day of the plan that can be freed but got {on} ({exc.reason})",
                                field="--on") from None
    end = progress.start_date + dt.timedelta(days=after.days - 1)
    print(f"Day off on {on:%a %-d %b %Y} ({'the rest moves a day later' if mode == 'shift' else 'end date kept'}): "
          f"the plan ends on day {after.days} ({end:%a %-d %b %Y}), was day {before.days}.")
    _write_change(args, "days_off", [d.as_data() for d in days_off], DayOff(on, mode).as_data())
    return 0


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="studyplan", description="Study plan generator: validate the plan, print it, build the site.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    s = sub.add_parser("validate", help="check the plan file and report every problem")
    _add_plan(s)
    s.set_defaults(func=cmd_validate)

    s = sub.add_parser("plan", help="print the validated plan (optionally rescaled) as JSON or YAML")
    _add_plan(s)
    s.add_argument("--days", type=int, help="the plan at this many days, 28-365 (default: the plan's own length)")
    s.add_argument("--format", choices=["json", "yaml"], default="json")
    s.add_argument("--start", help="the reader's start date, YYYY-MM-DD: print their dated agenda instead (default: the progress file's)")
    s.add_argument("--progress", help="progress file: the reader's start, pace, zone, catch-ups and days off (flags win)")
    s.add_argument("--tz", help="IANA time zone of the dated agenda (default: the progress file's, else UTC)")
    s.add_argument("--times", help="start times of the weekday blocks, HH:MM,... one per block (default: the plan's)")
    s.add_argument("--weekend-time", help="start time of the weekend sessions, HH:MM (default: the plan's)")
    s.add_argument("--weekend-days", help="weekend days with a session: sat,sun (default), sat or sun")
    s.set_defaults(func=cmd_plan)

    s = sub.add_parser("schema", help="print the plan's JSON Schema (or --write it to plan_data/)")
    s.add_argument("--write", action="store_true", help=f"write {SCHEMA_PATH}")
    s.set_defaults(func=cmd_schema)

    s = sub.add_parser("calendar", help="write daily.ics, weekend.ics and milestones.ics for a start date and zone")
    _add_plan(s)
    s.add_argument("--days", type=int, help="pace: plan length in days, 28-365 (default: the plan's own length)")
    s.add_argument("--start", help="first day of the plan, YYYY-MM-DD (default: the progress file's)")
    s.add_argument("--tz", help="IANA time zone, e.g. Europe/London (default: the progress file's)")
    s.add_argument("--progress", help="progress file: the reader's start, pace, zone and catch-ups (flags win)")
    s.add_argument("--times", help="start times of the weekday blocks, HH:MM,... one per block (default: the plan's)")
    s.add_argument("--weekend-time", help="start time of the weekend sessions, HH:MM (default: the plan's)")
    s.add_argument("--weekend-days", help="weekend days with a session: sat,sun (default), sat or sun")
    s.add_argument("--site-url", default=os.environ.get("SITE_URL"), help="link week pages of this site (default: $SITE_URL)")
    s.add_argument("--out", required=True, help="directory to write the three .ics files into")
    s.set_defaults(func=cmd_calendar)

    s = sub.add_parser("anki", help="write an Anki deck (.apkg) of the plan's interview questions, one note each")
    _add_plan(s)
    s.add_argument("--days", type=int, help="pace: plan length in days, 28-365 (default: the plan's own length)")
    s.add_argument("--out", required=True, help="the .apkg file to write (in an existing folder)")
    s.set_defaults(func=cmd_anki)

    s = sub.add_parser("checklists", help="write printable weekly checklists as a PDF (one week per page)")
    _add_plan(s)
    s.add_argument("--days", type=int, help="pace: plan length in days, 28-365 (default: the progress file's, else the plan's)")
    s.add_argument("--paper", default="a4", help="a4 (default) or letter")
    s.add_argument("--progress", help="progress file (Export progress on the site): done tasks print ticked")
    s.add_argument("--remaining", action="store_true", help="leave out done tasks (and weeks with nothing left)")
    s.add_argument("--weeks", help="only these week numbers, e.g. 3,4")
    s.add_argument("--start", help="start date YYYY-MM-DD, to print dates (default: the progress file's)")
    s.add_argument("--out", required=True, help="PDF file to write")
    s.set_defaults(func=cmd_checklists)

    s = sub.add_parser("progress", help="report where a progress file stands against the plan")
    _add_plan(s)
    s.add_argument("file", help="progress file (Export progress on the site)")
    s.add_argument("--today", help="report as of this date, YYYY-MM-DD (default: today)")
    s.add_argument("--days", type=int, help="pace in days (default: the file's pace, else the plan's)")
    s.add_argument("--svg", help="also write the burn-up chart (expected against done) to this SVG file")
    s.set_defaults(func=cmd_progress)

    s = sub.add_parser("reviews", help="the spaced reviews due from --today on, and why (fixed days or FSRS)")
    _add_plan(s)
    s.add_argument("file", help="progress file (Export progress on the site): its start date, ratings and changes")
    s.add_argument("--today", required=True, help="the first day to list, YYYY-MM-DD")
    s.add_argument("--days", type=int, help="pace in days (default: the file's pace, else the plan's)")
    s.add_argument("--next", type=int, default=7, choices=range(1, 366), metavar="N",
                   help="how many days to list from --today (default 7)")
    s.set_defaults(func=cmd_reviews)

    s = sub.add_parser("replan", help="catch up: re-plan the unfinished tasks of a progress file from --today on")
    _add_plan(s)
    s.add_argument("file", help="progress file (Export progress on the site)")
    s.add_argument("--today", required=True, help="the catch-up's date, YYYY-MM-DD")
    s.add_argument("--days", type=int, help="pace in days (default: the file's pace, else the plan's)")
    mode = s.add_mutually_exclusive_group(required=True)
    mode.add_argument("--keep-end", action="store_true", help="spread the unfinished tasks over the days left")
    mode.add_argument("--move-end", action="store_true", help="keep the pace's tasks per day; the end moves later")
    mode.add_argument("--to-date", metavar="YYYY-MM-DD", help="end the plan on this date (your interview): 28-365 days from the start")
    s.add_argument("--out", help="write the progress file with the catch-up added here (may be FILE itself)")
    s.set_defaults(func=cmd_replan)

    s = sub.add_parser("dayoff", help="take a day off: free --on and move or spread its work (recorded in days_off)")
    _add_plan(s)
    s.add_argument("file", help="progress file (Export progress on the site)")
    s.add_argument("--on", required=True, help="the day off, YYYY-MM-DD")
    s.add_argument("--days", type=int, help="pace in days (default: the file's pace, else the plan's)")
    s.add_argument("--keep-end", action="store_true", help="keep the end date: spread the rest over the days left "
                   "(default: everything from that day moves a day later)")
    s.add_argument("--out", help="write the progress file with the day off added here (may be FILE itself)")
    s.set_defaults(func=cmd_dayoff)

    s = sub.add_parser("offline", help="build the offline copy (works from file://) as dist/<plan id>-offline.zip")
    _add_plan(s, site=True)
    s.add_argument("--config", default="mkdocs.offline.yml", help="config of the offline copy (default: mkdocs.offline.yml)")
    s.add_argument("--out", default="dist", help="directory for the zip (default: dist)")
    s.set_defaults(func=cmd_offline)

    s = sub.add_parser("build", help="build the whole site (an existing site is replaced only on success)")
    _add_plan(s, site=True)
    s.add_argument("--site-dir", help="output directory (default: site_dir of mkdocs.yml)")
    s.add_argument("--config", default="mkdocs.yml", help="mkdocs config (default: mkdocs.yml)")
    s.add_argument("--cache-dir", help="PDF and calendar cache (default: cache_dir of the studyplan plugin, .cache)")
    s.add_argument("--builder", choices=["mkdocs", "properdocs", "zensical"], default="mkdocs",
                   help="mkdocs (default), properdocs (its maintained drop-in continuation) or zensical (Material's successor)")
    s.set_defaults(func=cmd_build)
    return p


def run(argv: Sequence[str] | None, handler: Callable[[argparse.Namespace], int] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "plan", "") is None and args.command not in ("build", "offline"):
        args.plan = default_plan()
    try:
        return (handler or args.func)(args)
    except InputError as exc:  # flags are named after the command: "studyplan calendar: --out: ..."
        print(InputError([Problem(f"studyplan {args.command}", p.line, p.field, p.message) if p.source == "studyplan" else p
                          for p in exc.problems]), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("studyplan: interrupted; nothing was replaced", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except SystemExit:
        raise
    except Exception as exc:  # an unexpected failure is a bug: say so briefly
        print(f"studyplan: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        if os.environ.get("STUDYPLAN_DEBUG"):
            raise
        return 1


if __name__ == "__main__":
    sys.exit(main())
