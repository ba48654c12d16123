"""The consent rules. The processes that treat a proposal: consent (sociocracy), vote,
collective opinion (avis) and information, live in a meeting or asynchronously with a
deadline. Here the rules as pure reads (rules.py, outcomes.py) and who may drive
(permissions.py); the writes that follow them are in decisions/proposals/.

Consent, as in DOMAIN.md: presentation → clarifying questions (questions only) →
reactions → amendment by the proposer → objections round → integration (objections are
resolved by an amendment or withdrawn by their author) → a new objections round
(round_number + 1) → adoption when no objection stands and every participant consented
in the latest objections round. Silence is never consent: a participant who has not
answered blocks adoption, and the page says who. A vote is counted, a collective
opinion adopted, once everyone has answered the round, or, asynchronously, once its
deadline has passed (silence is then simply not counted).

Each round gives each participant one turn (Turn is unique per phase, round and
person); live, the turn goes to the next one by name, and the last speaker (the nominee
of an election) always answers after everyone else. The outcome's kind follows the
body's authority on the proposal's object (`outcome_kind`): on an object where the body
only gives an opinion, the entry of the register is an avis, never a décision; without
an object, the body decides only on its own functioning (charter, framework, election).
The text of those proposals is not amended: what they adopt is the version or the
nominee.

Who drives (opens, advances, integrates, adopts): the proposer, the body's facilitator,
the meeting's facilitator when the proposal is treated in a meeting, the territory's
administrators. Any current member (guests excepted) takes their own turn, proposes
amendments and withdraws their own objection. Every write locks the proposal's row; a
proposal attached to an agenda item bumps its meeting's live version, so that the
participants' live pages follow.
"""
