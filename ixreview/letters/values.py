"""The placeholder values a letter's templates can use, computed from `LetterData`.

One flat mapping per letter, so every template file can use any value; a
template that names a value not listed here fails with the placeholder's name.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ixreview.letters.errors import TemplateError
from ixreview.letters.model import LetterData, LetterKind
from ixreview.letters.templates import Markup, TemplateSet, fill


def format_date(templates: TemplateSet, value: date) -> str:
    common = templates.common
    return _plain(
        common.date_format,
        {
            "month_name": common.month_names[value.month - 1],
            "day": value.day,
            "month": value.month,
            "year": value.year,
        },
        "common.yaml: date_format",
    )


def format_datetime(templates: TemplateSet, value: datetime) -> str:
    common = templates.common
    offset = value.utcoffset()
    minutes = 0 if offset is None else int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    utc_offset = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    # The zone by its letters ("CST") with its offset; only the offset when it has none.
    abbreviation = value.tzname() or ""
    zone = f"(UTC{utc_offset})"
    if abbreviation == "UTC":
        zone = "UTC"
    elif abbreviation.isalpha():
        zone = f"{abbreviation} (UTC{utc_offset})"
    return _plain(
        common.datetime_format,
        {
            "month_name": common.month_names[value.month - 1],
            "day": value.day,
            "month": value.month,
            "year": value.year,
            "hour": value.hour,
            "minute": value.minute,
            "second": value.second,
            "utc_offset": utc_offset,
            "zone": zone,
        },
        "common.yaml: datetime_format",
    )


def _plain(template: str, values: dict[str, Any], where: str) -> str:
    try:
        return template.format(**values)
    except (KeyError, ValueError, IndexError) as exc:
        raise TemplateError(f"{where}: cannot format {template!r} ({exc})") from None


def letter_values(data: LetterData, templates: TemplateSet) -> dict[str, object]:
    """Every placeholder value for `data`; dates already formatted for print."""
    kind = data.kind
    plan = data.plan
    policy = data.evaluation.policy

    def d(value: date) -> str:
        return format_date(templates, value)

    v: dict[str, object] = {
        "member_name": data.member.name,
        "member_id": data.member.id,
        "birth_date": d(data.member.birth_date),
        "member_plan": data.member.plan or "",
        "reference": data.reference,
        "drug": data.drug,
        "regimen": data.regimen,
        "dose": data.dose,
        "decision_date": d(data.decision_date),
        "prescriber_name": data.prescriber.name,
        "prescriber_phone": data.prescriber.phone or "",
        "prescriber_fax": data.prescriber.fax or "",
        "plan_name": plan.name,
        "plan_phone": plan.phone,
        "plan_fax": plan.fax or "",
        "plan_tty": plan.tty or "711",
        "plan_fax_or_phone": plan.fax or plan.phone,
        "label_phone": templates.label("phone"),
        "label_fax": templates.label("fax"),
        "label_tty": templates.label("tty"),
        "policy_title": policy.title,
        "policy_number": policy.document_number,
        "policy_version": policy.version,
        "policy_issuer": policy.issuer,
        "policy_id": policy.id,
        "effective_date": _maybe_date(templates, policy.effective_date),
        "signer_name": data.signer.name,
        "signer_credentials": data.signer.credentials,
        "signer_role": data.signer.role,
    }
    v["policy_effective"] = _optional(templates, None, "policy_effective", v, policy.effective_date)
    v["received_date"] = d(data.received_date or data.decision_date)
    versioned = prints_its_version(policy.version, policy.effective_date)
    for name in ("policy_citation", "policy_name"):
        fmt = name if versioned else f"{name}_in_force"
        v[name] = fill(templates.fmt(None, fmt), v, where=f"common.yaml: formats.{fmt}")
    v["plan_fax_text"] = _optional(templates, None, "plan_fax_text", v, plan.fax)
    v["prescriber_fax_text"] = _optional(templates, None, "cc_fax", v, data.prescriber.fax)
    if data.approval is not None:
        a = data.approval
        v |= {
            "authorization_number": a.authorization_number,
            "period_from": d(a.period_from),
            "period_to": d(a.period_to),
            "units_per_dose": a.units_per_dose,
            "units_per_period": a.units_per_period,
            "doses": a.doses if a.doses is not None else "",
            "continues_authorization": a.continues_authorization or "",
        }
        v["continues_text"] = _optional(
            templates, kind, "continues", v, a.continues_authorization
        )
    if data.denial is not None:
        den = data.denial
        appeals_lines = plan.appeals_address_lines or [plan.name, *plan.address_lines]
        v |= {
            "appeal_deadline_days": den.appeal_deadline_days,
            "peer_to_peer_phone": den.peer_to_peer_phone,
            "physician_name": den.physician_name,
            "physician_credentials": den.physician_credentials,
            "appeals_address": ", ".join(appeals_lines),
            "appeals_fax": plan.appeals_fax or plan.fax or "",
        }
        v["appeals_fax_text"] = _optional(templates, kind, "appeals_fax_text", v, v["appeals_fax"])
        nr = den.information_not_received
        v["information_not_received"] = "" if nr is None else "yes"
        v["requested_on"] = "" if nr is None else d(nr.requested_on)
        v["requested_by_date"] = "" if nr is None else d(nr.respond_by)
        window = f"appeal_window_{den.appeal_counted_from}"
        v["appeal_window"] = fill(templates.fmt(kind, window), v, where=f"denial.yaml: {window}")
        v["expedited_appeal_text"] = (
            den.expedited_appeal_text
            if den.expedited_appeal_text
            else fill(templates.fmt(kind, "expedited_appeal"), v, where="denial.yaml")
        )
    if data.information is not None:
        v["respond_by"] = d(data.information.respond_by)
        v["send_by_fax"] = _optional(templates, kind, "send_by_fax", v, plan.fax)
    return v


def prints_its_version(version: str, effective_date: str | None) -> bool:
    """Whether a policy version can be cited by its own label (a date, a revision number).

    "current" (the BCBST manual prints no version) cannot: the letter names the
    version in force on the day the request was received instead.
    """
    if effective_date:
        return True
    return any(ch.isdigit() for ch in version)


def _maybe_date(templates: TemplateSet, iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return format_date(templates, date.fromisoformat(iso))
    except ValueError:
        return iso


def _optional(
    templates: TemplateSet,
    kind: LetterKind | None,
    name: str,
    values: dict[str, object],
    when: object,
) -> Markup | str:
    """The filled format `name` when `when` has a value, else empty text."""
    if not when:
        return ""
    return fill(templates.fmt(kind, name), values, where=f"formats.{name}")
