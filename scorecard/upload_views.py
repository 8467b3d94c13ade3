"""The bulk upload: a file is checked and previewed, then imported on
confirmation; a large file by the worker, its page showing how far it has got
(scorecard/uploads.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from oversight.core.breadcrumbs import trail
from oversight.core.locks import Busy
from oversight.core.requests import signed_in_user
from oversight.core.roles import Perm
from scorecard import tasks, uploads
from scorecard.forms import ConfirmImportForm, UploadForm
from scorecard.importing.reading import FileProblem
from scorecard.importing.service import ReasonRequired, StalePreview
from scorecard.models import UploadState, ValueUpload
from scorecard.presenters import PROBLEMS_SHOWN


@permission_required(Perm.ENTER_DATA, raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = None
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            saved = uploads.receive(signed_in_user(request), file.name,
                                    file.read(settings.UPLOAD_MAX_BYTES + 1), queue=_check_later)
        except FileProblem as error:
            form.add_error("file", str(error))
        except uploads.FileHasProblems as found:
            problems = found.problems
            form.add_error("file", f"The file has {len(problems):,} problems: nothing was "
                           "imported. Correct them and upload the file again.")
        else:
            return redirect(saved)
    context = {
        "form": form,
        "problems": problems.head(PROBLEMS_SHOWN).to_dict("records")
        if problems is not None else None,
        "more_problems": max(0, len(problems) - PROBLEMS_SHOWN) if problems is not None else 0,
        "limit_mb": settings.UPLOAD_MAX_BYTES // 1_000_000,
        "breadcrumbs": trail(),
    }
    return render(request, "scorecard/upload.html", context)


@permission_required(Perm.ENTER_DATA, raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload_preview(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _own_upload(request, pk)
    form = ConfirmImportForm(request.POST or None, initial={"fingerprint": saved.fingerprint})
    if form.is_valid():
        try:
            saved = uploads.confirm(saved, reason=form.cleaned_data["reason"],
                                    fingerprint=form.cleaned_data["fingerprint"],
                                    queue=_import_later)
        except StalePreview:
            messages.warning(request, uploads.CHANGED_MEANWHILE)
            return redirect(saved)
        except ReasonRequired:
            form.add_error("reason", "Enter a reason: this file changes values already stored")
        except Busy:
            form.add_error(None, "An upload is writing values just now, so nothing was "
                           "imported. Confirm again in a minute.")
        else:
            if saved.state == UploadState.IMPORTED:
                messages.success(request, f"Imported {saved.filename}: {saved.written:,} "
                                 "values written.")
            return redirect(saved)
    context = {"upload": saved, "form": form, "states": UploadState,
               "breadcrumbs": trail(("Upload values", reverse("scorecard:upload")))}
    return render(request, "scorecard/upload_preview.html", context)


@permission_required(Perm.ENTER_DATA, raise_exception=True)
@require_GET
def upload_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """Where the worker has got to, for the upload's page to show as it goes."""
    saved = _own_upload(request, pk)
    return JsonResponse({
        "state": saved.state, "rows": saved.rows, "rows_read": saved.rows_read,
        "rows_checked": saved.rows_checked,
    })


def _own_upload(request: HttpRequest, pk: int) -> ValueUpload:
    # Someone else's upload is not yours to see or confirm: "not found".
    return get_object_or_404(ValueUpload, pk=pk, uploaded_by=request.user)


def _check_later(upload_id: int) -> None:
    tasks.check_upload.defer(upload_id=upload_id)


def _import_later(upload_id: int) -> None:
    tasks.import_upload.defer(upload_id=upload_id)
