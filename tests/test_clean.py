import pytest

from kgraph.ingest.clean import clean_name, clean_text, code_urls, latex_to_text, markdown_to_text, unfold


@pytest.mark.parametrize("raw, expected", [
    ("their performance rel… (voir plus)ies on massive data", "their performance relies on massive data"),
    ("when increasing … (voir plus)capacity and", "when increasing capacity and"),
    ("incorporated into Transformers, we… (voir plus) show that", "incorporated into Transformers, we show that"),
    ("a remote bench… (see more)mark of tasks", "a remote benchmark of tasks"),
    ("agents that lea... (Read More)rn fast", "agents that learn fast"),
])
def test_unfold_joins_the_cut_word(raw, expected):
    assert unfold(raw) == expected


def test_clean_text_nfc_and_quotes():
    decomposed = "Le\u0301o said “hi” and ‘bye’ to the model’s output"
    assert clean_text(decomposed) == "Léo said \"hi\" and 'bye' to the model's output"


@pytest.mark.parametrize("raw, expected", [
    (r"We introduce $\text{Transformer}^2$, a novel framework", "We introduce Transformer², a novel framework"),
    (r"the phenomenon of $\textit{dying neurons}$ $\unicode{x2013}$units that", "the phenomenon of dying neurons –units that"),
    (r"Recently,~\citet{vaswani2021general} introduced", "Recently, Vaswani (2021) introduced"),
    (r"trained on a \textit{stationary} data distribution, e.g.\ deep RL", "trained on a stationary data distribution, e.g. deep RL"),
    (r"from $5$K to over $10$K points", "from 5K to over 10K points"),
    (r"enables {value-based} agents", "enables value-based agents"),
    ("a ``Pro'' block design", 'a "Pro" block design'),
    ("costs $5 and $10 a month at 4% accuracy", "costs $5 and $10 a month at 4% accuracy"),
])
def test_latex_to_text(raw, expected):
    assert latex_to_text(raw) == expected


def test_markdown_to_text_keeps_words_and_drops_syntax():
    raw = "FL demands satisfactory performance *on every individual data point*. Code: [`https://github.com/a/b`](https://github.com/a/b)"
    assert markdown_to_text(raw) == "FL demands satisfactory performance on every individual data point. Code: https://github.com/a/b"


def test_markdown_leaves_arithmetic_alone():
    assert markdown_to_text("a * b and c * d") == "a * b and c * d"


def test_code_urls_are_kept_in_order_without_trailing_punctuation():
    text = "Code is at https://github.com/rarefin/CoBalT. Data at https://example.org/x and https://gitlab.com/a/b)."
    assert code_urls(text) == ["https://github.com/rarefin/CoBalT", "https://gitlab.com/a/b"]


def test_clean_name_converts_latex_accents():
    assert clean_name(r"J{\"o}rg Sch\'e") == "Jörg Sché"
