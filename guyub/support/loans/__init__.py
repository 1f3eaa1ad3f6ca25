"""Member loans (pinjaman anggota): the cooperative's by-law limits (LoanSettings), the
loan from application to the last instalment (Loan, a state machine), its instalment
schedule (Instalment rows, a version per restructuring, superseded rows kept), the
repayments and the restructurings. Every money step posts one balanced journal entry;
the schedule and the collectibility grades are pure functions (schedule.py,
collectibility.py)."""
