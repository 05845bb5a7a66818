"""Small shared guards for untrusted text: credentials in messages, loopback hosts.

Every message the CLI prints goes through :func:`mask_credentials`, so a URL such as
``http://user:secret@host`` given on the command line is never echoed with its password.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import IO, AnyStr

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#@]*@")


def mask_credentials(text: str, *secrets: str | None) -> str:
    """``text`` with the user-info of every URL replaced by ``***`` and each secret masked."""
    masked = _USERINFO.sub(r"\1***@", text)
    for secret in secrets:
        if secret and len(secret) >= 4:  # masking a 1-character "secret" would garble the text
            masked = masked.replace(secret, "***")
    return masked


def is_loopback_host(host: str | None) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1): traffic that never leaves the
    machine."""
    if not host:
        return False
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":  # not *.localhost: a resolver may send those to DNS
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


# --------------------------------------------------------------------------- terminal

#: C0 controls and DEL become their Unicode control pictures (one character each, so offsets
#: into a text stay valid); C1 controls and bidirectional overrides become U+FFFD.
_TERMINAL = {code: 0x2400 + code for code in range(0x20)}
_TERMINAL[0x7F] = 0x2421
_TERMINAL.update({code: 0xFFFD for code in range(0x80, 0xA0)})
_TERMINAL.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_TERMINAL_TEXT = {k: v for k, v in _TERMINAL.items() if k not in (0x09, 0x0A)}


def terminal_text(text: str) -> str:
    """``text`` safe to print: escape sequences (ESC, CSI, OSC...), other control characters and
    bidi overrides neutralised, newlines and tabs kept; same length, so offsets still apply."""
    return text.translate(_TERMINAL_TEXT)


def terminal_cell(value: object) -> str:
    """One table cell or line fragment for the terminal: like :func:`terminal_text`, and
    newlines and tabs shown as control pictures too, so a value cannot start a new line."""
    return str(value).translate(_TERMINAL)


# --------------------------------------------------------------------------- Markdown

#: HTML made inert with entities; backslash, pipe and emphasis / link / code punctuation
#: escaped with a backslash (CommonMark: any ASCII punctuation may be backslash-escaped).
_MARKDOWN = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_MARKDOWN.update({ord(c): "\\" + c for c in "\\|`*_[]~"})
_WHITESPACE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """Control characters dropped, every run of white space (newlines included) one space."""
    cleaned = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) not in _TERMINAL)
    return _WHITESPACE.sub(" ", cleaned).strip()


def markdown_text(text: object) -> str:
    """Text for a Markdown line or a GitHub-Flavoured-Markdown table cell, rendered as the
    characters it holds: one line, pipes escaped (no extra cell), HTML inert (``<`` ``>`` ``&``
    as entities), emphasis, strikethrough, link and code punctuation escaped."""
    return _one_line(str(text)).translate(_MARKDOWN)


def markdown_code(text: object) -> str:
    """An inline code span holding ``text`` verbatim on one line (the fence is longer than any
    run of backticks inside, as CommonMark requires)."""
    body = _one_line(str(text))
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    if body.startswith("`") or body.endswith("`"):
        body = f" {body} "
    return f"{fence}{body}{fence}"


# --------------------------------------------------------------------------- limits

#: Longest line read from a JSON Lines file (submission, annotation, metadata), in characters.
#: A submission line of the seed article with every gold layer is about 30,000 characters.
MAX_LINE_CHARS = 32 * 1024 * 1024
#: Most items of one layer (mentions, timexes, relations) a submitted document may hold.
#: The seed article has 104 gold mentions in 3,331 characters.
MAX_ITEMS_PER_LAYER = 50_000


def bounded_lines(handle: IO[AnyStr], limit: int) -> Iterator[tuple[int, AnyStr | None]]:
    """``(line number, line)`` of a text or binary file, ``line`` None for a line longer than
    ``limit`` characters (bytes for a binary file); the rest of such a line is skipped in 1 MiB
    pieces, never held in memory whole."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        newline = "\n" if isinstance(line, str) else b"\n"
        if len(line) > limit and not line.endswith(newline):
            while True:  # skip to the end of the line
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(newline):
                    break
            yield number, None
        else:
            yield number, line
