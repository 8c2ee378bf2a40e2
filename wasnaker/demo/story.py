"""The demo's story, dated early 2026: three cases that end differently, and the cases still running today.
Plain data, played by `wasnaker.demo.load` (through the application layer) and `wasnaker.demo.narrated` (through
the stage flows)."""

COMPANIES = [
    dict(name="PT Sinar Tekstil Nusantara", nib="9120001234567", npwp="01.234.567.8-901.000",
         address="Jl. Industri Raya No. 5, Cimahi", email="hrd@sinartekstil.co.id", kbli="13111", workforce=250,
         head_name="Andi Wijaya", head_title="Direktur Utama"),
    dict(name="CV Maju Jaya Konveksi", nib="9120007654321", npwp="0987654321098765",
         address="Jl. Raya Dayeuhkolot No. 12, Kabupaten Bandung", email="admin@majujaya.id", kbli="14111",
         workforce=60, head_name="Rudi Hartono", head_title="Pimpinan"),
    dict(name="PT Karya Logam Presisi", nib="9120005550001", npwp="02.555.000.1-444.000",
         address="Kawasan Industri Batujajar Blok C-3, Bandung Barat", email="legal@karyalogam.co.id",
         kbli="25920", workforce=120, head_name="Hadi Prasetyo", head_title="Direktur"),
]

MIN_WAGE = dict(norm="Upah minimum",
                article="Pasal 88E ayat (2) Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan "
                        "sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023",
                facts="40 (empat puluh) pekerja bagian produksi dibayar Rp 3.100.000 per bulan, di bawah UMK "
                      "Kota Cimahi 2026", order="Membayar upah sekurang-kurangnya UMK Kota Cimahi Tahun 2026 "
                      "kepada seluruh pekerja dan membayar kekurangan upah sejak Januari 2026",
                workers_affected=40)
WAGES_LATE = dict(norm="Pembayaran upah",
                  article="Pasal 88A ayat (3) UU 13/2003 jo UU 6/2023 jo Pasal 61 PP 36/2021",
                  facts="Upah bulan Desember 2025 bagi 18 (delapan belas) pekerja belum dibayar",
                  order="Membayar upah bulan Desember 2025 beserta denda keterlambatan", workers_affected=18,
                  amount=57_600_000)
OVERTIME = dict(norm="Waktu kerja lembur",
                article="Pasal 78 ayat (2) UU 13/2003 jo UU 6/2023 jo Pasal 31 PP 35/2021",
                facts="Upah kerja lembur 12 (dua belas) pekerja bulan Januari-Februari 2026 tidak dibayar",
                order="Membayar upah kerja lembur sesuai Pasal 31 PP 35/2021", workers_affected=12,
                amount=14_250_000)

ARTICLE_185_WAGES = ("Pasal 185 ayat (1) jo Pasal 88A ayat (3) Undang-Undang Nomor 13 Tahun 2003 tentang "
                     "Ketenagakerjaan sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023")
ARTICLE_187_OVERTIME = ("Pasal 187 ayat (1) jo Pasal 78 ayat (2) Undang-Undang Nomor 13 Tahun 2003 tentang "
                        "Ketenagakerjaan sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023")


def _person(name, sex, birth_place, birth_date, occupation, address, nik):
    return dict(name=name, sex=sex, birth_place=birth_place, birth_date=birth_date, nationality="Indonesia",
                occupation=occupation, address=address, nik=nik)


RUDI = _person("Rudi Hartono", "laki-laki", "Bandung", "1972-05-14", "Wiraswasta (Pimpinan CV Maju Jaya Konveksi)",
               "Jl. Raya Dayeuhkolot No. 12, Kecamatan Dayeuhkolot, Kabupaten Bandung", "3204051405720003")
UJANG = _person("Ujang Supriatna", "laki-laki", "Bandung", "1990-08-02", "Karyawan swasta (operator jahit)",
                "Kp. Bojongsoang RT 02 RW 05, Kecamatan Bojongsoang, Kabupaten Bandung", "3204050208900011")
