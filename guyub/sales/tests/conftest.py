import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    # The demo's product illustrations and any uploads land in a throwaway folder,
    # never in var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
