"""Benchmark: placing orders and the storefront search through the API, under gunicorn.

Requirement: "10,000 products and 200 members on PostgreSQL with 2 worker processes:
placing orders through the API sustains at least 250 orders/s, the storefront search at
least 400 requests/s with p95 under 100 ms (on this kind of machine a minimal Django
JSON view behind gunicorn with 2 workers serves about 4,600 requests/s); the script
prints these beside a minimal JSON endpoint served by the same stack in the same run,
as the ratio to beat."

Usage (from the project root):

    .venv/bin/python bench/sales_throughput.py                 # load once, then measure
    .venv/bin/python bench/sales_throughput.py --client python # the pure-Python client
    .venv/bin/python bench/sales_throughput.py --profile       # also where the time goes
    .venv/bin/python bench/sales_throughput.py --reload        # drop the database, load anew

The database is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
guyub_bench_sales); it is created when missing and holds nothing but the benchmark
data. The load generator is `wrk` when it is installed (`--client auto`), else Python
threads with keep-alive http.client connections; either only ever talks to 127.0.0.1.
This is a measurement, not a test: it exits 0 even when a target is missed.
"""

import argparse
import cProfile
import http.client
import io
import json
import os
import platform
import pstats
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsetup import ROOT, ensure_database, say, setup_django  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/guyub_bench_sales"
MARKER_SLUG = "bench-sales"
PRODUCTS = 10_000
MEMBERS = 200
BUNDLES = 40
STOCK = 10_000_000  # large: a run of orders never sells a product out
WORKERS = 2
HOST = "127.0.0.1"
BASELINE_RPS = 4_600  # the requirement's figure for the minimal view on this kind of machine

TARGETS = {  # figure: (minimum requests/s, maximum p95 ms or None)
    "orders": (250, None),
    "search": (400, 100),
    "search_cached": (400, 100),
}
# The server answers with its storefront cache off (every search searches), then again
# with the cache as deployed (settings.STOREFRONT_CACHE_SECONDS' default).
CACHE_SECONDS = 10

# What buyers type: whole words, several words, and typos the search must forgive.
QUERIES = [
    "kopi", "kopi gayo", "kopi arabika toraja", "robusta lampung", "kopi luwak", "kopii",
    "keripik tempe", "kripik", "kripik singkong pedas", "keripik pisang", "emping",
    "kerupuk udang", "bakpia", "dodol", "geplak", "peyek kacang", "rengginang",
    "sambal", "sambel", "sambal roa", "sambal matah", "bumbu rendang", "rendag", "abon sapi",
    "batik tulis", "batk parang", "batik kawung", "tenun ikat", "tenunn", "songket", "lurik",
    "madu hutan", "mdu hutan", "madu klanceng", "gula aren", "gula semut",
    "teh melati", "teh hijau", "jahe merah", "wedang uwuh", "beras kencur",
    "sabun sereh", "minyak kelapa", "lulur", "anyaman pandan", "keranjang rotan",
    "gerabah", "gerabh kasongan", "wayang kulit", "ukiran jepara", "balado", "pedas",
]


# --- data ------------------------------------------------------------------------------

