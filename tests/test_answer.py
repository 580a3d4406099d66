"""The answerer on the seed corpus: verdicts, evidence order, wording, citations that hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer import Answerer, ask, quote_holds
from assistant.answer.polarity import flips
from assistant.answer.question import analyse
from assistant.config import Config
from assistant.lexicon import load_lexicon
from assistant.model import Citation
from assistant.search import Index, build_index
from paths import SEED_CORPUS, SEED_CSI, SEED_STORAGE

CSI = str(SEED_CSI.relative_to(SEED_CORPUS.parent))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("seed-index")
    build_index([str(SEED_CORPUS)], str(folder / "index"), jobs=1)
    with Index.open(str(folder / "index")) as ix:
        yield ix


@pytest.fixture(scope="module")
def answerer(index) -> Answerer:
    return Answerer(index, config=Config())


def _all_hold(answer) -> bool:
    return all(quote_holds(c) for c in (*answer.citations, *answer.related))


# -- the user's example ----------------------------------------------------------------------

def test_power_bi_outside_geo_is_yes_with_exception_then_rule(answerer: Answerer) -> None:
    answer = answerer.ask("can power bi move my data out of geo")
    assert answer.verdict == "yes"
    first, second = answer.citations[:2]
    assert first.path.endswith("customer-service-insights/data-location.md")
    assert (first.line_start, first.line_end) == (74, 74)
    assert "Power BI" in first.quote
    assert second.line_start == 59 and "will not transfer" in second.quote
    assert answer.answer.startswith("Yes.")
    assert "outside of the designated region" in answer.answer
    assert _all_hold(answer)


def test_rule_without_named_exception_is_no(answerer: Answerer) -> None:
    answer = answerer.ask("Can SharePoint move my Customer Service Insights data outside the geo?")
    assert answer.verdict == "no"
    assert answer.citations[0].line_start == 59
    assert "SharePoint" in answer.answer


def test_renamed_products_reach_the_old_names(answerer: Answerer) -> None:
    for question, line in [("Can Power Automate send data outside the geography?", 74),
                           ("Can Azure DevOps keep data outside the geo?", 75),
                           ("Does Microsoft Entra ID store data outside the geo?", 65)]:
        answer = answerer.ask(question)
        assert answer.verdict == "yes", question
        assert answer.citations[0].line_start == line, question
    note = answerer.ask("Can Power Automate move my data out of the geo?").answer
    assert "former name of Power Automate" in note


# -- tables ------------------------------------------------------------------------------------

def test_table_lookups(answerer: Answerer) -> None:
    europe = answerer.ask("Which regions are in the Europe geo?")
    assert europe.verdict == "answer"
    assert "West Europe (Netherlands)" in europe.answer and "North Europe" in europe.answer
    # The continuation row is cited from the line its carried-down geo cell was written on.
    assert [(c.line_start, c.line_end) for c in europe.citations] == [(28, 28), (28, 29)]
    where = answerer.ask("where is brazil suoth")
    assert where.verdict == "answer" and "São Paulo State" in where.answer
    assert "suoth" in where.answer  # says how the misspelling was read
    geo = answerer.ask("which geo is canada east in")
    assert geo.verdict == "answer" and "Canada" in geo.answer


def test_table_membership(answerer: Answerer) -> None:
    assert answerer.ask("Is Japan West one of the regions for Customer Service Insights?"
                        ).verdict == "yes"
    germany = answerer.ask("Is Germany one of the geos for Customer Service Insights?")
    assert germany.verdict == "no"
    assert germany.citations[0].line_start == 26  # the header row of the table


# -- polarity ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "verdict", "line"), [
    ("Is data in processing encrypted?", "no", 64),
    ("Is data persisted by Power Platform encrypted by default?", "yes", 60),
    ("Will requests that use TLS 1.1 be rejected?", "yes", 68),
    ("Will Microsoft move personal data outside the geo?", "no", 44),
])
def test_polarity_statements(answerer: Answerer, question: str, verdict: str, line: int
                             ) -> None:
    answer = answerer.ask(question)
    assert answer.verdict == verdict
    assert answer.citations[0].path.endswith("data-storage.md")
    assert answer.citations[0].line_start <= line <= answer.citations[0].line_end


def test_limit_statement_is_no(answerer: Answerer) -> None:
    answer = answerer.ask("Does Microsoft limit the locations from which users can access "
                          "customer data?")
    assert answer.verdict == "no" and answer.citations[0].line_start == 22


def test_polarity_counts() -> None:
    assert flips("Data encryption can’t be turned off.") == 2
    assert flips("The cookie IP binding feature is disabled by default.") == 1
    assert flips("No matter where customer data is stored, Microsoft does not control it.") == 1
    assert flips("In order to prevent overwrites, we don't allow users to restore.") == 1
    assert flips("Low-code and no-code apps are encrypted.") == 0


# -- unknown -----------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "What is the price of Customer Service Insights?",
    "Which encryption algorithm does Azure Blob storage use?",  # the doc asks this itself
    "Does Customer Service Insights support single sign-on with Okta?",
])
def test_unknown_lists_related_and_never_guesses(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.verdict == "unknown"
    assert answer.citations == ()
    assert answer.related and _all_hold(answer)


def test_empty_question(answerer: Answerer) -> None:
    assert answerer.ask("   ").verdict == "unknown"
    assert answerer.ask("is it?").verdict == "unknown"


# -- citations ---------------------------------------------------------------------------------

def test_sentence_citations_are_narrowed_to_their_lines(answerer: Answerer) -> None:
    answer = answerer.ask("What TLS version does Power Platform require for incoming HTTP "
                          "traffic?")
    assert answer.verdict == "answer" and "TLS 1.2" in answer.answer
    cite = answer.citations[0]
    assert (cite.line_start, cite.line_end) == (68, 68)
    assert cite.quote.startswith("Power Platform requires")


def test_urls_come_from_the_config(index) -> None:
    config = Config(urls={str(SEED_CORPUS / "customer-service-insights"):
                          "https://learn.example.com/csi"})
    answer = Answerer(index, config=config).ask("Can Power BI move my data out of geo?")
    assert answer.citations[0].url == ("https://learn.example.com/csi/data-location"
                                       "#customer-data-at-rest-in-geo")
    other = Answerer(index, config=Config()).ask("Is data in processing encrypted?")
    assert other.citations[0].url is None


def test_convenience_ask(index) -> None:
    assert ask("Can Power BI move my data out of geo?", index).verdict == "yes"


def test_stale_evidence_is_not_cited(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = corpus / "doc.md"
    doc.write_text("# Storage\n\nAll data persisted by the service is encrypted by default.\n")
    build_index([str(corpus)], str(tmp_path / "index"), jobs=1)
    doc.write_text("# Storage\n\nSomething else entirely now.\n")
    with Index.open(str(tmp_path / "index")) as ix:
        answer = Answerer(ix, config=Config()).ask("Is persisted data encrypted by default?")
    assert answer.verdict == "unknown"
    assert not answer.citations and all(quote_holds(c) for c in answer.related)


# -- quote_holds -------------------------------------------------------------------------------

def _cite(path: Path, start: int, end: int, quote: str) -> Citation:
    return Citation(str(path), "t", "s", start, end, quote)


def test_quote_holds_strips_markup_like_the_parser() -> None:
    line74 = ("Microsoft Power BI, Microsoft PowerApps, and Microsoft Flow: Customers who "
              "connect their Power BI")
    assert quote_holds(_cite(SEED_CSI, 74, 74, line74))
    assert quote_holds(_cite(SEED_CSI, 74, 74, "You can find more details here."))  # a link
    assert not quote_holds(_cite(SEED_CSI, 73, 73, line74))  # wrong line
    assert not quote_holds(_cite(SEED_CSI, 74, 74, "Power BI is never mentioned here"))
    assert not quote_holds(_cite(SEED_CSI.with_name("missing.md"), 1, 1, "x"))
    assert not quote_holds(_cite(SEED_CSI, 500, 501, "x"))


def test_quote_holds_checks_pieces_within_the_span() -> None:
    assert quote_holds(_cite(SEED_CSI, 28, 29, "Europe | North Europe (Ireland)"))
    assert not quote_holds(_cite(SEED_CSI, 29, 29, "Europe | North Europe (Ireland) | Japan"))
    two = "Data locations for Dynamics 365 Customer Service Insights … Learn about the regions"
    assert quote_holds(_cite(SEED_CSI, 2, 3, two))
    assert not quote_holds(_cite(SEED_CSI, 2, 2, two))


def test_quote_holds_on_markup(tmp_path: Path) -> None:
    doc = tmp_path / "m.md"
    doc.write_text("Some **bold** and *italic* text with a [link](https://x.y/z) and "
                   "<sup>1</sup> `code`,\nwrapped   over &amp; lines.\n| a | b |\n")
    assert quote_holds(_cite(doc, 1, 2, "Some bold and italic text with a link and 1 code, "
                                        "wrapped over & lines."))
    assert quote_holds(_cite(doc, 3, 3, "a | b"))


# -- question analysis -------------------------------------------------------------------------

def test_question_analysis() -> None:
    from assistant.answer.names import NameTable

    names = NameTable(load_lexicon())
    q = analyse("Can PowerBI send my data outside the geography?", names)
    assert q.yes_no and not q.negative
    assert q.terms[0].text == "Power BI" and q.terms[0].name
    factual = analyse("If my tenant is in India, which regions can I use?", names)
    assert not factual.yes_no and factual.wh == "which"
    assert analyse("Will requests be rejected?", names).negative
    lexicon = load_lexicon()
    assert any(r.new == "Power Automate" for r in lexicon.renames)  # checks read these


def test_seed_files_exist() -> None:
    assert SEED_CSI.is_file() and SEED_STORAGE.is_file() and CSI.endswith("data-location.md")


def test_docs_that_disagree_are_both_cited(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: Widget storage\nms.date: 2024-05-01\n---\n"
                                 "# Widget storage\n\nWidget backups are encrypted at rest.\n")
    (corpus / "b.md").write_text("---\ntitle: Widget backups\nms.date: 2020-01-01\n---\n"
                                 "# Widget backups\n\nWidget backups are not encrypted at rest.\n")
    build_index([str(corpus)], str(tmp_path / "index"), jobs=1)
    with Index.open(str(tmp_path / "index")) as ix:
        answer = Answerer(ix, config=Config()).ask("Are widget backups encrypted at rest?")
    assert answer.verdict in ("yes", "no")
    assert "says otherwise" in answer.answer
    assert {Path(c.path).name for c in answer.citations} == {"a.md", "b.md"}
    assert all(quote_holds(c) for c in answer.citations)


RECOVER = """---
title: Recover an environment
---
# Recover an environment

