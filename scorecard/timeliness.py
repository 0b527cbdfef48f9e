"""Whether a source can speak for a fact's year.

A report describes the period it covers; a later report may give figures for earlier
years ("865 operations in 2017 (764 in 2016)"), so citing a *later* report is fine.  An
*earlier* report cannot state what happened after it was written: a 2018 fact citing the
TIP Report 2015 is a slip (usually the wrong source id copied from another fact), and
would put the 2015 figure in the 2018 scorecard.
"""

from __future__ import annotations

from collections.abc import Mapping

from .models import Source


def last_year(source: Source) -> int | None:
    """The last year a source can report on: the end of its ``covers`` period, else the
    year it was published (None: neither is known, so nothing can be said)."""
    if source.covers is not None:
        return int(source.covers.end[:4])
    if source.published is not None:
        return source.published.year
    return None


def too_early(source: Source, first_year: int, sources: Mapping[str, Source]) -> tuple[str, str] | None:
    """(message, hint) when ``source`` ends before ``first_year``, the first year of the
    fact citing it; None when it may report that year."""
    end = last_year(source)
    if end is None or end >= first_year:
        return None
    span = f"covers {source.covers.start} to {source.covers.end}" if source.covers else f"was published in {end}"
    message = f'source "{source.id}" {span}, before {first_year}: an earlier report cannot state a figure of {first_year}'
    fitting = sorted(s.id for s in sources.values() if (last_year(s) or 0) >= first_year and _same_country(s, source))
    hint = (f"cite a report covering {first_year} or later, such as {', '.join(repr(i) for i in fitting[:3])}"
            if fitting else f"add the report that covers {first_year} with `scorecard source add`, then cite it")  # fmt: skip
    return message, hint.replace("'", '"')


def _same_country(candidate: Source, source: Source) -> bool:
    return candidate.country is None or source.country is None or candidate.country == source.country
