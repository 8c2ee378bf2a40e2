"""Test helpers: apply a trigger in its own transaction, take a fingerprint of the whole database."""

from datetime import UTC, date, datetime

import sqlalchemy
import sqlmodel
from sqlalchemy import func, select
from sqlmodel import SQLModel

from wasnaker.db import session_scope
from wasnaker.services.transitions import apply_trigger

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)

COMPLAINT = {"company_nib": "9120001234567", "complainant_name": "Serikat Pekerja Tekstil",
             "summary": "Upah di bawah UMK 2026"}
FINDING = {"norm": "Upah minimum", "article": "Pasal 88E ayat (2) UU 13/2003 jo UU 6/2023",
           "facts": "40 pekerja dibayar di bawah UMK", "order": "Membayar upah sesuai UMK", "workers_affected": 40}
_TWO_MONTHS = {"label": "Upah minimum", "period": "Januari-Februari 2026", "due": 7_450_000, "paid": 6_200_000}
WORKER_FINDING = {**FINDING, "workers": [  # 2 months at a UMK of Rp 3.725.000, paid Rp 3.100.000 a month
    {"name": "Siti Aminah", "position": "Operator", "items": [_TWO_MONTHS]},
    {"name": "Joko Susilo", "position": "Operator", "items": [_TWO_MONTHS]}]}


def act(engine, trigger, actor, on, case=None, now=NOW, **data):
    with session_scope(engine) as s:
        return apply_trigger(session=s, trigger=trigger, actor=actor, on=date.fromisoformat(on), now=now,
                             case_number=case, data=data)


def to_inspecting(engine, start="2026-03-02", finding=FINDING) -> str:
    """A complaint case up to a recorded inspection with one finding; returns its number."""
    number = act(engine, "file_complaint", "dewi", start, **COMPLAINT).case_number
    act(engine, "verify_complaint", "dewi", start, number)
    act(engine, "assign_inspectors", "hendra", start, number, inspectors=["budi", "sari"])
    act(engine, "sign_spt", "kadis", start, number, period_start=start, period_end=start)
    act(engine, "record_finding", "budi", start, number, **finding)
    act(engine, "record_inspection", "budi", start, number, inspection_date=start)
    return number


def fingerprint(engine) -> dict:
    """Row count of every table plus every case's state and version: equal before/after means unchanged."""
    from models import Case

    with session_scope(engine) as s:
        present = set(sqlalchemy.inspect(s.get_bind()).get_table_names())  # an older schema lacks later tables
        counts = {t.name: s.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in SQLModel.metadata.sorted_tables if t.name in present}
        cases = [(c.number, c.state, c.version, dict(c.details)) for c in s.exec(sqlmodel.select(Case)).all()]
    return {"counts": counts, "cases": cases}


ANDI = {"name": "Andi Wijaya", "sex": "laki-laki", "birth_place": "Bandung", "birth_date": "1975-04-02",
        "nationality": "Indonesia", "occupation": "Direktur Utama PT Sinar Tekstil Nusantara",
        "address": "Jl. Setiabudi No. 40, Kota Bandung", "nik": "3273010204750001"}
WORKER = {"name": "Siti Aminah", "sex": "perempuan", "birth_place": "Cimahi", "birth_date": "1992-07-17",
          "nationality": "Indonesia", "occupation": "Karyawan swasta (operator)",
          "address": "Jl. Baros No. 3, Kota Cimahi", "nik": "3277015707920002"}


def incident(ground="repeat_offence", articles=("UU 13/2003 Pasal 185 ayat (1)",), **over) -> dict:
    """A complete report_incident payload (a natural-person suspect, one witness, the offence's time and place)."""
    data = {"ground": ground, "account": "Pengusaha tidak membayar upah pekerja/buruh sesuai ketentuan",
            "offence": {"date": "2026-02-27", "place": "PT Sinar Tekstil Nusantara, Jl. Industri Raya No. 5",
                        "district": "Kota Cimahi"},
            "suspect": {"person": ANDI}, "articles": list(articles),
            "witnesses": [{"person": WORKER, "statement": "Upah bulan Februari 2026 tidak dibayar"}],
            "evidence": ["Daftar upah bulan Februari 2026"]}
    if ground == "repeat_offence":
        data["earlier"] = {"title": "Nota Pemeriksaan I", "number": "R.560/0099/NP-I/UPTD-WIL.I/IX/2025",
                           "date": "2025-09-15"}
    return {**data, **over}


def restorative(amount=1_000_000, due="2026-04-01", **over) -> dict:
    """A complete start_restorative_justice payload."""
    return {"place": "Kantor UPTD Pengawasan Ketenagakerjaan Wilayah I", "complainant_agrees": True,
            "employer": {"person": ANDI, "capacity": "Direktur Utama PT Sinar Tekstil Nusantara",
                         "authority": "berdasarkan Akta Pendirian Nomor 1 tanggal 2 Januari 2001"},
            "workers": {"person": WORKER, "capacity": "Wakil pekerja/buruh",
                        "authority": "berdasarkan Surat Kuasa tanggal 1 Maret 2026"},
            "schedule": [{"name": WORKER["name"], "amount": amount}],
            "obligations": [{"description": "Pembayaran upah kerja lembur", "amount": amount,
                             "method": "transfer ke rekening pekerja/buruh", "due_date": due}], **over}


def trail_spans(engine) -> list[tuple]:
    """The stays in states the audit trail tells, by walking each case's events that moved it, in id order."""
    with engine.connect() as conn:
        events = conn.execute(sqlalchemy.text(
            "SELECT case_id, on_date, \"trigger\", from_state, to_state FROM caseevent "
            "WHERE from_state IS NULL OR from_state <> to_state ORDER BY id")).all()
    spans, last = [], {}
    for case_id, on, trigger, _, to_state in events:
        if case_id in last:
            spans[last[case_id]][3:] = [str(on), trigger]
        last[case_id] = len(spans)
        spans.append([case_id, to_state, str(on), None, None])
    return sorted(map(tuple, spans))


def stored_spans(engine) -> list[tuple]:
    """The stays in states as models.CaseSpan holds them, in the shape of `trail_spans`."""
    with engine.connect() as conn:
        rows = conn.execute(sqlalchemy.text("SELECT case_id, state, entered_on, left_on, left_by FROM case_span")).all()
    return sorted((c, s, str(e), left and str(left), by) for c, s, e, left, by in rows)
