"""Decode a report's bytes to text: every encoding decision in one place.

Order: a BOM; strict UTF-8; UTF-8 cut in its last character or with a few foreign lines (reported);
else charset-normalizer, checked by a Russian-letter score of our own, because detectors confuse
cp1251, KOI8-R and mac-cyrillic on short texts. Binary, or anything no reading fits, is refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import NoReturn

import charset_normalizer

from graphkg.errors import ReadError


class UndecodableError(ReadError, ValueError):
    """No encoding can be told; the message is one line naming the file."""


@dataclass(frozen=True)
class Decoded:
    text: str  # NULs dropped: a stray NUL is damage, never content
    encoding: str  # a Python codec name
    confidence: float  # 0-1
    method: str  # "bom", "utf-8" or "detected"
    bad_lines: tuple[int, ...] = ()  # 1-based lines decoded with replacement characters

    @property
    def summary(self) -> str:
        bad = ", ".join(map(str, self.bad_lines))
        bad = f"; lines decoded with replacement: {bad}" if bad else ""
        how = self.method
        if how == "utf-8":  # "utf-8 (utf-8, ...)" says nothing: say whether every byte was valid
            how = "mostly valid" if self.bad_lines else "valid"
        return f"{self.encoding} ({how}, confidence {self.confidence:.2f}){bad}"


# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
# Code pages a Russian report comes in, most common first. A tie (the same text) goes to the first,
# so the detector's rarer twin (cp1125 for cp866, koi8_u for koi8_r) is named by its usual name.
_CYRILLIC = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5")
_RARE = {"mac_cyrillic": 0.05, "iso8859_5": 0.05}  # seldom in Russian office files: a handicap
_RU = "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё"  # Russian letters, most frequent first
_WEIGHT = {ch: 1 - i / len(_RU) for i, ch in enumerate(_RU)}
_ONE_LETTER = set("авикосуяж")  # Russian one-letter words: a lone "Ц" is cp1251's dash misread
_TYPO = set("«»–—№…“”„‘’•·°§")  # the non-ASCII signs reports really hold
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # TAB, LF, VT, FF and CR are text
_SAMPLE = 8192  # characters scored per reading: enough to judge, cheap on a 100 KB report


def decode(data: bytes, name: str) -> Decoded:
    """Decode one report's bytes; raise UndecodableError when the encoding cannot be told."""
    name = name.replace("\n", " ")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":  # the body may still be cut or hold foreign lines
                return _utf8(data[len(bom) :], "bom", "utf-8-sig") or _refuse(name)
            try:
                text, bad = data.decode(encoding), ()  # type: tuple[str, tuple[int, ...]]
            except UnicodeDecodeError:  # e.g. an odd last byte: keep the text, name the lines
                text = data.decode(encoding, errors="replace")
                bad = tuple(i for i, ln in enumerate(text.split("\n"), 1) if "\ufffd" in ln)
            return _done(text, encoding, 0.9 if bad else 1.0, "bom", bad) or _refuse(name)
    return _utf8(data, "utf-8", "utf-8") or _detect(data, name)


def _utf8(data: bytes, method: str, encoding: str) -> Decoded | None:
    """UTF-8 if it is: whole, cut in its last character, or all but a few lines (each reported)."""
    try:  # None for UTF-16 without a BOM: its NULs and controls are valid UTF-8
        return _done(data.decode("utf-8"), encoding, 1.0, method)
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad, good = [], 0  # good: lines with non-ASCII characters that are valid UTF-8
    for number, line in enumerate(lines, 1):
        try:
            good += not line.isascii() and line.decode("utf-8") != ""
        except UnicodeDecodeError:
            bad.append(number)
    try:  # valid up to an incomplete final sequence, with UTF-8 before it: a cut last character
        cut = not codecs.getincrementaldecoder("utf-8")().decode(data, final=False).isascii()
    except UnicodeDecodeError:
        cut = False
    # Not one of 1,710 non-ASCII seed lines re-encoded in a Cyrillic code page is valid UTF-8: a
    # valid line is hard evidence, so as many valid lines as bad ones is UTF-8 with foreign lines.
    if not (cut or (good and good >= len(bad))):
        return None
    text = "\n".join(line.decode("utf-8", errors="replace") for line in lines)
    return _done(text, encoding, 0.99 if cut else good / (good + len(bad)), method, tuple(bad))


