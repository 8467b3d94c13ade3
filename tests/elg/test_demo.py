"""The demo's ELG data against seed 000: the H2 2022 schedule (Appendix 2) and
the 19 July "Reporting and Response" KLOE briefing (Appendix 1), on the page
and in its PDF, with the KPI tables for objective 1.2 as of 19 July 2022."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from elg.models import Meeting
from scorecard.models import Topic
from tests.elg.seed import REVIEW, SEED_TABLE
from tests.pages import cells, page_text
from tests.printing import empty_pages

pytestmark = pytest.mark.django_db

# Seed 000, Appendix 1: the key lines of enquiry under their themes.
SEED_QUESTIONS = {
    "Performance Leadership": [
        "How is the performance management of Reporting and Response overseen by the Chief "
        "Constable?",
        "Does the Chief Constable and ELT believe there is clear accountability and "
        "responsibility for functions that enable effective management and delivery of "
        "required performance Reporting and Response standards?",
        "How does the CC ensure effective assessment of risks when crimes are reported, and an "
        "immediate response is provided?",
        "Are line managers aware of specific individuals and teams where there is concern, "
        "performance failures or successes?",
        "Is the Reporting and Response performance (time, quality, and outcome) improving in "
        "line with expectations and comparators, both overall and individual crime types?",
    ],
    "Workforce, Training and Development": [
        "What training is provided to ensure that THRIVE is in place for every call? How is "
        "adherence to the CDI performance standards audited by Supervisors?",
        "Are all officers trained / competent using evidential kits and referral to forensic "
        "emotion support services? Do all staff have role clarity, feel able to deliver it "
        "successfully and to the standards required?",
    ],
    "Demand and Operational Staffing Performance": [
        "How does the CC ensure he has identified and deliver the clear operational "
        "requirements that are informed by the frontline's needs and strategic risks?",
        "Are the workloads manageable to allow for effective reporting and response to achieve "
        "the standards required?",
        "How does the Force demonstrate its planning of Reporting workloads via the different "
        "channels (telephone, online, etc)?",
        "How does the Force effectively plan resources to deliver Reporting and Response "
        "performance in accordance with required standards?",
        "What are the Forces plans to address workforce risks and what are the mitigating "
        "actions?",
    ],
    "Performance Infrastructure – Reporting and Response": [
        "Are the Force attending calls to service when it should and in line with performance "
        "standards?",
        "How is this aligned to effective and efficient intelligence approaches and supporting "
        "local tasking, management of offenders, community concern etc?",
        "What is your definition of effective public response following a report? How does the "
        "Force identify repeat / vulnerable callers?",
        "How is every policing contact /action demonstrating quality / timeliness / public "
        "service?",
        "Is the Force following all Authorised Professional Practice (APP) when responding to "
        "missing children and all other vulnerable groups?",
    ],
    "Victims and Offenders": [
        "Is VCOP compliance achieved at this stage of the reporting cycle for every victim? How "
        "does the force identify, oversight, and understand risk effectively at arrest, "
        "processing offender and bail?",
        "Based on everything discussed today, how does this align with your Force Management "
        "Statement?",
        "How can the OPCC support delivery of the Force aspects of this topic and specific KLOE?",
    ],
}
JUNE_2022 = "2022-06"


@pytest.fixture
def july_19(demo):
    return Meeting.objects.get(date=datetime.date(2022, 7, 19))


def assert_questions_under_their_themes(text: str):
    """Every seed question appears after its own theme's heading and before the next."""
    enquiry = text[text.index("Key lines of enquiry"):]
    themes = list(SEED_QUESTIONS)
    starts = [enquiry.index(theme) for theme in themes] + [len(enquiry)]
    assert starts == sorted(starts)
    for n, theme in enumerate(themes):
        section = enquiry[starts[n]:starts[n + 1]]
        missing = [q for q in SEED_QUESTIONS[theme] if q not in section]
        assert not missing, f"not under {theme}: {missing}"


def test_demo_schedule_is_seed_000_appendix_2_and_its_last_review(staff_client, demo):
    page = staff_client.get(reverse("elg:schedule"), {"half": "2022-H2"})
    assert cells(page) == [["ELG meeting", "Topic"], *SEED_TABLE, ["12 December", REVIEW]]


def test_july_19_briefing_page_has_every_seed_question_and_the_kpi_tables(
        officer_client, staff_client, july_19):
    page = officer_client.get(reverse("elg:briefing", args=[july_19.pk]))
    text = page_text(page)
    assert "Topic: Reporting and Response" in text
    assert "max 5 slides" in text
    assert_questions_under_their_themes(text)
    rows = cells(page)
    for header, *figures in june_2022_tables(staff_client):
        assert header in rows
        for row in figures:
            assert row in rows, f"{row[0]} differs from the scorecard's June 2022 row"


def june_2022_tables(staff_client):
    """The scorecard's own KPI tables for objective 1.2's topics, June 2022."""
    topics = Topic.objects.filter(objective__code="1.2", objective__priority__number=1)
    assert topics.count() == 6
    tables = [cells(staff_client.get(t.get_absolute_url(), {"month": JUNE_2022})) for t in topics]
    assert all(table[0][2] == "Jun-2022" for table in tables)
    return tables


def test_july_19_briefing_pdf_has_every_seed_question_and_the_kpi_tables(
        pdf_printer, officer_client, staff_client, july_19):
    response = officer_client.get(reverse("elg:briefing_pdf", args=[july_19.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(pages).split())
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # a tagged PDF
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    heading = "ELG 19 July 2022 · KLOE briefing: Reporting and Response"
    assert all(heading in page for page in pages)
    assert empty_pages(response.content, heading) == []  # it once ended on a blank page
    assert_questions_under_their_themes(text)
    assert "KPI tables, June 2022" in text
    for topic in Topic.objects.filter(objective__code="1.2"):
        assert topic.name in text
    for _, *rows in june_2022_tables(staff_client):
        for row in rows:  # the measure and its figures, up to the weighting
            assert " ".join(filter(None, [row[0], *row[2:9]])) in text