# (category, is_food, name patterns, variants): names buyers search for.
CATALOG = [
    ("Kopi", True, ["Kopi {v} {o}"], ["Arabika", "Robusta", "Luwak", "Liberika", "Lanang"]),
    ("Camilan", True, ["{s} {v}"], ["Original", "Pedas", "Balado", "Manis", "Keju",
                                    "Jagung Bakar", "Daun Jeruk"]),
    ("Bumbu dan lauk", True, ["{b} {v}"], ["Pedas", "Sedang", "Original", "Ekstra Pedas"]),
    ("Kain", False, ["{k} motif {m}"], ["Katun", "Sutra", "Primisima"]),
    ("Kerajinan", False, ["{c} {v}"], ["Kecil", "Sedang", "Besar", "Set"]),
    ("Minuman", True, ["{d} {v}"], ["Sachet", "Botol", "Kemasan Hemat"]),
    ("Perawatan tubuh", False, ["{p} {v}"], ["Alami", "Aromaterapi", "Mini"]),
    ("Madu dan gula", True, ["{h} {v}"], ["Murni", "Asli", "Premium"]),
]
WORDS = {
    "o": ["Gayo", "Toraja", "Kintamani", "Merapi", "Temanggung", "Flores Bajawa",
          "Java Preanger", "Lampung", "Sindoro", "Menoreh"],
    "s": ["Keripik Tempe", "Keripik Singkong", "Keripik Pisang", "Kerupuk Udang",
          "Emping Melinjo", "Bakpia", "Dodol", "Geplak", "Yangko", "Peyek Kacang",
          "Rengginang"],
    "b": ["Sambal Bawang", "Sambal Roa", "Sambal Matah", "Bumbu Rendang", "Bumbu Pecel",
          "Abon Sapi", "Abon Ikan", "Rendang Daging", "Serundeng"],
    "k": ["Batik Tulis", "Batik Cap", "Kain Tenun", "Tenun Ikat", "Songket", "Lurik"],
    "m": ["Parang", "Kawung", "Truntum", "Sidomukti", "Mega Mendung", "Sekar Jagad"],
    "c": ["Tas Anyaman Pandan", "Keranjang Rotan", "Gerabah Kasongan", "Tampah Bambu",
          "Topi Pandan", "Wayang Kulit", "Ukiran Jepara", "Kap Lampu Bambu"],
    "d": ["Teh Hijau", "Teh Melati", "Jahe Merah Instan", "Wedang Uwuh", "Beras Kencur",
          "Kunyit Asam", "Sirup Markisa"],
    "p": ["Sabun Sereh", "Sabun Kopi", "Minyak Kelapa Murni", "Lulur Bengkoang",
          "Lilin Aromaterapi"],
    "h": ["Madu Hutan", "Madu Klanceng", "Madu Randu", "Gula Aren Semut", "Gula Kelapa"],
}
SIZES = ["100 g", "250 g", "500 g", "1 kg"]
REGENCIES = [("34", "Sleman"), ("34", "Bantul"), ("34", "Kulon Progo"), ("34", "Gunungkidul"),
             ("33", "Klaten"), ("33", "Magelang"), ("33", "Kota Surakarta"),
             ("35", "Kota Malang"), ("51", "Gianyar"), ("11", "Aceh Tengah")]


def bench_cooperative():
    from guyub.core.models import Cooperative

    return Cooperative.objects.filter(slug=MARKER_SLUG).first()


def product_name(rng, patterns, variants) -> str:
    name = rng.choice(patterns).format(**{k: rng.choice(v) for k, v in WORDS.items()},
                                       v=rng.choice(variants))
    return f"{name} {rng.choice(SIZES)}" if rng.random() < 0.5 else name


