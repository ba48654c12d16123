import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_member_sees_bodies_and_functions(world, member_client, django_assert_num_queries):
    # session + user, the viewer's visible bodies, memberships, positions, territories, 3 deadline
    # queries, 2 for the elections (nominations to write, terms ending), 1 for the proposals waiting
    # for my answer, my open actions and my communes' implementation rows (follow-up), and
    # whether the viewer may open their organisations' territory (one per territory)
    with django_assert_num_queries(15):
        response = member_client.get(reverse("home:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Conférence des DGS" in content
    assert "Saint-Essai" in content
    assert "Codir d&#x27;Ailleurs" not in content


def test_home_refuses_post(member_client):
    assert member_client.post(reverse("home:home")).status_code == 405


def test_interface_is_french_by_default_and_english_on_request(member_client):
    french = member_client.get(reverse("home:home")).content.decode()
    english = member_client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mes instances" in french
    assert "My bodies" in english
    assert "Mes instances" not in english


def test_a_proposal_waiting_for_my_answer_is_a_deadline(world, member_client):
    from decisions.models import Proposal, Turn
    from decisions.proposals.services import proposal_advance, proposal_create, proposal_open
    from decisions.proposals.turns import turn_record

    proposal = proposal_create(
        body=world.body, proposer=world.admin, title="Achats groupés", text="Texte."
    )
    proposal_open(proposal=proposal, actor=world.admin)
    proposal_advance(proposal=proposal, actor=world.admin)  # clarifying questions
    assert Proposal.objects.get(pk=proposal.pk).phase == Proposal.Phase.CLARIFYING
    page = member_client.get(reverse("home:home")).content.decode()
    assert "Votre réponse est attendue" in page and proposal.get_absolute_url() in page
    turn_record(
        proposal=proposal, person=world.member, answer=Turn.Answer.PASSED, recorded_by=world.member
    )
    page = member_client.get(reverse("home:home")).content.decode()
    assert "Votre réponse est attendue" not in page
