"""EAN-13 barcodes (pure functions).

Products without a barcode of their own get one in the cooperative's in-store
range (prefix 2, GS1's "restricted circulation" numbers), so they never clash with
a real GTIN a member may register with GS1 Indonesia later.
"""


def ean13_check_digit(first12: str) -> str:
    # isdigit() alone accepts full-width and other Unicode digits, which int() reads.
    if len(first12) != 12 or not (first12.isascii() and first12.isdigit()):
        raise ValueError("EAN-13 needs 12 digits before the check digit")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_valid_ean13(code: str) -> bool:
    return (len(code) == 13 and code.isdigit() and code.isascii()
            and ean13_check_digit(code[:12]) == code[12])


def generate_ean13(cooperative_id: int, product_id: int) -> str:
    body = f"2{cooperative_id % 10000:04d}{product_id % 10**7:07d}"
    return body + ean13_check_digit(body)
