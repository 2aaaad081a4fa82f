from django.urls import reverse
from django.utils.translation import gettext as _

from citydeal.forms import form_page
from citydeal.services import ensure_allowed
from teams.forms import GoalForm
from teams.permissions import can_edit_goal
from teams.selectors import (
    goal_get,
    programme_current,
    team_get,
)
from teams.services import goal_update


def goal_edit_view(request, number: int, pk: int):
    programme = programme_current()
    team = team_get(programme=programme, number=number)
    goal = goal_get(team=team, pk=pk)
    ensure_allowed(can_edit_goal(request.user, goal))
    form = GoalForm(request.POST if request.method == "POST" else None, instance=goal)
    back_url = f"{reverse('team-detail', args=[team.number])}#goals"
    return form_page(
        request,
        form,
        lambda data: goal_update(goal=goal, by=request.user, **data),
        saved_message=_("The goal has been saved."),
        title=lambda: _("Edit goal %(goal)s") % {"goal": goal},
        back_url=back_url,
        back_label=str(team),
        submit_label=_("Save goal"),
    )
