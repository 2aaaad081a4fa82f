"""The spending pages: thin; the forms check the input, selectors read, services write.

A step the user may not take answers 403 with the rule's reason. A step the state or
the budget does not allow comes back to the request's page as a message that explains
itself (with the figures); a note or amount that does not do shows at its field.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from citydeal.forms import add_service_errors, form_page
from citydeal.paging import page_from_request
from citydeal.services import ensure_allowed
from spending import services
from spending.constants import SpendingAction, SpendingState
from spending.exceptions import TransitionNotAllowed
from spending.forms import NoteForm, QueueFilterForm, RealiseForm, SpendingRequestForm
from spending.models import SpendingRequest
from spending.permissions import (
    CREATE_REFUSED,
    can_edit_spending,
    can_view_spending,
    can_view_spending_pages,
    can_view_spending_queue,
    spending_actions_for,
)
from spending.selectors import (
    activities_for_submitter,
    budget_line_figures,
    budget_lines_for_submitter,
    budget_overview,
    spending_request_detail,
    spending_request_list,
    spending_request_trail,
    spending_requests_mine,
    year_figures,
)
from teams.selectors import programme_current


def _get_visible(request, pk: int) -> SpendingRequest:
    """The request if the user may see it: 404 when it does not exist, 403 with the reason
    when it is another team's."""
    ensure_allowed(can_view_spending_pages(request.user))
    try:
        return spending_request_detail(user=request.user, pk=pk)
    except SpendingRequest.DoesNotExist:
        pass
    req = SpendingRequest.objects.select_related("budget_line").filter(pk=pk).first()
    if req is None:
        raise Http404(_("There is no spending request with this number."))
    ensure_allowed(can_view_spending(request.user, req))
    raise Http404  # visible by the rule but not by the selector: they must agree


# -- lists --------------------------------------------------------------------------------


def _list_filters(request, programme, *, default_state: str = "") -> tuple[QueueFilterForm, dict]:
    """The list's GET filter form and what it validly says (an invalid filter is shown and
    left out, the others still apply)."""
    data = request.GET.copy()
    if "state" not in data:
        data["state"] = default_state
    form = QueueFilterForm(data, programme=programme)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    return form, {
        "team": filters.get("team"),
        "period": filters.get("period"),
        "state": filters.get("state") or None,
        "search": filters.get("search", ""),
    }


def queue_view(request):
    """The approval queue: every team's requests, filterable; submitted ones by default."""
    ensure_allowed(can_view_spending_queue(request.user))
    programme = programme_current()
    form, filters = _list_filters(request, programme, default_state=SpendingState.SUBMITTED)
    requests = spending_request_list(user=request.user, **filters).filter(
        budget_line__team__programme=programme
    )
    page = page_from_request(request, requests)
    return render(
        request,
        "spending/queue.html",
        {"programme": programme, "form": form, "page": page, "requests": page.object_list},
    )


def mine_view(request):
    """The user's own requests and those of the teams the user leads, filterable."""
    ensure_allowed(can_view_spending_pages(request.user))
    programme = programme_current()
    form, filters = _list_filters(request, programme)
    requests = spending_requests_mine(user=request.user, **filters)
    page = page_from_request(request, requests)
    can_create = budget_lines_for_submitter(request.user).exists()
    return render(
        request,
        "spending/mine.html",
        {
            "form": form,
            "page": page,
            "requests": page.object_list,
            "can_create": can_create,
            "filtered": any(filters.values()),
        },
    )


# -- a request: create, change, read ----------------------------------------------------


def _request_form(request, data=None, initial=None):
    return SpendingRequestForm(
        data,
        initial=initial,
        lines=budget_lines_for_submitter(request.user),
        activities=activities_for_submitter(request.user),
    )


def create_view(request):
    ensure_allowed(can_view_spending_pages(request.user))
    if not budget_lines_for_submitter(request.user).exists():
        raise PermissionDenied(CREATE_REFUSED)
    return form_page(
        request,
        _request_form(request, request.POST if request.method == "POST" else None),
        lambda data: services.spending_request_create(
            by=request.user,
            budget_line=data["budget_line"],
            activity=data["activity"],
            year=data["year"],
            title=data["title"],
            description=data["description"],
            amount=data["amount"],
        ),
        saved_message=_("The request has been saved as a draft. Submit it when it is ready."),
        title=_("New spending request"),
        back_url=reverse("spending-mine"),
        back_label=_("My requests"),
        submit_label=_("Save as draft"),
        success_url=lambda req: reverse("spending-detail", args=[req.pk]),
        once=True,
        template_name="spending/request_form.html",
        context={"req": None},
    )


