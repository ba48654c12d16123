"""A mirror's action plan is a kind of proposal subject (decisions/proposals/subjects.py):
« Soumettre au consentement » files a consent proposal that carries the session; while
it runs the plan does not change; adopted, the plan is the body's."""

from __future__ import annotations

from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.models import Decision, Proposal
from decisions.proposals.subjects import register
from reflection.models import MirrorAction, MirrorSession, PlanStatus


def _plan_of(subject: Model) -> MirrorSession:
    assert isinstance(subject, MirrorSession)
    return subject


class PlanSubject:
    summarises = gettext_lazy("le plan d’action de l’opération miroir")

    def title(self, subject: Model) -> str:
        session = _plan_of(subject)
        return _("Plan d’action de l’opération miroir du %(date)s") % {
            "date": session.held_on.strftime("%d/%m/%Y")
        }

    def text(self, subject: Model) -> str:
        session = _plan_of(subject)
        actions = MirrorAction.objects.filter(session=session).select_related("action")
        lines = [session.plan or _("(Le plan n’a pas de texte.)")]
        titles = [f"- {link.action.title}" for link in actions.order_by("action__pk")]
        if titles:
            lines += ["", _("Actions décidées :"), *titles]
        return "\n".join(lines)

    def filed(self, subject: Model, proposal: Proposal) -> None:
        MirrorSession.objects.filter(pk=subject.pk).update(plan_status=PlanStatus.SUBMITTED)

    def released(self, subject: Model, proposal: Proposal) -> None:
        MirrorSession.objects.filter(pk=subject.pk).update(plan_status=PlanStatus.DRAFT)

    def adopted(self, subject: Model, proposal: Proposal, decision: Decision) -> None:
        MirrorSession.objects.filter(pk=subject.pk).update(
            plan_status=PlanStatus.ADOPTED, plan_adopted_on=decision.decided_on
        )


def register_plan_subject() -> None:
    register(MirrorSession, PlanSubject())
