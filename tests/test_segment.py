"""Sentence segmentation of real articles (GUIDELINES §2) and `bench segment`."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.errors import AnnotationError
from benchmark.model import load_documents
from benchmark.segment import remap_evidence, segment, wrapped_lines

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"

MANIFEST_VERSION = json.loads(
    (Path(__file__).resolve().parent.parent / "annotations" / "manifest.json").read_text(
        encoding="utf-8"
    )
)["guidelines_version"]


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in segment(text)]


def test_long_article_is_segmented_as_read_by_hand() -> None:
    """Headline, dateline, a two-sentence quote, initials, a wrapped paragraph and a byline
    give exactly the sentences a reader marks (listed here by hand)."""
    text = (ARTICLES / "oslo-talks.txt").read_text(encoding="utf-8")
    assert _texts(text) == [
        "Norway and Chile agree to finish trade talks after Oslo meeting",
        "OSLO, March 4 (Example Wire) - Norwegian Prime Minister Ingrid Solberg met Chilean "
        "President Mateo Ruiz in Oslo on Tuesday, the first visit by a Chilean head of state "
        "in a decade.",
        '"We agreed to finish the talks by the end of the year.',
        'Both sides want this done," Ms Solberg told reporters after the meeting.',
        "Mr. Ruiz said the U.S. Trade Representative had been informed.",
        "Later on Tuesday, Mr Ruiz phoned Argentine Foreign Minister Lucia Paz to brief her on "
        "the talks.",
        'She called the conversation "useful and frank."',
        "The veteran negotiator\nleaves for Brussels next week.",
        "The two leaders are due to meet again in Santiago in June.",
        "Writing by A. N. Editor",
    ]


def test_dateline_on_its_own_line_stays_with_its_sentence() -> None:
    """A dateline ending in a dash on its own line opens the first sentence, abbreviated month
    and all (`Sept. 3`)."""
    text = (ARTICLES / "tokyo-envoy.txt").read_text(encoding="utf-8")
    sentences = _texts(text)
    assert sentences[1].startswith("TOKYO, Sept. 3 (Example Wire) -\nJapan on Wednesday")
    assert sentences[1].endswith("the foreign ministry said.")
    assert sentences[-1] == "U.N. officials welcomed the appointment."
    assert 7 == len(sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title line\n\nBody one. Body two.", ["Title line", "Body one.", "Body two."]),
        ("A paragraph\n  \t\nwithout a stop", ["A paragraph", "without a stop"]),
        (
            "He left. “We agreed. We will meet,” he said.",
            ["He left.", "“We agreed.", "We will meet,” he said."],
        ),
        ("It said: “pressure.” The next", ["It said: “pressure.”", "The next"]),
        ("“Why?” he asked. “Because.”", ["“Why?” he asked.", "“Because.”"]),
        (
            "Mr. Putin met Dr. Li on Jan. 5 in St. Petersburg.",
            ["Mr. Putin met Dr. Li on Jan. 5 in St. Petersburg."],
        ),
        (
            "The policy of N. Maduro held. Sanctions by the U.S. The Treasury said so.",
            ["The policy of N. Maduro held.", "Sanctions by the U.S.", "The Treasury said so."],
        ),
        (
            "The U.S. State Department spoke. It was 3.5 times (roughly.) Then",
            ["The U.S. State Department spoke.", "It was 3.5 times (roughly.)", "Then"],
        ),
        ("a wrapped\nline goes on. Next one", ["a wrapped\nline goes on.", "Next one"]),
        ("   \n\n  ", []),
        ("", []),
    ],
)
def test_rules_on_small_cases(text: str, expected: list[str]) -> None:
    """Each rule of GUIDELINES §2 on a case worked out by hand."""
    assert expected == _texts(text)


def test_every_shipped_gold_document_has_this_segmentation() -> None:
    """The shipped gold (every split) is segmented exactly as `segment` does it, so
    `bench segment` changes nothing in it."""
    for doc in load_documents(split=None):
        assert [(s.start, s.end) for s in doc.sentences] == segment(doc.text), doc.id


_ALPHABET = st.sampled_from(list("ab AZ.?!\n\n\t“”\"'’()-,:Mr.US5"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(_ALPHABET, max_size=80), st.text(max_size=60)))
def test_sentences_are_trimmed_ordered_disjoint_and_cover_the_text(text: str) -> None:
    """For any text: no sentence is empty or has white space at an edge; sentences are in
    order and do not overlap; together they hold every character that is not white space."""
    spans = segment(text)
    covered: set[int] = set()
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered.update(range(start, end))
        last = end
    assert {i for i, c in enumerate(text) if not c.isspace()} <= covered
    assert segment(text) == spans  # deterministic


@given(st.lists(st.integers(0, 60), min_size=2, max_size=8, unique=True), st.data())
def test_remapped_evidence_overlaps_the_old_evidence_and_holds_the_trigger(
    cuts: list[int], data: st.DataObject
) -> None:
    """Evidence i becomes exactly the new sentences overlapping old sentence i, plus the
    trigger's sentence."""
    cuts = sorted(cuts)
    old = list(itertools.pairwise(cuts))
    new_cuts = sorted(
        set(data.draw(st.lists(st.integers(cuts[0], cuts[-1]), max_size=6))) | {cuts[0], cuts[-1]}
    )
    new = list(itertools.pairwise(new_cuts))
    evidence = data.draw(st.lists(st.integers(0, len(old) - 1), min_size=1, unique=True))
    trigger = data.draw(st.integers(old[evidence[0]][0], old[evidence[0]][1] - 1))
    got = remap_evidence(old, new, tuple(evidence), (trigger, trigger + 1))
    expected = {
        j for i in evidence for j, (s, e) in enumerate(new) if max(s, old[i][0]) < min(e, old[i][1])
    }
    assert set(got) == expected and list(got) == sorted(got)
    assert any(new[j][0] <= trigger < new[j][1] for j in got)


