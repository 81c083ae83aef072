from conftest import author_names, paper_titled, person_named

from kgraph.model import Location, Record
from kgraph.resolve import merge_orders, resolve
from kgraph.resolve.aliases import Aliases


def test_think_before_you_act_has_jie_fu_and_xue_liu(corpus):
    paper = paper_titled(corpus, "Think Before You Act: Decision Transformers with Working Memory")
    names = author_names(corpus, paper)
    assert {"Jie Fu", "Xue Liu"} <= set(names)
    assert names[:4] == ["Jikun Kang", "Romain Laroche", "Xingdi Yuan", "Adam Trischler"]
    assert sorted(str(r.at) for r in paper.records) == ["seeds/000_7854bc53814309f2.txt:1", "seeds/001_3f13293f3bb4fd6f.txt:36"]


def test_author_union_keeps_written_order(corpus):
    paper = paper_titled(corpus, "When is Transfer Learning Possible?")
    assert author_names(corpus, paper) == [
        "My Phan", "Kianté Brantley", "Stephanie Milani", "Soroush Mehri", "Gokul Swamy", "Geoff Gordon"]


def test_merged_paper_takes_authors_from_one_source_and_abstract_from_another(corpus):
    paper = paper_titled(corpus, "Do Transformer World Models Give Better Policy Gradients?")
    assert author_names(corpus, paper) == ["Michel Ma", "Tianwei Ni", "Clement Gehring", "Pierluca D'Oro"]
    assert paper.abstract.startswith("A natural approach for reinforcement learning")


def test_most_complete_abstract_wins():
    short = Record(Location("a.txt", 1), "institute", title="X", abstract="We study a thing and", abstract_truncated=True)
    full = Record(Location("b.txt", 1), "institute", title="x.", abstract="We study a thing and it works.")
    (paper,) = resolve([short, full]).papers
    assert paper.abstract == "We study a thing and it works."


def test_frank_wood_is_one_person(corpus):
    person = person_named(corpus, "Frank Wood")
    assert set(person.variants) == {"Frank Wood", "Frank N. Wood"}
    paper = paper_titled(corpus, "Prospective Messaging: Learning in Networks with Communication Delays")
    assert paper.authors.count(person.id) == 1


def test_razvan_pascanu_authors_the_ten_papers_of_his_profile(corpus):
    person = person_named(corpus, "Razvan Pascanu")
    assert person.name == "Razvan Pascanu" and "Pascanu, Razvan" in person.variants
    papers = [p for p in corpus.papers if person.id in p.authors]
    assert len(papers) == 10
    assert all(p.records[0].at.file.endswith("002_a4323ca72a42ac54.txt") for p in papers)
    assert any(p.title.startswith("Griffin: Mixing Gated Linear Recurrences") for p in papers)


def test_abstract_only_records_are_papers_without_authors(corpus):
    untitled = [p for p in corpus.papers if p.title is None]
    assert len(untitled) == 10
    assert all(p.authors == [] and p.signatures == [] for p in untitled)
    labels = {p.label.split(":")[0] for p in untitled}
    assert {"Transformer²", "NAMMs", "A-LIX", "MOOD"} <= labels
    assert len({p.label for p in untitled}) == 10


def test_duplicate_listing_in_one_file_is_merged_and_logged(corpus):
    paper = paper_titled(corpus, "Forgetting Transformer: Softmax Attention with a Forget Gate")
    assert [r.at.line for r in paper.records] == [56, 61]
    assert author_names(corpus, paper) == ["Zhixuan Lin", "Evgenii Nikishin", "Xu He"]
    assert paper.code_urls == ["https://github.com/zhixuan-lin/forgetting-transformer"]
    logged = [m for m in corpus.merges if m.kind == "paper" and m.canonical == paper.title]
    assert len(logged) == 1 and logged[0].evidence.endswith(":56")


def test_title_normalisation_merges_case_and_punctuation_variants():
    a = Record(Location("a.txt", 1), "institute", title="Feasible Learning")
    b = Record(Location("b.txt", 5), "institute", title="FEASIBLE  LEARNING.")
    c = Record(Location("c.txt", 9), "institute", title="Féasible-Learning")
    (paper,) = resolve([a, b, c]).papers
    assert len(paper.records) == 3


def test_title_alias_can_keep_papers_apart():
    a = Record(Location("a.txt", 1), "institute", title="Feasible Learning")
    b = Record(Location("b.txt", 1), "institute", title="Feasible Learning")
    papers = resolve([a, b], Aliases({"feasible learning": None})).papers
    assert len(papers) == 2


def test_untitled_copy_of_an_abstract_joins_the_titled_paper():
    text = " ".join(f"word{i}" for i in range(40)) + "."
    titled = Record(Location("a.txt", 1), "institute", title="A Paper", abstract=text)
    bare = Record(Location("b.txt", 1), "abstracts", abstract=text)
    (paper,) = resolve([titled, bare]).papers
    assert paper.title == "A Paper" and len(paper.records) == 2


def test_merge_orders():
    # "d" follows its predecessor "b"; "x" has none in the result, so it goes first.
    assert merge_orders([["a", "b", "c"], ["b", "d"], ["x", "a"]]) == ["x", "a", "b", "d", "c"]


def test_non_latin_titles_are_not_one_paper():
    a = Record(Location("a.txt", 1), "institute", title="基于深度学习的机器翻译")
    b = Record(Location("b.txt", 1), "institute", title="中文分词研究")
    c = Record(Location("c.txt", 1), "institute", title="!!!")
    assert len(resolve([a, b, c]).papers) == 3
