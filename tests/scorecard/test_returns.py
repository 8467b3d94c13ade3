"""The monthly return form: inputs that fit each unit, one transaction, a
reason for changes, and conflicting saves that lose nothing."""

import pytest
from django.urls import reverse

from scorecard.models import MonthlyValue
from tests.locking import held, wait_for_locks
from tests.scorecard_data import OCT_2023


@pytest.fixture
def url(catalogue):
    return reverse("scorecard:return_form", args=[catalogue["topic"].pk, "2023-10"])


def keys(catalogue):
    county, swindon = catalogue["areas"][1:]
    force = catalogue["areas"][0]

    def key(measure, area):
        return f"m{catalogue[measure].pk}a{area.pk}"

    return {
        "calls": key("count", force), "abandon": key("ratio", force),
        "wait_county": key("duration", county), "wait_swindon": key("duration", swindon),
        "satisfied": key("percentage", force),
    }


def version_in(page: str) -> str:
    """The return's version the form carries (a hidden field)."""
    return page.split('name="version" value="')[1].split('"')[0]


def saved_once(client, catalogue, url) -> int:
    """Save the return as the fixtures fill it; the version it is then at."""
    client.post(url, entries(catalogue))
    return MonthlyValue.pgh_event_model.objects.order_by("-pgh_id").first().pgh_id


def entries(catalogue, **overrides):
    k = keys(catalogue)
    data = {
        f"{k['calls']}-value": "9429",
        f"{k['abandon']}-numerator": "74", f"{k['abandon']}-denominator": "10562",
        f"{k['wait_county']}-value": "00:00:12", f"{k['wait_county']}-weight": "900",
        f"{k['satisfied']}-value": "75.5",
        f"{k['satisfied']}-note": "Victim Voice survey",
        "version": "0", "reason": "",
    }
    data.update(overrides)
    return data


def test_the_form_has_inputs_that_fit_each_unit(staff_client, catalogue, url):
    page = staff_client.get(url).content.decode()
    k = keys(catalogue)
    assert f'name="{k["calls"]}-value"' in page and 'inputmode="numeric"' in page
    assert f'name="{k["abandon"]}-numerator"' in page
    assert f'name="{k["abandon"]}-denominator"' in page
    assert f'name="{k["abandon"]}-value"' not in page
    assert f'name="{k["wait_county"]}-weight"' in page
    assert "Nothing has been entered for this month yet." in page


def test_saving_writes_every_row_and_shows_who_changed_it(staff_client, catalogue, url):
    response = staff_client.post(url, entries(catalogue))
    assert response.status_code == 302
    stored = {v.measure.code: v for v in MonthlyValue.objects.filter(month=OCT_2023)}
    assert set(stored) == {"CALLS", "ABANDON", "WAIT", "SATISFIED"}
    assert stored["WAIT"].value == 12 and stored["WAIT"].weight == 900
    assert float(stored["ABANDON"].value) == pytest.approx(0.7006, abs=1e-4)
    page = staff_client.get(url).content.decode()
    assert "Last changed by Test User" in page
    assert 'value="00:00:12"' in page  # prefilled as hh:mm:ss


