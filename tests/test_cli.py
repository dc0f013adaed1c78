"""The CLI contract: db upgrade, businesses import/list, demo load."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import Business, Product, User

HEADER = (
    "business_name,owner_name,trade,village,district,regency,whatsapp,tagline,products,"
    "capital_idr,annual_sales_idr,shopee_url,facebook_url,instagram_url,maps_url,nik,"
    "address,publish_consent"
)
GOOD_ROWS = [
    "Keripik Bu Sri,Sri Wahyuni,makanan_ringan,Tawang,Susukan,Kab. Semarang,0812-3456-7890,"
    'Renyah,"Keripik singkong=8000; Keripik pisang=Rp 9.000",Rp 1.500.000,24000000,'
    "https://shopee.co.id/busri,,,,3322054107820001,Dusun Krajan RT 2,ya",
    "Bakso Mas Bejo,Bejo Santoso,Warung Makan,Koripan,Susukan,,+62 813 2705 0505,,"
    '"Bakso urat=Rp15.000,-; Es teh=4.000",,,,,,,,,no',
    "Jasa Servis Pak Budi,Budi,Tukang Servis,Gentan,,,,,,,,,,,,,,tidak",
]


def _write(tmp_path, rows, name="daftar.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_good_rows(runner, tmp_path):
    result = runner.invoke(args=["businesses", "import", str(_write(tmp_path, GOOD_ROWS))])
    assert result.exit_code == 0, result.output
    assert "3 usaha baru, 0 diperbarui, 0 baris gagal." in result.output
    sri = db.session.scalar(select(Business).where(Business.name == "Keripik Bu Sri"))
    assert sri.whatsapp == "6281234567890" and sri.capital_idr == 1_500_000
    assert sri.annual_sales_idr == 24_000_000 and sri.nik == "3322054107820001"
    assert (
        sri.home_address == "Dusun Krajan RT 2" and sri.shopee_url == "https://shopee.co.id/busri"
    )
    assert sri.published and sri.publish_consent
    assert [(p.name, p.price_idr) for p in sri.products] == [
        ("Keripik singkong", 8000),
        ("Keripik pisang", 9000),
    ]
    bejo = db.session.scalar(select(Business).where(Business.name == "Bakso Mas Bejo"))
    assert bejo.trade == "warung_makan"  # display name, any case
    assert [(p.name, p.price_idr) for p in bejo.products] == [
        ("Bakso urat", 15000),
        ("Es teh", 4000),
    ]
    assert not bejo.published
    other = db.session.scalar(select(Business).where(Business.name == "Jasa Servis Pak Budi"))
    assert other.trade == "lainnya"
    assert 'baris 4, kolom trade: jenis usaha "Tukang Servis" tidak dikenal' in result.output


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (",Sri,kue,Tawang,,,,,,,,,,,,,,no", "business_name", "wajib diisi"),
        ("Usaha A,,kue,Tawang,,,,,,,,,,,,,,no", "owner_name", "wajib diisi"),
        ("Usaha A,Sri,kue,,,,,,,,,,,,,,,no", "village", "wajib diisi"),
        ("Usaha A,Sri,kue,Tawang,,,024 7654321,,,,,,,,,,,no", "whatsapp", "bukan nomor HP"),
        ("Usaha A,Sri,kue,Tawang,,,,,Roti=mahal,,,,,,,,,no", "products", "Roti"),
        ("Usaha A,Sri,kue,Tawang,,,,,,banyak,,,,,,,,no", "capital_idr", "Tulis jumlah"),
        ("Usaha A,Sri,kue,Tawang,,,,,,,,javascript:alert(1),,,,,,no", "shopee_url", "tidak aman"),
        (
            "Usaha A,Sri,kue,Tawang,,,,,,,,,https://evil.example/fb,,,,,no",
            "facebook_url",
            "bukan tautan Facebook",
        ),
        ("Usaha A,Sri,kue,Tawang,,,,,,,,,,,,12345,,no", "nik", "16 angka"),
        ("Usaha A,Sri,kue,Tawang,,,,,,,,,,,,,,mungkin", "publish_consent", "yes/no"),
    ],
)
def test_each_kind_of_bad_row_is_reported_and_skipped(runner, tmp_path, row, column, reason):
    path = _write(tmp_path, [GOOD_ROWS[0], row])
    result = runner.invoke(args=["businesses", "import", str(path)])
    assert result.exit_code == 1
    assert f"baris 3, kolom {column}:" in result.output and reason in result.output
    assert "1 usaha baru, 0 diperbarui, 1 baris gagal." in result.output
    assert db.session.scalar(select(func.count()).select_from(Business)) == 1


def test_importing_twice_creates_no_duplicates(runner, tmp_path):
    path = _write(tmp_path, GOOD_ROWS)
    assert runner.invoke(args=["businesses", "import", str(path)]).exit_code == 0
    second = runner.invoke(args=["businesses", "import", str(path)])
    assert second.exit_code == 0
    assert "0 usaha baru, 3 diperbarui, 0 baris gagal." in second.output
    assert db.session.scalar(select(func.count()).select_from(Business)) == 3
    assert db.session.scalar(select(func.count()).select_from(Product)) == 4


def test_import_xlsx(runner, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    columns = HEADER.split(",")
    sheet.append(columns)
    good = dict(business_name="Kue Bu Ani", owner_name="Ani", trade="kue", village="Gentan")
    good |= dict(district="Susukan", whatsapp=81222223333, products="Nagasari=2000")
    good |= dict(capital_idr=1500000, publish_consent="yes")
    bad = dict(business_name="Usaha Rusak", owner_name="X", trade="kue", village="Gentan")
    bad |= dict(whatsapp="12345", publish_consent="no")
    for row in (good, bad):  # a number cell stays a number: the importer reads it as text
        sheet.append([row.get(column, "") for column in columns])
    path = tmp_path / "daftar.xlsx"
    workbook.save(path)
    result = runner.invoke(args=["businesses", "import", str(path)])
    assert result.exit_code == 1
    assert "baris 3, kolom whatsapp:" in result.output
    business = db.session.scalar(select(Business))
    assert (business.name, business.whatsapp, business.capital_idr) == (
        "Kue Bu Ani",
        "6281222223333",
        1_500_000,
    )
    assert business.published


def test_list_json_has_public_urls(runner, make_business):
    make_business(publish=True)
    make_business(name="Belum Terbit")
    result = runner.invoke(args=["businesses", "list", "--json"])
    items = {item["slug"]: item for item in json.loads(result.output)}
    assert items["keripik-bu-sri"]["published"] is True
    assert items["keripik-bu-sri"]["public_url"] == "https://kit.example.id/b/keripik-bu-sri"
    assert items["belum-terbit"]["published"] is False
    assert items["keripik-bu-sri"]["business_name"] == "Keripik Bu Sri"
    assert "nik" not in json.dumps(items).lower()


def test_demo_load_is_idempotent_and_logs_in(runner, client):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "koordinator" in first.output and "susukan-koordinator" in first.output
    count = db.session.scalar(select(func.count()).select_from(Business))
    villages = set(db.session.scalars(select(Business.village)))
    assert count >= 20
    assert villages == {"Tawang", "Timpik", "Koripan", "Gentan", "Ngasinan", "Bakalrejo"}
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Business)) == count
    assert db.session.scalar(select(func.count()).select_from(User)) == 5
    from tests.conftest import Auth

    response = Auth(client).login("pendamping1", "susukan-tim-satu")
    assert response.status_code == 302
    assert "Toko Rumah Bu Sri" in client.get("/").get_data(as_text=True)


def test_users_create_goes_through_the_account_service(runner):
    from app.models import AuditEvent

    args = ["users", "create", "Sari.M", "--name", "Sari Mentor", "--team", "Tim CLI"]
    result = runner.invoke(args=[*args, "--password", "padi-sawah-2718"])
    assert result.exit_code == 0, result.output
    db.session.rollback()  # read what was committed, not what the session holds
    user = db.session.scalar(select(User).where(User.username == "sari.m"))
    assert user.must_change_password and [t.name for t in user.teams] == ["Tim CLI"]
    assert user.program_id == user.teams[0].program_id
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "account_created"))
    assert [e.changes["username"] for e in events] == ["sari.m"]

    again = runner.invoke(args=[*args, "--password", "padi-sawah-2718"])
    assert again.exit_code != 0 and "sudah dipakai" in again.output
    weak = runner.invoke(args=["users", "create", "budi", "--name", "Budi", "--password", "123"])
    assert weak.exit_code != 0 and "minimal" in weak.output
    db.session.rollback()
    assert (
        db.session.scalar(select(func.count()).select_from(User).where(User.username == "budi"))
        == 0
    )


def test_kit_templates_json_lists_the_logo_styles(runner):
    import json

    result = runner.invoke(args=["kit", "templates", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    logos = [row for row in rows if row["format"] == "logo"]
    assert len(logos) >= 6
    assert {"badge", "stamp", "script"} <= {row["id"] for row in logos}
    assert all(row["name"] for row in rows)


def test_flask_db_runs_alembic_on_the_apps_database(app, runner):
    def revision():
        with app.app_context(), db.engine.connect() as connection:
            return connection.scalar(text("SELECT version_num FROM alembic_version"))

    listed = runner.invoke(args=["db", "--help"])
    assert listed.exit_code == 0
    assert "upgrade" in listed.output
    head = revision()

    down = runner.invoke(args=["db", "downgrade"])  # one revision down
    assert down.exit_code == 0, down.output
    assert revision() not in (head, None)
    up = runner.invoke(args=["db", "upgrade"])
    assert up.exit_code == 0, up.output
    assert revision() == head


def test_start_up_leaves_alembic_to_the_db_commands_and_the_collector_on():
    code = (
        "import gc, sys\n"
        "from app import create_app\n"
        "app = create_app()\n"
        "print(sorted(m for m in ('alembic', 'flask_migrate') if m in sys.modules))\n"
        "print('db' in app.cli.list_commands(None), gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "True", "True", "True"]


def test_demo_data_is_typed_and_refuses_unknown_keys():
    from pathlib import Path

    from pydantic import ValidationError

    from app.demo import DemoData
    from app.render.tomldata import one_line, read_toml

    data = read_toml(Path(__file__).resolve().parents[1] / "app" / "demo.toml")
    assert DemoData.model_validate(data).accounts[0].role == "coordinator"
    data["businesses"][1]["harga"] = 1
    data["visits"][0]["days_ago"] = "kemarin"
    with pytest.raises(ValidationError) as error:
        DemoData.model_validate(data)
    assert one_line(error.value) == [
        "businesses #2: unknown field 'harga'",
        "visits #1: 'days_ago' must be an integer",
    ]
