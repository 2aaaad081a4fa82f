"""The snapshot pages: the list (and taking one, for the core team), what changed since
the previous snapshot, and what changed since the last one up to now. Thin: the form
checks the title, selectors read, the service writes."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from citydeal.forms import add_submit_token, submit_once
from citydeal.paging import page_from_request
from citydeal.services import ensure_allowed
from reporting.changes import ChangeGroup, ChangeKind, group_changes
from reporting.forms import SnapshotForm
from reporting.permissions import can_take_snapshot, can_view_snapshots
from reporting.selectors import (
    Comparison,
    changes_since_last,
    changes_since_previous,
    snapshot_get,
    snapshot_rows,
)
from reporting.services import snapshot_create
from reporting.wording import worded
from teams.selectors import programme_current

# Snapshots per page of the list.
SNAPSHOTS_PER_PAGE = 20
# Changes of one kind on the page of all kinds (and per page of one kind).
GROUP_LIMIT = 100


def snapshot_list_view(request):
    """GET: the snapshots, newest first; POST (the core team): take one, once per form."""
    programme = programme_current()
    ensure_allowed(can_view_snapshots(request.user))
    may_take = bool(can_take_snapshot(request.user))
    form = None
    if may_take:
        form = add_submit_token(SnapshotForm(request.POST if request.method == "POST" else None))
        response = submit_once(
            request,
            form,
            lambda data: snapshot_create(programme=programme, by=request.user, title=data["title"]),
            saved_message=_(
                "The snapshot has been taken: this is what changed since the previous one."
            ),
            success_url=lambda snapshot: reverse("snapshot-changes", args=[snapshot.pk]),
        )
        if response is not None:
            return response
    elif request.method == "POST":
        ensure_allowed(can_take_snapshot(request.user))
    page = page_from_request(
        request, snapshot_rows(programme=programme), per_page=SNAPSHOTS_PER_PAGE
    )
    return render(
        request,
        "reporting/snapshot_list.html",
        {"programme": programme, "page": page, "snapshots": page.object_list, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


def _changes_page(request, comparison: Comparison, *, title: str):
    """The changes grouped by kind, ``GROUP_LIMIT`` of each; ``?kind=`` shows one kind
    whole, paged."""
    groups = group_changes(comparison.changes)
    kind = request.GET.get("kind", "")
    page = None
    if kind in ChangeKind.values:
        (group,) = [g for g in groups if g.kind == kind] or [
            ChangeGroup(kind=kind, label=str(ChangeKind(kind).label))
        ]
        page = page_from_request(request, group.changes, per_page=GROUP_LIMIT)
        shown = worded([ChangeGroup(group.kind, group.label, list(page.object_list))])
    else:
        kind = ""
        shown = worded(groups, limit=GROUP_LIMIT)
    return render(
        request,
        "reporting/changes.html",
        {
            "title": title,
            "comparison": comparison,
            "groups": shown,
            "kind": kind,
            "page": page,
        },
    )


def snapshot_changes_view(request, pk: int):
    """What changed from the previous snapshot to this one."""
    programme = programme_current()
    ensure_allowed(can_view_snapshots(request.user))
    snapshot = snapshot_get(programme=programme, pk=pk)
    return _changes_page(
        request,
        changes_since_previous(snapshot),
        title=_("What changed up to “%(title)s”") % {"title": snapshot.title},
    )


def changes_view(request):
    """What changed from the last snapshot up to now."""
    programme = programme_current()
    ensure_allowed(can_view_snapshots(request.user))
    return _changes_page(
        request,
        changes_since_last(programme=programme),
        title=_("What changed since the last snapshot"),
    )
