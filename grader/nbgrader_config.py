"""nbgrader configuration for the course (run nbgrader and formgrader from this folder).

The settings the course relies on live in `partnership_course.grading.nbg.apply_settings`, so
plain `nbgrader ...` here and `partnership-course grade` behave identically:
source folder `source/` (built from ../modules by `partnership-course grade source`), empty
`ClearSolutions.code_stub` (activity cells keep their code in the release), `Execute.timeout`
120 s, missing test cells added back, and markdown rendered with raw HTML escaped in feedback.
Add course-specific settings below it.
"""

from partnership_course.grading.nbg import apply_settings

c = get_config()  # noqa: F821 - injected by traitlets
apply_settings(c, __file__, course_id="family-partnership")

# Several coaches grading at once: use PostgreSQL, not SQLite (nbgrader FAQ).
# c.CourseDirectory.db_url = "postgresql://grader@db/family_partnership"

# JupyterHub with nbgrader's exchange (see README.md, "Collect"):
# c.Exchange.root = "/srv/nbgrader/exchange"
# c.Exchange.path_includes_course = True
