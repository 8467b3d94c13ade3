"""The bulk upload: a file is checked and previewed, then imported on confirmation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from oversight.core.breadcrumbs import trail
from oversight.core.requests import signed_in_user
from oversight.core.roles import Perm
from scorecard.formats import current_month
from scorecard.forms import ConfirmImportForm, UploadForm
from scorecard.importing.checked_file import table_bytes, table_from_bytes
from scorecard.importing.reading import FileProblem, read_table
from scorecard.importing.service import ReasonRequired, StalePreview, import_values
from scorecard.importing.store import Comparison
from scorecard.models import ValueUpload
from scorecard.presenters import PROBLEMS_SHOWN, change_rows

SOURCE = "Upload"


@permission_required(Perm.ENTER_DATA, raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = upload.read(settings.UPLOAD_MAX_BYTES + 1)
            table = read_table(upload.name, content, settings.UPLOAD_MAX_BYTES)
            outcome = import_values(table, this_month=current_month(), write=False, source=SOURCE)
        except FileProblem as error:
            form.add_error("file", str(error))
        else:
            if outcome.checked.ok and outcome.comparison is not None:  # checked: compared
                saved = _keep(signed_in_user(request), upload.name, table_bytes(table), len(table),
                              outcome.comparison)
                return redirect(saved)
            problems = outcome.checked.problems
            form.add_error("file", f"The file has {len(problems):,} problems: nothing was "
                           "imported. Correct them and upload the file again.")
    context = {
        "form": form,
        "problems": problems.head(PROBLEMS_SHOWN) if problems is not None else None,
        "more_problems": max(0, len(problems) - PROBLEMS_SHOWN) if problems is not None else 0,
        "limit_mb": settings.UPLOAD_MAX_BYTES // 1_000_000,
        "breadcrumbs": trail(),
    }
    return render(request, "scorecard/upload.html", context)


def _keep(user: User, filename: str, content: bytes, rows: int,
          comparison: Comparison) -> ValueUpload:
    return ValueUpload.objects.create(
        uploaded_by=user, filename=filename, content=content, rows=rows,
        new=comparison.new, changed=comparison.changed, unchanged=comparison.unchanged,
        fingerprint=comparison.fingerprint, changes=change_rows(comparison.changes),
    )


@permission_required(Perm.ENTER_DATA, raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload_preview(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's upload is not yours to confirm: "not found".
    saved = get_object_or_404(ValueUpload, pk=pk, uploaded_by=request.user)
    form = ConfirmImportForm(request.POST or None, initial={"fingerprint": saved.fingerprint})
    if saved.imported_at is None and form.is_valid():
        try:
            outcome = import_values(
                table_from_bytes(bytes(saved.content)),
                this_month=current_month(), write=True, source=SOURCE,
                reason=form.cleaned_data["reason"], expected=form.cleaned_data["fingerprint"],
            )
        except StalePreview as stale:
            _refresh(saved, stale.comparison)
            messages.warning(request, "Stored values changed since you checked this file. "
                             "Check the changes below again, then confirm.")
            return redirect(saved)
        except ReasonRequired:
            form.add_error("reason", "Enter a reason: this file changes values already stored")
        else:
            if outcome.checked.ok:
                saved.imported_at, saved.written = timezone.now(), outcome.written
                saved.save(update_fields=["imported_at", "written"])
                messages.success(request, f"Imported {saved.filename}: {outcome.written:,} "
                                 "values written.")
                return redirect(saved)
            form.add_error(None, "The file no longer passes its checks: upload it again.")
    context = {"upload": saved, "form": form,
               "breadcrumbs": trail(("Upload values", reverse("scorecard:upload")))}
    return render(request, "scorecard/upload_preview.html", context)


def _refresh(saved: ValueUpload, comparison: Comparison) -> None:
    saved.new, saved.changed, saved.unchanged = (
        comparison.new, comparison.changed, comparison.unchanged)
    saved.fingerprint = comparison.fingerprint
    saved.changes = change_rows(comparison.changes)
    saved.save()