EUIS = _person("Euis Komalasari", "perempuan", "Garut", "1988-11-20", "Karyawan swasta (staf keuangan)",
               "Jl. Mohammad Toha No. 210, Kecamatan Dayeuhkolot, Kabupaten Bandung", "3205026011880002")
HADI = _person("Hadi Prasetyo", "laki-laki", "Surabaya", "1970-02-11", "Direktur PT Karya Logam Presisi",
               "Jl. Setrasari Indah No. 8, Kota Bandung", "3273011102700005")
DEDI = _person("Dedi Kurniawan", "laki-laki", "Cimahi", "1985-03-09", "Karyawan swasta (operator mesin)",
               "Jl. Cihanjuang No. 45, Kecamatan Parongpong, Kabupaten Bandung Barat", "3217010903850004")
FOUNDRY_WORKERS = ["Dedi Kurniawan", "Asep Saepudin", "Cecep Hidayat", "Dadang Sunarya", "Engkos Kosasih",
                   "Iwan Setiawan", "Jajang Nurjaman", "Komarudin", "Lili Suherli", "Maman Suparman",
                   "Nana Sumarna", "Opik Taufik"]


# The Penetapan's basis: per worker, what was due for the period, what was paid; the shortfall is the difference.
UNPAID_WAGES = dict(norm="Pembayaran upah", article="Pasal 88A ayat (3) UU 13/2003 jo UU 6/2023",
                    facts="Upah bulan Desember 2025 bagi 3 (tiga) pekerja bagian penjahitan tidak dibayar atau "
                          "dibayar kurang dari yang diperjanjikan.",
                    order="Membayar kekurangan upah bulan Desember 2025 kepada pekerja/buruh tersebut",
                    workers_affected=3, workers=[
                        dict(name="Siti Aminah", position="Penjahit", items=[
                            dict(label="Upah", period="Desember 2025", due=3_200_000, paid=1_600_000)]),
                        dict(name="Joko Susilo", position="Penjahit", items=[
                            dict(label="Upah", period="Desember 2025", due=3_200_000, paid=1_600_000)]),
                        dict(name="Euis Komariah", position="Operator Obras", items=[
                            dict(label="Upah", period="Desember 2025", due=3_350_000, paid=0)])])
UNPAID_OVERTIME = dict(norm="Waktu kerja lembur",
                       article="Pasal 78 ayat (2) UU 13/2003 jo UU 6/2023 jo Pasal 31 PP 35/2021",
                       facts="Upah kerja lembur bulan November 2025 bagi 1 (satu) pekerja bagian penjahitan tidak "
                             "dibayar.", order="Membayar upah kerja lembur bulan November 2025 kepada pekerja/buruh "
                                              "tersebut", workers_affected=1, workers=[
                           dict(name="Siti Aminah", position="Penjahit", items=[
                               dict(label="Upah kerja lembur", period="November 2025", due=462_500, paid=0)])])

CASE_A = [  # complied after Nota I
    ("file_complaint", "dewi", "2026-02-02", dict(
        company_nib="9120001234567", complainant_name="PUK SPTSK SPSI PT Sinar Tekstil Nusantara",
        complainant_contact="0812-2000-1111", channel="surat", summary="Upah pekerja produksi di bawah UMK 2026",
        norms=["Upah minimum"], evidence=["Slip gaji Januari 2026"])),
    ("verify_complaint", "dewi", "2026-02-02", {}),
    ("assign_inspectors", "hendra", "2026-02-03", dict(inspectors=["budi"])),
    ("sign_spt", "rahmat", "2026-02-04", dict(period_start="2026-02-05", period_end="2026-02-06")),
    ("record_finding", "budi", "2026-02-05", MIN_WAGE),
    ("record_inspection", "budi", "2026-02-05", dict(inspection_date="2026-02-05", place="Kantor dan pabrik",
                                                      recommendation="Diterbitkan Nota Pemeriksaan I")),
    ("issue_nota_1", "budi", "2026-02-09", dict(deadline_days=14)),
    ("record_receipt", "budi", "2026-02-10", dict(received_on="2026-02-10", method="hand")),
    ("record_compliance", "budi", "2026-02-20", dict(note="Bukti transfer kekurangan upah diterima")),
]