def test_previous_month_is_shown_beside_each_row(staff_client, catalogue, url):
    MonthlyValue.objects.create(measure=catalogue["count"], area=catalogue["areas"][0],
                                month=OCT_2023.replace(month=9), value=10306)
    assert "10,306" in staff_client.get(url).content.decode()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("calls", "lots", "Enter value for Call Answered Volume: 999, Wiltshire Police as a "
         "whole number"),
        ("calls", "-1", "A count cannot be negative (Call Answered Volume: 999, Wiltshire "
         "Police)"),
        ("wait_county", "12 secs", "Enter a time as hh:mm:ss, for example 01:33:15"),
        ("satisfied", "101", "A percentage cannot be more than 100 (Victim satisfaction, "
         "Wiltshire Police)"),
    ],
)
def test_bad_values_are_explained_and_nothing_is_saved(
    staff_client, catalogue, url, field, text, message
):
    name = f"{keys(catalogue)[field]}-value"
    response = staff_client.post(url, entries(catalogue, **{name: text}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert f'href="#id_{name}"' in page  # the error summary links to the field
    assert MonthlyValue.objects.count() == 0


def test_numerator_above_denominator_is_refused(staff_client, catalogue, url):
    k = keys(catalogue)
    data = entries(catalogue, **{f"{k['abandon']}-numerator": "20000"})
    page = staff_client.post(url, data).content.decode()
    assert "The numerator cannot be more than the denominator" in page
    assert MonthlyValue.objects.count() == 0


def test_changing_a_stored_value_needs_a_reason(staff_client, catalogue, url):
    version = saved_once(staff_client, catalogue, url)
    k = keys(catalogue)
    changed = entries(catalogue, **{f"{k['calls']}-value": "9430", "version": str(version)})
    page = staff_client.post(url, changed).content.decode()
    assert "Enter a reason: this changes values that are already stored" in page
    assert MonthlyValue.objects.get(measure__code="CALLS").value == 9429
    changed["reason"] = "Force resubmitted October"
    assert staff_client.post(url, changed).status_code == 302
    assert MonthlyValue.objects.get(measure__code="CALLS").value == 9430
    assert "Force resubmitted October" in staff_client.get(url).content.decode()


def test_a_conflicting_save_loses_nothing(client_for, catalogue, url):
    from oversight.core.roles import Role

    first, second = client_for(Role.OPCC_STAFF), client_for(Role.OPCC_STAFF)
    k = keys(catalogue)
    opened = entries(catalogue)  # both opened the empty return: version 0
    assert first.post(url, opened).status_code == 302
    mine = entries(catalogue, **{f"{k['calls']}-value": "9999"})
    response = second.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this return after you opened it" in page
    assert 'value="9999"' in page  # the second user's entry is still in the form
    assert "Now stored:</strong> 9,429" in page
    assert MonthlyValue.objects.get(measure__code="CALLS").value == 9429  # first save kept
    # Saving again, with a reason, now applies the second user's figures.
    version = version_in(page)
    mine.update(version=version, reason="Checked against the force's extract")
    assert second.post(url, mine).status_code == 302
    assert MonthlyValue.objects.get(measure__code="CALLS").value == 9999


def test_a_stored_value_cannot_be_blanked(staff_client, catalogue, url):
    version = saved_once(staff_client, catalogue, url)
    k = keys(catalogue)
    data = entries(catalogue, **{f"{k['calls']}-value": "", "version": str(version)})
    page = staff_client.post(url, data).content.decode()
    assert "a stored value cannot be removed here" in page


def test_choosing_a_topic_and_month_opens_the_return(staff_client, catalogue, url):
    response = staff_client.get(reverse("scorecard:return_choose"),
                                {"topic": catalogue["topic"].pk, "month": "2023-10"})
    assert response.status_code == 302 and response["Location"] == url
    page = staff_client.get(reverse("scorecard:return_choose"),
                            {"topic": catalogue["topic"].pk, "month": "October"}).content
    assert "Enter the month as YYYY-MM, for example 2023-10" in page.decode()


def test_the_form_uses_a_bounded_number_of_queries(
    staff_client, catalogue, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        staff_client.get(url)


def test_saving_untouched_rows_changes_nothing(staff_client, catalogue, url):
    # A stored duration with a fraction of a second shows as hh:mm:ss; saving
    # the form untouched must not round it, nor ask for a reason.
    MonthlyValue.objects.create(measure=catalogue["duration"], area=catalogue["areas"][1],
                                month=OCT_2023, value="5899.6598", weight=1453)
    page = staff_client.get(url).content.decode()
    version = version_in(page)
    k = keys(catalogue)
    data = {"version": version, "reason": "",
            f"{k['wait_county']}-value": "01:38:20", f"{k['wait_county']}-weight": "1453"}
    assert staff_client.post(url, data).status_code == 302
    assert str(MonthlyValue.objects.get().value) == "5899.6598"


def test_a_save_while_an_upload_writes_values_keeps_the_entries_and_says_so(
        staff_client, catalogue, url):
    with held("scorecard_monthlyvalue", "SHARE ROW EXCLUSIVE"):  # an import, mid-write
        wait_for_locks(100)
        response = staff_client.post(url, entries(catalogue))
    page = response.content.decode()
    assert response.status_code == 200
    assert "An upload is writing values just now, so nothing was saved" in page
    assert 'value="9429"' in page, "the entries are kept"
    assert not MonthlyValue.objects.exists()
