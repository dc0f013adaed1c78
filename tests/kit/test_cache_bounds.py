"""The rendered-file cache stays bounded: LRU eviction, prune, a render budget per user."""

from __future__ import annotations

import io
import os
import time
import uuid
from pathlib import Path

from app import create_app
from app.extensions import limiter
from app.filecache import cache_size, get_or_render
from app.kitfiles import KitOptions, build_kit
from app.kitweb import rendered_paths
from app.mentor import services
from app.mentor.services import BusinessInput, ProductInput
from app.transaction import commit
from tests.conftest import Auth
from tests.security.conftest import jpeg_bytes


def test_the_cache_evicts_least_recently_used_files_past_its_limit(tmp_path):
    root = tmp_path / "generated"
    paths = []
    for n in range(10):
        path = get_or_render(
            root / "b" / "x",
            f"{n:032x}",
            ".bin",
            lambda: b"x" * 1000,
            max_bytes=5000,
            cache_root=root,
        )
        os.utime(path, (time.time() - 10_000 + n, time.time() - 10_000 + n))
        paths.append(path)
        if n == 1:
            # A hit on an hour-old file makes it recent again: it outlives newer ones.
            os.utime(path, (time.time() - 7200, time.time() - 7200))
            get_or_render(root / "b" / "x", f"{n:032x}", ".bin", lambda: b"", 5000, root)
    assert cache_size(root) <= 5000
    kept = [path.exists() for path in paths]
    assert kept[1] and kept[-1] and not kept[0] and not kept[2]


def test_prune_removes_what_no_record_references(app, runner, make_business):
    business = make_business()
    product = business.products[0]
    photo_input = ProductInput(id=product.id, name=product.name, photo=io.BytesIO(jpeg_bytes()))
    services.update_business(business, BusinessInput({}, [photo_input]), None)
    commit()
    photo = business.products[0].photo
    uploads = Path(app.config["UPLOAD_DIR"])
    orphan = uploads / f"{uuid.uuid4().hex}.jpg"
    orphan.write_bytes(jpeg_bytes())
    build_kit(business)
    build_kit(business, KitOptions(sheet="a4-2x7-99x38", home_address_on_label=True))
    generated = Path(app.config["GENERATED_DIR"])
    current = set(rendered_paths(business))
    everything = {path for path in generated.rglob("*") if path.is_file()}
    assert everything - current  # the variant's files
    result = runner.invoke(args=["kit", "prune", "--min-age", "0"])
    assert result.exit_code == 0, result.output
    left = {path for path in generated.rglob("*") if path.is_file()}
    assert left == everything & current and left
    assert not orphan.exists() and (uploads / photo).exists()
    assert "foto tak terpakai dihapus" in result.output


def test_renders_with_other_options_have_a_budget_per_user(app, world, make_business):
    business = make_business()
    config = {
        **app.config,
        "RATELIMIT_ENABLED": True,
        "RENDER_LIMIT": "3 per minute",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    limited = create_app(config)
    limiter.reset()
    client = limited.test_client()
    Auth(client).login("mentor_a")
    url = f"/usaha/{business.id}/kit/berkas/label.png"
    codes = [client.get(f"{url}?sheet=a4-2x7-99x38&copies={n}").status_code for n in range(4)]
    assert 429 not in codes[:3] and codes[3] == 429
    assert "Terlalu banyak" in client.get(f"{url}?sheet=a4-2x7-99x38").get_data(as_text=True)
    assert client.get(url).status_code in (200, 302)  # default options: no budget
