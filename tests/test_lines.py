import pytest

from kgraph.ingest.lines import NAME, PROSE, TITLE, classify, name_score

ABSTRACT = ("We introduce a sample-centric learning paradigm where models are trained by solving a "
            "feasibility problem that bounds the loss for each training sample. In contrast to the "
            "ubiquitous framework, which optimizes for average performance, it demands more.")


@pytest.mark.parametrize("line", [
    "Manuel Del Verme", "Matthew D Riemer", "Samuel L. Smith", "Avery Hee-Woon Ryoo",
    "Kilian FATRAS", "Pascanu, Razvan", "Pierluca D'Oro", "Md Rifat Arefin", "DiJia Su", "P Vincent",
])
def test_names_score_high(line):
    assert name_score(line) > 0.8


@pytest.mark.parametrize("line", [
    "Expressivity of Neural Networks with Random Weights and Learned Biases",
    "Do Transformer World Models Give Better Policy Gradients?",
    "Dualformer: Controllable Fast and Slow Thinking",
    "In value-based deep reinforcement learning, a pruned network is a good network",
    "arXiv.org Artificial Intelligence",
])
def test_titles_are_not_names(line):
    assert name_score(line) == 0.0


def test_two_word_title_after_an_abstract_is_a_title():
    lines = ["Faster Learning Through Off-Policy Methods", "Michael Noukhovitch", ABSTRACT,
             "Feasible Learning", "Juan Ramirez", "Ignacio Hounie", ABSTRACT]
    assert classify(lines) == [TITLE, NAME, PROSE, TITLE, NAME, NAME, PROSE]


def test_title_directly_after_author_lines_without_abstract():
    lines = ["Dualformer: Controllable Fast and Slow Thinking", "DiJia Su", "Qinqing Zheng",
             "Efficient Diversity-Preserving Diffusion Alignment via Gradient-Informed GFlowNets",
             "Zhen Liu", "Tim Z. Xiao", ABSTRACT]
    assert classify(lines) == [TITLE, NAME, NAME, TITLE, NAME, NAME, PROSE]


def test_title_directly_followed_by_abstract():
    lines = ["WorkArena: How Capable are Web Agents?", ABSTRACT, "No Wrong Turns: The Simple Geometry", ABSTRACT]
    assert classify(lines) == [TITLE, PROSE, TITLE, PROSE]


def test_prose_like_title_followed_by_a_name_is_a_title():
    lines = ["Unsupervised Concept Discovery Mitigates Spurious Correlations", "Kenji Kawaguchi",
             "In value-based deep reinforcement learning, a pruned network is a good network",
             "Johan Samir Obando Ceron", ABSTRACT]
    assert classify(lines) == [TITLE, NAME, TITLE, NAME, PROSE]
