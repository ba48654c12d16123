"""The reference framework: versions, one draft at a time copied from the latest (objects
keep their lineage), immutability of adopted versions, the summary of what a version
changes, and its pages. Its adoption by consent is tested with decisions
(decisions/tests/test_subjects.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from documents.models import Document
from governance.changes import framework_changes
from governance.framework import (
    framework_draft_start,
    framework_draft_update,
    framework_object_add,
    framework_object_delete,
    framework_object_move,
    framework_object_update,
    framework_source_add,
    framework_source_delete,
)
from governance.models import Framework, FrameworkObject, LegitimacySource
from governance.selectors import objects_of
from governance.services import text_adopt, text_submit
from governance.tests.factories import FrameworkObjectFactory, make_framework
from governance.versions import draft_version

pytestmark = pytest.mark.django_db


def _draft_with_object(world: World, title: str = "Mutualisation des achats") -> Framework:
    draft = framework_draft_start(body=world.body, created_by=world.admin)
    framework_object_add(
        framework=draft, title=title, kind=FrameworkObject.Kind.DOSSIER, authority="decision"
    )
    return draft


def test_first_draft_is_version_one_and_starting_again_returns_it(world):
    draft = framework_draft_start(body=world.body, created_by=world.admin)
    assert draft.version == 1 and not draft.is_adopted
    assert draft.created_by == world.admin
    assert framework_draft_start(body=world.body, created_by=world.admin).pk == draft.pk
    assert Framework.objects.filter(body=world.body).count() == 1
    assert draft_version(Framework, world.body) == draft


def test_new_version_copies_the_latest_and_objects_keep_their_lineage(world):
    v1 = make_framework(world.body, adopted_on=date(2024, 3, 12), perspectives="Loin.")
    obj = FrameworkObjectFactory.create(framework=v1, title="Voirie", authority="avis")
    document = Document.objects.create(
        body=world.body,
        title="Délibération",
        file="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
    )
    LegitimacySource.objects.create(
        framework=v1, kind="deliberation", title="Délibération", document=document
    )
    v2 = framework_draft_start(body=world.body, created_by=world.member)
    assert v2.version == 2
    assert v2.mission_relational == v1.mission_relational
    assert v2.perspectives == "Loin."
    copy = objects_of(v2).get()
    assert copy.pk != obj.pk
    assert (copy.title, copy.authority, copy.lineage) == ("Voirie", "avis", obj.lineage)
    assert v2.sources.get().document == document
    assert objects_of(v1).get() == obj  # the adopted version keeps its own


def test_adopted_version_refuses_every_change(world):
    v1 = make_framework(world.body, adopted_on=date(2024, 3, 12))
    obj = FrameworkObjectFactory.create(framework=v1, title="Voirie")
    source = LegitimacySource.objects.create(framework=v1, kind="mandate", title="Lettre")
    attempts = [
        lambda: framework_draft_update(framework=v1, mission_relational="Autre"),
        lambda: framework_object_add(framework=v1, title="X", kind="theme", authority="avis"),
        lambda: framework_object_update(obj=obj, title="Y", kind="theme", authority="avis"),
        lambda: framework_object_delete(obj=obj),
        lambda: framework_object_move(obj=obj, up=False),
        lambda: framework_source_add(framework=v1, kind="other", title="Z", added_by=world.admin),
        lambda: framework_source_delete(source=source),
        lambda: text_submit(text=v1),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    obj.refresh_from_db()
    assert obj.title == "Voirie"
    assert objects_of(v1).count() == 1 and v1.sources.count() == 1
    v1.refresh_from_db()
    assert v1.submitted_at is None


def test_objects_are_added_at_the_end_edited_moved_and_removed(world):
    draft = _draft_with_object(world, "A")
    b = framework_object_add(framework=draft, title=" B ", kind="theme", authority="avis")
    c = framework_object_add(framework=draft, title="C", kind="theme", authority="information")
    assert b.title == "B" and (b.position, c.position) == (1, 2)
    framework_object_move(obj=c, up=True)
    assert [o.title for o in objects_of(draft).order_by("position")] == ["A", "C", "B"]
    framework_object_move(obj=b, up=False)  # already last: nothing moves
    assert [o.title for o in objects_of(draft).order_by("position")] == ["A", "C", "B"]
    framework_object_update(obj=b, title="Bis", kind="dossier", authority="proposition")
    b.refresh_from_db()
    assert (b.title, b.kind, b.authority) == ("Bis", "dossier", "proposition")
    framework_object_delete(obj=c)
    assert [o.title for o in objects_of(draft).order_by("position")] == ["A", "Bis"]
    with pytest.raises(ValidationError) as error:
        framework_object_add(framework=draft, title="  ", kind="theme", authority="avis")
    assert "title" in error.value.message_dict


def test_source_with_an_uploaded_file_goes_through_the_documents_app(world):
    draft = _draft_with_object(world)
    upload = SimpleUploadedFile("lettre.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    source = framework_source_add(
        framework=draft,
        kind="mandate",
        title="Lettre de mission",
        dated=date(2023, 9, 18),
        upload=upload,
        added_by=world.admin,
    )
    document = source.document
    assert document is not None and document.body == world.body
    assert document.title == "Lettre de mission" and document.uploaded_by == world.admin
    other = Document.objects.create(
        body=world.other_body,
        title="Ailleurs",
        file="y.pdf",
        original_name="y.pdf",
        content_type="application/pdf",
        size=1,
    )
    with pytest.raises(ValidationError):
        framework_source_add(
            framework=draft, kind="other", title="X", document=other, added_by=world.admin
        )
    framework_source_delete(source=source)
    assert not draft.sources.exists()
    assert Document.objects.filter(pk=document.pk).exists()  # the document stays


def test_summary_says_what_changed_since_the_adopted_version(world):
    v1 = make_framework(world.body, adopted_on=date(2024, 3, 12))
    FrameworkObjectFactory.create(framework=v1, title="Voirie", authority="avis")
    FrameworkObjectFactory.create(framework=v1, title="Achats", authority="decision")
    v2 = framework_draft_start(body=world.body, created_by=world.admin)
    voirie = objects_of(v2).get(title="Voirie")
    framework_object_update(obj=voirie, title="Voirie", kind="dossier", authority="decision")
    framework_object_delete(obj=objects_of(v2).get(title="Achats"))
    framework_object_add(framework=v2, title="Numérique", kind="theme", authority="proposition")
    framework_draft_update(
        framework=v2, mission_relational=v1.mission_relational, perspectives="2030"
    )
    text = framework_changes(v2)
    assert "par rapport à la version 1, adoptée le 12/03/2024" in text
    assert "ajouté : Numérique (thème, proposition)" in text
    assert "retiré : Achats (thème, décision)" in text
    assert "modifié : Voirie (thème, avis) → Voirie (dossier, décision)" in text
    assert "Perspectives" in text and "2030" in text
    assert "Fonction relationnelle" not in text  # unchanged


def test_adoption_records_who_and_how(world):
    """The framework recorded neither who adopted it nor how: one adoption path now."""
    draft = _draft_with_object(world)
    text_submit(text=draft)
    text_adopt(text=draft, adopted_on=date(2024, 3, 12), adopted_by=world.admin, note="En séance.")
    draft.refresh_from_db()
    assert (draft.adopted_on, draft.adopted_by, draft.adoption_note) == (
        date(2024, 3, 12),
        world.admin,
        "En séance.",
    )
    with pytest.raises(ValidationError):
        framework_object_add(framework=draft, title="X", kind="theme", authority="avis")


def test_an_empty_draft_is_not_submitted(world):
    draft = framework_draft_start(body=world.body, created_by=world.admin)
    with pytest.raises(ValidationError, match="au moins un objet"):
        text_submit(text=draft)


# --- Pages -------------------------------------------------------------------------------


def page_url(world: World) -> str:
    return reverse("governance:framework", args=[world.body.pk])


def _facilitator(world: World) -> Client:
    MembershipFactory.create(
        body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR
    )
    return client_for(world.member)


def test_members_read_but_do_not_write(world, member_client, guest_client):
    draft = _draft_with_object(world)
    obj = objects_of(draft).get()
    for client in (member_client, guest_client):
        assert client.get(draft.get_absolute_url()).status_code == 200
        assert (
            client.post(reverse("governance:framework_new", args=[world.body.pk])).status_code
            == 403
        )
        assert client.get(reverse("governance:framework_edit", args=[draft.pk])).status_code == 403
        assert (
            client.post(reverse("decisions:framework_submit", args=[draft.pk])).status_code == 403
        )
        response = client.post(reverse("governance:framework_object_delete", args=[obj.pk]))
        assert response.status_code == 403
    assert (
        "Soumettre au consentement"
        not in member_client.get(draft.get_absolute_url()).content.decode()
    )
    draft.refresh_from_db()
    assert not draft.is_submitted and objects_of(draft).count() == 1


def test_facilitator_writes_a_draft_through_the_pages(world):
    client = _facilitator(world)
    response = client.post(reverse("governance:framework_new", args=[world.body.pk]))
    draft = draft_version(Framework, world.body)
    assert draft is not None and response["Location"] == draft.get_absolute_url()
    response = client.post(
        reverse("governance:framework_edit", args=[draft.pk]),
        {"mission_relational": "Se connaître.", "perspectives": "Un service commun."},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (
        draft.mission_relational == "Se connaître." and draft.perspectives == "Un service commun."
    )
    add = reverse("governance:framework_object_add", args=[draft.pk])
    client.post(add, {"title": "Voirie", "kind": "dossier", "authority": "avis"})
    client.post(add, {"title": "Achats", "kind": "dossier", "authority": "decision"})
    achats = objects_of(draft).get(title="Achats")
    client.post(reverse("governance:framework_object_move", args=[achats.pk]), {"direction": "up"})
    assert [o.title for o in objects_of(draft).order_by("position")] == ["Achats", "Voirie"]
    client.post(
        reverse("governance:framework_object_edit", args=[achats.pk]),
        {"title": "Achats groupés", "kind": "theme", "authority": "proposition"},
    )
    achats.refresh_from_db()
    assert achats.title == "Achats groupés" and achats.authority == "proposition"
    response = client.post(
        reverse("governance:framework_source_add", args=[draft.pk]),
        {
            "kind": "mandate",
            "title": "Lettre de mission",
            "dated": "2023-09-18",
            "file": SimpleUploadedFile("lettre.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        },
    )
    assert response.status_code == 302
    source = draft.sources.get()
    assert source.document is not None and source.dated == date(2023, 9, 18)
    content = client.get(draft.get_absolute_url()).content.decode()
    assert "Soumettre au consentement" in content
    assert source.document.get_absolute_url() in content


def test_bad_input_keeps_what_was_typed(world, admin_client_):
    draft = framework_draft_start(body=world.body, created_by=world.admin)
    response = admin_client_.post(
        reverse("governance:framework_object_add", args=[draft.pk]),
        {"title": "", "kind": "dossier", "authority": "avis", "description": "Mon texte"},
    )
    assert response.status_code == 200
    assert "Mon texte" in response.content.decode()
    document = Document.objects.create(
        body=world.body,
        title="Délibération",
        file="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
    )
    response = admin_client_.post(
        reverse("governance:framework_source_add", args=[draft.pk]),
        {
            "kind": "deliberation",
            "title": "Délibération du schéma",
            "document": document.pk,
            "file": SimpleUploadedFile("d.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "pas les deux" in response.content.decode()
    assert "Délibération du schéma" in response.content.decode()
    assert not objects_of(draft).exists() and not draft.sources.exists()


def test_outsider_and_anonymous(world, outsider_client, client):
    draft = _draft_with_object(world)
    obj = objects_of(draft).get()
    urls = [
        page_url(world),
        draft.get_absolute_url(),
        reverse("governance:framework_edit", args=[draft.pk]),
        reverse("governance:framework_object_edit", args=[obj.pk]),
    ]
    for url in urls:
        assert outsider_client.get(url).status_code == 404, url
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    for url in (
        reverse("decisions:framework_submit", args=[draft.pk]),
        reverse("governance:framework_object_delete", args=[obj.pk]),
    ):
        assert outsider_client.post(url).status_code == 404
    draft.refresh_from_db()
    assert not draft.is_submitted and objects_of(draft).count() == 1


def test_wrong_methods_are_refused(world, admin_client_):
    draft = _draft_with_object(world)
    obj = objects_of(draft).get()
    assert admin_client_.post(page_url(world)).status_code == 405
    assert admin_client_.post(draft.get_absolute_url()).status_code == 405
    assert (
        admin_client_.get(reverse("decisions:framework_submit", args=[draft.pk])).status_code == 405
    )
    assert (
        admin_client_.get(reverse("governance:framework_new", args=[world.body.pk])).status_code
        == 405
    )
    assert (
        admin_client_.get(reverse("governance:framework_object_move", args=[obj.pk])).status_code
        == 405
    )
