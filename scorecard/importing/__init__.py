"""Bulk import of monthly values and of the measure catalogue."""
