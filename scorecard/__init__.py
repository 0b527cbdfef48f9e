"""scorecard: how far a government has come on what it was asked to do about human trafficking."""

__version__ = "0.1.0"
