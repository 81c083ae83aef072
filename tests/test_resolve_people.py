from kgraph.model import Location
from kgraph.names import compatible, parse_name
from kgraph.resolve.aliases import Aliases
from kgraph.resolve.people import resolve_people


def people(*records, aliases=None):
    """Resolve names given as records (lists of names); returns (name -> person, result)."""
    mentions = [(name, i, Location("t.txt", i + 1)) for i, names in enumerate(records) for name in names]
    result = resolve_people(mentions, aliases or Aliases())
    return result.person_of, result


def same(person_of, a, b):
    return person_of[a] == person_of[b]


WOOD_LAB = ["Ryan Fayyazi", "Christian Weilbach"]  # two co-authors: the evidence a name variant needs


def test_case_order_diacritics_and_middle_initials_merge():
    person_of, result = people(["Kilian FATRAS"], ["Kilian Fatras"], ["Pascanu, Razvan"], ["Razvan Pascanu"],
                               ["Frank N. Wood", *WOOD_LAB], ["Frank Wood", *WOOD_LAB], ["Léon Bottou"], ["Leon Bottou"])
    assert same(person_of, "Kilian FATRAS", "Kilian Fatras")
    assert same(person_of, "Pascanu, Razvan", "Razvan Pascanu")
    assert same(person_of, "Frank N. Wood", "Frank Wood")
    assert same(person_of, "Léon Bottou", "Leon Bottou")
    assert len(result.persons) == 6
    fatras = result.persons[person_of["Kilian FATRAS"]]
    assert fatras.name == "Kilian Fatras" and set(fatras.variants) == {"Kilian FATRAS", "Kilian Fatras"}
    assert result.persons[person_of["Léon Bottou"]].name == "Léon Bottou"


def test_initial_merges_only_when_unambiguous():
    mila = ["Aaron Courville", "Pascal Vincent"]
    person_of, _ = people(["Y. Bengio", *mila], ["Yoshua Bengio", *mila], ["Samy Bengio", *mila])
    assert same(person_of, "Y. Bengio", "Yoshua Bengio")
    assert not same(person_of, "Samy Bengio", "Yoshua Bengio")
    assert not same(person_of, "Samy Bengio", "Y. Bengio")


def test_ambiguous_initial_is_kept_apart_and_logged():
    person_of, result = people(["Y. Liu"], ["Yang Liu"], ["Yan Liu"])
    assert len({person_of["Y. Liu"], person_of["Yang Liu"], person_of["Yan Liu"]}) == 3
    (kept,) = [m for m in result.merges if m.decision == "kept apart"]
    assert kept.canonical == "Y. Liu" and "Yang Liu" in kept.variant and "Yan Liu" in kept.variant


def test_different_given_names_sharing_a_surname_never_merge():
    person_of, result = people(["Lucas Caccia"], ["Massimo Caccia"], ["Zhen Liu", "Weiyang Liu"])
    assert not same(person_of, "Lucas Caccia", "Massimo Caccia")
    assert not same(person_of, "Zhen Liu", "Weiyang Liu")
    assert not [m for m in result.merges if m.decision == "merged"]


def test_initial_cannot_chain_two_full_names():
    # "F. Wood" fits both; neither "Frank" nor "Fred" may absorb it, and they stay apart.
    person_of, _ = people(["Frank Wood"], ["Fred Wood"], ["F. Wood"])
    assert len({person_of["Frank Wood"], person_of["Fred Wood"], person_of["F. Wood"]}) == 3


def test_two_names_on_one_record_are_two_people():
    person_of, _ = people(["Y. Zhang", "Yan Zhang"])
    assert not same(person_of, "Y. Zhang", "Yan Zhang")


def test_every_merge_is_logged_with_rule_and_evidence():
    mila = ["Aaron Courville", "Pascal Vincent"]
    _, result = people(["Frank N. Wood", *WOOD_LAB], ["Frank Wood", *WOOD_LAB], ["Y. Bengio", *mila], ["Yoshua Bengio", *mila])
    merged = {(m.variant, m.canonical): m for m in result.merges if m.decision == "merged" and m.canonical not in WOOD_LAB + mila}
    assert set(merged) == {("Frank Wood", "Frank N. Wood"), ("Y. Bengio", "Yoshua Bengio")}
    assert "initial" in merged["Y. Bengio", "Yoshua Bengio"].rule
    assert merged["Frank Wood", "Frank N. Wood"].evidence.startswith("first seen t.txt:")
    assert "shared co-authors: christian weilbach, ryan fayyazi" in merged["Frank Wood", "Frank N. Wood"].evidence


