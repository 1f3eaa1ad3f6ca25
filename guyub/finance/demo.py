"""Demo data for finance: filled in by the finance demo (see load_finance_demo)."""


def load_finance_demo(cooperative, board_user) -> None:
    return None
