"""The Textual app. Imported only when the app is opened (never by quick CLI commands)."""

from __future__ import annotations

from tracker.tui.app import TrackerApp, make_app

__all__ = ["TrackerApp", "make_app"]
