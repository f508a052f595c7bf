"""Text clean-up shared by every stage: Unicode normalisation, markup stripping, boilerplate lines."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and bidi controls, soft hyphen, BOM, word joiners and the Unicode tag block.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\U000e0000-\U000e007f]")
# Footnote marks ("updates¹"): NFKC would glue them to the word as "updates1".
_SUPERSCRIPT_DIGITS = re.compile("[\u00b9\u00b2\u00b3\u2070-\u2079]")
# Controls other than tab and newline, plus characters str.splitlines() would treat as breaks.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_TAG = re.compile(r"</?(?:p|ul|ol|li|i|u|b|em|strong|br|span|div)\b[^>]*>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li\b[^>]*>|\s*•\s*", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_WORD = re.compile(r"\w+")

_BOILERPLATE = {
    "this page is intentionally left blank",
    "police & crime commissioner",
    "for leicester,",
    "leicestershire & rutland",
    "for leicester, leicestershire & rutland",
    "your communities - your commissioner",
}
_END_OF_REPORT = re.compile(r"^-*\s*end of report\s*-*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$|^agenda item \d+[a-z]?$", re.IGNORECASE)
_ACRONYMS = {"PCC", "OPCC", "DPCC", "LLR", "CGB", "VRN", "JARAP", "LSCSB", "S106", "ASB", "VAWG", "CSP"}
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "against"}


def normalise(text: str) -> str:
    """NFKC with invisible characters dropped, so equal-looking text compares equal."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _SUPERSCRIPT_DIGITS.sub("", text))
    return _CONTROLS.sub(" ", unicodedata.normalize("NFKC", text))


def strip_markup(text: str) -> str:
    """Plain text of a cell or line: HTML fragments, bold stars and link targets removed."""
    text = _LINK.sub(r"\1", text.replace("**", ""))
    text = _LIST_ITEM.sub("; ", text)
    text = _TAG.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text[2:] if text.startswith("; ") else text


def words(text: str) -> list[str]:
    """Lower-cased words, for comparing content regardless of layout."""
    return _WORD.findall(normalise(text).lower())


def is_end_marker(line: str) -> bool:
    """An 'End of Report' rule or a blank-page notice: the part before it is over."""
    plain = strip_markup(line).lower()
    return bool(_END_OF_REPORT.match(plain)) or plain == "this page is intentionally left blank"


def is_logo(line: str) -> bool:
    """Letterhead lines printed at the top of OPCC papers."""
    return strip_markup(line).lower() in _BOILERPLATE


def is_boilerplate(line: str) -> bool:
    """Lines that carry no content: letterheads, end rules, page numbers."""
    plain = strip_markup(line)
    return is_end_marker(plain) or is_logo(plain) or bool(_PAGE_NUMBER.match(plain))


def title_case(text: str) -> str:
    """'ANNUAL REPORT ON COMPLAINTS' -> 'Annual Report on Complaints'; mixed case is left alone."""
    if any(ch.islower() for ch in text):
        return text
    out = [w if w.strip(":,.()") in _ACRONYMS else w.capitalize() for w in text.split()]
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(out))

