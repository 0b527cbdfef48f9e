"""The HTML memo printed to PDF (A4, page numbers and date in the footer) by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'scorecard[pdf]'``): without it,
:func:`memo_pdf` raises :class:`PdfUnavailable`, whose message names the extra.  The page
is self-contained, so WeasyPrint is given no base URL and fetches nothing.
"""

from __future__ import annotations


class PdfUnavailable(RuntimeError):
    """WeasyPrint (the ``pdf`` extra) is not installed."""


def distribution_name() -> str:
    """The name pip knows this package by, for the install hint."""
    from importlib.metadata import packages_distributions

    names = packages_distributions().get("scorecard") or ["scorecard"]
    return names[0]


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # The memo embeds everything; a URL reaching here came from a tampered template.
    raise ValueError(f"the memo may not load {url!r}")


def memo_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML memo."""
    try:
        from weasyprint import HTML
    except ImportError as error:  # OSError too when its system libraries are missing
        raise PdfUnavailable(
            f"PDF output needs WeasyPrint, an optional extra: pip install '{distribution_name()}[pdf]'"
        ) from error
    except OSError as error:
        raise PdfUnavailable(f"WeasyPrint cannot start ({error}); see its installation notes") from error
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()  # type: ignore[no-any-return]
