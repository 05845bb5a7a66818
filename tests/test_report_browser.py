"""The HTML report in a real browser (headless Chromium driven by Playwright)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmark.html_report import render_report
from benchmark.model import load_documents
from benchmark.scoring import score
from benchmark.submission import read_submission

from .test_html_report import hostile_submission

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Debian's chromium is not installed (.ci/run installs it)",
    ),
]


@pytest.fixture
def report_page(tmp_path: Path):  # type: ignore[no-untyped-def]
    docs = load_documents()
    report = score(docs, read_submission(hostile_submission(tmp_path), docs), n_boot=100)
    page_file = tmp_path / "report.html"
    page_file.write_text(render_report(report, docs), encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        events: dict[str, list[str]] = {"errors": [], "dialogs": []}
        page.on("console", lambda m: events["errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: events["errors"].append(str(e)))
        page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        yield page, events
        browser.close()


def test_report_renders_without_console_errors(report_page) -> None:  # type: ignore[no-untyped-def]
    """The page loads with no console error, and a screenshot is kept as a test artifact."""
    page, events = report_page
    assert "envoy-bench error analysis" == page.locator("h1").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert [] == events["errors"]


def test_filter_hides_and_shows_rows(report_page) -> None:  # type: ignore[no-untyped-def]
    """Choosing a relation type hides the other rows; choosing "all" shows them again."""
    page, _ = report_page
    rows = page.locator("tr[data-category]")
    total = rows.count()
    phoned = page.locator('tr[data-category][data-type="phoned"]').count()
    assert 0 < phoned < total
    page.select_option("#filter-type", "phoned")
    assert phoned == page.locator("tr[data-category]:visible").count()
    assert str(phoned) == page.locator("#visible-count").inner_text()
    page.select_option("#filter-type", "all")
    assert total == page.locator("tr[data-category]:visible").count()


def test_injected_script_does_not_run(report_page) -> None:  # type: ignore[no-untyped-def]
    """A name with <script> and onerror= in the submission opens no dialog and shows as text."""
    page, events = report_page
    page.wait_for_timeout(300)
    assert [] == events["dialogs"]
    assert page.get_by_text("<script>alert(1)</script>", exact=False).count() >= 1
