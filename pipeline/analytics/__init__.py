"""A run's records as tables, the DuckDB store, the HTML report."""
