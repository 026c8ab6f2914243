"""Rows of the award sheets read from an upload: award counts, award records, dossier nominees."""

from __future__ import annotations

import hashlib

from bot.core import args as parse
from bot.reports import sheets
from bot.reports.import_cells import MAX_COUNT, Reader
from bot.reports.import_rows import AwardLine, DossierRow, RecordRow
from bot.reports.texts import import_fields as texts


def award_line(r: Reader) -> AwardLine | None:
    """A row of award counts (per kind, with the ad-hoc share), or None with its problems."""
    what = texts.AWARD
    year = r.year("year")
    form = r.code("form", what["form"], required=True)
    counts: dict[str, int] = {}
    ad_hoc: dict[str, int] = {}
    for kind in sheets.AWARD_KINDS:
        label = sheets.KIND_HEADERS[kind]
        total = r.integer(kind, texts.count(label), low=0, high=MAX_COUNT)
        extra = r.integer(f"{kind}_ad_hoc", texts.ad_hoc(label), low=0, high=MAX_COUNT)
        if total:
            counts[kind] = total
        if extra:
            if extra > (total or 0):
                r.error(f"{kind}_ad_hoc", texts.ad_hoc_over_total(label, extra, total or 0))
            ad_hoc[kind] = extra
    if r.ok and not counts:
        r.error("collective", texts.NO_COUNTS)
    key = r.code("key", what["key"])
    unit = r.code("unit", what["unit"])
    recipient = r.text("recipient_name", what["recipient_name"])
    occasion = r.text("occasion", what["occasion"])
    occasion_date = r.date("occasion_date", what["occasion_date"])
    decision = r.text("decision_number", what["decision_number"], limit=60)
    decision_date = r.date("decision_date", what["decision_date"])
    source = r.text("source", what["source"], limit=2000)
    if not r.ok or year is None or form is None:
        return None
    if key is None:
        # A line typed in by hand: a key made from what identifies it, so importing the same
        # file twice finds the same line instead of adding it again.
        basis = "|".join(str(v) for v in (year, form, unit, occasion, recipient, decision))
        key = "NH-" + hashlib.sha1(basis.encode()).hexdigest()[:10].upper()
    return AwardLine(
        cells=r.cells(),
        key=key,
        year=year,
        form=form,
        counts=counts,
        ad_hoc=ad_hoc,
        unit=unit,
        recipient_name=recipient,
        occasion=occasion,
        occasion_date=occasion_date,
        decision_number=decision,
        decision_date=decision_date,
        source=source,
        has_source=r.has("source"),
    )


RECORD_KINDS = {"tap the": "collective", "ca nhan": "individual"}


def record_row(r: Reader) -> RecordRow | None:
    """A row of one award record (who received what, by which decision), or None."""
    what = texts.RECORD
    year = r.year("year")
    form = r.code("form", what["form"], required=True)
    kind_text = r.text("kind", what["kind"], required=True)
    kind = RECORD_KINDS.get(" ".join(parse.fold(kind_text or "").split()))
    if kind_text and kind is None:
        r.error("kind", texts.bad_recipient(kind_text))
    name = r.text("name", what["name"], required=True)
    position = r.text("position", what["position"], limit=200)
    unit = r.code("unit", what["unit"], required=True)
    occasion = r.text("occasion", what["occasion"])
    decision = r.text("decision_number", what["decision_number"], limit=60)
    decision_date = r.date("decision_date", what["decision_date"])
    level = r.text("decision_level", what["decision_level"], limit=200)
    key = r.code("key", what["key"])
    if not r.ok or year is None or form is None or kind is None or name is None or unit is None:
        return None
    return RecordRow(
        r.cells(),
        key,
        year,
        form,
        kind,
        name,
        position,
        unit,
        occasion,
        decision,
        decision_date,
        level,
    )


def dossier_row(r: Reader) -> DossierRow | None:
    """A nominee row of a proposal dossier, or None."""
    what = texts.DOSSIER
    code = r.code("code", what["code"])
    year = r.year("year")
    form = r.code("form", what["form"], required=True)
    unit = r.code("unit", what["unit"], required=True)
    reason = r.text("reason", what["reason"], required=True, limit=2000)
    kind_text = r.text("kind", what["kind"], required=True)
    kind = RECORD_KINDS.get(" ".join(parse.fold(kind_text or "").split()))
    if kind_text and kind is None:
        r.error("kind", texts.bad_recipient(kind_text))
    name = r.text("name", what["name"], required=True)
    position = r.text("position", what["position"], limit=200)
    nominee_unit = r.code("nominee_unit", what["nominee_unit"])
    if not r.ok or None in (year, form, unit, reason, kind, name):
        return None
    assert year and form and unit and reason and kind and name
    return DossierRow(r.cells(), code, year, form, unit, reason, kind, name, position, nominee_unit)
