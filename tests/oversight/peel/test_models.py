"""PEEL's models (oversight/peel/models.py): the database itself refuses a
recommendation without its cause of concern and a progress update without text."""

import datetime

import pytest
from django.db import IntegrityError

from oversight.peel.models import Finding, ProgressUpdate


def test_the_database_refuses_a_recommendation_without_a_cause(inspection):
    with pytest.raises(IntegrityError):
        Finding.objects.create(inspection=inspection, kind="recommendation", reference="R",
                               text="x")


def test_the_database_refuses_an_update_without_text(cause):
    with pytest.raises(IntegrityError):
        ProgressUpdate.objects.create(finding=cause, date=datetime.date(2023, 1, 1), rag="red",
                                      narrative="")
