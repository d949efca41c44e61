"""The course's page front ends: what the page config sends, how files are cached, and the lean
front end that stands in for Voila's bundle on course pages (issue 15)."""
