"""Every weight and threshold of the answer pipeline, in one place, each with its reason.

The :class:`Answerer` is given one :class:`Weights`; every stage reads its numbers from it, so
a number can be tried, tested and reasoned about alone. The defaults are what the question
sets were measured with (see ``tests/questions/score.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Weights:
    """The answer pipeline's numbers. Shares are of the question's total term weight."""

    # -- retrieval ---------------------------------------------------------------------------
    hits: int = 40
    """Distinct passages read per question: the settling line is in BM25's top 5 for about
    80% of questions, the rest sit lower; 40 keeps the reading cost flat."""
    fetch: int = 80
    """Passages fetched to find ``hits`` distinct ones (versions of a page repeat text)."""
    structure_docs: int = 8
    """Docs whose tables and exception lists are read (the best-ranked doc of each title)."""
    about_docs: int = 3
    """Docs about a product the question names (by title or description) read as well."""
    related: int = 5
    """Nearest passages listed with an "unknown"."""
    fusion_rank: float = 10.0
    """The damping of the rank fusion that lists them (``retrieval.fused``): small, so that
    the first few places of either ranking lead (the settling passage, when search finds it,
    is first or near it more often than further down)."""
    postings_share: float = 0.08
    """The ranking query may walk this share of all passages' postings: common words cost
    much and rank little."""
    postings_floor: int = 5000
    """... but never fewer postings than this (small indexes)."""
    many_tables: int = 24
    """Above this many tables, a doc's table is read only if its heading or header speaks of
    the question (reference pages of hundreds of tables)."""

    # -- question ----------------------------------------------------------------------------
    idf_floor: float = 0.3
    """The least a word weighs, however common: it still says something."""
    soft_weight: float = 0.3
    """Share of its weight an adverb of time or manner keeps ("immediately", "currently"):
    docs answer those in other words."""
    name_weight: float = 1.2
    """Names (products, places) weigh more than words: they say what the question is about."""
    context_weight: float = 0.35
    """Share of its weight a word of the scene keeps (an issue title, the story before the
    question): it names the product and the setting, but the question is what is asked."""
    off_register_factor: float = 0.3
    """Share of its weight a word of conversation keeps ("feels", "truth": common in English,
    rare in the docs, see ``register.py``): it says how the user talks, not what is asked."""
    register_ratio: float = 10.0
    """A word is of conversation when the docs use it this many times less often than
    English would ..."""
    register_expected: float = 20.0
    """... where English would put it in at least this many passages (a small corpus says
    nothing of register: the seed corpus's 2 docs)."""
    passage_words: int = 40
    """About how many words a passage runs (what turns a word's English frequency into the
    passages English would put it in)."""
    verb_weight: float = 0.5
    """The relation verb of "which <noun> <verb> the ...": docs say it in other words."""

    # -- evidence coverage -------------------------------------------------------------------
    context_credit: float = 0.8
    """A term found only around the evidence (title, section, paragraph) counts this much."""
    key_context_credit: float = 0.5
    """... and the question's most telling word found only there counts less: it should be
    in the sentence itself."""
    telling_share: float = 0.9
    """A word weighing this share of the heaviest is the question's most telling word."""
    key_term_share: float = 0.7
    """A missing word at least this share of the heaviest term's weight is a key word."""

    # -- deciding ----------------------------------------------------------------------------
    settle: float = 0.72
    """Coverage at which a candidate settles a question with a sure yes/no or answer."""
    read_floor: float = 0.8
    """Sentences under ``settle * read_floor`` coverage cannot settle the question (an
    inference from "only" adds at most the term it rules out): the first reading skips
    them; only when nothing is read that could settle or be quoted, a second reading goes
    down to ``about``."""
    about: float = 0.4
    """Share of what the question asks (its words but the scene's: a story around a short
    question must not hide that the evidence speaks of the question) below which a candidate
    is not about the question at all: with nothing above it the answer is "unknown". Between
    ``about`` and ``settle`` the best candidate is quoted as what the docs say (no yes/no).
    Calibrated on the questions the docs do not answer (47 in the public, D, F and real-dev
    sets: 0.3 and 0.4 answer none more of them; 0.4 quotes fewer wrong lines)."""
    key_share: float = 0.8
    """A word of the question weighing at least this share of its heaviest is key: a quoted
    answer must mention it (the docs' unanswered questions usually miss exactly that word)."""
    key_words_unsaid: int = 1
    """A quoted answer may leave out this many of the question's telling words (never a
    name): users add a word the docs say otherwise ("connections" for "requests") ..."""
    key_words_said: int = 3
    """... when it says at least this many of the others."""
    near_similarity: float = 0.35
    """Cosine similarity of word embeddings at which a doc's word says a question's word in
    other words ("kept" for "stay" 0.40, "limit" for "maximum" 0.60; "delete" for
    "restored" 0.09). 0.3-0.45 score alike on the dev and blind sets; lower lets opposites
    through ("enable"/"disable" 0.34)."""
    near_credit: float = 0.5
    """A word said only in other words counts this share of its weight: less than a word of
    the context (``context_credit``), it is a guess at meaning."""
    inference_margin: float = 0.15
    """How much weaker explicit evidence may be and still beat an inference from "only"."""
    list_margin: float = 0.06
    """How much weaker a sentence that introduces a list of what a "which" asks for may be."""
    list_candidates: int = 8
    """Among how many of the best candidates such a list is looked for."""
    list_items: int = 12
    """How many items of the list a sentence introduces an answer quotes."""
    short_item: int = 6
    """A list item of at most this many words ("Japan (JPN)") is quoted with what introduces
    its list."""
    fewest_quoted_words: int = 4
    """A sentence of fewer words ("Weekly digests") is a label: it is never quoted alone."""
    structured_margin: float = 0.02
    """A rule read with its exceptions replaces the same rule read flat within this margin."""
    supporting_margin: float = 0.1
    """A second sentence of the same passage joins the answer within this coverage margin."""
    disagree_coverage_margin: float = 0.02
    """Another doc's opposite verdict is noted only when about as complete as the answer ..."""
    disagree_strength_margin: float = 0.03
    """... and about as strong."""

    # -- preferences (small, they break near-ties) -------------------------------------------
    product_title_bonus: float = 0.04
    """The doc's title names a product the question names."""
    recency_cap: float = 0.02
    """Newer docs win near-ties, by at most this much ..."""
    recency_years: float = 1500
    """... growing by 1/this per year after 2000."""
    rank_bonus: float = 0.01
    """Search's order, divided by 1 + rank."""

    # -- sentences ---------------------------------------------------------------------------
    missing_name_factor: float = 0.6
    """A sentence that lacks a name the question asks about is mostly not about it."""
    missing_key_penalty: float = 0.5
    """A missing key word costs this share of its weight again."""
    own_bonus: float = 0.1
    """Times the share the sentence says itself (not its context)."""
    close_bonus: float = 0.04
    """Times the share of the question's term pairs standing close together."""
    first_sentence_bonus: float = 0.01
    """The first sentence of a passage usually states its point."""
    faq_share: float = 0.5
    """An FAQ heading that says this share of the question's own words asks the user's
    question: the sentences under it answer it."""
    faq_bonus: float = 0.05
    """The doc asks the user's question (an FAQ heading) and this sentence answers it."""
    necessity_bonus: float = 0.03
    """"Do X need to ...?" is answered by what must be, not by a step that happens to do it."""
    contrast_credit: float = 0.8
    """An "only" that rules out the term asked of explains that term this much."""
    contrast_penalty: float = 0.05
    """An inference from "only" yields to explicit evidence."""
    unasserted_factor: float = 0.85
    """A positive sentence that does not say what can be done is not a "no" to a negative
    question ("Can I *block* ...?") at full strength: its polarity is all that says no."""
    wrong_kind_factor: float = 0.65
    """"How many?" answered without a number does not answer it."""
    no_predicate_factor: float = 0.7
    """A factual question's own words all missing: the sentence is about something else."""
    no_focus_factor: float = 0.8
    """The noun a wh-word asks for is not near the sentence."""
    list_intro_bonus: float = 0.03
    """"one of the following accounts:" (the list after it is the answer to "which")."""
    counted_focus_bonus: float = 0.05
    """"How many operations ...?" is answered by a sentence that counts operations ("up to
    200 operations"), not one with a number of something else."""

    # -- exception lists ---------------------------------------------------------------------
    direct_bonus: float = 0.1
    """Times the share the evidence says in its own words (not its context)."""
    rule_penalty: float = 0.02
    """A rule "without exception" is an inference from the items' silence."""
    rule_asked_share: float = 0.5
    """The question must ask what the rule is about: at least this share of its words."""

    # -- tables ------------------------------------------------------------------------------
    whole_column_share: float = 0.75
    """A table's whole column answers "which X ...?" when its section says this share of the
    question's other words ..."""
    whole_column_rows: int = 30
    """... and the column is no longer than this."""
    absent_credit: float = 0.9
    """A name not listed in a table that lists its kind is explained by that silence ..."""
    absent_penalty: float = 0.03
    """... though it is weaker than a listed one."""
    table_yes_no_bonus: float = 0.02
    """A named row with a yes/no cell answers a yes/no question exactly."""
    table_wrong_kind_factor: float = 0.85
    """The cells do not hold the kind of value asked for."""
    exact_header_bonus: float = 0.05
    """A named row and a header the question names: exactly what was asked."""
    exact_row_bonus: float = 0.02
    """A named row alone."""
    name_size_bonus: float = 0.02
    """Per word of the row's name (up to 3): a longer name is a surer match."""

    @property
    def inference_floor(self) -> float:
        """Coverage a sentence needs to be read first (and before an "only" in it settles
        anything)."""
        return self.settle * self.read_floor


DEFAULT_WEIGHTS = Weights()