def edit_view(request, pk: int):
    req = _get_visible(request, pk)
    ensure_allowed(can_edit_spending(request.user, req))
    if request.method == "POST":
        form = _request_form(request, request.POST)
    else:
        form = _request_form(
            request,
            initial={
                "budget_line": req.budget_line_id,
                "activity": req.activity_id,
                "year": req.year,
                "title": req.title,
                "description": req.description,
                "amount": req.amount,
            },
        )
    return form_page(
        request,
        form,
        lambda data: services.spending_request_update(
            request_id=req.pk,
            by=request.user,
            budget_line=data["budget_line"],
            activity=data["activity"],
            year=data["year"] or data["budget_line"].period.start_year,
            title=data["title"],
            description=data["description"],
            amount=data["amount"],
        ),
        saved_message=_("The changes have been saved."),
        title=_("Change spending request"),
        back_url=reverse("spending-detail", args=[req.pk]),
        back_label=req.title,
        submit_label=_("Save as draft"),
        template_name="spending/request_form.html",
        context={"req": req},
    )


def _actions(user, req: SpendingRequest) -> dict[str, bool]:
    """Which buttons the page shows: the steps of ``spending_actions_for``, and the edit link."""
    steps = {action.value: True for action in spending_actions_for(user, req)}
    return {"edit": bool(can_edit_spending(user, req)), **steps}


def _render_detail(request, req: SpendingRequest, *, forms=None, status=200):
    line = req.budget_line
    (year,) = year_figures(programme=line.team.programme_id, years=[req.year])
    forms = forms or {}
    # Back to the list the user works from: the queue for who decides or oversees every
    # team's requests, the own requests for the others.
    if can_view_spending_queue(request.user):
        back_url, back_label = reverse("spending-queue"), _("Approval queue")
    else:
        back_url, back_label = reverse("spending-mine"), _("My requests")
    return render(
        request,
        "spending/request_detail.html",
        {
            "req": req,
            "back_url": back_url,
            "back_label": back_label,
            "trail": spending_request_trail(req),
            "figures": budget_line_figures(line),
            "year": year,
            "actions": _actions(request.user, req),
            "period_years": line.period.years_label,
            "decision_form": forms.get("decision") or NoteForm(prefix="decide"),
            "note_form": forms.get("note") or NoteForm(),
            "realise_form": forms.get("realise") or RealiseForm(prefix="realise"),
        },
        status=status,
    )


def detail_view(request, pk: int):
    req = _get_visible(request, pk)
    return _render_detail(request, req)


# -- the steps ----------------------------------------------------------------------------

_DECISIONS = {
    SpendingAction.APPROVE: (
        services.spending_request_approve,
        gettext_lazy("The request has been approved."),
    ),
    SpendingAction.REJECT: (
        services.spending_request_reject,
        gettext_lazy("The request has been rejected."),
    ),
    SpendingAction.RETURN: (
        services.spending_request_return,
        gettext_lazy("The request has been returned to its creator."),
    ),
}
_OWN_STEPS = {
    SpendingAction.SUBMIT: (
        services.spending_request_submit,
        gettext_lazy("The request has been submitted to the core team."),
    ),
    SpendingAction.WITHDRAW: (
        services.spending_request_withdraw,
        gettext_lazy("The request has been withdrawn."),
    ),
}


def _run_step(request, req, form_key: str, form, call, done: str):
    """Runs a step; field errors show at the form, other refusals as a message."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except TransitionNotAllowed as error:
            messages.error(request, " ".join(error.messages))
        except ValidationError as error:
            if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
                add_service_errors(form, error)
                return _render_detail(request, req, forms={form_key: form}, status=400)
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, str(done))
        return redirect("spending-detail", pk=req.pk)
    return _render_detail(request, req, forms={form_key: form}, status=400)


def _step_view(action: SpendingAction):
    @require_POST
    def view(request, pk: int):
        req = _get_visible(request, pk)
        if action in _DECISIONS:
            service, done = _DECISIONS[action]
            form = NoteForm(request.POST, prefix="decide")
            return _run_step(
                request,
                req,
                "decision",
                form,
                lambda data: service(request_id=req.pk, by=request.user, note=data["note"]),
                done,
            )
        if action in _OWN_STEPS:
            service, done = _OWN_STEPS[action]
            form = NoteForm(request.POST)
            return _run_step(
                request,
                req,
                "note",
                form,
                lambda data: service(request_id=req.pk, by=request.user, note=data["note"]),
                done,
            )
        form = RealiseForm(request.POST, prefix="realise")
        return _run_step(
            request,
            req,
            "realise",
            form,
            lambda data: services.spending_request_realise(
                request_id=req.pk,
                by=request.user,
                actual_amount=data["actual_amount"],
                realised_on=data["realised_on"],
                note=data["note"],
            ),
            _("The actual amount has been recorded."),
        )

    view.__name__ = f"{action.value}_view"
    return view


submit_view = _step_view(SpendingAction.SUBMIT)
approve_view = _step_view(SpendingAction.APPROVE)
reject_view = _step_view(SpendingAction.REJECT)
return_view = _step_view(SpendingAction.RETURN)
withdraw_view = _step_view(SpendingAction.WITHDRAW)
realise_view = _step_view(SpendingAction.REALISE)


# -- budget figures ---------------------------------------------------------------------


def budget_view(request):
    """Budget control: planned, estimated, approved, realised and remaining, and the space."""
    ensure_allowed(can_view_spending_pages(request.user))
    programme = programme_current()
    return render(
        request,
        "spending/budget.html",
        {"programme": programme, "overview": budget_overview(programme=programme)},
    )
