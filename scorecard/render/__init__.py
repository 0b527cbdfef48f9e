"""Renderers: pure functions from result models to text.

No files, no clock, no environment; every string from data is escaped by
:mod:`.escape` for its format.  These modules import only ``scorecard.models``.

- :mod:`.tables`: ``render_scorecard``, ``render_progress``, ``render_coverage`` in the
  formats of :data:`.layout.TABLE_FORMATS`;
- :mod:`.explain`: ``render_explanation``, one verdict in full, as plain text;
- :mod:`.memo`: ``render_memo`` (HTML or Markdown from Jinja2 templates), the advocacy memo;
  :mod:`.pdf` prints the HTML memo to PDF; :mod:`.svg` draws the verdicts by year.

Nothing is imported here, so that a command importing one renderer (``validate`` needs
only :mod:`.diagnostics`) does not pay for the others.
"""