CASE_B = [  # Nota I -> Nota II expired -> incident report -> investigation -> P-19 loop -> P-21 -> Tahap II
    ("plan_inspection", "hendra", "2026-01-12", dict(company_nib="9120007654321", reason="work_plan")),
    ("assign_inspectors", "hendra", "2026-01-12", dict(inspectors=["budi", "sari"])),
    ("sign_spt", "rahmat", "2026-01-13", dict(period_start="2026-01-14", period_end="2026-01-15")),
    ("record_finding", "budi", "2026-01-14", WAGES_LATE),
    ("record_inspection", "budi", "2026-01-14", dict(inspection_date="2026-01-14", place="Ruang produksi")),
    ("issue_nota_1", "budi", "2026-01-15", dict(deadline_days=7)),
    ("record_receipt", "budi", "2026-01-16", dict(received_on="2026-01-16", method="hand")),
    ("timers", None, "2026-01-26", None),
    ("sign_spt", "rahmat", "2026-01-26", dict(period_start="2026-01-26", period_end="2026-01-26")),  # re-check
    ("record_recheck", "budi", "2026-01-26", dict(note="Upah Desember 2025 belum dibayar")),
    ("issue_nota_2", "budi", "2026-01-26", dict(deadline_days=7, received_on="2026-01-27")),
    ("sign_spt", "rahmat", "2026-02-04", dict(period_start="2026-02-05", period_end="2026-02-05")),  # re-check
    ("timers", None, "2026-02-05", None),
    ("record_recheck", "budi", "2026-02-05", dict(note="Upah Desember 2025 tetap belum dibayar")),
    ("report_incident", "budi", "2026-02-05", dict(
        account="Pengusaha tidak membayar upah bulan Desember 2025 kepada 18 (delapan belas) pekerja/buruh dan tetap "
                "tidak membayarnya setelah jangka waktu Nota Pemeriksaan I dan Nota Pemeriksaan II berakhir",
        offence=dict(date="2026-01-05", place="CV Maju Jaya Konveksi, Jl. Raya Dayeuhkolot No. 12, Kabupaten Bandung",
                     district="Kabupaten Bandung"),
        suspect=dict(person=RUDI), articles=[ARTICLE_185_WAGES], witnesses=[
            dict(person=UJANG, statement="Upah bulan Desember 2025 tidak dibayar sampai dengan awal Februari 2026"),
            dict(person=EUIS, statement="Daftar upah Desember 2025 telah disusun tetapi upah tidak dibayarkan atas "
                                        "perintah pimpinan")],
        evidence=["Daftar upah bulan Desember 2025 CV Maju Jaya Konveksi",
                  "Rekening koran perusahaan bulan Desember 2025 sampai dengan Januari 2026"])),
    ("start_investigation", "hendra", "2026-02-06", dict(investigators=["sari"])),
    ("send_spdp", "sari", "2026-02-09", {}),
    ("summon", "sari", "2026-02-10", dict(status="tersangka", appointment_date="2026-02-18",
                                          appointment_time="09.00")),
    ("summon", "sari", "2026-02-10", dict(status="saksi", person=UJANG, appointment_date="2026-02-19",
                                          appointment_time="10.00")),
    ("record_bap", "sari", "2026-02-18", dict(name="Rudi Hartono", status="tersangka")),
    ("record_bap", "sari", "2026-02-19", dict(name="Ujang Supriatna", status="saksi")),
    ("submit_file", "sari", "2026-03-02", dict(
        received_on="2026-03-03", file_contents=["Laporan Kejadian", "Sprindik", "SPDP", "BAP Saksi", "BAP Tersangka",
                                                 "Daftar barang bukti"])),
    ("receive_p19", "sari", "2026-03-10", dict(p19_number="B-412/M.2.24/Eku.1/03/2026",
                                               instructions="Lengkapi keterangan ahli ketenagakerjaan",
                                               received_on="2026-03-10")),
    ("resubmit_file", "sari", "2026-03-19", dict(received_on="2026-03-19",
                                                 file_contents=["Berkas perkara", "BAP Ahli"])),
    ("receive_p21", "sari", "2026-03-30", dict(p21_number="B-530/M.2.24/Eku.1/03/2026")),
    ("hand_over", "sari", "2026-04-14", dict(place="Kejaksaan Negeri Kabupaten Bandung",
                                             evidence=["Daftar upah Desember 2025"],
                                             prosecutor_name="Agus Salim, S.H.", prosecutor_nip="198001012005011001")),
    ("close_case", "sari", "2026-04-15", {}),
]

