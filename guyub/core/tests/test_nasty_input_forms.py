"""The nasty strings of test_nasty_input_api.py over every form of every page.

Each page of a cooperative is opened by a user who holds every role; every form it
shows (method="post") is sent back as the page filled it, with one field at a time
replaced by a nasty value. No answer may be a 500, and a refused form (a 4xx) leaves no
row behind.
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.test import Client

from guyub.core.roles import Role

from .helpers import build_world
from .test_nasty_input_api import _row_counts
from .urlwalk import all_routes, is_excluded, values_for

# Fewer than for the API: a page renders, so each value costs more. A lone surrogate
# cannot travel in a form (the browser sends UTF-8; invalid bytes arrive as U+FFFD).
NASTY = [
    "a\x00b",
    "\u202eRTL\u200f" + "x" * 3000,
    "1" + "0" * 30,
    "NaN",
    "-0",
    "2026-02-30",
    "99999999999999999999",
]


class FormReader(HTMLParser):
    """The post forms of a page: [(action, [(name, value)...], [field names])]."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "data": [], "fields": [],
                          "multipart": "multipart" in (a.get("enctype") or "")}
            self.forms.append(self._form)
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                if name not in self._form["fields"]:
                    self._form["fields"].append(name)
                return
            if kind == "submit" and any(n == name for n, _v in self._form["data"]):
                return
            self._form["data"].append((name, a.get("value") or ""))
            if kind not in ("submit", "button") and name != "csrfmiddlewaretoken":
                self._form["fields"].append(name)
        elif tag == "select":
            self._select = name
            self._form["fields"].append(name)
        elif tag == "option" and self._select is not None:
            chosen = [n for n, _v in self._form["data"] if n == self._select]
            if not chosen or "selected" in a:
                self._form["data"] = [(n, v) for n, v in self._form["data"]
                                      if n != self._select]
                self._form["data"].append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = name
            self._form["data"].append((name, ""))
            self._form["fields"].append(name)

    def handle_data(self, data):
        if self._form is not None and self._textarea is not None:
            self._form["data"] = [(n, data if n == self._textarea else v)
                                  for n, v in self._form["data"]]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _page_routes():
    return sorted((r for r in all_routes() if r.tenant_param and not r.is_api
                   and not is_excluded(r) and not r.route.endswith((".pdf", ".csv"))),
                  key=lambda r: r.route)


@pytest.fixture
def world(coop, make_user):
    return build_world(coop, make_user(coop, *Role.values), "Ibu Nasty")


@pytest.mark.parametrize("route", _page_routes(), ids=lambda r: r.names[0])
def test_nasty_values_in_any_form_field_never_give_a_500(coop, world, route):
    client = Client()
    client.force_login(world["user"])
    failures = []
    for kwargs in values_for(route, world):
        url = route.url(kwargs)
        page = client.get(url)
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        reader = FormReader()
        reader.feed(page.content.decode())
        for form in reader.forms:
            action = form["action"] or url
            if not action.startswith("/") or action.startswith("/i18n/"):
                continue  # the language switch is Django's own view
            for field in form["fields"]:
                for nasty in NASTY:
                    data = [(n, v) for n, v in form["data"] if n != field] + [(field, nasty)]
                    body = urlencode(data, errors="surrogatepass")
                    before = _row_counts()
                    response = client.post(action, data=body,
                                           content_type="application/x-www-form-urlencoded")
                    label = f"{action} {field}={nasty!r:.30}"
                    if response.status_code >= 500:
                        failures.append((label, response.status_code))
                    elif response.status_code >= 400 and before != _row_counts():
                        failures.append((label, response.status_code, "rows written"))
    assert failures == []


def test_an_id_past_the_column_in_a_page_url_is_404_not_500(coop, world):
    """<int:pk> takes any number of digits; the database column does not."""
    client = Client()
    client.force_login(world["user"])
    wrong = {}
    for route in _page_routes():
        ints = [p for p, converter in route.params.items() if converter == "int"]
        for param in ints:
            kwargs = {**values_for(route, world)[0], param: "9" * 25}
            url = route.url(kwargs)
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status >= 500 or (method == "get" and status not in (404, 405)):
                    wrong[f"{method} {url}"] = status
    assert wrong == {}
