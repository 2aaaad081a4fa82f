from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from citydeal.api.serializers import PlannedRepresentation
from reporting.changes import ChangeKind
from reporting.models import Snapshot
from reporting.wording import change_url


class SnapshotSerializer(PlannedRepresentation, serializers.ModelSerializer):
    """A snapshot in the list: its title, when and by whom it was taken."""

    taken_by = serializers.CharField(
        source="taken_by.display_name", read_only=True, help_text=_("Who took it (name).")
    )

    class Meta:
        model = Snapshot
        fields = ["id", "title", "taken_at", "taken_by"]


class SnapshotDetailSerializer(SnapshotSerializer):
    """A snapshot with the dashboard's figures as they were (``GET /api/v1/dashboard/``)."""

    figures = serializers.SerializerMethodField(
        help_text=_(
            "The dashboard's figures when the snapshot was taken: amounts as decimal strings, "
            "counts as numbers."
        )
    )

    class Meta(SnapshotSerializer.Meta):
        fields = [*SnapshotSerializer.Meta.fields, "version", "figures"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_figures(self, snapshot) -> dict:
        return snapshot.figures


class SnapshotWriteSerializer(serializers.Serializer):
    """A new snapshot of the state of now (``reporting.services.snapshot_create``)."""

    title = serializers.CharField(
        max_length=200,
        help_text=_('One line, e.g. "Update directeurenoverleg 24 maart".'),
        trim_whitespace=False,
    )


class ChangeSerializer(serializers.Serializer):
    """One change between two snapshots."""

    kind = serializers.ChoiceField(choices=ChangeKind.choices, read_only=True)
    kind_label = serializers.SerializerMethodField()
    team = serializers.CharField(
        read_only=True, allow_null=True, help_text=_('The team ("OT1"), if it has one.')
    )
    title = serializers.CharField(read_only=True)
    was = serializers.DictField(
        read_only=True,
        allow_null=True,
        help_text=_("The figures before (null: the object was not there)."),
    )
    now = serializers.DictField(
        read_only=True,
        allow_null=True,
        help_text=_("The figures after (null: the object is gone)."),
    )
    url = serializers.SerializerMethodField(help_text=_("The object's page, if it has one."))

    def get_kind_label(self, change) -> str:
        return str(ChangeKind(change.kind).label)

    def get_url(self, change) -> str | None:
        return change_url(change)


class SnapshotChangesSerializer(serializers.Serializer):
    """What changed from the previous snapshot (``previous``; null for the first) to
    this one."""

    snapshot = serializers.IntegerField(read_only=True)
    previous = serializers.IntegerField(read_only=True, allow_null=True)
    changes = ChangeSerializer(many=True, read_only=True)
