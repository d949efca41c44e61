"""Workshops on Voila: serving the course, participant sessions, the facilitator view."""
