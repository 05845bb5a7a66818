"""Sentence segmentation of news articles, by the rules of ``annotations/GUIDELINES.md`` §2.

Pure rules (no model, no spaCy): deterministic, linear in the text, and the same on every
machine, so that ``bench preannotate``, the brat / Label Studio imports and ``bench segment``
all produce the segmentation a validator accepts.

The rules, in order:

1. **Paragraphs.** A blank line (a line holding only white space) always ends a sentence.
2. **Lines.** Inside a paragraph, a line break ends a sentence (a headline, a heading, a
   caption or a byline stands on its own line) unless the text is a wrapped sentence: the next
   line starts with a lower-case letter, or the line ends with a comma, a colon, a semicolon, a
   dash or a hyphen (a dateline ``GENEVA, June 16 (Reuters) -`` on its own line stays with the
   sentence it introduces).
3. **Full stops.** Inside a line, ``.``, ``?`` or ``!`` (a run of them) ends a sentence when it
   is followed by white space and the next word starts a sentence: an upper-case letter, a
   digit, or an opening quotation mark or bracket. Closing quotation marks and brackets right
   after the stop belong to the sentence they close (``…pressure.”``); an opening mark belongs
   to the sentence it opens.
4. **Not a sentence end:** a title or honorific (``Mr.``, ``Dr.``, ``Gen.``, ``Sen.``…); a
   single initial (``N. Maduro``, ``J. R. R.``); a month or number abbreviation before a digit
   (``Jan. 5``, ``No. 10``); an initialism (``U.S.``, ``U.N.``) unless the next word is one that
   opens sentences (``The``, ``He``, ``It``… — ``…sanctions by the U.S. The Treasury said…``).
5. **Edges.** White space at either edge of a sentence is left out, and a stretch of white space
   alone is no sentence: the sentences are trimmed, in text order, do not overlap, and cover
   every character that is not white space.

Decisions where the guidelines are silent: a wrapped line (rule 2) is recognised by its
continuation, not by its length; an initialism followed by a name (``U.S. President``) never
ends a sentence, which is the right call in news far more often than not.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

#: Words that never end a sentence when a full stop follows them (compared case-sensitively).
TITLES = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Mx",
        "Messrs",
        "Mmes",
        "Dr",
        "Prof",
        "Gen",
        "Lt",
        "Col",
        "Maj",
        "Capt",
        "Cmdr",
        "Adm",
        "Sgt",
        "Cpl",
        "Pte",
        "Brig",
        "Gov",
        "Sen",
        "Rep",
        "Rev",
        "Hon",
        "Pres",
        "Amb",
        "Sr",
        "Jr",
        "St",
        "Mt",
        "Ft",
        "Sec",
        "Supt",
        "Insp",
        "Det",
        "Atty",
        "Gens",
        "Lts",
        "Cols",
        "Sens",
        "Reps",
        "Govs",
        "vs",
        "etc",
        "approx",
        "cf",
        "Fr",
        "Sra",
        "Sto",
    ]
)
#: Abbreviations that do not end a sentence when a digit follows (``Jan. 5``, ``No. 10``).
BEFORE_DIGIT = frozenset(
    [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "No",
        "Nos",
        "Art",
        "Sec",
        "Vol",
        "p",
        "pp",
        "para",
        "Fig",
    ]
)
#: Words that start sentences: after an initialism (``U.S.``) they mark a sentence end.
OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "But",
        "And",
        "Yet",
        "So",
        "In",
        "On",
        "At",
        "As",
        "After",
        "Before",
        "When",
        "While",
        "If",
        "Although",
        "However",
        "Meanwhile",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)

_CLOSERS = "\"'”’»)]}"
_OPENERS_CHARS = "\"'“‘«([{"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_STOP = re.compile(r"[.?!]+")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\[“‘\"'«]))([\w.’'-]+)$")
_CONTINUES_LINE = re.compile(r"[,;:\-–—]$")
#: After a quoted exclamation or question, an attribution continues the sentence (§2.1: the next
#: word does not start a new sentence): `"Great progress was made!" Trump wrote on …`.
_SPEECH_VERBS = (
    "said|says|wrote|writes|told|tells|added|adds|asked|asks|tweeted|posted|declared|replied|"
    "insisted|shouted|exclaimed|continued|warned|stressed"
)
_ATTRIBUTION = re.compile(
    rf"(?:(?:[A-Z][\w’'.-]*\s+){{1,4}}(?:{_SPEECH_VERBS})|(?:{_SPEECH_VERBS})\s)\b"
)


def segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``: trimmed, ordered, non-overlapping, covering
    every non-space character (Python ``str`` offsets, end exclusive)."""
    spans: list[tuple[int, int]] = []
    for start, end in _pieces(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Untrimmed stretches of text between sentence boundaries."""
    cuts = sorted(set(_boundaries(text)))
    last = 0
    for cut in cuts:
        if last < cut:
            yield last, cut
            last = cut
    if last < len(text):
        yield last, len(text)


def _boundaries(text: str) -> Iterator[int]:
    for match in _BLANK_LINE.finditer(text):
        yield match.start() + 1
    for line_start, line_end in _lines(text):
        line = text[line_start:line_end]
        body = line.rstrip()
        if not body.strip():
            continue
        following = _next_line(text, line_end)
        if following is not None and not _wraps(body, following):
            yield line_end
        for match in _STOP.finditer(line):
            cut = _stop_end(line, match)
            if cut is not None:
                yield line_start + cut


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def _next_line(text: str, line_end: int) -> str | None:
    """The next line of the same paragraph (None at a blank line or the end of the text)."""
    if line_end >= len(text):
        return None
    nxt = text.find("\n", line_end + 1)
    line = text[line_end + 1 : len(text) if nxt == -1 else nxt]
    return line.strip() or None


_ENDS_SENTENCE = re.compile(r"[.?!][\"'”’)\]]*$")


def wrapped_lines(text: str) -> list[int]:
    """Numbers (from 1) of the lines that rule 2 makes sentences of their own although the line
    before them does not end one: the mark of a hard-wrapped paragraph (``… talks with`` /
    ``Russian officials``). A heading or byline line ends with no stop either, so this is a
    warning sign for ``bench add-doc``, not an error of the text."""
    lines = text.split("\n")
    return [
        number
        for number, (body, following) in enumerate(itertools.pairwise(lines), start=2)
        if body.strip()
        and following.strip()
        and not _wraps(body.rstrip(), following.strip())
        and not _ENDS_SENTENCE.search(body.rstrip())
    ]


def _wraps(body: str, following: str) -> bool:
    """Whether a line break inside a paragraph is only a wrapped sentence."""
    return following[0].islower() or bool(_CONTINUES_LINE.search(body))


def _stop_end(line: str, match: re.Match[str]) -> int | None:
    """The offset in ``line`` where the sentence ends at this stop, or None if it goes on."""
    end = match.end()
    while end < len(line) and line[end] in _CLOSERS:
        end += 1
    nxt = end
    while nxt < len(line) and line[nxt].isspace():
        nxt += 1
    if nxt == end or nxt == len(line):
        return None  # end of the line (rule 2 decides) or no space after: "3.5", "U.S."
    stripped = line[nxt : nxt + 40]  # the next word is all that matters
    first = stripped[0]
    starts = True if first in _OPENERS_CHARS else first.isupper() or first.isdigit()
    if not starts:
        return None
    quoted = any(c in "\"'”’»" for c in line[match.end() : end])
    if quoted and match.group()[-1] in "?!" and _ATTRIBUTION.match(stripped):
        return None
    if match.group() == "." and end == match.end() and _abbreviation(line, match, stripped):
        return None
    return end


def _abbreviation(line: str, match: re.Match[str], following: str) -> bool:
    """Whether the full stop ending ``match`` closes an abbreviation, not a sentence."""
    # only the last few characters matter: a bounded window keeps a long line linear
    found = _WORD_BEFORE.search(line, max(0, match.start() - 40), match.start())
    word = found.group(1) if found else ""
    if not word:
        return False
    next_word = re.match(r"[\w’'-]+", following)
    nxt = next_word.group() if next_word else ""
    if word in TITLES:
        return True
    if word in BEFORE_DIGIT and following[0].isdigit():
        return True
    letters = word.replace(".", "")
    if len(word) == 1 and word.isupper():
        return True  # an initial: "N. Maduro"
    if "." in word and all(len(part) == 1 for part in word.split(".")) and letters.isalpha():
        return nxt not in OPENERS  # an initialism: "U.S." (its inner stops are no candidates)
    return False


# --------------------------------------------------------------------------- re-segmenting gold


def overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the spans that share at least one character with ``[start, end)``."""
    return [i for i, (s, e) in enumerate(spans) if s < end and start < e]


def remap_evidence(
    old: list[tuple[int, int]],
    new: list[tuple[int, int]],
    evidence: tuple[int, ...],
    trigger: tuple[int, int],
) -> tuple[int, ...]:
    """Evidence indices into ``old`` sentences, as indices into ``new`` ones.

    Old sentence ``i`` becomes every new sentence that overlaps it; the sentence that holds the
    trigger's first character is always among the result, so the trigger stays in an evidence
    sentence. An index that does not exist in ``old`` is dropped. A file with no sentences yet
    (``old`` empty: annotated by hand, sentences to be added by ``bench segment --write``) had
    its evidence written against the segmentation it is about to get, so its indices into
    ``new`` are kept.
    """
    found: set[int] = set()
    for i in evidence:
        if not old:
            if 0 <= i < len(new):
                found.add(i)
        elif 0 <= i < len(old):
            found.update(overlapping(new, *old[i]))
    home = overlapping(new, trigger[0], trigger[0] + 1)
    found.update(home)
    return tuple(sorted(found))


def sentence_problems(
    text: str, sentences: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> list[str]:
    """Why a segmentation cannot hold a document's gold: sentences not trimmed, out of order,
    overlapping or empty, and ``spans`` (mentions, timexes) not inside one sentence."""
    problems = []
    last = 0
    for i, (s, e) in enumerate(sentences):
        if not 0 <= s < e <= len(text):
            problems.append(f"sentence {i} [{s}, {e}) is empty or out of range")
            continue
        if s < last:
            problems.append(f"sentence {i} overlaps the previous one")
        if text[s].isspace() or text[e - 1].isspace():
            problems.append(f"sentence {i} starts or ends with white space")
        last = e
    for start, end in spans:
        if not any(s <= start and end <= e for s, e in sentences):
            problems.append(f"[{start}, {end}) {text[start:end]!r} is not inside one sentence")
    return problems
