"""Indicators that count one cohort are worked out together in a report computation: one aggregate
query a date for all of them, the same (counted, rows) as each asked alone; and a measure that would
make the combined query count wrongly (filtering the cohort, or giving a shared column name a meaning
of its own) is stopped with a message that says which."""

import datetime

import pytest
from django.db import connection
from django.db.models import F, Q, Value
from django.test.utils import CaptureQueriesContext

from hearth.core.shared_reads import shared_reads
from hearth.people.models import Child
from hearth.performance.indicator import SharedCohort, has_columns, measures_alone
from hearth.testing.journeys import new_child

D = datetime.date


def _children(as_of: datetime.date):
    return Child.objects.filter(date_of_birth__lte=as_of)


def _with_born(cohort):
    return cohort if has_columns(cohort, "born") else cohort.annotate(born=F("date_of_birth"))


@pytest.fixture
def children(staff):
    for name, born in (("Ada", D(2010, 1, 5)), ("Ben", D(2014, 3, 1)), ("Cal", D(2019, 7, 9)), ("Dee", D(2024, 2, 2))):
        new_child(staff, name, born=born)


def test_the_measures_of_a_cohort_are_one_query_together_and_the_same_figures_as_alone(children):
    cohort = SharedCohort("children born by the date", _children)

    @cohort.figure
    def everyone(children, as_of):
        return children, None, None

    @cohort.figure
    def under_ten_named_with_a(children, as_of):
        children = _with_born(children)
        return children, Q(born__gt=D(as_of.year - 10, as_of.month, as_of.day)), Q(first_name__startswith="A")

    @cohort.figure
    def born_before_2015(children, as_of):
        return _with_born(children), None, Q(born__lt=D(2015, 1, 1))

    as_of = D(2024, 1, 1)  # Dee is not born yet
    alone = [everyone(as_of), under_ten_named_with_a(as_of), born_before_2015(as_of)]
    assert alone == [(3, 3), (0, 2), (2, 3)]
    with shared_reads(), CaptureQueriesContext(connection) as queries:
        together = [everyone(as_of), under_ten_named_with_a(as_of), born_before_2015(as_of)]
    assert together == alone
    assert len(queries.captured_queries) == 1
    with shared_reads():  # another date is its own query, with its own figures
        assert born_before_2015(D(2025, 1, 1)) == (2, 4)


def test_a_measure_that_filters_the_cohort_is_stopped_when_combined(children):
    cohort = SharedCohort("children born by the date", _children)
    cohort.figure(lambda children, as_of: (children, None, None))
    filtering = cohort.figure(lambda children, as_of: (children.filter(first_name="Ada"), None, None))
    with shared_reads(), pytest.raises(ValueError, match="filters the cohort"):
        filtering(D(2024, 1, 1))


def test_a_measure_that_gives_a_shared_column_another_meaning_is_stopped_when_combined(children):
    cohort = SharedCohort("children born by the date", _children)
    cohort.figure(lambda children, as_of: (children.annotate(mark=F("date_of_birth")), None, Q(mark__lt=as_of)))
    clashing = cohort.figure(lambda children, as_of: (children.annotate(mark=Value(1)), None, Q(mark=1)))
    with shared_reads(), pytest.raises(ValueError, match="'mark' a meaning of its own"):
        clashing(D(2024, 1, 1))


def test_one_indicator_asked_at_many_dates_counts_its_own_measure_alone(children):
    """The drill-down's trend wants one indicator at a dozen month-ends: inside measures_alone each
    date is that measure's own query, with no other measure's counts in it (L03's trend worked out
    all fifteen looked-after measures at each date), and the same figures."""
    cohort = SharedCohort("children born by the date", _children)
    everyone = cohort.figure(lambda children, as_of: (children, None, None))
    born_before_2015 = cohort.figure(lambda children, as_of: (_with_born(children), None, Q(born__lt=D(2015, 1, 1))))
    days = [D(2024, 1, 1), D(2025, 1, 1)]
    with shared_reads():
        together = [born_before_2015(day) for day in days]
    with shared_reads(), measures_alone(), CaptureQueriesContext(connection) as queries:
        alone = [born_before_2015(day) for day in days]
    assert alone == together == [(2, 3), (2, 4)]
    # Two counts a measure (its rows, those counted): one measure's in each date's query.
    assert [query["sql"].count("COUNT(") for query in queries.captured_queries] == [2, 2]
    with shared_reads(), CaptureQueriesContext(connection) as queries:  # a report still counts them together
        born_before_2015(days[0]), everyone(days[0])
    assert [query["sql"].count("COUNT(") for query in queries.captured_queries] == [4]
