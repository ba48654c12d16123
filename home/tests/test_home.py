import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_member_sees_bodies_and_functions(world, member_client, django_assert_num_queries):
    # session + user, seats, functions, territories (with the bodies of those the viewer
    # administers: access keeps them and the viewer's role in these territories, so
    # neither the visible bodies for the actions nor whether the viewer may open their
    # organisations' territory costs a query); then one per section: next meetings and
    # open agendas (one), minutes to review, rounds waiting for an answer, actions,
    # communes' rows, nominations to write, the opérations miroir, the next steps of the
    # relations with actors the person carries (no invitation nor election to organise:
    # not an administrator nor a facilitator)
    with django_assert_num_queries(13):
        response = member_client.get(reverse("home:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Conférence des DGS" in content
    assert "Saint-Essai" in content
    assert "Codir d&#x27;Ailleurs" not in content
    assert "Voir toutes mes instances" not in content


def test_my_bodies_are_capped_with_a_link_to_all_of_them(world, member_client):
    """A national install has people who sit in many bodies: the home shows the first
    ones and links to the person's page, which lists them all."""
    from bodies.tests.factories import BodyFactory, MembershipFactory
    from home.selectors import HOME_SEATS

    for n in range(HOME_SEATS + 1):
        body = BodyFactory.create(territory=world.territory, name=f"Instance n° {n:02d}")
        MembershipFactory.create(body=body, person=world.member)
    content = member_client.get(reverse("home:home")).content.decode()
    assert 0 < content.count("Instance n° ") <= HOME_SEATS
    assert "Voir toutes mes instances" in content
    assert reverse("people:person_detail", args=[world.member.pk]) in content


def _busy(world, person, bodies, size):
    """`size` rows of every kind in each body: meetings (one convened with the person's
    attendance), open agendas, minutes in review, rounds, actions, communes' rows,
    elections, and invitations of the territory."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.tests.factories import InvitationFactory
    from decisions.models import Proposal
    from decisions.tests.factories import DecisionFactory, ProposalFactory
    from elections.tests.factories import ElectionFactory
    from followup.tests.factories import ActionFactory, ImplementationFactory
    from meetings.models import Attendance, Meeting
    from meetings.tests.factories import MeetingFactory
    from minutes.models import Minutes
    from territories.tests.factories import OrganisationFactory

    now = timezone.now()
    today = timezone.localdate()
    for body in bodies:
        for n in range(size):
            convened = MeetingFactory.create(
                body=body,
                starts_at=now + timedelta(days=2 + n),
                ends_at=now + timedelta(days=2 + n, hours=2),
                status=Meeting.Status.CONVENED,
            )
            Attendance.objects.create(meeting=convened, person=person)
            MeetingFactory.create(
                body=body,
                starts_at=now + timedelta(days=20 + n),
                ends_at=now + timedelta(days=20 + n, hours=2),
            )
            held = MeetingFactory.create(
                body=body,
                starts_at=now - timedelta(days=10 + n),
                ends_at=now - timedelta(days=10 + n, hours=-2),
                status=Meeting.Status.HELD,
            )
            Minutes.objects.create(
                meeting=held,
                text="Compte-rendu.",
                status=Minutes.Status.IN_REVIEW,
                review_until=today + timedelta(days=5),
            )
            ProposalFactory.create(body=body, phase=Proposal.Phase.CLARIFYING)
            ActionFactory.create(body=body, owner=person, due_on=today - timedelta(days=n))
            decision = DecisionFactory.create(body=body)
            commune = OrganisationFactory.create(territory=body.territory)
            ImplementationFactory.create(decision=decision, organisation=commune, owner=person)
            ElectionFactory.create(body=body, created_by=person)
            InvitationFactory.create(territory=body.territory)


@pytest.mark.parametrize("size", [1, 6])
def test_home_queries_do_not_grow_with_the_data(world, size, django_assert_num_queries):
    """A territory's administrator who facilitates one body and sits in four more, each
    with `size` meetings, minutes, rounds, actions, rows, elections and invitations."""
    from datetime import timedelta

    from django.utils import timezone

    from bodies.models import BodyMembership
    from bodies.tests.factories import BodyFactory, MembershipFactory
    from conftest import client_for

    person = world.admin
    MembershipFactory.create(
        body=world.body,
        person=person,
        role=BodyMembership.Role.FACILITATOR,
        end_date=timezone.localdate() + timedelta(days=40),
    )
    bodies = [world.body] + [BodyFactory.create(territory=world.territory) for _ in range(4)]
    for body in bodies[1:]:
        MembershipFactory.create(body=body, person=person)
    _busy(world, person, bodies, size)
    client = client_for(person)
    # as for a member (test above), and the invitations about to expire (an
    # administrator), the elections to organise (a facilitator): 15 whatever the size
    with django_assert_num_queries(15):
        response = client.get(reverse("home:home"))
    content = response.content.decode()
    for heading in (
        "Vos prochaines réunions",
        "Points à proposer",
        "Comptes-rendus à relire",
        "Propositions qui attendent votre réponse",
        "Mes actions",
        "Nominations à écrire",
        "Échéances des trois prochains mois",
    ):
        assert heading in content
    # every list is capped: never more than five meetings however many bodies
    assert content.count("convocation envoyée") == 5
    with django_assert_num_queries(15):
        assert client.get(reverse("home:todo")).status_code == 200


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
    assert "Propositions qui attendent votre réponse" in page
    assert proposal.get_absolute_url() in page
    turn_record(
        proposal=proposal, person=world.member, answer=Turn.Answer.PASSED, recorded_by=world.member
    )
    page = member_client.get(reverse("home:home")).content.decode()
    assert "Propositions qui attendent votre réponse" not in page


def test_an_operator_is_shown_the_way_to_create_a_territory(client):
    # The operator sits in no body: "your territory's administrator will add you" was a
    # dead end for the one person who creates territories.
    from accounts.tests.factories import PersonFactory

    client.force_login(PersonFactory.create(is_staff=True))
    content = client.get(reverse("home:home")).content.decode()
    assert reverse("territories:import_search") in content
    assert reverse("admin:index") in content
    assert "L’administrateur ou l’administratrice de votre territoire vous y inscrit" not in content


def test_an_operator_sees_no_empty_personal_section_and_one_name_for_territories(client, world):
    # The reported defect: empty "Mes instances" / "Mes fonctions" cards, a "Mes actions"
    # menu that leads nowhere, and "Territoires" beside "Mes territoires".
    from accounts.tests.factories import PersonFactory

    client.force_login(PersonFactory.create(is_staff=True, is_superuser=True))
    content = client.get(reverse("home:home")).content.decode()
    assert "Votre travail : la plate-forme" in content
    assert "Rien ne vous attend" not in content
    assert "Mes instances" not in content and "Mes fonctions" not in content
    assert reverse("followup:mine") not in content
    assert reverse("meetings:my_calendar") not in content
    assert "Les territoires de la plate-forme" in content and "Mes territoires" not in content
    listing = client.get(reverse("territories:list")).content.decode()
    assert "<h1>Les territoires de la plate-forme</h1>" in listing


def test_an_operator_who_sits_in_a_body_keeps_their_agenda(client, world):
    world.member.is_staff = True
    world.member.save(update_fields=["is_staff"])
    client.force_login(world.member)
    content = client.get(reverse("home:home")).content.decode()
    assert reverse("followup:mine") in content and "Mes instances" in content
    assert "Mes territoires" in content


def test_a_member_reads_mes_territoires_in_the_menu_and_on_the_page(member_client):
    content = member_client.get(reverse("home:home")).content.decode()
    assert f'<a href="{reverse("territories:list")}">Mes territoires</a>' in content
    listing = member_client.get(reverse("territories:list")).content.decode()
    assert "<h1>Mes territoires</h1>" in listing


def test_a_member_without_seat_is_not_offered_the_operator_pages(client):
    from accounts.tests.factories import PersonFactory

    client.force_login(PersonFactory.create())
    content = client.get(reverse("home:home")).content.decode()
    assert reverse("territories:import_search") not in content
    assert "L’administrateur ou l’administratrice de votre territoire vous y inscrit" in content


def test_my_bodies_name_the_territory_only_when_i_have_several(member_client, world):
    # With one territory, "Territoire d'essai · au titre de …" repeated what the page says.
    from html import escape

    from bodies.tests.factories import MembershipFactory

    def bodies_card() -> str:
        content = member_client.get(reverse("home:home")).content.decode()
        return content[content.index('id="mes-instances"') : content.index('id="mes-fonctions"')]

    assert world.territory.name not in bodies_card()
    MembershipFactory.create(body=world.other_body, person=world.member)
    card = bodies_card()
    assert world.territory.name in card and escape(world.other_territory.name) in card
