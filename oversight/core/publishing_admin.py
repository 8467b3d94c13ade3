"""The admin page of any record published through approval: editing one that
is submitted or published makes it a draft again, to be approved before the
public site shows the change (oversight/core/publishing.py)."""

from django.contrib import admin

from oversight.core import publishing


class PublishableAdmin(admin.ModelAdmin):
    readonly_fields = ("publishing", "sent_back_comment")

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            publishing.changed(obj)
        super().save_model(request, obj, form, change)
