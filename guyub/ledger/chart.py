"""The cooperative chart of accounts template (SAK EP style, Indonesian names).

Each system account has a `role`: services find accounts by role, never by code,
so a cooperative may renumber or rename its accounts without breaking postings.
"""

ASSET, LIABILITY, EQUITY, INCOME, EXPENSE = "asset", "liability", "equity", "income", "expense"

# (code, name, type, role)
TEMPLATE: list[tuple[str, str, str, str]] = [
    ("1101", "Kas", ASSET, "cash"),
    ("1102", "Bank", ASSET, "bank"),
    ("1201", "Piutang anggota", ASSET, "receivable_members"),
    ("1202", "Piutang pembeli", ASSET, "receivable_buyers"),
    ("1203", "Piutang pinjaman anggota", ASSET, "loans_receivable"),
    ("1301", "Persediaan barang dagang", ASSET, "inventory"),
    ("2101", "Utang kepada anggota (titip jual)", LIABILITY, "payable_members"),
    ("2102", "Utang kepada pemasok", LIABILITY, "payable_suppliers"),
    ("2103", "Utang PPN keluaran", LIABILITY, "vat_payable"),
    ("2104", "Uang muka pembeli", LIABILITY, "buyer_deposits"),
    ("2105", "Uang jaminan pemakaian aset", LIABILITY, "asset_deposits"),
    ("2201", "Simpanan sukarela", LIABILITY, "simpanan_sukarela"),
    ("2301", "Dana SHU yang belum dibagikan", LIABILITY, "shu_payable"),
    ("2302", "Dana sosial", LIABILITY, "social_fund"),
    # The funds the SHU allocation sets aside (finance.shu posts them).
    ("2303", "Dana pengurus dan pengawas", LIABILITY, "fund_board"),
    ("2304", "Dana karyawan", LIABILITY, "fund_staff"),
    ("2305", "Dana pendidikan", LIABILITY, "fund_education"),
    ("2306", "Dana pembangunan daerah kerja", LIABILITY, "fund_area"),
    ("3101", "Simpanan pokok", EQUITY, "simpanan_pokok"),
    ("3102", "Simpanan wajib", EQUITY, "simpanan_wajib"),
    ("3201", "Cadangan", EQUITY, "reserve"),
    ("3301", "SHU tahun berjalan", EQUITY, "shu_current"),
    ("4101", "Pendapatan usaha dari anggota", INCOME, "income_members"),
    ("4102", "Pendapatan usaha dari non-anggota", INCOME, "income_non_members"),
    ("4103", "Pendapatan komisi titip jual", INCOME, "income_commission"),
    ("4104", "Pendapatan jasa pinjaman anggota", INCOME, "loan_interest"),
    ("4105", "Pendapatan sewa aset dari anggota", INCOME, "asset_fees_members"),
    ("4106", "Pendapatan sewa aset dari non-anggota", INCOME, "asset_fees_non_members"),
    ("4901", "Pendapatan lain-lain", INCOME, "income_other"),
    ("5101", "Harga pokok penjualan", EXPENSE, "cost_of_sales"),
    ("5201", "Beban usaha", EXPENSE, "operating_expense"),
    ("5202", "Beban umum dan administrasi", EXPENSE, "admin_expense"),
    ("5203", "Beban pengiriman", EXPENSE, "shipping_expense"),
]

# Assets and expenses grow on the debit side; the rest on the credit side.
DEBIT_NORMAL = {ASSET, EXPENSE}