def load() -> None:
    """One transaction: cooperative, members, categories, products, bundles, a staff user."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django_scopes import scope

    from guyub.catalog.models import Bundle, BundleItem, Category, Product
    from guyub.core.models import Cooperative, CoopRole
    from guyub.core.roles import Role
    from guyub.members.models import Member, Sector
    from guyub.testing.factories import valid_nik

    rng = random.Random(2026)
    started = time.perf_counter()
    with transaction.atomic():
        coop = Cooperative.objects.create(
            name="Koperasi Bench Penjualan", slug=MARKER_SLUG, coop_type="produsen",
            province="34", regency="Sleman")  # post_save: chart of accounts, channels
        with scope(cooperative=coop):
            first = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Joko", "Wati", "Hendra", "Sri"]
            last = ["Rahayu", "Santoso", "Lestari", "Wibowo", "Susanti", "Hidayat", "Purnomo"]
            sectors = [s.value for s in Sector]
            members = []
            for n in range(1, MEMBERS + 1):
                owner = f"{rng.choice(first)} {rng.choice(last)}"
                province, regency = rng.choice(REGENCIES)
                members.append(Member(
                    cooperative=coop, number=n, status=Member.Status.ACTIVE, owner_name=owner,
                    nik=valid_nik(n), business_name=f"UMKM {owner.split()[0]} {n}",
                    province=province, regency=regency, sector=rng.choice(sectors),
                    scale="mikro"))
            Member.objects.bulk_create(members)
            Cooperative.objects.filter(pk=coop.pk).update(last_member_number=MEMBERS)
            categories = Category.objects.bulk_create([
                Category(cooperative=coop, name=name, is_food=food)
                for name, food, _p, _v in CATALOG])
            products = []
            for i in range(PRODUCTS):
                member = members[i % MEMBERS]
                index = rng.randrange(len(CATALOG))
                _name, _food, patterns, variants = CATALOG[index]
                name = product_name(rng, patterns, variants)
                products.append(Product(
                    cooperative=coop, member=member, category=categories[index], name=name,
                    description=(f"{name} buatan {member.business_name} dari {member.regency}."
                                 " Dibuat dalam jumlah kecil, dikemas rapi."),
                    net_weight_grams=rng.choice([100, 250, 500, 1000]),
                    price=1000 * rng.randint(10, 400), stock=STOCK,
                    status=Product.Status.APPROVED))
            Product.objects.bulk_create(products, batch_size=2000)
            bundles = Bundle.objects.bulk_create([
                Bundle(cooperative=coop, name=f"Paket Oleh-oleh {rng.choice(WORDS['o'])} {n}",
                       description="Hampers isi produk anggota koperasi.",
                       price=1000 * rng.randint(100, 600))
                for n in range(1, BUNDLES + 1)])
            items = []
            for bundle in bundles:
                for product in rng.sample(products, 3):
                    items.append(BundleItem(cooperative=coop, bundle=bundle, product=product,
                                            quantity=1, agreed_price=product.price))
            BundleItem.objects.bulk_create(items)
            user = get_user_model().objects.create_user(
                username="staf-bench@contoh.id", email="staf-bench@contoh.id",
                password=secrets.token_urlsafe(16))
            CoopRole.objects.create(user=user, cooperative=coop, role=Role.STAFF)
    say(f"loaded {MEMBERS} members, {PRODUCTS:,} products, {BUNDLES} bundles in "
        f"{time.perf_counter() - started:.1f} s")
    with connection.cursor() as cur:
        for table in ("catalog_product", "members_member", "catalog_bundle",
                      "catalog_bundleitem"):
            cur.execute(f"VACUUM (ANALYZE) {table}")


def staff_token(coop) -> str:
    """A fresh API token for the bench's staff user (only its hash is stored)."""
    from django_scopes import scopes_disabled

    from guyub.core.models import CoopRole
    from guyub.core.services import issue_token

    with scopes_disabled():
        user = CoopRole.objects.get(cooperative=coop, role="staff").user
        _token, key = issue_token(cooperative=coop, actor=None, user=user, name="bench")
    return key


def product_ids(coop) -> list[int]:
    from django_scopes import scope

    from guyub.catalog.models import Product

    with scope(cooperative=coop):
        return list(Product.objects.filter(status="approved").values_list("pk", flat=True))


def order_count(coop) -> int:
    from django_scopes import scope

    from guyub.sales.models import Order

    with scope(cooperative=coop):
        return Order.objects.count()


# --- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(url: str, static_root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "GUYUB_TESTING"}
    env.update(DATABASE_URL=url, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(40),
               ALLOWED_HOSTS=HOST, STATIC_ROOT=str(static_root), LOG_LEVEL="ERROR",
               DJANGO_SETTINGS_MODULE="guyub.settings", STOREFRONT_CACHE_SECONDS="0")
    return env


def static_is_current(static_root: Path) -> bool:
    """The collected manifest is newer than every source static file."""
    from django.contrib.staticfiles.finders import get_finders

    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    newest = 0.0
    for finder in get_finders():
        for path, storage in finder.list([]):
            newest = max(newest, os.path.getmtime(storage.path(path)))
    return manifest.stat().st_mtime >= newest


def collect_static(env: dict, static_root: Path) -> None:
    """With DEBUG off the manifest storage needs collectstatic, as in production. It
    compresses every asset (minutes on 2 cores), so it runs only when something changed."""
    if static_is_current(static_root):
        return
    say(f"collectstatic into {static_root} (once; minutes: it compresses every asset)")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)
    say(f"collectstatic in {time.perf_counter() - t0:.1f} s")


