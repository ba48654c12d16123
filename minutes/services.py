"""Writes on minutes and amendments. Each one is a single transaction; a refused write
raises ValidationError (French message, on the form field when there is one) and
changes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from core.french import french_date
from meetings.models import AgendaItem, Meeting
from minutes.drafting import adopted_in, draft_text, meeting_content
from minutes.models import Minutes, MinutesAmendment
from minutes.paragraphs import locate, paragraphs, replace_in, rewrite, source_change
from minutes.selectors import approval_meeting, next_meeting, review_days, waiting_for_approval
from minutes.tasks import send_minutes_review_mail


class MinutesConflict(Exception):
    """Someone saved the minutes since the form was opened. Carries the saved version."""

    def __init__(self, current: Minutes) -> None:
        super().__init__("stale revision")
        self.current = current


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lock(minutes: Minutes) -> Minutes:
    """Reload the row under a lock, so that two writes on it are serialised."""
    return Minutes.objects.select_for_update().get(pk=minutes.pk)


def _refuse_if_locked(minutes: Minutes) -> None:
    if minutes.is_locked:
        raise ValidationError(
            _("Ce compte-rendu est approuvé : il ne se modifie plus. Proposez une correction.")
        )


def meeting_day(meeting: Meeting) -> date:
    return timezone.localtime(meeting.starts_at).date()


@transaction.atomic
def minutes_draft(*, meeting: Meeting, author: Person) -> Minutes:
    """The first version of a held meeting's minutes, built from its attendance, its
    items' notes and outcomes, and the register entries adopted in it."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Le compte-rendu se rédige une fois la réunion tenue."))
    if meeting.minutes.exists():
        raise ValidationError(_("Cette réunion a déjà un compte-rendu."))
    attendances, items = meeting_content(meeting)
    try:
        with transaction.atomic():
            return Minutes.objects.create(
                meeting=meeting,
                version=1,
                text=draft_text(meeting, attendances, items, adopted_in(meeting)),
                author=author,
            )
    except IntegrityError as error:  # drafted by someone else a moment ago
        raise ValidationError(_("Cette réunion a déjà un compte-rendu.")) from error


@transaction.atomic
def minutes_update(*, minutes: Minutes, text: str, revision: int) -> Minutes:
    """Save a new text, unless someone saved another one since `revision` was read:
    then MinutesConflict, and nothing is written."""
    current = _lock(minutes)
    _refuse_if_locked(current)
    if current.revision != revision:
        raise MinutesConflict(current)
    text = _normalise(text)
    if not text.strip():
        raise ValidationError({"text": _("Le compte-rendu ne peut pas être vide.")})
    current.text = text
    current.revision += 1
    current.save(update_fields=["text", "revision", "updated_at"])
    return current


def _put_approval_on_agenda(*, minutes: Minutes, meeting: Meeting, by: Person) -> AgendaItem:
    """The first item of the next meeting: a decision, already accepted."""
    day = french_date(meeting_day(minutes.meeting), "DATE_FORMAT")
    AgendaItem.objects.filter(meeting=meeting).update(position=F("position") + 1)
    return AgendaItem.objects.create(
        meeting=meeting,
        title=_("Approbation du compte-rendu du %(date)s") % {"date": day},
        kind=AgendaItem.Kind.DECISION,
        status=AgendaItem.Status.ACCEPTED,
        position=0,
        duration_minutes=5,
        proposed_by=by,
        description=_("Version %(version)s, en relecture jusqu'au %(until)s.")
        % {
            "version": minutes.version,
            "until": french_date(minutes.review_until, "DATE_FORMAT")
            if minutes.review_until
            else "—",
        },
    )


@transaction.atomic
def minutes_submit(
    *,
    minutes: Minutes,
    by: Person,
    today: date | None = None,
    approval_meeting: Meeting | None = None,
    notify: bool = True,
) -> Minutes:
    """Open the review: members may propose amendments until the charter's review period
    after the meeting is over (or, when the text comes after that, for a full period from
    today). The approval goes on the agenda of the body's next meeting
    (`approval_meeting` overrides it, for recording past approvals). The body's members
    are told by e-mail once the transaction commits (`notify=False` for past records)."""
    current = _lock(minutes)
    if current.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Seul un brouillon peut être soumis à la relecture."))
    today = today or timezone.localdate()
    period = timedelta(days=review_days(current.meeting))
    current.review_until = meeting_day(current.meeting) + period
    if current.review_until < today:  # a text that comes after the period still gets one
        current.review_until = today + period
    current.status = Minutes.Status.IN_REVIEW
    current.submitted_at = timezone.now()
    meeting = approval_meeting or _approval_meeting(current)
    if meeting is not None:
        current.approval_item = _put_approval_on_agenda(minutes=current, meeting=meeting, by=by)
    current.save()
    if notify:
        transaction.on_commit(lambda: send_minutes_review_mail.enqueue(current.pk))
    return current


