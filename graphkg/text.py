"""Small text helpers shared by every stage: invisible characters, whitespace, Word artefacts,
quotes, tokens."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTEFACT = re.compile(r"\[(?:bookmark|anchor|footnote|comment)[^\]]*\]", re.IGNORECASE)
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*")

OPEN_QUOTES = "«„“"
CLOSE_QUOTES = "»“”"


def normalise(text: str) -> str:
    """NFC, then without format characters (category Cf: soft hyphen, zero-width space, joiners,
    word joiner, BOM, bidi marks and overrides) or combining marks left over after NFC (Mn: a
    stress accent over а́ has no composed form). Both are invisible, and each would make one name
    written twice two names; characters that compose (й, ё) are composed by NFC first and kept."""
    text = unicodedata.normalize("NFC", text)
    return text if text.isascii() else _invisible().sub("", text)


@lru_cache(maxsize=1)
def _invisible() -> re.Pattern:
    """One character class of every Cf and Mn code point (computed once, about 40 ms). Unicode
    assigns them in planes 0, 1 and 14 only (the rest are ideographs, private use or unassigned),
    so only those are scanned: the whole range took 0.3 s of every run."""
    ranges: list[list[int]] = []
    for code in (*range(0x20000), *range(0xE0000, 0xF0000)):
        if unicodedata.category(chr(code)) in ("Cf", "Mn"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile(
        "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]"
    )


def collapse(text: str) -> str:
    """All runs of spaces, newlines and tabs become one space; trimmed."""
    return _WS.sub(" ", text).strip()


def strip_artefacts(text: str) -> str:
    """Remove Word artefacts such as `[bookmark: _GoBack]`."""
    return _ARTEFACT.sub("", text)


def fold(text: str) -> str:
    """Lower case with ё folded to е: the key used for every lookup."""
    return text.lower().replace("ё", "е")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens (hyphenated words kept whole) with their character offsets."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Outermost «...» spans, nesting respected (АО «ПО «Кристалл»»); straight quotes pair up.

    Reports often drop the inner closing quote (АО «ПО «Кристалл»): a span still open at a line
    break, a "(", a ";" or a "," closes at the last closing quote seen, and at the end of the text likewise.
    """
    spans: list[tuple[int, int]] = []
    depth, start, last_close = 0, -1, -1
    straight = -1  # where an open straight quote stands, at depth zero only
    for i, ch in enumerate(text):
        if ch in "«„" or (ch == "“" and depth == 0):
            if depth > 0 and last_close > start and " " in text[last_close:i]:
                spans.append((start, last_close + 1))  # "«А «Б» и ГУО «В»": a new name begins
                depth = 0
            if depth == 0:
                start, last_close = i, -1
            depth += 1
        elif ch in "»”" or (ch == "“" and depth > 0):
            if depth > 0:
                depth -= 1
                last_close = i
                if depth == 0:
                    spans.append((start, i + 1))
        elif ch in "\n(;," and depth > 0 and last_close > start:
            spans.append((start, last_close + 1))
            depth = 0
        elif ch == '"' and depth == 0:
            if straight >= 0:
                spans.append((straight, i + 1))
                straight = -1
            else:
                straight = i
    if depth > 0 and start >= 0:
        spans.append((start, last_close + 1 if last_close > start else len(text)))
    merged: list[tuple[int, int]] = []
    for span in sorted(spans):  # a straight-quoted name may hold «...»: keep the outermost
        if merged and span[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
        else:
            merged.append(span)
    return merged


def mask_spans(text: str, spans: list[tuple[int, int]], fill: str = " ") -> str:
    """Replace the given spans with filler of the same length (offsets stay valid)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = fill * (end - start)
    return "".join(chars)
