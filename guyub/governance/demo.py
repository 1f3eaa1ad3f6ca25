"""The demo cooperative's governance: filled in with the meetings' helpers."""


def load_governance_demo(cooperative, board_user):
    return None
