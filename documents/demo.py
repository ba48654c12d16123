"""Demo documents: a few small real PDFs (made with WeasyPrint from short French notes)
shared with the territory's strategic codir. The one that concerns an item of the next
convened meeting is attached to that item by the agenda demo, which runs first
(meetings.agenda_demo); the others, and that one when there is no such item, go to the
body here. Running it again adds nothing (documents are matched by title)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.selectors import first_codir
from documents.models import Document
from documents.services import document_upload
from territories.models import Territory


@dataclass(frozen=True)
class DemoDocument:
    title: str
    filename: str
    paragraphs: tuple[str, ...]
    # Attached to the next convened meeting's item whose title holds this word, by the
    # agenda demo (empty, or no such item: to the body).
    item_word: str


DEMO_DOCUMENTS = (
    DemoDocument(
        title="Note de présentation : groupement de commandes de voirie",
        filename="Note de présentation - groupement de commandes voirie.pdf",
        paragraphs=(
            "Objet : constituer un groupement de commandes entre l'EPCI et les communes "
            "volontaires pour l'entretien de la voirie communale (marché à bons de commande, "
            "quatre ans).",
            "Intérêt : des prix plus bas pour les petites communes, un seul dossier de "
            "consultation, un suivi technique mutualisé par le service commun.",
            "Proposition au Co-dir : recueillir l'avis de chaque DGS et secrétaire de mairie "
            "avant la conférence des maires.",
        ),
        item_word="voirie",
    ),
    DemoDocument(
        title="Diagnostic petite enfance 2026",
        filename="Diagnostic petite enfance 2026.pdf",
        paragraphs=(
            "Offre d'accueil : trois multi-accueils, une micro-crèche et quarante-deux "
            "assistantes maternelles sur le territoire.",
            "Constats : des besoins non couverts dans les communes du nord, des horaires "
            "atypiques peu pris en compte, un relais petite enfance très sollicité.",
            "Pistes : un guichet unique d'information des familles, une étude sur une "
            "crèche intercommunale.",
        ),
        item_word="",
    ),
    DemoDocument(
        title="Calendrier des séances du Co-dir 2026",
        filename="Calendrier des séances 2026.pdf",
        paragraphs=(
            "Le Co-dir se réunit le deuxième mardi du mois, de 9 h à 11 h 30, à tour de rôle "
            "dans les mairies des membres.",
            "L'ordre du jour et les documents sont envoyés sept jours avant la séance.",
        ),
        item_word="",
    ),
)


def demo_upload(document: DemoDocument) -> SimpleUploadedFile:
    """The document as a PDF upload, as a browser would send it."""
    return SimpleUploadedFile(document.filename, _pdf(document), "application/pdf")


def _pdf(document: DemoDocument) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in document.paragraphs)
    html = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title>"
        "<style>body { font-family: sans-serif; font-size: 11pt; margin: 2cm; }"
        " h1 { font-size: 16pt; }</style></head>"
        f"<body><h1>{escape(document.title)}</h1>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()


def demo_uploader(body: Body) -> Person | None:
    """Who shares the demo documents: the body's first current member (guests aside)."""
    membership = (
        body.memberships.current()
        .exclude(role=BodyMembership.Role.GUEST)
        .select_related("person")
        .first()
    )
    return membership.person if membership else None


def demo_documents(territory: Territory) -> None:
    codir = first_codir(territory)
    if codir is None:
        return
    uploader = demo_uploader(codir)
    if uploader is None:
        return
    for spec in DEMO_DOCUMENTS:
        if Document.objects.filter(body=codir, title=spec.title).exists():
            continue
        document_upload(
            uploaded_by=uploader, upload=demo_upload(spec), title=spec.title, body=codir
        )
