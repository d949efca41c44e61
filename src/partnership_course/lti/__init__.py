"""LTI 1.3: districts' LMS launch people into the hub and receive completion and scores back.

- `settings`: the registration of our tool with one platform (read from `lti.yaml`);
- `records`: what a launch leaves for passback, the nonces already used, the audit of posts;
- `scores`: when a module counts as completed, and its automatic and graded scores;
- `passback`: Assignment and Grade Services posts through pylti1p3, retried, never repeated;
- `authenticator`: jupyterhub-ltiauthenticator's LTI13Authenticator made strict for the course;
- `commands`: `partnership-course lti keys | audit | passback`.
"""
