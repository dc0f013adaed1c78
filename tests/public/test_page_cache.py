"""The public page cache: one render per version, ETag and 304, exact counts, no stale page."""

from sqlalchemy import select

from app.extensions import db
from app.models import Product
from app.public import cache as page_cache_module
from tests.conftest import page_views_of, selects_from_now


def test_page_is_rendered_once_per_version_and_revalidates_with_304(
    client, make_business, monkeypatch
):
    business = make_business(publish=True, products=(("Keripik singkong", 15000),))
    renders = []
    real = page_cache_module.PageCache.put

    def counting_put(self, key, body):  # the real put, counted
        renders.append(key)
        real(self, key, body)

    monkeypatch.setattr(page_cache_module.PageCache, "put", counting_put)
    first = client.get(f"/b/{business.slug}")
    second = client.get(f"/b/{business.slug}")
    assert first.status_code == second.status_code == 200
    assert first.get_data() == second.get_data() and len(renders) == 1
    etag = first.headers["ETag"]
    assert etag and etag == second.headers["ETag"]
    # The page scanned from a label carries its source in the order form: its own page.
    label = client.get(f"/b/{business.slug}/l")
    assert label.headers["ETag"] != etag and len(renders) == 2
    assert 'name="dari" value="l"' in label.get_data(as_text=True)
    again = client.get(f"/b/{business.slug}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.get_data()
    assert again.headers["ETag"] == etag and "public" in again.headers["Cache-Control"]
    # Every request is a view, whether the page came from the cache or the browser's.
    assert page_views_of(business) == 4


def test_any_change_shown_on_the_page_gives_a_new_page(client, make_business):
    business = make_business(publish=True, products=(("Keripik singkong", 15000),))
    url = f"/b/{business.slug}"
    etags = [client.get(url).headers["ETag"]]

    business.tagline = "Gurih dan renyah sejak 1998"
    db.session.commit()
    page = client.get(url)
    assert "sejak 1998" in page.get_data(as_text=True)
    etags.append(page.headers["ETag"])

    product = db.session.scalar(select(Product).where(Product.business_id == business.id))
    product.price_idr = 17500
    db.session.commit()
    page = client.get(url, headers={"If-None-Match": etags[-1]})
    assert page.status_code == 200 and "Rp17.500" in page.get_data(as_text=True)
    etags.append(page.headers["ETag"])

    db.session.add(
        Product(business_id=business.id, name="Peyek kacang", price_idr=9000, position=5)
    )
    db.session.commit()
    page = client.get(url)
    assert "Peyek kacang" in page.get_data(as_text=True)
    etags.append(page.headers["ETag"])
    assert len(set(etags)) == 4

    business.published = False
    db.session.commit()
    assert client.get(url).status_code == 404


def test_a_cached_page_asks_the_database_nothing(app, client, make_business):
    business = make_business(publish=True, products=(("Keripik singkong", 15000),))
    url = f"/b/{business.slug}"
    first = client.get(url)
    selects = selects_from_now()
    again = client.get(url)
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert selects == []
    assert page_views_of(business) == 2


def test_bulk_writes_and_other_workers_invalidate_the_page(app, client, make_business, tmp_path):
    from sqlalchemy import update

    from app import create_app
    from app.models import Business

    business = make_business(publish=True, products=(("Keripik singkong", 15000),))
    url = f"/b/{business.slug}"
    assert "Rp15.000" in client.get(url).get_data(as_text=True)
    # A bulk statement (as the importer writes) is seen too.
    db.session.execute(update(Product).values(price_idr=16000))
    db.session.commit()
    assert "Rp16.000" in client.get(url).get_data(as_text=True)
    # Another worker (another app on the same database and generations) changes the page.
    other = create_app({**app.config, "TESTING": True})
    with other.app_context():
        row = db.session.get(Business, business.id)
        row.tagline = "Dibuat oleh pekerja lain"
        db.session.commit()
        db.session.remove()
    assert "Dibuat oleh pekerja lain" in client.get(url).get_data(as_text=True)
    db.session.execute(update(Business).values(published=False))
    db.session.commit()
    assert client.get(url).status_code == 404
