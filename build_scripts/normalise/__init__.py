"""Stage 2, normalise: source tables → the standard fields with standard values.

One module per dataset (penalties, decisions, withdrawals); the value rules they share are
pure functions in `values`. Problems are returned as records, never raised."""
