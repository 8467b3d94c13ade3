"""Publishing to the public site: every record of every kind the public site
shows, where it stands, and the steps: staff submit, the OPCC lead (someone
else) publishes or sends back with a comment. Records are written and changed
in Administration, which asks for a reason."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from oversight.core import publishing
from oversight.core.breadcrumbs import trail
from oversight.core.forms import CommentForm
from oversight.core.publications import Publication, Publishable, publishable_kinds
from oversight.core.publishing import PublishingError
from oversight.core.requests import signed_in_user
from oversight.core.roles import Perm

WRITE = permission_required(Perm.WRITE_DRAFTS, raise_exception=True)
APPROVE = permission_required(Perm.APPROVE_REPORTS, raise_exception=True)


def kind_of(kind: str) -> type[Publishable]:
    found = publishable_kinds().get(kind)
    if found is None:
        raise Http404("No such kind of record")
    return found


def record_of(kind: str, pk: int) -> Publishable:
    model = kind_of(kind)
    record: Publishable = get_object_or_404(model, pk=pk)
    return record


def admin_url(model: type[Publishable], action: str, *args: object) -> str:
    """The record's admin page, if it has one (a response is written on its own page)."""
    meta = model._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)
    except NoReverseMatch:
        return ""


def edit_url(record: Publishable) -> str:
    own = getattr(record, "get_absolute_url", None)
    return own() if own else admin_url(type(record), "change", record.pk)


@WRITE
def publishing_page(request: HttpRequest) -> HttpResponse:
    last = {(p.kind, p.key): p for p in Publication.objects.current()}
    kinds = []
    for kind, model in sorted(publishable_kinds().items(),
                              key=lambda item: item[1].public_kind_name):
        records = [{"record": r, "edit": edit_url(r),
                    "published": last.get((kind, r.public_key()))}
                   for r in model._default_manager.select_related(*model.public_related)]
        kinds.append({"kind": kind, "name": model.public_kind_name, "records": records,
                      "add": admin_url(model, "add")})
    return render(request, "oversight/publishing.html",
                  {"kinds": kinds, "breadcrumbs": trail()})


def step(request: HttpRequest, kind: str, pk: int, move: Callable[[Publishable], object],
         done: str) -> HttpResponse:
    record = record_of(kind, pk)
    try:
        move(record)
    except PublishingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{record.public_title()}: {done}")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("publishing")


@require_POST
@WRITE
def submit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return step(request, kind, pk, lambda r: publishing.submit(r, signed_in_user(request)),
                "submitted for approval. The OPCC lead can now publish it or send it back.")


@require_POST
@APPROVE
def publish(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return step(request, kind, pk, lambda r: publishing.publish(r, signed_in_user(request)),
                "published. Anyone can now read it on the public site.")


@APPROVE
def send_back(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = record_of(kind, pk)
    form = CommentForm(request.POST or None, label="What needs changing?",
                       missing="Say what needs changing: sending back needs a comment.")
    if form.is_valid():
        return step(request, kind, pk, lambda r: publishing.send_back(
            r, signed_in_user(request), form.cleaned_data["comment"]),
            "sent back to draft with your comment.")
    return render(request, "oversight/comment_form.html", {
        "form": form, "heading": "Send it back", "caption": record.public_title(),
        "button": "Send it back",
        "breadcrumbs": trail(("Publishing", reverse("publishing")))})
