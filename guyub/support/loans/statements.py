"""The loans' named SQL: the portfolio in one statement, because composing it through the
ORM (a grouped subquery per loan, then grades over it) cost more than running it
(bench/loans.py). Every statement filters by the cooperative
(tests/test_statements.py)."""

from guyub.core import rows

from .models import Instalment, Loan

# The portfolio in one statement: each running loan's outstanding principal, arrears
# (instalments due before `as_of` still unpaid) and oldest unpaid due date from the
# unpaid rows of its current schedule (a running loan always has one: the last
# instalment paid closes it), then grouped by grade. Grades are ranges of the oldest due date, so
# the SQL compares dates (portable: PostgreSQL and SQLite) instead of subtracting them.
PORTFOLIO_SQL = """
WITH per_loan AS (
    SELECT l.id,
           SUM(i.principal) AS outstanding,
           SUM(CASE WHEN i.due < %(as_of)s THEN i.principal + i.interest ELSE 0 END)
               AS arrears,
           MIN(i.due) AS oldest_due
      FROM {loan} l
      JOIN {instalment} i ON i.loan_id = l.id AND i.version = l.schedule_version
     WHERE l.cooperative_id = %(coop)s AND i.cooperative_id = %(coop)s
       AND l.status = %(active)s AND i.status = %(due)s
     GROUP BY l.id
)
SELECT CASE WHEN oldest_due IS NULL OR oldest_due >= %(lancar_from)s THEN 'lancar'
            WHEN oldest_due >= %(kl_from)s THEN 'kurang_lancar'
            WHEN oldest_due >= %(dr_from)s THEN 'diragukan'
            ELSE 'macet' END AS grade,
       COUNT(*), COALESCE(SUM(outstanding), 0), COALESCE(SUM(arrears), 0)
  FROM per_loan
 GROUP BY 1
"""


def portfolio_rows(params: dict) -> list[tuple]:
    """(grade, loans, outstanding, arrears) per grade that has a running loan; params:
    coop, as_of, active, due and the grades' first due dates (selectors.portfolio)."""
    sql = PORTFOLIO_SQL.format(loan=Loan._meta.db_table, instalment=Instalment._meta.db_table)
    return list(rows.execute(sql, params))
