"""Helpers the tests share (real servers, clients); kept out of the package and the wheel."""