def test_a_name_variant_without_shared_coauthors_stays_apart_and_is_logged():
    person_of, result = people(["Frank N. Wood", "Ryan Fayyazi"], ["Frank Wood", "Ryan Fayyazi"], ["Y. Bengio"], ["Yoshua Bengio"])
    assert not same(person_of, "Frank N. Wood", "Frank Wood")  # one shared co-author is not enough by default
    assert not same(person_of, "Y. Bengio", "Yoshua Bengio")
    kept = {(m.canonical, m.variant, m.rule) for m in result.merges if m.decision == "kept apart"}
    assert ("Frank Wood", "Frank N. Wood", "compatible names but no shared co-author") in kept
    relaxed = resolve_people([(n, i, Location("t.txt", i + 1)) for i, names in enumerate(
        [["Frank N. Wood", "Ryan Fayyazi"], ["Frank Wood", "Ryan Fayyazi"]]) for n in names], Aliases(), shared_coauthors=1)
    assert relaxed.person_of["Frank Wood"] == relaxed.person_of["Frank N. Wood"]


def test_nicknames_merge_with_shared_coauthors_only():
    melbourne = ["Trevor Cohn", "Jey Han Lau"]
    person_of, result = people(["Tim Baldwin", *melbourne], ["Timothy Baldwin", *melbourne], ["Tom Baldwin"])
    assert same(person_of, "Tim Baldwin", "Timothy Baldwin")
    assert not same(person_of, "Tom Baldwin", "Timothy Baldwin")
    (merge,) = [m for m in result.merges if m.variant == "Tim Baldwin"]
    assert merge.canonical == "Timothy Baldwin" and "nickname" in merge.rule


def test_hyphens_and_spaces_in_names():
    person_of, _ = people(["Thai-Son Nguyen"], ["Thai Son Nguyen"], ["Zhen-Hua Ling"], ["Zhenhua Ling"], ["Mark Johnson"],
                          ["Mark Hasegawa-Johnson"])
    assert same(person_of, "Thai-Son Nguyen", "Thai Son Nguyen")  # the same name, split the same way
    assert not same(person_of, "Zhen-Hua Ling", "Zhenhua Ling")  # split differently: needs co-authors
    assert not same(person_of, "Mark Johnson", "Mark Hasegawa-Johnson")


def test_aliases_force_a_merge_and_forbid_one():
    aliases = Aliases({"tim baldwin": "Timothy Baldwin", "kilian fatras": None}, source="aliases.tsv")
    person_of, result = people(["Tim Baldwin"], ["Timothy Baldwin"], ["Kilian Fatras"], ["Kilian FATRAS"], aliases=aliases)
    assert same(person_of, "Tim Baldwin", "Timothy Baldwin")
    assert not same(person_of, "Kilian Fatras", "Kilian FATRAS")
    rules = {(m.variant, m.decision, m.rule) for m in result.merges}
    assert ("Tim Baldwin", "merged", "aliases file") in rules


def test_alias_to_a_name_never_written_creates_that_person():
    aliases = Aliases({"j smith": "Jane Doe"}, source="aliases.tsv")
    person_of, result = people(["J. Smith"], aliases=aliases)
    assert result.persons[person_of["J. Smith"]].name == "Jane Doe"


def test_compatible_handles_spanish_double_surnames():
    assert compatible(parse_name("Obando Ceron, Johan Samir"), parse_name("Johan S. Obando Ceron"))
    assert not compatible(parse_name("Frank N. Wood"), parse_name("Frank M. Wood"))


def test_non_latin_names_keep_their_letters():
    person_of, result = people(["文君 王"], ["杨 亮"], ["Алексей Петров"], ["Алексей ПЕТРОВ"])
    assert not same(person_of, "文君 王", "杨 亮")
    assert same(person_of, "Алексей Петров", "Алексей ПЕТРОВ")


def test_the_same_orcid_is_one_person_whatever_the_names():
    orcid = "https://orcid.org/0000-0002-1825-0097"
    mentions = [("Maria Garcia", 0, Location("a.json", 1), orcid), ("Maria Lopez", 1, Location("b.json", 1), orcid),
                ("Maria Garcia", 2, Location("a.json", 2), ""), ("Maria Lopez", 3, Location("b.json", 2), "")]
    result = resolve_people(mentions, Aliases())
    assert result.person_of["Maria Garcia"] == result.person_of["Maria Lopez"]  # a change of surname
    (merge,) = [m for m in result.merges if m.decision == "merged"]
    assert merge.rule == "same author identifier (ORCID / OpenAlex)" and merge.evidence == orcid
