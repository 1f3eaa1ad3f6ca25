"""Receipt codes: what a voter is shown once after casting, to find their ballot in the
published tally later. Only its SHA-256 is stored (`Ballot.receipt`); the code itself
lives on the voter's screen and nowhere else (not in a notice, not in the audit log).

Pure: the alphabet leaves out letters and digits people confuse when copying by hand
(0/O, 1/I/L, 2/Z, 5/S, 8/B), so a code read off a phone and typed back matches."""

import hashlib
import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 12
GROUP = 4
# Chars of the receipt hash printed in the tally: 64 bits, enough that two ballots of
# one vote never share it, short enough to read.
FINGERPRINT = 16


def new_code() -> str:
    """A fresh code, grouped "ABCD-EFGH-JKMN" (25^12 ≈ 2^55 codes)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i:i + GROUP] for i in range(0, LENGTH, GROUP))


def normalise(code: str) -> str:
    """What a voter types back, as the code was shown: upper case, dashes regrouped,
    spaces ignored; "" when it cannot be a code."""
    raw = "".join(ch for ch in (code or "").upper() if ch not in " -\t")
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return ""
    return "-".join(raw[i:i + GROUP] for i in range(0, LENGTH, GROUP))


def receipt_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def fingerprint(receipt: str) -> str:
    return receipt[:FINGERPRINT]
