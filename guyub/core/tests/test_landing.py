"""`/`: a guest gets a public page saying what Guyub is, with every cooperative's shop;
a signed-in user still goes straight to their cooperative."""

from guyub.core.roles import Role


def test_a_guest_sees_what_guyub_is_and_the_cooperatives_shops(client, coop, other_coop):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Guyub adalah platform untuk koperasi" in html
    for cooperative in (coop, other_coop):
        assert cooperative.name in html
        assert f'href="/toko/{cooperative.slug}/"' in html
        assert f'href="/k/{cooperative.slug}/daftar/"' in html
    assert 'href="/masuk/"' in html


def test_the_landing_page_speaks_english_to_an_english_visitor(client, coop):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "Guyub is a platform for cooperatives" in html
    assert "Cooperative store" in html
    assert "Guyub adalah platform" not in html


def test_a_signed_in_user_still_goes_to_their_cooperative(client, coop, make_user):
    client.force_login(make_user(coop, Role.STAFF))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == f"/k/{coop.slug}/"
