"""The capped paginator: a page costs the same whatever the size of the list."""

from __future__ import annotations

from gpai_cases.core.pagination import CappedPaginator


def test_a_short_list_is_counted_exactly():
    paginator = CappedPaginator(list(range(120)), 50, asked=1, cap=100)
    page = paginator.get_page(1)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (120, False, 3)
    assert page.has_next() and not page.has_previous()


def test_a_long_list_is_counted_only_up_to_the_cap_past_the_page_asked_for():
    paginator = CappedPaginator(list(range(10_000)), 50, asked=3, cap=100)
    page = paginator.get_page(3)
    # pages 1-3 (150 rows) up to the end of the page asked for, then at most the cap
    assert (paginator.count, paginator.capped) == (250, True)
    assert list(page.object_list) == list(range(100, 150))
    assert page.has_next() and page.has_previous()


def test_a_page_past_the_end_shows_the_last_page():
    paginator = CappedPaginator(list(range(120)), 50, asked=99, cap=100)
    page = paginator.get_page(99)
    assert page.number == 3 and list(page.object_list) == list(range(100, 120))
    assert not paginator.capped


def test_a_page_that_is_not_a_number_is_the_first():
    paginator = CappedPaginator(list(range(120)), 50, asked="x", cap=100)
    assert paginator.get_page("x").number == 1
