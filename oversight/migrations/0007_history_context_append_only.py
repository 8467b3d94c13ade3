"""pghistory keeps who and why in one context row per request or command,
which grows as nested contexts add details (a reason inside a request's
user, the user once signed in). So that history cannot be altered there
either, a trigger refuses to delete a context or to change or drop any
detail it holds (a detail still empty may be filled)."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION pcc_history_context_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'History cannot be deleted: % is append-only', TG_TABLE_NAME;
    END IF;
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at OR EXISTS (
            SELECT 1 FROM jsonb_each(OLD.metadata) AS old_detail
            WHERE old_detail.value <> 'null'::jsonb
              AND NEW.metadata -> old_detail.key IS DISTINCT FROM old_detail.value) THEN
        RAISE EXCEPTION 'History cannot be altered: a context only gains details';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER pcc_history_context_append_only
    BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION pcc_history_context_append_only();
"""
REVERSE = """
DROP TRIGGER IF EXISTS pcc_history_context_append_only ON pghistory_context;
DROP FUNCTION IF EXISTS pcc_history_context_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0006_audit_trail"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunSQL(FUNCTION, REVERSE)]
