"""Scenario content: the data model, the YAML loader and the validator."""

from .errors import Problem, ScenarioError
from .loader import load_all, load_scenario

__all__ = ["Problem", "ScenarioError", "load_all", "load_scenario"]