def _approval_meeting(minutes: Minutes) -> Meeting | None:
    assert minutes.review_until is not None
    return approval_meeting(minutes.meeting, minutes.review_until)


@transaction.atomic
def approvals_put_on_agenda(*, meeting: Meeting) -> list[Minutes]:
    """A meeting just planned carries the approval of the body's minutes whose review
    ends before it and that no agenda carries yet. Returns those minutes."""
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        return []
    waiting = waiting_for_approval(meeting)
    for minutes in waiting:
        current = _lock(minutes)
        if current.approval_item_id is not None:  # another meeting took it meanwhile
            continue
        by = current.author or meeting.secretary or meeting.facilitator
        if by is None:
            continue
        current.approval_item = _put_approval_on_agenda(minutes=current, meeting=meeting, by=by)
        current.save(update_fields=["approval_item", "updated_at"])
    return waiting


@transaction.atomic
def minutes_approve(*, minutes: Minutes, by: Person, now: datetime | None = None) -> Minutes:
    """Record the approval at the meeting whose agenda carries it; the text is locked.
    The review period must be over, and every amendment decided."""
    current = _lock(minutes)
    if current.status != Minutes.Status.IN_REVIEW:
        raise ValidationError(_("Seul un compte-rendu en relecture peut être approuvé."))
    now = now or timezone.now()
    if current.review_until is not None and timezone.localdate(now) <= current.review_until:
        raise ValidationError(
            _(
                "La relecture court jusqu'au %(date)s : les membres peuvent encore proposer "
                "des amendements. Le compte-rendu s'approuve à partir du %(next)s."
            )
            % {
                "date": french_date(current.review_until, "DATE_FORMAT"),
                "next": french_date(current.review_until + timedelta(days=1), "DATE_FORMAT"),
            }
        )
    if current.amendments.filter(status=MinutesAmendment.Status.PROPOSED).exists():
        raise ValidationError(
            _("Des amendements attendent encore une décision : acceptez-les ou refusez-les.")
        )
    item = current.approval_item
    meeting = item.meeting if item else next_meeting(current.meeting)
    if meeting is None:
        raise ValidationError(
            _("Aucune réunion suivante n'est prévue : le compte-rendu s'approuve en réunion.")
        )
    if meeting.starts_at > now:
        raise ValidationError(
            _("Le compte-rendu s'approuvera lors de la réunion du %(date)s.")
            % {"date": french_date(meeting_day(meeting), "DATE_FORMAT")}
        )
    current.status = Minutes.Status.APPROVED
    current.approved_at = now
    current.approved_in = meeting
    current.approved_by = by
    current.save()
    if item is not None:
        note = _("Compte-rendu (version %(version)s) approuvé.") % {"version": current.version}
        item.notes = f"{item.notes.rstrip()}\n\n{note}".strip()
        item.save(update_fields=["notes"])
    return current


@transaction.atomic
def minutes_correct(*, minutes: Minutes, by: Person) -> Minutes:
    """A correction of approved minutes: a new draft version, linked to the approved
    one, which stays as it was."""
    current = _lock(minutes)
    if current.status != Minutes.Status.APPROVED:
        raise ValidationError(
            _("Seul un compte-rendu approuvé se corrige par une nouvelle version.")
        )
    latest = Minutes.objects.filter(meeting_id=current.meeting_id).aggregate(v=Max("version"))["v"]
    if latest != current.version:
        raise ValidationError(_("Une version plus récente de ce compte-rendu existe déjà."))
    return Minutes.objects.create(
        meeting_id=current.meeting_id,
        version=current.version + 1,
        text=current.text,
        author=by,
        corrects=current,
    )


def _check_passage(text: str, passage: str) -> None:
    count = text.count(passage)
    if count == 0:
        raise ValidationError(
            {"passage": _("Ce passage ne figure pas dans le compte-rendu : copiez-le tel quel.")}
        )
    if count > 1:
        raise ValidationError(
            {"passage": _("Ce passage figure plusieurs fois : citez-en un peu plus.")}
        )