class Server:
    """gunicorn with WORKERS worker processes, as production would run it: sync workers,
    or gthread workers with `threads` threads each."""

    def __init__(self, env: dict, port: int, threads: int = 1):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.port = port
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [str(gunicorn), "guyub.wsgi", "-w", str(WORKERS), "-b", f"{HOST}:{port}",
             *(["--threads", str(threads)] if threads > 1 else []),
             "--backlog", "2048", "--graceful-timeout", "5"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.log.seek(0)
        sys.exit("gunicorn did not come up:\n" + self.log.read().decode(errors="replace"))

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)],
                             capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def tail(self, lines: int = 20) -> str:
        self.log.seek(0)
        return "\n".join(self.log.read().decode(errors="replace").splitlines()[-lines:])


# --- the load --------------------------------------------------------------------------


class Scenario:
    """One figure: what to request, as (method, path, body) from a random generator."""

    def __init__(self, name, label, method, paths, body=None, headers=None):
        self.name, self.label, self.method = name, label, method
        # gunicorn's sync worker closes the connection after each response; saying so
        # up front spares the client a failed write on the closed socket (wrk counts
        # those as errors and stalls on them).
        self.headers = {"Connection": "close", **(headers or {})}
        self.paths, self.body = paths, body

    def request(self, rng, n):
        path = rng.choice(self.paths)
        body = self.body(rng, n) if self.body else None
        return path, body


def order_body(product_ids_):
    def make(rng, n):
        return json.dumps({
            "items": [{"kind": "product", "id": rng.choice(product_ids_), "quantity": 1}],
            "buyer": {"name": f"Pembeli Bench {n}", "email": f"pembeli{n}@contoh.id",
                      "phone": f"0812{n % 10**8:08d}", "kind": "retail"},
            "destination": {"address": f"Jl. Kaliurang km {n % 30 + 1}",
                            "city": "Kabupaten Sleman", "province": "34", "country": "ID"},
        })
    return make


def scenarios(slug: str, token: str, ids: list[int]) -> list[Scenario]:
    api = f"/api/v1/cooperatives/{slug}"
    return [
        Scenario("healthz", "GET /healthz (baseline)", "GET", ["/healthz"]),
        Scenario("search", "GET storefront/search?q=…", "GET",
                 [f"{api}/storefront/search?q={quote(q)}" for q in QUERIES]),
        Scenario("search_cached", f"  same, cached {CACHE_SECONDS} s", "GET",
                 [f"{api}/storefront/search?q={quote(q)}" for q in QUERIES]),
        Scenario("orders", "POST orders (1 product)", "POST", [f"{api}/orders"],
                 body=order_body(ids),
                 headers={"Authorization": f"Bearer {token}",
                          "Content-Type": "application/json"}),
    ]


class Result:
    def __init__(self, rps, p50, p95, done, bad, seconds, client, first_error=""):
        self.rps, self.p50, self.p95 = rps, p50, p95
        self.done, self.bad, self.seconds, self.client = done, bad, seconds, client
        self.first_error = first_error


def percentile(sorted_values, pct):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def run_python(port, scenario, *, connections, seconds, warmup) -> Result:
    """`connections` threads, each with its own keep-alive connection (http.client
    reconnects when gunicorn's sync worker closes it), for `seconds` after `warmup`."""
    start = time.perf_counter() + warmup
    stop = start + seconds
    latencies, counts = [[] for _ in range(connections)], [[0, 0] for _ in range(connections)]
    errors = []

    def worker(index):
        rng = random.Random(index * 7919 + int(time.time()))
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        n = index * 10_000_000 + int(time.time()) % 1_000_000 * 10
        mine, count = latencies[index], counts[index]
        while True:
            n += 1
            path, body = scenario.request(rng, n)
            t0 = time.perf_counter()
            if t0 >= stop:
                break
            try:
                conn.request(scenario.method, path, body=body, headers=scenario.headers)
                response = conn.getresponse()
                data = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                status, data = 0, repr(error).encode()
            t1 = time.perf_counter()
            if t0 >= start:
                mine.append(t1 - t0)
                count[0] += 1
                if not 200 <= status < 300:
                    count[1] += 1
                    if not errors:
                        errors.append(f"{status} {data[:300].decode(errors='replace')}")
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    values = sorted(v for chunk in latencies for v in chunk)
    done = sum(c[0] for c in counts)
    return Result(done / seconds, percentile(values, 50) * 1000, percentile(values, 95) * 1000,
                  done, sum(c[1] for c in counts), seconds, "python",
                  errors[0] if errors else "")


