"""Configuration read from the environment when the app is created, never at import."""

from __future__ import annotations

import os
from pathlib import Path

from app.words import is_yes

ROOT = Path(__file__).resolve().parent.parent


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return is_yes(value)


def normalise_database_url(url: str) -> str:
    """Return a SQLAlchemy URL, mapping plain postgres URLs to the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def from_environment(instance_path: str) -> dict:
    """Build the configuration mapping from environment variables with safe defaults."""
    env = os.environ
    default_db = f"sqlite:///{Path(instance_path) / 'kit-usaha.sqlite'}"
    public_base = env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    https = public_base.startswith("https://")
    return {
        "SECRET_KEY": env.get("SECRET_KEY") or _instance_secret(instance_path),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(env.get("DATABASE_URL", default_db)),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # The absolute base of public links (QR codes, WhatsApp shares, exports).
        "PUBLIC_BASE_URL": public_base,
        # AES-GCM key material for NIKs at rest; unset = derived from SECRET_KEY (see crypto.py).
        "NIK_KEY": env.get("NIK_KEY"),
        # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
        "PROXY_FIX_HOPS": int(env.get("PROXY_FIX_HOPS", "0")),
        "GENERATED_DIR": env.get("GENERATED_DIR", str(ROOT / "generated")),
        # The rendered-file cache is kept under this size, least recently used files first.
        "GENERATED_MAX_MB": int(env.get("GENERATED_MAX_MB", "500")),
        # Renders with non-default label options, per signed-in user (Flask-Limiter syntax).
        "RENDER_LIMIT": env.get("RENDER_LIMIT", "120 per minute; 1200 per hour"),
        # The business import refuses bigger files, more rows or longer cells, in one line.
        "IMPORT_MAX_MB": int(env.get("IMPORT_MAX_MB", "20")),
        "IMPORT_MAX_ROWS": int(env.get("IMPORT_MAX_ROWS", "20000")),
        "IMPORT_MAX_CELL": int(env.get("IMPORT_MAX_CELL", "2000")),
        # Decoded pixels of all images in one request (megapixels): a pixel flood is refused.
        "MAX_REQUEST_MEGAPIXELS": int(env.get("MAX_REQUEST_MEGAPIXELS", "120")),
        "TOOLKITS_DIR": env.get("TOOLKITS_DIR", str(ROOT / "toolkits")),
        "UPLOAD_DIR": env.get("UPLOAD_DIR", str(Path(instance_path) / "uploads")),
        # The whole request; each photo is limited apart (10 MB, app/pending_uploads.py).
        "MAX_CONTENT_LENGTH": int(env.get("MAX_UPLOAD_MB", "40")) * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Asia/Jakarta"),
        "LANGUAGES": ["id", "en"],
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), default=https),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), default=https),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Redis shared by every worker for rendered public pages (else the rate-limit
        # storage when it is Redis; else each process keeps its own).
        "PAGE_CACHE_REDIS_URL": env.get("PAGE_CACHE_REDIS_URL") or env.get("REDIS_URL"),
        "RATELIMIT_ENABLED": _bool(env.get("RATELIMIT_ENABLED"), default=True),
        "WTF_CSRF_TIME_LIMIT": None,
        # Page views are counted in memory and written at most this often (0: every view).
        "VIEW_FLUSH_SECONDS": float(env.get("VIEW_FLUSH_SECONDS", "10")),
    }


def _instance_secret(instance_path: str) -> str:
    """Return a random secret kept in instance/ so sessions survive a restart."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = os.urandom(32).hex()
    path.write_text(secret)
    path.chmod(0o600)
    return secret
