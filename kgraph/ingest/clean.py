"""Text cleaning applied before parsing: fold markers, Unicode, quotes, LaTeX, markdown.

Each function takes a string and returns a string, so each can be tested alone;
`clean_text` chains them for titles and abstracts, `clean_name` for author names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

from kgraph.resources import read_lines

# "rel… (voir plus)ies": the page cut a word and put a "show more" marker in the cut.
_MARKERS = "|".join(re.escape(m) for m in read_lines("fold_markers.txt"))
_FOLD = re.compile(r"(?:…|\.\.\.)?[ \t]*\((?:%s)\)" % _MARKERS, re.IGNORECASE)
_FOLD_HINT = re.compile(r"\((?:%s)\)" % _MARKERS, re.IGNORECASE)  # starts with a literal: a fast scan
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"'})
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]{2,}|[\t\u00a0\u2009\u202f]")  # a lone space needs no work

_UNICODE_MACRO = re.compile(r"\\unicode\{x?([0-9A-Fa-f]{2,6})\}")
_CITE = re.compile(r"~?\\cite([tp]?)\*?(?:\[[^\]]*\])*\{([^{}]*)\}")
_MATH = re.compile(r"\$([^$\n]{1,200})\$")
_COMMAND = re.compile(r"\\(?:[A-Za-z]+\*?(?:\[[^\]]*\])?(?:\{[^{}]*\})*|[\"'`^~=.]\{?[A-Za-z]\}?)")
_BRACED_COMMAND = re.compile(r"\{\\[^{}]*\}")  # {\"o}
_BRACES = re.compile(r"\{([^{}$\\]*)\}")
_SINGLE_QUOTES = re.compile(r"`([^`'\n]{1,80})'")
_TIE = re.compile(r"(?<=\S)~(?=\S)")
_CONTROL_SPACE = re.compile(r"\\ ")
_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")

_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((https?://[^)\s]+)\)")
_MD_STRONG = re.compile(r"(?<![\w*])\*\*(\S(?:[^*\n]*\S)?)\*\*(?![\w*])")
_MD_EM = re.compile(r"(?<![\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])")
_MD_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")

_URL = re.compile(r"https?://[^\s<>\"'`\]\[)(}{|\\^]+")
_CODE_HOSTS = tuple(read_lines("code_hosts.txt"))


@lru_cache(maxsize=1)
def _latex() -> LatexNodes2Text:
    return LatexNodes2Text(strict_latex_spaces=True)


def _to_text(span: str) -> str:
    """pylatexenc on one span; a macro it cannot handle stays as written."""
    try:
        return _latex().latex_to_text(span)
    except Exception:  # pylatexenc raises IndexError and others on malformed macros
        return span


def unfold(text: str) -> str:
    """Remove "… (voir plus)" style markers so the two halves of a cut word join."""
    return _FOLD.sub("", text) if _FOLD_HINT.search(text) else text


def has_fold_marker(text: str) -> bool:
    return _FOLD.search(text) is not None


def normalize_unicode(text: str) -> str:
    """NFC, straight quotes, single spaces."""
    if not text.isascii():  # most text is ASCII: skip the per-character passes
        text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def _cite(match: re.Match) -> str:
    keys = []
    for key in match.group(2).split(","):
        m = re.match(r"([A-Za-z]+?)[-_:]?((?:19|20)\d\d)", key.strip())
        keys.append((m.group(1).capitalize(), m.group(2)) if m else (key.strip(), ""))
    if match.group(1) == "t":
        return " " + "; ".join(f"{who} ({year})" if year else who for who, year in keys)
    return " (" + "; ".join(f"{who}, {year}" if year else who for who, year in keys) + ")"


def _math(match: re.Match) -> str:
    body = match.group(1)
    looks_like_math = any(c in body for c in "\\^_{") or (len(body) <= 12 and " " not in body)
    if not looks_like_math:  # "$5 and $10": currency, not math
        return match.group(0)
    body = re.sub(r"\^\{?([0-9+-]+)\}?", lambda m: m.group(1).translate(_SUPERSCRIPT), body)
    return _to_text(body)


def latex_to_text(text: str) -> str:
    """Turn the LaTeX found in scraped abstracts into plain text.

    Only LaTeX-looking spans are converted, so a bare "%" or "$5" in prose survives.

    >>> latex_to_text(r"We introduce $\\text{Transformer}^2$, a $\\textit{new}$ method")
    'We introduce Transformer², a new method'
    """
    if not any(c in text for c in "\\$`{~'"):
        return text
    text = text.replace("``", '"').replace("''", '"')
    text = _SINGLE_QUOTES.sub(r"'\1'", text)
    text = _UNICODE_MACRO.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = _CITE.sub(_cite, text)
    text = _MATH.sub(_math, text)
    text = _BRACED_COMMAND.sub(lambda m: _to_text(m.group(0)), text)
    text = _COMMAND.sub(lambda m: _to_text(m.group(0)), text)
    text = _BRACES.sub(r"\1", text)
    text = _CONTROL_SPACE.sub(" ", text)
    return _TIE.sub(" ", text)


def markdown_to_text(text: str) -> str:
    """Drop markdown emphasis, code ticks and link syntax, keeping the words.

    >>> markdown_to_text("FL demands *on every point*, see [code](https://github.com/a/b)")
    'FL demands on every point, see code'
    """
    if not any(c in text for c in "*[`"):
        return text
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\1", text)
    text = _MD_EM.sub(r"\1", text)
    return _MD_CODE.sub(r"\1", text)


def clean_text(text: str) -> str:
    """The full cleaning chain for titles and abstracts."""
    text = unfold(text)
    text = normalize_unicode(text)
    text = latex_to_text(text)
    text = markdown_to_text(text)
    return normalize_unicode(text)


def clean_name(text: str) -> str:
    """Cleaning for an author name: no markdown, but LaTeX accents ({\\"o}) are common."""
    return normalize_unicode(latex_to_text(unfold(text)))


def code_urls(text: str) -> list[str]:
    """Code-repository URLs (GitHub, GitLab, ...) mentioned in a text, in order, once each."""
    found: list[str] = []
    for raw in _URL.findall(text):
        url = raw.rstrip(".,;:!?")
        host = url.split("/")[2].lower().removeprefix("www.")
        if host in _CODE_HOSTS and url not in found:
            found.append(url)
    return found