CASE_C = [  # investigation -> restorative justice on an RJ-eligible article -> SP3 -> closed
    ("file_complaint", "dewi", "2026-03-02", dict(
        company_nib="9120005550001", complainant_name="Serikat Pekerja Logam PT Karya Logam Presisi",
        summary="Upah lembur Januari-Februari 2026 tidak dibayar; pelanggaran berulang",
        norms=["Waktu kerja lembur"])),
    ("verify_complaint", "dewi", "2026-03-03", {}),
    ("assign_inspectors", "hendra", "2026-03-03", dict(inspectors=["sari"])),
    ("sign_spt", "rahmat", "2026-03-04", dict(period_start="2026-03-05", period_end="2026-03-05")),
    ("record_finding", "sari", "2026-03-05", OVERTIME),
    ("record_inspection", "sari", "2026-03-05", dict(inspection_date="2026-03-05")),
    ("report_incident", "sari", "2026-03-06", dict(
        ground="repeat_offence",
        account="Perusahaan tidak membayar upah kerja lembur bulan Januari dan Februari 2026 kepada 12 (dua belas) "
                "pekerja/buruh bagian pengecoran, pelanggaran yang sama dengan yang telah diperintahkan untuk "
                "diperbaiki pada pemeriksaan tahun 2025",
        earlier=dict(title="Nota Pemeriksaan I", number="R.560/0412/NP-I/UPTD-WIL.I/IX/2025", date="2025-09-15"),
        offence=dict(date="2026-02-27", place="PT Karya Logam Presisi, Kawasan Industri Batujajar Blok C-3",
                     district="Kabupaten Bandung Barat"),
        suspect=dict(corporation=dict(name="PT Karya Logam Presisi", nib="9120005550001",
                                      address="Kawasan Industri Batujajar Blok C-3, Bandung Barat",
                                      pengurus=HADI, pengurus_position="Direktur")),
        articles=[ARTICLE_187_OVERTIME], witnesses=[
            dict(person=DEDI, statement="Upah kerja lembur bulan Januari dan Februari 2026 tidak dibayar kepada 12 "
                                        "pekerja/buruh bagian pengecoran")],
        evidence=["Rekapitulasi kerja lembur bulan Januari dan Februari 2026", "Slip upah bulan Februari 2026"])),
    ("start_investigation", "hendra", "2026-03-09", dict(investigators=["sari"])),
    ("send_spdp", "sari", "2026-03-10", {}),
    ("start_restorative_justice", "sari", "2026-03-16", dict(
        place="Kantor UPTD Pengawasan Ketenagakerjaan Wilayah I, Bandung", complainant_agrees=True,
        fulfilment_days=30,
        employer=dict(person=HADI, capacity="Direktur PT Karya Logam Presisi",
                      authority="berdasarkan Akta Pendirian Nomor 15 tanggal 3 Maret 2010, bertindak untuk dan atas "
                                "nama PT Karya Logam Presisi"),
        workers=dict(person=DEDI, capacity="Ketua Serikat Pekerja Logam PT Karya Logam Presisi",
                     authority="berdasarkan Surat Kuasa Khusus tanggal 12 Maret 2026 dari 12 (dua belas) "
                               "pekerja/buruh yang namanya tercantum dalam daftar"),
        schedule=[dict(name=name, amount=1_187_500) for name in FOUNDRY_WORKERS],
        obligations=[dict(description="Pembayaran upah kerja lembur bulan Januari dan Februari 2026 kepada 12 "
                                      "(dua belas) pekerja/buruh sesuai daftar", amount=14_250_000,
                          method="transfer ke rekening masing-masing pekerja/buruh", due_date="2026-04-10")])),
    ("record_rj_fulfilment", "sari", "2026-04-09", dict(note="Bukti transfer upah lembur kepada 12 pekerja/buruh "
                                                              "diterima")),
    ("notify_sp3", "sari", "2026-04-09", {}),
]