def _detect(data: bytes, name: str) -> Decoded:
    """Ask charset-normalizer; then let the Russian score choose among the plausible readings."""
    best, cut = charset_normalizer.from_bytes(data).best(), False
    if best is None and 0 < data.count(0) <= _tolerance(len(data)):
        # charset-normalizer calls a cp1251 report with one stray NUL binary: drop it, ask again
        data = data.replace(b"\x00", b"")
        best = charset_normalizer.from_bytes(data).best()
    if best is None and len(data) % 2:  # UTF-16 with a stray NUL or half a character at the end
        best = charset_normalizer.from_bytes(data[:-1]).best()
        best = best if best and best.encoding.startswith("utf_16") else None
        data, cut = data[:-1], data[-1] != 0
    if best is None:
        _refuse(name)
    texts: dict[str, str] = {}  # one entry per distinct reading, under its most common name
    for encoding in (*_CYRILLIC, best.encoding):  # the library's pick last: ties go to ours
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # control characters rule a reading out: UTF-16 read as a code page, binary as anything
        if len(_CONTROL.findall(text)) <= _tolerance(len(text)) and text not in texts.values():
            texts[encoding] = text
    if not texts:
        _refuse(name)
    read = {enc: _russian(text[:_SAMPLE]) for enc, text in texts.items()}  # (mean, count)
    score = {enc: mean - _RARE.get(enc, 0.0) for enc, (mean, _) in read.items()}
    ranked = sorted(score, key=score.__getitem__, reverse=True)  # stable: ties keep the order
    chosen = ranked[0]
    # Confidence: the library's cleanliness, times the evidence (score points summed over the
    # characters) between our pick and the runner-up: a coin toss at 0, 0.75 at 5, 0.99 at 30.
    evidence = (score[chosen] - (score[ranked[1]] if len(ranked) > 1 else -1.0)) * read[chosen][1]
    confidence = (1 - best.chaos) * (1 - 2 ** -(1 + evidence / 5))
    text = texts[chosen] + "\ufffd" * cut  # the lost half character, reported as UTF-8's would be
    bad = (text.count("\n") + 1,) if cut else ()
    return _done(text, chosen, confidence, "detected", bad) or _refuse(name)


def _russian(text: str) -> tuple[float, int]:
    """Mean over the non-ASCII characters, and their count. Common Russian letters score high; what
    a wrong Cyrillic code page makes (swapped case, Cyrillic glued to Latin, odd one-letter words,
    stray symbols) scores -1; other scripts 0, so Latin-1 text does not lose to Cyrillic junk."""
    total = score = 0.0
    padded = f" {text} "
    for i in range(1, len(padded) - 1):
        prev, ch, nxt = padded[i - 1], padded[i], padded[i + 1]
        if ch.isascii():
            continue
        low = ch.lower()
        if low in _WEIGHT:
            glued = (prev.isascii() and prev.isalpha()) or (nxt.isascii() and nxt.isalpha())
            swapped = ch != low and prev.isalpha() and prev.islower()
            lone = not prev.isalpha() and not nxt.isalpha() and low not in _ONE_LETTER
            value = -1.0 if glued or swapped or lone else _WEIGHT[low]
        else:
            other_script = ch.isalpha() and not "\u0400" <= ch <= "\u04ff"
            value = 0.0 if ch in _TYPO or other_script else -1.0
        total += 1
        score += value
    return (score / total if total else 0.0), int(total)


def _tolerance(size: int) -> int:  # a stray NUL or two is damage; more control characters is binary
    return 1 + size // 200


def _done(text, encoding, confidence, method, bad=()) -> Decoded | None:
    """None for text full of control characters (binary, or UTF-16 taken for UTF-8)."""
    if len(_CONTROL.findall(text)) > _tolerance(len(text)):
        return None
    return Decoded(text.replace("\x00", ""), encoding, round(confidence, 2), method, bad)


def _refuse(name: str) -> NoReturn:
    raise UndecodableError(f"{name}: cannot tell its encoding; binary or not a text report")
