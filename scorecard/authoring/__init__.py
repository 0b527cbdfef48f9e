"""Helpers for curators adding a year: look up indicators, catalogue a source, scaffold
an evidence file, and find sentences that probably state a fact not yet recorded.

Each module is library code the ``scorecard`` commands of :mod:`scorecard.cli.authoring`
call; none prints, and none writes a file except through :func:`scorecard.safe_write.write_atomic`.
"""
