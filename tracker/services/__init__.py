"""Use cases: plain functions and classes the CLI and TUI call. Nothing here knows Textual."""
