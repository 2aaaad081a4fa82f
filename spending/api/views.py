"""Spending requests through the API: the spending pages' rules, services and selector.

Writes and steps call ``spending.services``; a step the request's state does not allow
answers 409 before the body is read (and again from the service, under its lock, if the
state changed meanwhile). Budget refusals are 409 too, with the figures.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from citydeal.api.schema import errors
from citydeal.api.views import PortalViewSet
from spending import services
from spending.api.filters import SpendingRequestFilter
from spending.api.permissions import SpendingRequestPermission
from spending.api.serializers import (
    ApproveSerializer,
    NoteSerializer,
    RealiseSerializer,
    ReasonSerializer,
    SpendingRequestDetailSerializer,
    SpendingRequestSerializer,
    SpendingRequestWriteSerializer,
)
from spending.constants import SpendingAction, target_state
from spending.exceptions import TransitionNotAllowed
from spending.models import SpendingRequest, SpendingTransition
from spending.permissions import can_view_spending
from spending.selectors import spending_requests_visible, trail_prefetches

# What a row of the list shows of the people on it: their usernames.
_PEOPLE = ("created_by", "submitted_by", "decided_by")


def _for_list(queryset):
    """The requests with what the list shows and what the rules of its ``actions`` read,
    in one query, and the trail of the whole page in one more (each step with who took it).

    The user's roles and led teams, which the rules also read, are loaded once per
    request on the user (``citydeal.verdicts``), not once per row.
    """
    steps = SpendingTransition.objects.select_related("by").only(
        "request_id", "at", "by__username", "from_state", "to_state", "amount", "note"
    )
    return (
        queryset.select_related(None)
        # The line's team: a rule's refusal names it (``can_submit_spending``).
        .select_related("budget_line__team", *_PEOPLE)
        .only(
            *(field.attname for field in SpendingRequest._meta.concrete_fields),
            "budget_line__team__number",
            "budget_line__team__short_name",
            *(f"{person}__username" for person in _PEOPLE),
        )
        .prefetch_related(Prefetch("transitions", queryset=steps))
    )


_DECIDE_403 = "Not a core team member, or the request is one's own (four eyes)."


def _step_schema(summary: str, request, **described):
    return extend_schema(
        summary=summary,
        request=request,
        responses={200: SpendingRequestDetailSerializer, **errors(**described)},
    )


@extend_schema_view(
    list=extend_schema(
        summary="The spending requests the user may see",
        description=(
            "The core team and directors see every request; a team lead those of the own "
            "teams and the own ones. Case owners get 403."
        ),
    ),
    retrieve=extend_schema(
        summary="One spending request with its trail: its steps and the changes of its fields"
    ),
    create=extend_schema(
        summary="A new draft request (team lead of the line's team, or core team)",
        request=SpendingRequestWriteSerializer,
        responses={
            201: SpendingRequestDetailSerializer,
            **errors(e403="Not a team lead of the line's team nor a core team member."),
        },
    ),
    update=extend_schema(
        summary="Change a draft or returned request (its creator)",
        request=SpendingRequestWriteSerializer,
        responses={
            200: SpendingRequestDetailSerializer,
            **errors(e403="Not its creator.", e409="The request is no draft or returned one."),
        },
    ),
    partial_update=extend_schema(
        summary="Change some fields of a draft or returned request (its creator)",
        request=SpendingRequestWriteSerializer,
        responses={
            200: SpendingRequestDetailSerializer,
            **errors(e403="Not its creator.", e409="The request is no draft or returned one."),
        },
    ),
)
class SpendingRequestViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = SpendingRequestSerializer
    filterset_class = SpendingRequestFilter
    permission_classes = [SpendingRequestPermission]

    def get_serializer_class(self):
        # The list stays light: the changes of each request's fields are in its detail.
        if self.action == "list":
            return SpendingRequestSerializer
        return SpendingRequestDetailSerializer

    def get_queryset(self):
        queryset = spending_requests_visible(self.request.user).filter(
            budget_line__team__programme=self.programme
        )
        if self.action == "list":
            queryset = _for_list(queryset)
        else:
            queryset = queryset.prefetch_related(*trail_prefetches())
        # The index spending_created_desc walks this order: a page reads its own rows.
        return queryset.order_by("-created", "-pk")

    def get_object(self):
        """The request if the user may see it: 404 when there is none, 403 with the reason
        when it is another team's (as the spending pages answer)."""
        pk = self.kwargs["pk"]
        req = self.get_queryset().filter(pk=pk).first()
        if req is None:
            other = (
                SpendingRequest.objects.select_related("budget_line")
                .filter(pk=pk, budget_line__team__programme=self.programme)
                .first()
            )
            if other is None:
                raise Http404(_("There is no spending request with this number."))
            verdict = can_view_spending(self.request.user, other)
            if not verdict:
                raise PermissionDenied(verdict.reason)
            raise Http404  # visible by the rule but not by the selector: they must agree
        self.check_object_permissions(self.request, req)
        return req

    def create(self, request, *args, **kwargs):
        data = self.validated(SpendingRequestWriteSerializer)
        req = services.spending_request_create(by=request.user, **data)
        return self.respond(req, status=201)

    def update(self, request, *args, partial=False, **kwargs):
        req = self.get_object()
        if not req.editable:
            raise TransitionNotAllowed(state=req.state)
        data = self.validated(SpendingRequestWriteSerializer, partial=partial)
        services.spending_request_update(request_id=req.pk, by=request.user, **data)
        return self.respond(req)

    def _step(self, step: SpendingAction, serializer_class, service, **extra):
        req = self.get_object()  # the rule of the step: 403 with its reason
        if target_state(req.state, step) is None:
            raise TransitionNotAllowed(state=req.state, action=step)
        data = self.validated(serializer_class)
        service(request_id=req.pk, by=self.request.user, **data, **extra)
        return self.respond(req)

    @_step_schema(
        "Submit a draft or returned request (its creator)",
        NoteSerializer,
        e403="Not its creator.",
        e409="The request is no draft or returned one.",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(SpendingAction.SUBMIT, NoteSerializer, services.spending_request_submit)

    @_step_schema(
        "Approve a submitted request (core team, not one's own)",
        ApproveSerializer,
        e403=_DECIDE_403,
        e409=(
            "The request is not submitted (a draft, or decided already), or the budget line "
            "or the year's budget space cannot hold the amount (with the figures)."
        ),
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(
            SpendingAction.APPROVE, ApproveSerializer, services.spending_request_approve
        )

    @_step_schema(
        "Reject a submitted request, with a reason (core team, not one's own)",
        ReasonSerializer,
        e400="No reason in `note`.",
        e403=_DECIDE_403,
        e409="The request is not submitted.",
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._step(SpendingAction.REJECT, ReasonSerializer, services.spending_request_reject)

    @_step_schema(
        "Return a submitted request to its creator, with a reason (core team, not one's own)",
        ReasonSerializer,
        e400="No reason in `note`.",
        e403=_DECIDE_403,
        e409="The request is not submitted.",
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._step(SpendingAction.RETURN, ReasonSerializer, services.spending_request_return)

    @_step_schema(
        "Withdraw a submitted request (the person who submitted it)",
        NoteSerializer,
        e403="Not the person who submitted it.",
        e409="The request is not submitted.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._step(
            SpendingAction.WITHDRAW, NoteSerializer, services.spending_request_withdraw
        )

    @_step_schema(
        "Record what an approved request actually cost (core team, not one's own)",
        RealiseSerializer,
        e400=(
            "The actual amount or the date does not do: an amount above the approved one "
            "(larger costs need a new request), a date in the future or outside the budget "
            "line's period."
        ),
        e403="Not a core team member, or the request is one's own (created or submitted).",
        e409="The request is not approved.",
    )
    @action(detail=True, methods=["post"])
    def realise(self, request, pk=None):
        return self._step(
            SpendingAction.REALISE, RealiseSerializer, services.spending_request_realise
        )
