"""Workshop slots and bookings through the API: the workshop pages' rules, services and
selectors.

Writes and steps call ``workshops.services``; a step the booking's state does not allow
answers 409 before the body is read (and again from the service, under its lock, if the
state changed meanwhile). A full slot (``slot_full``), a case confirmed elsewhere at that
time (``overlap``) and a closed request period (``deadline``) are 409 too.
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
from workshops import services
from workshops.api.filters import BookingFilter, WorkshopSlotFilter
from workshops.api.permissions import BookingPermission, WorkshopSlotPermission
from workshops.api.serializers import (
    BookingDeclineSerializer,
    BookingNoteSerializer,
    BookingReportSerializer,
    BookingSerializer,
    BookingWriteSerializer,
    CancelReasonSerializer,
    WorkshopSlotSerializer,
    WorkshopSlotWriteSerializer,
)
from workshops.constants import BookingAction, target_state
from workshops.exceptions import transition_refused
from workshops.models import Booking, BookingTransition, WorkshopSlot
from workshops.permissions import can_view_booking
from workshops.selectors import bookings_visible, slots_with_places

_PUBLISH_403 = "Not the team lead of the slot's team nor a core team member."
_SLOT_409 = "The slot is cancelled."


def _slot_schema(summary: str, status: int, refused: dict):
    return extend_schema(
        summary=summary,
        request=WorkshopSlotWriteSerializer,
        responses={status: WorkshopSlotSerializer, **refused},
    )


@extend_schema_view(
    list=extend_schema(
        summary="The workshop slots of the teams, in time order, with their free places",
        description="Every user with a role reads them, cancelled ones included (`state`).",
    ),
    retrieve=extend_schema(summary="One workshop slot with its free places"),
    create=_slot_schema(
        "Publish a workshop slot (team lead of its team, or core team)",
        201,
        errors(
            e400=(
                "A field does not do: capacity below 1, the end not after the start, a start "
                "in the past, a goal or activity of another team, an unknown team."
            ),
            e403=_PUBLISH_403,
        ),
    ),
    partial_update=_slot_schema(
        "Change some fields of a scheduled slot (team lead of its team, or core team)",
        200,
        errors(
            e400=(
                "A field does not do, the team is another one, or the capacity is below the "
                "confirmed bookings."
            ),
            e403=_PUBLISH_403,
            e409=(
                "The slot is cancelled (`state`), or a new time would put a confirmed case "
                "in two workshops at once (`overlap`)."
            ),
        ),
    ),
)
class WorkshopSlotViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, PortalViewSet):
    serializer_class = WorkshopSlotSerializer
    filterset_class = WorkshopSlotFilter
    permission_classes = [WorkshopSlotPermission]
    # A change names the fields it changes (PATCH); there is no PUT.
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        slots = WorkshopSlot.objects.filter(team__programme=self.programme)
        return (
            slots_with_places(slots)
            .select_related(None)
            .select_related("team", "created_by")
            .order_by("start", "pk")
        )

    def create(self, request, *args, **kwargs):
        data = self.validated(WorkshopSlotWriteSerializer)
        slot = services.slot_create(by=request.user, **data)
        return self.respond(slot, status=201)

    def partial_update(self, request, *args, **kwargs):
        slot = self.get_object()
        data = self.validated(WorkshopSlotWriteSerializer, partial=True, instance=slot)
        data.pop("team", None)  # the same team: checked by the serializer
        return self.respond(services.slot_update(slot_id=slot.pk, by=request.user, **data))

    @extend_schema(
        summary="Cancel a slot with a reason; its bookings are cancelled with it",
        request=CancelReasonSerializer,
        responses={
            200: WorkshopSlotSerializer,
            **errors(e400="No reason in `reason`.", e403=_PUBLISH_403, e409=_SLOT_409),
        },
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        slot = self.get_object()
        data = self.validated(CancelReasonSerializer)
        return self.respond(services.slot_cancel(slot_id=slot.pk, by=request.user, **data))


_DECIDE_403 = "Not the team lead of the slot's team nor a core team member."
_STATE_409 = "The booking's state does not allow this step (`state`)."


def _step_schema(summary: str, request, **described):
    return extend_schema(
        summary=summary,
        request=request,
        responses={200: BookingSerializer, **errors(**described)},
    )


@extend_schema_view(
    list=extend_schema(
        summary="The bookings the user may see",
        description=(
            "The core team and directors see every booking; a team lead those of the own "
            "teams' slots; a case owner those of the own cases and the own requests."
        ),
    ),
    retrieve=extend_schema(summary="One booking with its trail"),
    create=extend_schema(
        summary="Ask a place in a workshop for a case (its owner, or core team)",
        request=BookingWriteSerializer,
        responses={
            201: BookingSerializer,
            **errors(
                e400="A field does not do: an unknown slot, or a case of another programme.",
                e403="Not an owner of the case nor a core team member.",
                e409=(
                    "The slot is full (`slot_full`: send `waiting_list: true` to join the "
                    "waiting list), the case is confirmed in another workshop at that time "
                    "(`overlap`), the case already has a booking for the slot or the slot is "
                    "cancelled (`state`), or requests are closed (`deadline`)."
                ),
            ),
        },
    ),
)
class BookingViewSet(mixins.CreateModelMixin, PortalViewSet):
    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    permission_classes = [BookingPermission]

    def get_queryset(self):
        steps = BookingTransition.objects.select_related("by").order_by("at", "pk")
        return (
            bookings_visible(self.request.user)
            .filter(slot__team__programme=self.programme)
            .prefetch_related(Prefetch("transitions", queryset=steps))
            .order_by("-created", "-pk")
        )

    def get_object(self):
        """The booking if the user may see it: 404 when there is none, 403 with the reason
        when it is another case's or team's."""
        pk = self.kwargs["pk"]
        booking = self.get_queryset().filter(pk=pk).first()
        if booking is None:
            other = (
                Booking.objects.select_related("slot__team")
                .filter(pk=pk, slot__team__programme=self.programme)
                .first()
            )
            if other is None:
                raise Http404(_("There is no booking with this number."))
            verdict = can_view_booking(self.request.user, other)
            if not verdict:
                raise PermissionDenied(verdict.reason)
            raise Http404  # visible by the rule but not by the selector: they must agree
        self.check_object_permissions(self.request, booking)
        return booking

    def create(self, request, *args, **kwargs):
        data = self.validated(BookingWriteSerializer)
        booking = services.booking_request(by=request.user, **data)
        return self.respond(booking, status=201)

    def _step(self, step: BookingAction, serializer_class, service):
        booking = self.get_object()  # the rule of the step: 403 with its reason
        if target_state(booking.state, step) is None:
            raise transition_refused(state=booking.state, action=step)
        data = self.validated(serializer_class)
        service(booking_id=booking.pk, by=self.request.user, **data)
        return self.respond(booking)

    @_step_schema(
        "Confirm a requested or waiting booking (team lead of the slot's team, or core team)",
        BookingNoteSerializer,
        e403=_DECIDE_403,
        e409=(
            "The booking is not requested or waiting, or the slot is cancelled (`state`); "
            "all places are confirmed (`slot_full`); the case is confirmed in another "
            "workshop at that time (`overlap`)."
        ),
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._step(BookingAction.CONFIRM, BookingNoteSerializer, services.booking_confirm)

    @_step_schema(
        "Decline a requested or waiting booking, with a reason (team lead, or core team)",
        BookingDeclineSerializer,
        e400="No reason in `note`.",
        e403=_DECIDE_403,
        e409=_STATE_409,
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._step(BookingAction.DECLINE, BookingDeclineSerializer, services.booking_decline)

    @_step_schema(
        "Cancel a booking, with a reason (the case's owners, the team lead, or core team)",
        CancelReasonSerializer,
        e400="No reason in `reason`.",
        e403="Not an owner of the case, the one who asked, the team lead nor core team.",
        e409=_STATE_409,
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._step(BookingAction.CANCEL, CancelReasonSerializer, services.booking_cancel)

    @_step_schema(
        "Mark a confirmed booking held, with a short report (team lead, or core team)",
        BookingReportSerializer,
        e403=_DECIDE_403,
        e409="The booking is not confirmed, or the workshop has not begun yet (`state`).",
    )
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        return self._step(BookingAction.HELD, BookingReportSerializer, services.booking_mark_held)

    @_step_schema(
        "Mark a confirmed booking not held (team lead, or core team)",
        BookingReportSerializer,
        e403=_DECIDE_403,
        e409="The booking is not confirmed, or the workshop has not begun yet (`state`).",
    )
    @action(detail=True, methods=["post"], url_path="not-held", url_name="not-held")
    def not_held(self, request, pk=None):
        return self._step(
            BookingAction.NOT_HELD, BookingReportSerializer, services.booking_mark_not_held
        )