EXPECTED = {"A": ("closed", "complied"), "B": ("closed", "handed_over"), "C": ("closed", "restorative_justice")}
STORY = {"A": CASE_A, "B": CASE_B, "C": CASE_C}


def live_cases(today) -> list[list[tuple]]:
    """Cases still running today, so the deadline calendar has upcoming runs: dates relative to `today`."""
    from datetime import timedelta

    def day(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    def opening(nib: str, start: int, inspector: str, finding: dict = WAGES_LATE) -> list[tuple]:
        return [("plan_inspection", "hendra", day(start), dict(company_nib=nib)),
                ("assign_inspectors", "hendra", day(start), dict(inspectors=[inspector])),
                ("sign_spt", "rahmat", day(start), dict(period_start=day(start), period_end=day(start))),
                ("record_finding", inspector, day(start), finding),
                ("record_inspection", inspector, day(start), dict(inspection_date=day(start),
                                                                  place="Ruang produksi"))]

    nota = opening("9120001234567", 6, "budi") + [
        ("issue_nota_1", "budi", day(5), dict(deadline_days=14)),
        ("record_receipt", "budi", day(4), dict(received_on=day(4)))]
    penetapan = opening("9120007654321", 4, "budi", UNPAID_WAGES) + [
        ("record_finding", "budi", day(4), UNPAID_OVERTIME),
        ("issue_penetapan", "budi", day(3), dict(received_on=day(2)))]
    prosecution = opening("9120005550001", 30, "sari") + [
        ("report_incident", "sari", day(29), dict(
            ground="repeat_offence", earlier=dict(title="Nota Pemeriksaan II", date="2025-06-02",
                                                  number="R.560/0107/NP-II/UPTD-WIL.I/VI/2025"),
            account="Upah bulan berjalan kembali tidak dibayar kepada pekerja/buruh setelah pelanggaran yang sama "
                    "pada tahun 2025",
            offence=dict(date=day(31), place="PT Karya Logam Presisi, Kawasan Industri Batujajar Blok C-3",
                         district="Kabupaten Bandung Barat"),
            suspect=dict(corporation=dict(name="PT Karya Logam Presisi", nib="9120005550001",
                                          address="Kawasan Industri Batujajar Blok C-3, Bandung Barat",
                                          pengurus=HADI, pengurus_position="Direktur")),
            articles=[ARTICLE_185_WAGES], evidence=["Daftar upah bulan berjalan"],
            witnesses=[dict(person=DEDI, statement="Upah bulan berjalan tidak dibayar kepada pekerja/buruh")])),
        ("start_investigation", "hendra", day(28), dict(investigators=["sari"])),
        ("send_spdp", "sari", day(27), {}),
        ("submit_file", "sari", day(10), dict(file_contents=["Berkas perkara"], received_on=day(10)))]
    # e-mailed yesterday and not yet acknowledged: its link (in the mailbox) starts the clock; 3 days: deemed
    emailed = opening("9120005550001", 2, "budi") + [("issue_nota_1", "budi", day(1), dict(deadline_days=14))]
    return [nota, penetapan, prosecution, emailed]