WRK_SCRIPT = r"""
local paths = {%(paths)s}
local ids = {%(ids)s}
local method = "%(method)s"
local with_body = %(with_body)s
local n = 0
wrk.method = method
%(headers)s

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed(seed or os.time())
  n = math.random(1, 1000000000)
end

function request()
  n = n + 1
  local path = paths[math.random(#paths)]
  if with_body then
    local body = string.format(
      '{"items":[{"kind":"product","id":%%d,"quantity":1}],' ..
      '"buyer":{"name":"Pembeli Bench %%d","email":"pembeli%%d@contoh.id",' ..
      '"phone":"0812%%08d","kind":"retail"},' ..
      '"destination":{"address":"Jl. Kaliurang km %%d","city":"Kabupaten Sleman",' ..
      '"province":"34","country":"ID"}}',
      ids[math.random(#ids)], n, n, n %% 100000000, n %% 30 + 1)
    return wrk.format(method, path, nil, body)
  end
  return wrk.format(method, path)
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
            + summary.errors.write + summary.errors.timeout
  io.write(string.format("GUYUB done=%%d bad=%%d p50=%%d p95=%%d\n",
    summary.requests, bad, latency:percentile(50), latency:percentile(95)))
end
"""


def run_wrk(port, scenario, ids, *, connections, seconds, warmup) -> Result:
    """wrk with a Lua script: random query or product per request, p50/p95 from wrk's
    own latency histogram. A warm-up run first, not counted."""
    lua = WRK_SCRIPT % {
        "paths": ",".join(json.dumps(p) for p in scenario.paths),
        "ids": ",".join(str(i) for i in ids) if scenario.body else "",
        "method": scenario.method,
        "with_body": "true" if scenario.body else "false",
        "headers": "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in scenario.headers.items()),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        if warmup:
            wrk_once(port, script.name, connections=connections, seconds=max(1, round(warmup)))
        out = wrk_once(port, script.name, connections=connections, seconds=seconds)
    finally:
        os.unlink(script.name)
    return wrk_result(out, seconds)


def wrk_once(port, script, *, connections, seconds, script_args=()) -> str:
    """One run of wrk with the Lua `script` (path) for `seconds`: its output. The script's
    done() prints the GUYUB line wrk_result reads; `script_args` reach its init(args)."""
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", "--timeout", "10s", "-s", script,
               f"-d{seconds}s", f"http://{HOST}:{port}/"]
    if script_args:
        command += ["--", *(str(a) for a in script_args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def wrk_result(out: str, seconds) -> Result:
    """The figures of one timed wrk run from its output."""
    found = re.search(r"GUYUB done=(\d+) bad=(\d+) p50=(\d+) p95=(\d+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not (found and rps):
        sys.exit("could not read wrk's output:\n" + out)
    done, bad, p50, p95 = (int(x) for x in found.groups())
    return Result(float(rps.group(1)), p50 / 1000, p95 / 1000, done, bad, seconds, "wrk")


def first_failure(port, scenario) -> str:
    """One request by hand, to show what a failing status answered."""
    rng = random.Random(1)
    path, body = scenario.request(rng, 1)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request(scenario.method, path, body=body, headers=scenario.headers)
    response = conn.getresponse()
    return f"{response.status} {response.read()[:300].decode(errors='replace')}"


# --- profile ---------------------------------------------------------------------------


def profile(coop, token, ids, wanted) -> None:
    """Where one request's time goes, in this process (DEBUG on only for the query log):
    queries per request, the slowest queries with EXPLAIN ANALYZE, and cProfile's top."""
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    slug = coop.slug
    client = Client()
    rng = random.Random(5)
    order = order_body(ids)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def search(q):
        return client.get(f"/api/v1/cooperatives/{slug}/storefront/search", {"q": q})

    def place(n):
        return client.post(f"/api/v1/cooperatives/{slug}/orders", data=order(rng, n),
                           content_type="application/json", **auth)

    # Django empties the query log when each request starts; keep it over many requests.
    request_started.disconnect(reset_queries)
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
        runs = [("search", search, QUERIES[::4], QUERIES[1::4]),
                ("orders", place, range(1, 31), range(100, 160))]
        runs = [run for run in runs if run[0] in wanted]
        for name, call, args, _again in runs:
            for a in list(args)[:3]:
                call(a)  # warm caches
            reset_queries()
            t0 = time.perf_counter()
            per = []
            for a in args:
                before = len(connection.queries)
                response = call(a)
                assert response.status_code in (200, 201), response.content[:300]
                per.append(len(connection.queries) - before)
            elapsed = time.perf_counter() - t0
            queries = connection.queries
            db_ms = sum(float(q["time"]) for q in queries) * 1000
            say(f"\n== {name}: {len(per)} requests in process, {elapsed / len(per) * 1000:.1f} ms "
                f"each; {min(per)}–{max(per)} queries per request; "
                f"database {db_ms / len(per):.1f} ms per request")
            slowest = sorted(queries, key=lambda q: -float(q["time"]))[:3]
            for q in slowest:
                say(f"  {float(q['time']) * 1000:.1f} ms  {q['sql'][:300]}")
            if name == "search":
                sql = slowest[0]["sql"]
                with connection.cursor() as cur:
                    cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    say("  EXPLAIN ANALYZE of the slowest:")
                    for (line,) in cur.fetchall():
                        say("    " + line)
        for name, call, _args, args in runs:
            prof = cProfile.Profile()
            prof.enable()
            for a in args:
                call(a)
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
            say(f"\n== cProfile, {name} ({len(args)} requests), by cumulative time")
            say("\n".join(out.getvalue().splitlines()[:60]))


# --- report ----------------------------------------------------------------------------


def verdict(name, result, base):
    """(target, absolute met, ratio met): the requirement's figure, and its share of the
    reference machine's healthz (BASELINE_RPS) against this run's healthz. The ratio is
    what carries over to a machine faster or slower than the reference; p95 and
    non-2xx answers count in both."""
    rps_min, p95_max = TARGETS.get(name, (None, None))
    if rps_min is None:
        return "", True, True
    sound = (p95_max is None or result.p95 < p95_max) and not result.bad
    target = f">= {rps_min}/s" + (f", p95 < {p95_max} ms" if p95_max else "")
    ratio_ok = result.rps / base.rps >= rps_min / BASELINE_RPS
    return target, sound and result.rps >= rps_min, sound and ratio_ok


def report(results, labels, args, version, orders_made) -> None:
    base = results["healthz"]
    say()
    say(f"Sales throughput — PostgreSQL {version}, {os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}, gunicorn {WORKERS} "
        + (f"gthread workers x {args.threads} threads" if args.threads > 1 else "sync workers")
        + ", DEBUG=0")
    say(f"{PRODUCTS:,} products, {MEMBERS} members, {BUNDLES} bundles; client "
        f"{base.client}, {args.connections} connections, {args.seconds} s per figure "
        f"after {args.warmup} s warm-up")
    say()
    say(f"{'figure':<30}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'of healthz':>12}"
        f"{'non-2xx':>9}  {'target':<24}{'absolute':<10}{'ratio':<7}verdict")
    say("-" * 122)
    failed = []
    order = ["healthz", "search", "search_cached", "orders"]
    for name, result in sorted(results.items(), key=lambda item: order.index(item[0])):
        target, absolute, ratio = verdict(name, result, base)
        if target and not ratio:
            failed.append(name)
        marks = (f"{'met' if absolute else 'missed':<10}{'met' if ratio else 'missed':<7}"
                 + ("PASS" if ratio else "FAIL")) if target else "(baseline)"
        rps = f"{result.rps:.0f}" if result.rps >= 100 else f"{result.rps:.2g}"
        say(f"{labels[name]:<30}{rps:>9}{result.p50:>9.1f}{result.p95:>9.1f}"
            f"{result.rps / base.rps:>11.3f}x{result.bad:>9}  {target:<24}{marks}")
    say()
    say(f"healthz baseline here {base.rps:.0f} req/s against the requirement's ~{BASELINE_RPS:,}"
        f" on this kind of machine ({base.rps / BASELINE_RPS:.2f}x); the targets as a share "
        f"of the baseline: orders {TARGETS['orders'][0] / BASELINE_RPS:.3f}x, search "
        f"{TARGETS['search'][0] / BASELINE_RPS:.3f}x. The verdict follows the ratio: the "
        "absolute figures are the reference machine's, and another machine scales them by "
        "its own healthz")
    if "orders" in results:
        made = results["orders"]
        say(f"orders in the database after the run: +{orders_made:,} "
            f"(2xx answers counted in the timed window: {made.done - made.bad:,}; the warm-up "
            "placed the rest)")
    for name, result in results.items():
        if result.first_error:
            say(f"first non-2xx answer of {name}: {result.first_error}")
    if failed:
        say()
        say("!" * 122)
        say(f"FAIL: target missed: {', '.join(failed)} (see --profile for where the time goes)")
        say("!" * 122)


def measure(client, port, scenario, ids, args) -> Result:
    if client == "wrk":
        result = run_wrk(port, scenario, ids, connections=args.connections,
                         seconds=args.seconds, warmup=args.warmup)
        if result.bad:
            result.first_error = first_failure(port, scenario)
        return result
    return run_python(port, scenario, connections=args.connections, seconds=args.seconds,
                      warmup=args.warmup)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="timed seconds per figure")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per figure")
    parser.add_argument("--connections", type=int, default=4,
                        help="concurrent connections (default: 2 per worker)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--threads", type=int, default=1,
                        help="gthread workers with this many threads each (default: sync)")
    parser.add_argument("--only", nargs="*", choices=["healthz", "search", "orders"],
                        help="measure only these (healthz is always measured)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the two endpoints in this process")
    parser.add_argument("--reload", action="store_true",
                        help="drop the bench database and load the data anew")
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, drop=args.reload)
    setup_django(url)
    if bench_cooperative() is None:
        say(f"loading {PRODUCTS:,} products and {MEMBERS} members (once; later runs reuse them)")
        load()
    coop = bench_cooperative()
    ids = product_ids(coop)
    token = staff_token(coop)
    say(f"reusing cooperative '{MARKER_SLUG}': {len(ids):,} products, "
        f"{order_count(coop):,} orders placed by earlier runs")

    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    elif client == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk), or use --client python")

    static_root = ROOT / "var" / "bench_static"
    env = server_env(url, static_root)
    collect_static(env, static_root)
    wanted = {"healthz", *(args.only or ["search", "orders"])}
    if "search" in wanted:
        wanted.add("search_cached")
    results, labels = {}, {}
    before = order_count(coop)
    # Two servers one after the other: storefront cache off, then on as deployed.
    for cached in (False, True):
        names = {"search_cached"} if cached else wanted - {"search_cached"}
        if not names & wanted:
            continue
        port = free_port()
        server = Server({**env, "STOREFRONT_CACHE_SECONDS": str(CACHE_SECONDS if cached else 0)},
                        port, threads=args.threads)
        try:
            server.wait_ready()
            say(f"gunicorn on {HOST}:{port}, workers {server.worker_pids()}, storefront cache "
                + (f"{CACHE_SECONDS} s" if cached else "off"))
            for scenario in scenarios(coop.slug, token, ids):
                if scenario.name not in names & wanted:
                    continue
                labels[scenario.name] = scenario.label
                say(f"measuring {scenario.label.strip()} …")
                results[scenario.name] = measure(client, port, scenario, ids, args)
        finally:
            server.stop()
        if any(r.bad for r in results.values()):
            say("server log (last lines):\n" + server.tail())
    orders_made = order_count(coop) - before

    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0].split()[0]
    report(results, labels, args, version, orders_made)
    if args.profile:
        profile(coop, token, ids, wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
