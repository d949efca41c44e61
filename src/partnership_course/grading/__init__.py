"""nbgrader glue: the coach's side of the course.

How a learner's answers reach the gradebook (see grader/README.md for the coach's runbook):

1. `source`: module notebooks stay free of nbgrader metadata; `build_source` writes nbgrader's
   source folder (`grader/source/<module>/`) from `modules/`, turning every activity cell into an
   answer cell and adding, for activities worth points, locked autograder tests (one per
   activity of every scored kind, one per machine-checkable rubric criterion) and a read-only
   rubric cell after each reflection. The tests print their sentence in the cohort's language.
2. `inject`: the learner's stored responses (shared store URL, or a `responses.json` export that
   travels with the submission: `partnership-course export`) are written into the answer cells of
   `submitted/<learner>/<module>/` as exact Python literals, so nbgrader's checksums see an
   answered reflection as changed (manual grading) and an empty one as unchanged ("No response.").
3. `parallel`: autograde shards of the cohort in worker processes, each with its own gradebook,
   then merge into the course gradebook exactly as sequential `nbgrader autograde` would.
4. `report`, `certificate`, `feedback`: read the gradebook.

Only `checks` and `display` are imported by the grading kernel; they import nothing heavy.
"""
