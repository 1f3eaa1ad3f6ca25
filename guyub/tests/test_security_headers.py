"""Production headers: a strict Content-Security-Policy on every page and HSTS over
HTTPS; and no template carries what that policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "guyub"
# What a policy without 'unsafe-inline' blocks: inline <script> (one without src),
# <style> blocks, style="…" attributes and on…="…" event handler attributes.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=", re.I)


def test_every_page_gets_a_strict_content_security_policy(client, db):
    policy = client.get("/masuk/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http" not in policy  # nothing is loaded from another site


def test_hsts_is_sent_over_https_with_debug_off(client, db):
    assert not settings.DEBUG
    response = client.get("/masuk/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("template", sorted(
    str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("templates/**/*.html")
    if "/pdf/" not in str(p)))  # PDFs are laid out by WeasyPrint, never shown as pages
def test_no_template_writes_inline_script_or_style(template):
    text = (TEMPLATES / template).read_text()
    text = re.sub(r"\{#.*?#\}", "", text)  # template comments are not sent
    assert not INLINE.findall(text), "move it into core/guyub.js or core/guyub.css"
