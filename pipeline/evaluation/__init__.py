"""Gold data, scoring as the spec scores, annotation round trips, external suites."""
