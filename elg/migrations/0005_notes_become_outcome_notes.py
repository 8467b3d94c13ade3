"""A meeting's notes become its first outcome note (notes are now statements:
each stands after the grace period, and a later one may correct it)."""

from django.db import migrations


def notes_to_outcome_notes(apps, schema_editor):
    Meeting = apps.get_model("elg", "Meeting")
    OutcomeNote = apps.get_model("elg", "OutcomeNote")
    OutcomeNote.objects.bulk_create(
        OutcomeNote(meeting_id=pk, text=notes)
        for pk, notes in Meeting.objects.exclude(notes="").values_list("pk", "notes"))


def outcome_notes_to_notes(apps, schema_editor):
    Meeting = apps.get_model("elg", "Meeting")
    OutcomeNote = apps.get_model("elg", "OutcomeNote")
    for note in OutcomeNote.objects.order_by("recorded_at", "pk"):
        Meeting.objects.filter(pk=note.meeting_id).update(notes=note.text)


class Migration(migrations.Migration):

    dependencies = [
        ('elg', '0004_outcome_notes'),
    ]

    operations = [
        migrations.RunPython(notes_to_outcome_notes, outcome_notes_to_notes),
    ]
