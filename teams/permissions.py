"""Who may change a team's content: its own team lead."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, deny, led_team_ids


def leads_team(user, team) -> bool:
    return team is not None and team.pk in led_team_ids(user)


def can_edit_team_content(user, team) -> Verdict:
    """Change a team's goals, activities, planning and partners: its own team lead only."""
    if leads_team(user, team):
        return ALLOWED
    return deny(_("Only the team lead of %(team)s can change this.") % {"team": team})


def can_edit_goal(user, goal) -> Verdict:
    return can_edit_team_content(user, goal.team)
