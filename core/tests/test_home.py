import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_member_sees_bodies_and_functions(world, member_client, django_assert_num_queries):
    # session + user, memberships, positions, territories, 3 deadline queries, 2 for the
    # elections (nominations to write, terms ending), my open actions and my communes'
    # implementation rows (follow-up)
    with django_assert_num_queries(12):
        response = member_client.get(reverse("core:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Conférence des DGS" in content
    assert "Saint-Essai" in content
    assert "Codir d&#x27;Ailleurs" not in content


def test_home_refuses_post(member_client):
    assert member_client.post(reverse("core:home")).status_code == 405


def test_interface_is_french_by_default_and_english_on_request(member_client):
    french = member_client.get(reverse("core:home")).content.decode()
    english = member_client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mes instances" in french
    assert "My bodies" in english
    assert "Mes instances" not in english
