"""The Calendar page's time zone field and file names: IANA zones in any case,
written in their canonical spelling; anything else refused with nothing
downloaded; files named by plan, pace and start date."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.settings import canonical_zone

# Counts the downloads the page starts (an <a download> clicked), so a test can
# tell "nothing downloaded" as soon as the alert shows, without waiting.
COUNT_DOWNLOADS = """
window.__downloads = 0;
const click = HTMLAnchorElement.prototype.click;
HTMLAnchorElement.prototype.click = function () { if (this.hasAttribute('download')) window.__downloads++; return click.call(this); };
"""


@pytest.fixture
def form(page, site_url: str):
    page.add_init_script(COUNT_DOWNLOADS)
    page.goto(site_url + "calendar/")
    page.get_by_label("Start date").fill("2027-03-01")
    page.get_by_label("Pace").select_option("120")
    return page


def _download(page) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download calendar").click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes().decode()


@pytest.mark.parametrize(("typed", "canonical"), [("america/new_york", {"America/New_York"}), ("  EUROPE/LONDON ", {"Europe/London"}),
                                                   ("utc", {"UTC"}), ("us/eastern", {"America/New_York"}),
                                                   ("asia/kolkata", {"Asia/Kolkata", "Asia/Calcutta"})])
def test_zone_in_any_case_is_written_canonically(form, typed: str, canonical: set[str]) -> None:
    form.get_by_label("Time zone").fill(typed)
    _, text = _download(form)
    zone = form.get_by_label("Time zone").input_value()
    assert zone in canonical
    assert f"TZID:{zone}\r\n" in text and f"DTSTART;TZID={zone}:" in text
    assert zone in form.get_by_role("status").inner_text()


@pytest.mark.parametrize("typed", ["EST", "Mars/Olympus", "", "Europe/", "../etc/passwd"])
def test_other_zones_are_refused(form, typed: str) -> None:
    form.get_by_label("Time zone").fill(typed)
    form.get_by_role("button", name="Download calendar").click()
    form.get_by_role("alert").filter(has_text="Time zone").wait_for()
    assert "is not an IANA time zone name" in form.get_by_role("alert").inner_text()
    assert form.evaluate("window.__downloads") == 0
    assert form.get_by_role("status").inner_text() == ""


def test_zone_list_offers_what_the_cli_accepts(form) -> None:
    offered = form.locator("#sp-zones option").evaluate_all("os => os.map(o => o.value)")
    assert len(offered) > 300 and "UTC" in offered and "America/New_York" in offered and "EST" not in offered
    assert offered == sorted(offered)
    assert [z for z in offered if canonical_zone(z) != z] == []  # the command line takes each as it is


def test_default_zone_is_canonical(browser, site_url: str) -> None:
    context = browser.new_context(timezone_id="America/New_York")
    try:
        page = context.new_page()
        page.goto(site_url + "calendar/")
        assert page.get_by_label("Time zone").input_value() == "America/New_York"
    finally:
        context.close()


def test_files_are_named_by_plan_pace_and_start(form) -> None:
    form.get_by_label("Time zone").fill("Europe/London")
    name, _ = _download(form)
    assert name == "mlops-interview-90-day-120-days-from-2027-03-01.ics"
    for kind in ("daily", "weekend", "milestones"):
        with form.expect_download() as info:
            form.locator(f"a[data-ics-kind='{kind}']").click()
        assert info.value.suggested_filename == f"mlops-interview-90-day-120-days-from-2027-03-01-{kind}.ics"
    assert "Downloaded mlops-interview-90-day-120-days-from-2027-03-01-milestones.ics" in form.get_by_role("status").inner_text()
