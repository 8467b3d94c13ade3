"""Open data: the list of datasets, each one's CSV and its CSVW metadata."""

import json
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from oversight.public import open_data, site
from oversight.public.open_data import Dataset


def found(name: str) -> Dataset:
    dataset = open_data.dataset(name)
    if dataset is None:
        raise Http404("No such dataset")
    return dataset


def modified(request: HttpRequest, name: str) -> datetime | None:
    return found(name).modified


@site.public_page(site.last_published)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/open_data.html", site.page(
        datasets=open_data.all_datasets(), licence=open_data.OGL,
        licence_name=open_data.OGL_NAME, breadcrumbs=site.crumbs()))


@site.public_page(modified)
def csv_file(request: HttpRequest, name: str) -> HttpResponse:
    response = HttpResponse(open_data.csv_text(found(name)),
                            content_type="text/csv; charset=utf-8; header=present")
    response["Link"] = (f'<{reverse("public:open_data_metadata", args=[name])}>; '
                        'rel="describedby"; type="application/csvm+json"')
    return response


@site.public_page(modified)
def metadata(request: HttpRequest, name: str) -> HttpResponse:
    dataset = found(name)
    # Relative to this file's own address, as CSVW resolves it.
    body = open_data.metadata(dataset, f"{name}.csv", site.office()["name"])
    return HttpResponse(json.dumps(body, indent=2), content_type="application/csvm+json")
