"""Canonical keys for concept names: one key for every way of writing one concept.

Case, plural/singular (GFlowNets = GFlowNet, SoftMoEs = SoftMoE), hyphen and space
variants (fine-tuning = fine tuning = finetuning), LaTeX remnants (Transformer^2 =
Transformer²) and accents all fold away. Keys are never shown; labels are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kgraph.names import fold

_LATEX = re.compile(r"[$\\{}]|\^")
_SEPARATORS = re.compile(r"[\s\-‐–_/]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_KEEP_S = ("ss", "us", "is", "ics", "ous", "sis", "xis")


def singular(word: str) -> str:
    """Crude singular of one folded word; only used inside keys.

    >>> [singular(w) for w in ["gflownets", "softmoes", "networks", "analysis", "strategies", "loss"]]
    ['gflownet', 'softmoe', 'network', 'analysis', 'strategy', 'loss']
    """
    if len(word) <= 3 or not word.isalpha() or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=1_000_000)  # the same few hundred thousand surfaces recur millions of times
def canonical_key(text: str) -> str:
    """The key under which variants of a concept name meet.

    >>> canonical_key("GFlowNets") == canonical_key("GFlowNet")
    True
    >>> canonical_key("fine-tuning") == canonical_key("Fine tuning") == canonical_key("finetuning")
    True
    >>> canonical_key("Transformer^2") == canonical_key("Transformer²")
    True
    """
    text = _POSSESSIVE.sub("", _LATEX.sub("", text))
    words = _SEPARATORS.split(fold(text).strip(" .,;:'\"()"))
    words = [w.strip(".,;:'\"()[]") for w in words]
    words = [singular(w) for w in words if w]
    return "".join(words)