> [!NOTE]
> You need at least 1 GB of free storage capacity to recover an environment.
>
> - [Automatic environment cleanup](cleanup.md)
> - [Back up and restore environments](backup.md)

## See also

[Back up and restore environments](backup.md) <br />
[Automatic environment cleanup](cleanup.md) <br />
"""


def test_a_list_of_links_is_no_evidence_and_lends_no_words(tmp_path: Path) -> None:
    # The titles of linked pages say nothing, neither as a quote ("See also", with HTML line
    # breaks) nor for the sentence beside them in a callout: "backed up automatically" is
    # said by no sentence here.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "recover.md").write_text(RECOVER, encoding="utf-8")
    build_index([str(corpus)], str(tmp_path / "index"), jobs=1)
    with Index.open(str(tmp_path / "index")) as ix:
        answerer = Answerer(ix, config=Config())
        answer = answerer.ask("Are environments backed up automatically?")
        assert answer.verdict == "unknown", answer.answer
        # (The sentence itself still answers what it says.)
        storage = answerer.ask("How much free storage capacity do I need to recover an "
                               "environment?")
    assert "1 GB" in storage.answer and storage.citations
    assert all(quote_holds(c) for c in storage.citations)


def test_lines_of_links_with_html_breaks_hold_nothing_but_links(tmp_path: Path) -> None:
    from assistant.answer.quotes import SourceLines

    path = tmp_path / "recover.md"
    path.write_text(RECOVER, encoding="utf-8")
    lines = SourceLines()
    see_also = "Back up and restore environments Automatic environment cleanup"
    assert lines.links_only(str(path), 14, 15, see_also)
    assert lines.links_only(str(path), 6, 10, "Automatic environment cleanup")
    assert not lines.links_only(str(path), 6, 10, "You need at least 1 GB of free storage "
                                "capacity to recover an environment.")


def test_warming_up_loads_what_the_first_question_would(index) -> None:
    from assistant.answer.register import english_share

    fresh = Answerer(index, config=Config())
    english_share.cache_clear()
    fresh.warm_up()
    assert fresh.near._model is not None  # the embeddings are in memory
    assert english_share.cache_info().currsize >= 1
