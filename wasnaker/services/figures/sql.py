"""SQL pieces that read the same on SQLite and PostgreSQL: whole days between two dates, the office filter, and
percentiles by running counts.

Percentiles follow one definition on both databases, the continuous one PostgreSQL's `percentile_cont` and
numpy's default use: over n sorted values the p-th percentile sits at position 1 + p·(n−1), interpolating
linearly between the two values around it. The median is p = 0.5 (the mean of the two middle values when n is
even). Computed from the count of each distinct value and running sums over them, in integer arithmetic, so both
databases give the same number to the hundredth."""

from sqlalchemy import Integer, and_, case, cast, func, literal, select
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


def _holds(ranked, rank) -> ColumnElement:
    """The row of `ranked` (one per distinct value) whose ranks include `rank`."""
    return and_(ranked.c.before < rank, rank <= ranked.c.upto)


def _at(ranked, percent: int) -> ColumnElement:
    """The percent-th percentile of `ranked.c.days` within each group, as hundredths (integers only)."""
    low, weight = _low(ranked, percent)
    return func.sum(case((_holds(ranked, low), ranked.c.days * (100 - weight)), else_=literal(0))
                    + case((_holds(ranked, low + 1), ranked.c.days * weight), else_=literal(0)))


def percentiles(spans, *groups: str):
    """Per value of the `groups` columns of `spans`: how many spans, their median and 90th percentile in days.

    `spans` is a subquery with a `days` column; the result rows are (*groups, n, median, p90), the two figures as
    hundredths of a day (divide by 100), so both databases return integers. The spans are first counted per
    distinct number of days (a few hundred rows per group, however many spans), and each value holds the ranks
    `before + 1 … upto`: no sort of every span."""
    keys = [spans.c[g] for g in groups]
    counted = select(*keys, spans.c.days, func.count().label("k")).group_by(*keys, spans.c.days).subquery()
    parts = [counted.c[g] for g in groups]
    running = func.sum(counted.c.k).over(partition_by=parts, order_by=counted.c.days)
    ranked = select(*parts, counted.c.days, cast(running - counted.c.k, Integer).label("before"),
                    cast(running, Integer).label("upto"),
                    cast(func.sum(counted.c.k).over(partition_by=parts), Integer).label("n")).subquery()
    grouped = [ranked.c[g] for g in groups]
    return (select(*grouped, ranked.c.n, _at(ranked, 50).label("median"), _at(ranked, 90).label("p90"))
            .group_by(*grouped, ranked.c.n))


def as_days(hundredths) -> float:
    """Hundredths of a day (an integer from `percentiles`) as days."""
    return int(hundredths) / 100
