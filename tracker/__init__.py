"""Lever Tracker: a private, local health journal for the terminal."""

__version__ = "0.1.0"
