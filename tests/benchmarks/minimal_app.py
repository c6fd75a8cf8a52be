"""The floor for the app's start-up: a minimal Textual app that shows one label."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("minimal app ready")


if __name__ == "__main__":
    Minimal().run()
