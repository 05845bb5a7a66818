"""The HTML report and document view: self-contained, escaped, faithful to the scorer."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from benchmark.html_report import render_document, render_report
from benchmark.model import load_documents
from benchmark.scoring import score
from benchmark.submission import read_submission

SEED_ID = "000_8dbbdfc2a546922b"
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


class Tags(HTMLParser):
    """Collects start tags and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def hostile_submission(tmp_path: Path) -> Path:
    """A submission whose names carry markup and script."""
    line = {
        "doc_id": SEED_ID,
        "relations": [
            {"type": "met", "arg1": PAYLOAD, "arg2": "Maduro", "date": "2025-12-11"},
            {"type": "phoned", "arg1": "Putin", "arg2": "Maduro", "date": "2025-12-11"},
        ],
    }
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


def _report_html(tmp_path: Path) -> tuple[str, dict[str, object]]:
    docs = load_documents()
    report = score(docs, read_submission(hostile_submission(tmp_path), docs), n_boot=100)
    return render_report(report, docs), dict(report)


def test_submission_markup_stays_text(tmp_path: Path) -> None:
    """The only script in the page is the report's own; the payload appears escaped."""
    html, _ = _report_html(tmp_path)
    parser = Tags()
    parser.feed(html)
    assert 1 == sum(1 for tag, _ in parser.tags if tag == "script")
    assert not any(tag == "img" for tag, _ in parser.tags)
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_is_self_contained_and_locked_down(tmp_path: Path) -> None:
    """No external URL is loaded, and the CSP forbids every source but the page's own script."""
    html, _ = _report_html(tmp_path)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "default-src 'none'" in html and "script-src 'sha256-" in html


def test_report_rows_match_the_scorer(tmp_path: Path) -> None:
    """One relation row per true positive, false positive and false negative of the report."""
    html, report = _report_html(tmp_path)
    errors = report["errors"]
    assert isinstance(errors, dict)
    relations = report["relations"]
    assert isinstance(relations, dict)
    expected = (
        relations["timed"]["tp"] + len(errors["false_positives"]) + len(errors["false_negatives"])
    )
    assert expected == html.count("<tr data-category=")


def test_document_view_holds_the_text_and_every_relation() -> None:
    """`bench show --html` shows each relation of the gold in its table (every document; the
    seed's text names Lukashenko)."""
    for doc in load_documents():
        html = render_document(doc)
        assert len(doc.relations) == html.count("<tr data-category="), doc.id
        assert (doc.id != SEED_ID) or "Lukashenko" in html


def test_the_report_names_the_versions_of_the_gold_it_was_scored_against(
    data_root: Path, tmp_path: Path
) -> None:
    """`bench report --gold` names the dataset and guidelines versions of that gold, a data
    root or a folder built from it (it named those of the root the command ran from)."""
    from tests.conftest import run_bench

    versions = {"dataset_version": "7.0.1", "guidelines_version": "3.2"}
    (data_root / "annotations" / "manifest.json").write_text(json.dumps(versions), "utf-8")
    built = tmp_path / "built"
    assert 0 == run_bench("build", "--root", str(data_root), "--out", str(built)).returncode
    rules = Path(__file__).resolve().parent.parent / "submissions" / "rules" / "predictions.jsonl"
    shown = []
    for gold in (data_root, built):
        out = tmp_path / f"{gold.name}.html"
        run = run_bench("report", str(rules), "--gold", str(gold), "--out", str(out))
        assert 0 == run.returncode, run.stderr
        shown.append(re.search(r"dataset (\S+), guidelines\s+(\S+?)\.<", out.read_text()).groups())  # type: ignore[union-attr]
    assert [("7.0.1", "3.2"), ("7.0.1", "3.2")] == shown