def _paragraph_change(
    text: str, paragraph: int | None, passage: str, replacement: str
) -> tuple[str, str]:
    """(passage, replacement) in the Markdown source for what the member asked, in the
    words they see: a chosen paragraph's new text, or a passage copied from the page
    (within the chosen paragraph, if one is chosen) and what replaces it. A passage
    copied from the source itself is still taken as it is."""
    items = paragraphs(text)
    chosen = next((p for p in items if p.number == paragraph), None)
    if paragraph is not None and chosen is None:
        raise ValidationError(
            {
                "paragraph": _(
                    "Ce paragraphe n'existe plus : le texte a changé, choisissez-le à nouveau."
                )
            }
        )
    if passage:
        try:
            target = locate(items, passage, paragraph)
        except ValidationError:
            if paragraph is not None or text.count(passage) == 0:
                raise
            _check_passage(text, passage)  # copied from the source: as before
            return passage, replacement
        new_plain = replace_in(target, passage, replacement)
    elif chosen is not None:
        target, new_plain = chosen, replacement
    else:  # checked by amendment_propose
        raise ValidationError({"paragraph": _("Ce paragraphe n'existe plus.")})
    if " ".join(new_plain.split()) == " ".join(target.plain.split()):
        raise ValidationError({"replacement": _("La nouvelle rédaction est identique.")})
    return source_change(text, target, rewrite(target, new_plain))


@transaction.atomic
def amendment_propose(
    *,
    minutes: Minutes,
    author: Person,
    passage: str = "",
    replacement: str,
    reason: str,
    paragraph: int | None = None,
    today: date | None = None,
) -> MinutesAmendment:
    """A member proposes to change a paragraph (its new displayed text) or a passage
    copied from the page (and what replaces it); it is kept as the change of the source
    it amounts to, which accepting applies."""
    current = _lock(minutes)
    if current.status != Minutes.Status.IN_REVIEW or current.review_until is None:
        raise ValidationError(_("Ce compte-rendu n'est pas en relecture."))
    today = today or timezone.localdate()
    if today > current.review_until:
        raise ValidationError(
            _("La relecture est close depuis le %(date)s.")
            % {"date": french_date(current.review_until, "DATE_FORMAT")}
        )
    passage, replacement = _normalise(passage).strip(), _normalise(replacement).strip()
    if not passage and paragraph is None:
        raise ValidationError(
            {"paragraph": _("Choisissez le paragraphe à amender, ou collez le passage à modifier.")}
        )
    if passage == replacement and passage:
        raise ValidationError({"replacement": _("La nouvelle rédaction est identique.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Dites pourquoi vous proposez cet amendement.")})
    source_passage, source_replacement = _paragraph_change(
        current.text, paragraph, passage, replacement
    )
    return MinutesAmendment.objects.create(
        minutes=current,
        author=author,
        passage=source_passage,
        replacement=source_replacement,
        reason=reason.strip(),
    )


@transaction.atomic
def amendment_decide(
    *, amendment: MinutesAmendment, by: Person, accept: bool, reason: str = ""
) -> MinutesAmendment:
    """Accept (the passage is replaced in the text; the amendment keeps the history) or
    reject (with a reason)."""
    minutes = _lock(amendment.minutes)
    amendment = MinutesAmendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != MinutesAmendment.Status.PROPOSED:
        raise ValidationError(_("Cet amendement a déjà été traité."))
    _refuse_if_locked(minutes)
    reason = reason.strip()
    if accept:
        try:
            _check_passage(minutes.text, amendment.passage)
        except ValidationError as error:
            raise ValidationError(
                _(
                    "Le texte a changé depuis la proposition : le passage n'y figure plus tel "
                    "quel. Reportez l'amendement à la main, ou refusez-le."
                )
            ) from error
        minutes.text = minutes.text.replace(amendment.passage, amendment.replacement, 1)
        minutes.revision += 1
        minutes.save(update_fields=["text", "revision", "updated_at"])
    elif not reason:
        raise ValidationError({"decision_reason": _("Dites pourquoi l'amendement est refusé.")})
    amendment.status = (
        MinutesAmendment.Status.ACCEPTED if accept else MinutesAmendment.Status.REJECTED
    )
    amendment.decided_by = by
    amendment.decided_at = timezone.now()
    amendment.decision_reason = reason
    amendment.save()
    return amendment
