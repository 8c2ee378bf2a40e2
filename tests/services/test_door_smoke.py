from tests.conftest import NOW, d
from wasnaker.db import session_scope
from wasnaker.services.transitions import apply_trigger


def test_complaint_to_nota_1(seeded):
    with session_scope(seeded) as s:
        out = apply_trigger(session=s, trigger="file_complaint", actor="dewi", on=d("2026-03-02"), now=NOW,
                            data={"company_nib": "9120001234567", "complainant_name": "Serikat Pekerja",
                                  "summary": "Upah di bawah UMK"})
    num = out.case_number
    steps = [("verify_complaint", "dewi", "2026-03-02", {}),
             ("assign_inspectors", "hendra", "2026-03-03", {"inspectors": ["budi"]}),
             ("sign_spt", "kadis", "2026-03-04", {"period_start": "2026-03-05", "period_end": "2026-03-06"}),
             ("record_finding", "budi", "2026-03-05", {"norm": "Upah minimum", "article": "Pasal 88E ayat (2)",
                                                       "facts": "40 pekerja", "order": "Bayar UMK",
                                                       "workers_affected": 40}),
             ("record_inspection", "budi", "2026-03-05", {"inspection_date": "2026-03-05"}),
             ("issue_nota_1", "budi", "2026-03-09", {"deadline_days": 14}),
             ("record_receipt", "budi", "2026-03-10", {"received_on": "2026-03-10"})]
    for trig, who, on, data in steps:
        with session_scope(seeded) as s:
            out = apply_trigger(session=s, trigger=trig, actor=who, on=d(on), now=NOW, case_number=num, data=data)
        print(out)
    assert out.to_state == "nota_1"
