"""The roles of the brief and the demo account that plays each, named once.

A test that needs role accounts takes them from here. Roles that depend on the test's
subject (the lead of *the* team, the owner of *the* case) come from ``Subject``: each
test says which team and case it is about, e.g. ``Subject(team=5)`` for OT5 and the
Componistenbuurt case. ``None`` is the anonymous visitor.
"""

from dataclasses import dataclass

from django.conf import settings

DEMO_PASSWORD = getattr(settings, "DEMO_PASSWORD", "citydeal2021")

CORE_TEAM = "kernteam1"
CORE_TEAM_OTHER = "kernteam2"  # a second core team member (four eyes)
DIRECTOR = "directeur"
FUNCTIONAL_ADMIN = "beheerder"
ANONYMOUS = None
# No demo account is without a role: tests make one with ``tests.factories.UserFactory``.
NO_ROLE = "no-role"

DORDRECHT = "dordtse-buurtaanpak-componistenbuurt"
ZOETERMEER = "datagedreven-assetmanagement-zoetermeer"
CASE_OWNERS = {DORDRECHT: "casus-dordrecht", ZOETERMEER: "casus-zoetermeer"}


def team_lead(team_number: int) -> str:
    """The demo team lead of OT<team_number> (trekker1 .. trekker6)."""
    return f"trekker{team_number}"


def case_owner(case_slug: str) -> str:
    """The demo owner of the case with this slug."""
    return CASE_OWNERS[case_slug]


@dataclass(frozen=True)
class Subject:
    """What a test is about: a team ("this" team) and a case ("this" case), with another
    team and another case whose people must not get this team's or case's rights."""

    team: int
    other_team: int = 1
    case: str = DORDRECHT
    other_case: str = ZOETERMEER

    @property
    def team_lead(self) -> str:
        return team_lead(self.team)

    @property
    def team_lead_other(self) -> str:
        assert self.other_team != self.team
        return team_lead(self.other_team)

    @property
    def case_owner(self) -> str:
        return case_owner(self.case)

    @property
    def case_owner_other(self) -> str:
        return case_owner(self.other_case)
