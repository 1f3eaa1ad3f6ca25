"""How a query word becomes search terms (search._spellings), from the catalogue words
the lookup found for it: exact first, then the words it starts, then the most alike."""

from guyub.sales.storefront.search import CANDIDATES, _spellings


def test_a_word_stands_for_the_catalogue_words_it_starts_named_one_by_one():
    found = [("kopi", 1.0), ("kopiah", 0.5), ("kapi", 0.4)]
    assert _spellings("kopi", found) == ["'kopi'", "'kopiah'", "'kapi'"]


def test_a_word_typed_halfway_stands_for_the_words_it_starts():
    assert _spellings("kop", [("kopi", 0.5), ("kopyor", 0.4)]) == ["'kopi'", "'kopyor'"]


def test_a_short_word_that_starts_more_words_than_were_looked_up_stays_a_prefix():
    # Every place went to a word starting with "ke": there may be more of them.
    found = [(f"ke{chr(97 + i)}", 0.3) for i in range(CANDIDATES)]
    assert _spellings("ke", found) == ["'ke':*"]


def test_the_list_is_whole_when_a_look_alike_came_after_the_words_it_starts():
    found = [(f"ke{chr(97 + i)}", 0.3) for i in range(CANDIDATES - 1)] + [("ka", 0.4)]
    terms = _spellings("ke", found)
    assert "'ke':*" not in terms
    assert terms[:CANDIDATES - 1] == [f"'ke{chr(97 + i)}'" for i in range(CANDIDATES - 1)]
    assert terms[-1] == "'ka'"


def test_a_misspelt_word_is_replaced_by_the_catalogue_words_like_it():
    assert _spellings("kripik", [("keripik", 0.5), ("kripke", 0.2)]) == ["'keripik'"]


def test_a_one_letter_word_matches_only_itself():
    assert _spellings("a", [("a", 1.0), ("ab", 0.4)]) == ["'a'"]
    assert _spellings("a", [("ab", 0.4)]) == []  # not "ab": a letter is no prefix
    assert _spellings("x", []) == []
