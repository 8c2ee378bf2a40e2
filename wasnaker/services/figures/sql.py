"""SQL pieces that read the same on SQLite and PostgreSQL: whole days between two dates, the office filter, and
percentiles by row number.

Percentiles follow one definition on both databases, the continuous one PostgreSQL's `percentile_cont` and
numpy's default use: over n sorted values the p-th percentile sits at position 1 + p·(n−1), interpolating
linearly between the two values around it. The median is p = 0.5 (the mean of the two middle values when n is
even). Computed with ROW_NUMBER and COUNT windows and integer arithmetic, so both databases give the same
number to the hundredth."""

from sqlalchemy import Integer, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from models import Case


class days_between(FunctionElement):  # noqa: N801 - reads as the SQL function it stands for
    """Whole days from the first date to the second (negative when the second is earlier)."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_default(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"({compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw):
    start, end = list(element.clauses)
    return f"CAST(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}) AS INTEGER)"


def in_offices(query, offices: tuple[int, ...] | None):
    """Restrict a query that already joins Case to the chosen offices (None: every office)."""
    return query if offices is None else query.where(Case.office_id.in_(offices))


def of_offices(query, case_id, offices: tuple[int, ...] | None):
    """Restrict a query on a table with a `case_id` to the cases of the chosen offices, without joining Case when
    every office is chosen (the audit trail is the largest table: the join alone is a third of a scan)."""
    return query if offices is None else query.where(case_id.in_(select(Case.id).where(Case.office_id.in_(offices))))


def _low(ranked, percent: int) -> tuple[ColumnElement, ColumnElement]:
    """The rank just at or below the percentile's position, and the hundredths of the way to the next rank."""
    step = percent * (ranked.c.n - 1)
    return step // 100 + 1, step % 100


def _at(ranked, percent: int) -> ColumnElement:
    """The percent-th percentile of `ranked.c.days` within each group, as hundredths (integers only)."""
    low, weight = _low(ranked, percent)
    return func.sum(case((ranked.c.rn == low, ranked.c.days * (100 - weight)),
                         (ranked.c.rn == low + 1, ranked.c.days * weight), else_=literal(0)))


def _around(ranked, *percents: int) -> ColumnElement:
    """Only the ranks the percentiles read: the group by then sorts a handful of rows per group, not all."""
    lows = [_low(ranked, p)[0] for p in percents]
    return or_(*(ranked.c.rn == low for low in lows), *(ranked.c.rn == low + 1 for low in lows))


def percentiles(spans, *groups: str):
    """Per value of the `groups` columns of `spans`: how many spans, their median and 90th percentile in days.

    `spans` is a subquery with a `days` column; the result rows are (*groups, n, median, p90), the two figures as
    hundredths of a day (divide by 100), so both databases return integers."""
    keys = [spans.c[g] for g in groups]
    ranked = select(*keys, spans.c.days, func.row_number().over(partition_by=keys, order_by=spans.c.days).label("rn"),
                    func.count().over(partition_by=keys).label("n")).subquery()
    grouped = [ranked.c[g] for g in groups]
    return (select(*grouped, ranked.c.n, _at(ranked, 50).label("median"), _at(ranked, 90).label("p90"))
            .where(_around(ranked, 50, 90)).group_by(*grouped, ranked.c.n))


def as_days(hundredths) -> float:
    """Hundredths of a day (an integer from `percentiles`) as days."""
    return int(hundredths) / 100