def test_evidence_of_a_file_without_sentences_is_kept_against_the_new_ones() -> None:
    """A hand-annotated file with no sentence records yet: its evidence [0, 2] is read against
    the sentences `bench segment --write` gives it, so it stays [0, 2] (with the trigger's
    sentence 2), an index past the last sentence is dropped (before: every index was dropped
    and only the trigger's sentence was left)."""
    new = [(0, 10), (11, 20), (21, 30)]
    assert (0, 2) == remap_evidence([], new, (0, 2), (25, 26))
    assert (1, 2) == remap_evidence([], new, (1, 7), (22, 23))


def _bench(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmark", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )


def _gold_with_bad_sentences(root: Path) -> tuple[str, Path]:
    """A reviewed document whose gold has one sentence per paragraph (the headline and the
    dateline sentence merged, a quote's two sentences merged) and one relation."""
    from benchmark.contrib import add_document

    text = (ARTICLES / "brussels-sanctions.txt").read_text(encoding="utf-8")
    # a variant, so that it never clashes with the article itself once that is in the corpus
    text = text.replace("195 officials", "196 officials")
    src = root.parent / "article.txt"
    src.write_text(text, encoding="utf-8")
    seed = add_document(src, published="2026-06-16", source="test", doc_id="900_t", root=root)
    paragraphs = [p for p in text.split("\n\n")]
    sentences, at = [], 0
    for p in paragraphs:
        sentences.append((at, at + len(p.rstrip())))
        at += len(p) + 2
    sentences = [(0, sentences[1][1]), *sentences[2:]]  # headline merged with the dateline
    trigger = text.index("extended")
    quote = text.index("Our sanctions")
    records = [
        {
            "record": "document",
            "id": seed.id,
            "guidelines_version": MANIFEST_VERSION,
            "status": "reviewed",
            "annotators": ["x"],
        },
        *(
            {"record": "sentence", "index": i, "start": s, "end": e}
            for i, (s, e) in enumerate(sentences)
        ),
        {
            "record": "entity",
            "id": "e1",
            "name": "European Union",
            "type": "ORG",
            "aliases": [],
            "wikidata": "",
        },
        {
            "record": "entity",
            "id": "e2",
            "name": "Belarus",
            "type": "GPE",
            "aliases": [],
            "wikidata": "",
        },
        *(
            {
                "record": "mention",
                "id": f"m{i}",
                "entity": eid,
                "start": s,
                "end": s + len(t),
                "text": t,
                "type": ty,
                "level": "NAM",
            }
            for i, (eid, t, ty, s) in enumerate(
                [
                    ("e1", "European Union", "ORG", text.index("European Union")),
                    ("e2", "Belarus", "GPE", text.index("Belarus for")),
                ],
                start=1,
            )
        ),
        {
            "record": "relation",
            "id": "r1",
            "type": "sanctioned",
            "arg1": "e1",
            "arg2": "e2",
            "date": None,
            "timex": None,
            "trigger": {"start": trigger, "end": trigger + 8, "text": "extended"},
            "evidence": [0, 1],
            "realis": "actual",
            "attributes": {},
        },
    ]
    assert quote > sentences[1][0]
    path = root / "annotations" / "test" / f"{seed.id}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return seed.id, path


def test_bench_segment_remaps_evidence_and_writes_only_with_write(data_root: Path) -> None:
    """Old evidence [0, 1] (headline and dateline sentence merged, then a paragraph of three
    sentences) becomes new sentences [0, 1] + [2, 3, 4]; a dry run writes nothing."""
    doc_id, path = _gold_with_bad_sentences(data_root)
    before = path.read_bytes()
    dry = _bench("segment", doc_id, root=data_root)
    assert 0 == dry.returncode, dry.stderr
    assert "4 sentence(s) -> 8" in dry.stdout and "dry run" in dry.stdout
    assert "relation r1 evidence [0, 1] -> [0, 1, 2, 3, 4]" in dry.stdout
    assert before == path.read_bytes()
    done = _bench("segment", doc_id, "--write", root=data_root)
    assert 0 == done.returncode, done.stderr
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    text = (data_root / "seeds" / "test" / f"{doc_id}.txt").read_text(encoding="utf-8")
    sentences = [text[r["start"] : r["end"]] for r in records if r["record"] == "sentence"]
    assert sentences[0] == "EU extends sanctions on Belarus over election crackdown"
    assert sentences[3] == '"The repression has not stopped.'
    [relation] = [r for r in records if r["record"] == "relation"]
    assert [0, 1, 2, 3, 4] == relation["evidence"]
    valid = _bench("validate", root=data_root)
    assert 0 == valid.returncode, valid.stderr


def test_segment_refuses_to_cut_a_mention(data_root: Path) -> None:
    """A mention that spans a new sentence boundary is named, and nothing is written."""
    from benchmark.contrib import resegment

    doc_id, path = _gold_with_bad_sentences(data_root)
    lines = path.read_text(encoding="utf-8").splitlines()
    text = (data_root / "seeds" / "test" / f"{doc_id}.txt").read_text(encoding="utf-8")
    start = text.index("stopped.")
    bad = {
        "record": "mention",
        "id": "m9",
        "entity": "e2",
        "start": start,
        "end": start + 12,
        "text": text[start : start + 12],
        "type": "GPE",
        "level": "NOM",
    }
    at = max(i for i, line in enumerate(lines) if '"mention"' in line) + 1
    path.write_text("\n".join([*lines[:at], json.dumps(bad), *lines[at:]]) + "\n")
    before = path.read_bytes()
    with pytest.raises(AnnotationError) as info:
        resegment(doc_id, write=True, root=data_root)
    assert ["mention m9"] == [p.field for p in info.value.problems]
    assert before == path.read_bytes()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Great progress was made!" Trump wrote on Truth Social. He left.',
            ['"Great progress was made!" Trump wrote on Truth Social.', "He left."],
        ),
        (
            '"Will it hold?" President Ana Costa asked. Nobody answered.',
            ['"Will it hold?" President Ana Costa asked.', "Nobody answered."],
        ),
        ('He shouted "Stop!" The crowd left.', ['He shouted "Stop!"', "The crowd left."]),
    ],
)
def test_an_attribution_after_a_quoted_exclamation_stays_in_the_sentence(
    text: str, expected: list[str]
) -> None:
    """`"…!" Trump wrote` is one sentence (the next word does not start a new one, §2.1); a
    capitalised word that is no attribution still starts a sentence."""
    assert expected == [text[a:b] for a, b in segment(text)]


def test_wrapped_lines_are_capitalised_lines_after_a_line_with_no_stop() -> None:
    """Only a capitalised line after a line that neither ends a sentence nor visibly wraps
    (rule 7) is flagged; a blank line, a lower-case continuation, a trailing comma or dash,
    and a full stop or closing quote are not."""
    text = (
        "Headline here\n\n"  # a headline stands before a blank line: not a wrap
        "The talks with\n"
        "Russian officials went on,\n"
        "Then ended -\n"
        "Late at night and\n"
        "went on. Nothing more\n"
        "was said, he said.\n"
        '"We agreed."\n'
        "Next line\n"
        "And more\n"
    )
    assert [4, 11] == wrapped_lines(text)


def test_no_shipped_text_looks_hard_wrapped() -> None:
    """Every text of every split passes the add-doc check for hard wraps."""
    from benchmark.model import SPLITS

    flagged = {d.id: wrapped_lines(d.text) for s in SPLITS for d in load_documents(split=s)}
    assert {} == {k: v for k, v in flagged.items() if v}
