"""Identifiers as bibliographic files write them, normalised: DOI, arXiv, OpenAlex, ORCID."""

from __future__ import annotations

import re

_DOI = re.compile(r"(10\.\d{4,9}/\S+)", re.IGNORECASE)
_ARXIV = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)
_OPENALEX = re.compile(r"(?:openalex\.org/)?([WA]\d{4,})$", re.IGNORECASE)
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")


def doi(value: str | None) -> str | None:
    """`doi("https://doi.org/10.18653/V1/D19-1006")` -> "10.18653/v1/d19-1006"."""
    match = _DOI.search(value or "")
    return match.group(1).rstrip(".,;").lower() if match else None


def arxiv(value: str | None) -> str | None:
    match = _ARXIV.fullmatch((value or "").strip().rstrip("/")) or _ARXIV.search(value or "")
    return match.group(1) if match and ("arxiv" in (value or "").lower() or _ARXIV.fullmatch((value or "").strip())) else None


def openalex(value: str | None) -> str | None:
    match = _OPENALEX.search((value or "").strip())
    return match.group(1).upper() if match else None


def orcid(value: str | None) -> str | None:
    match = _ORCID.search((value or "").strip())
    return match.group(1) if match else None


def collect(**values: str | None) -> dict[str, str]:
    """The identifiers that are present, normalised, by kind."""
    normalise = {"doi": doi, "arxiv": arxiv, "openalex": openalex}
    out = {}
    for kind, value in values.items():
        clean = normalise.get(kind, lambda v: (v or "").strip() or None)(value)
        if clean:
            out[kind] = clean
    return out
