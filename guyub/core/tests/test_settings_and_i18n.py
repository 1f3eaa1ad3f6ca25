"""Indonesian first, English on request; settings that refuse to run unsafely."""

import datetime as dt
import gettext
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

ENGLISH_MO = Path(settings.BASE_DIR) / "guyub" / "locale" / "en" / "LC_MESSAGES" / "django.mo"


def english_for(msgid: str) -> str | None:
    """The compiled English catalog's translation of `msgid`, if it has one."""
    if not ENGLISH_MO.exists():
        return None
    with ENGLISH_MO.open("rb") as mo:
        return gettext.GNUTranslations(mo)._catalog.get(msgid) or None


def test_the_interface_speaks_indonesian_by_default(client, db):
    response = client.get("/masuk/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "Masuk" in page
    assert "Kata sandi" in page


def test_choosing_english_switches_the_interface(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert response.status_code == 302
    assert response["Location"] == "/masuk/"
    page = client.get("/masuk/").content.decode()
    assert '<html lang="en">' in page

    sign_in = english_for("Masuk")
    if sign_in is None:
        pytest.skip("the English catalog (guyub/locale/en/LC_MESSAGES/django.mo) is not "
                    "compiled yet or does not translate 'Masuk'")
    assert sign_in in page
    assert english_for("Kata sandi") is None or "Kata sandi" not in page


def test_choosing_indonesian_again_switches_back(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    client.post("/i18n/setlang/", {"language": "id", "next": "/masuk/"})
    page = client.get("/masuk/").content.decode()
    assert '<html lang="id">' in page
    assert "Kata sandi" in page


def test_the_languages_offered_are_indonesian_then_english():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]


def test_time_is_jakarta_time():
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ
    midnight_utc = dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)
    assert timezone.localtime(midnight_utc).hour == 7  # WIB, UTC+7


def _import_settings(**env_changes) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY", "DEBUG", "GUYUB_TESTING", "DJANGO_SETTINGS_MODULE"}}
    env.update(env_changes)
    # A fresh interpreter: pytest is not in its sys.modules, as in production.
    return subprocess.run(
        [sys.executable, "-c",
         "import sys; import guyub.settings; assert 'pytest' not in sys.modules"],
        env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60,
    )


def test_settings_refuse_to_load_without_a_secret_key_when_debug_is_off():
    result = _import_settings(DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_settings_load_with_a_secret_key_or_in_debug_mode():
    with_key = _import_settings(DEBUG="0", SECRET_KEY="uji-" + "x" * 50)
    assert with_key.returncode == 0, with_key.stderr
    debug = _import_settings(DEBUG="1")
    assert debug.returncode == 0, debug.stderr


def test_a_misspelt_yes_no_setting_stops_start_up_with_its_name():
    result = _import_settings(DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG='ture' is not a yes/no value" in result.stderr


def test_yes_no_settings_accept_the_usual_words():
    for word in ("1", "true", "Yes", " on "):
        debug = _import_settings(DEBUG=word)
        assert debug.returncode == 0, (word, debug.stderr)
    off = _import_settings(DEBUG="off", SECRET_KEY="uji-" + "x" * 50, SECURE_COOKIES="no")
    assert off.returncode == 0, off.stderr


def test_loading_pytest_does_not_switch_the_settings_only_the_test_module_does():
    # Production settings imported where pytest happens to be loaded stay production.
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY", "DEBUG", "GUYUB_TESTING", "DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run(
        [sys.executable, "-c", "import pytest, guyub.settings"],
        env={**env, "DEBUG": "0"}, cwd=settings.BASE_DIR, capture_output=True, text=True,
        timeout=60)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    assert settings.TESTING  # this suite runs under guyub.test_settings
