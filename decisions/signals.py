"""Signals of the decisions app.

`proposal_adopted` is sent inside the adoption's transaction, after the register entry is
written, with `proposal` and `decision`. The subject of a proposal listens to it: the
charter or framework version it adopts (decisions/receivers.py), an election (the
elections app). A receiver that raises ValidationError refuses the adoption: nothing is
written."""

from django.dispatch import Signal

proposal_adopted = Signal()
