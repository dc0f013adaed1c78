"""Pure validators and normalisers for business data; messages are Indonesian (lazy gettext)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
from flask_babel import lazy_gettext as _l
from phonenumbers import PhoneNumberType

from app.render.formatting import COUNTRY_CODE, parse_phone


class InvalidValue(ValueError):
    """A value that cannot be accepted; str() is a message for the person who typed it."""


# --- WhatsApp / Indonesian mobile numbers -----------------------------------------------------

# Indonesian mobile numbers start 08 nationally (62 8 internationally); which prefixes are
# mobile, and how long, comes from libphonenumber's metadata (the phonenumbers package).
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
MOBILE_NSN_MIN = 9  # digits after the country code, e.g. 812-345-678
MOBILE_NSN_MAX = 12  # e.g. 812-3456-78901
_PHONE_ALLOWED = re.compile(r"^[\d\s\-().+/]*$")


def normalise_whatsapp(raw: str) -> str:
    """Return an Indonesian mobile number as 62… digits, or raise InvalidValue."""
    text = (raw or "").strip()
    if not text:
        raise InvalidValue(_l("Nomor WhatsApp kosong."))
    if not _PHONE_ALLOWED.match(text):
        raise InvalidValue(_l("Nomor WhatsApp hanya boleh berisi angka, spasi, tanda + atau -."))
    try:
        number = parse_phone(text)
    except phonenumbers.NumberParseException:
        raise InvalidValue(_l("Jumlah angka nomor HP tidak pas (biasanya 10–13 angka).")) from None
    if number.country_code != COUNTRY_CODE:
        raise InvalidValue(_l("Hanya nomor Indonesia (+62) yang bisa dipakai."))
    nsn = str(number.national_number)
    not_mobile = _l("Ini bukan nomor HP Indonesia. Nomor HP diawali 08, misalnya 0812-3456-7890.")
    if not nsn.startswith("8"):
        raise InvalidValue(not_mobile)
    if not MOBILE_NSN_MIN <= len(nsn) <= MOBILE_NSN_MAX:
        raise InvalidValue(_l("Jumlah angka nomor HP tidak pas (biasanya 10–13 angka)."))
    if phonenumbers.number_type(number) not in _MOBILE_TYPES or not phonenumbers.is_valid_number(
        number
    ):
        raise InvalidValue(not_mobile)
    return f"{COUNTRY_CODE}{nsn}"


# --- links -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkRule:
    """Which hosts (and path prefixes) a platform link may point at."""

    label: str
    domains: tuple[str, ...]
    path_prefixes: dict[str, tuple[str, ...]] | None = None


LINK_RULES: dict[str, LinkRule] = {
    "shopee": LinkRule("Shopee", ("shopee.co.id", "shp.ee")),
    "facebook": LinkRule("Facebook", ("facebook.com", "fb.com", "fb.me")),
    "instagram": LinkRule("Instagram", ("instagram.com", "instagr.am")),
    "maps": LinkRule(
        "Google Maps",
        (
            "maps.app.goo.gl",
            "maps.google.com",
            "maps.google.co.id",
            "g.page",
            "google.com",
            "google.co.id",
            "goo.gl",
        ),
        path_prefixes={"google.com": ("/maps",), "google.co.id": ("/maps",), "goo.gl": ("/maps",)},
    ),
    "tiktok": LinkRule("TikTok", ("tiktok.com",)),
}
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


def _registered_domain(host: str, domains: tuple[str, ...]) -> str | None:
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return domain
    return None


def normalise_link(platform: str, raw: str) -> str | None:
    """Return a safe https link for the platform, None for empty input, or raise InvalidValue."""
    rule = LINK_RULES[platform]
    text = (raw or "").strip()
    if not text:
        return None
    squashed = re.sub(r"[\s\x00-\x1f]", "", text).lower()
    if squashed.startswith(_DANGEROUS_SCHEMES) or any(c in text for c in "\x00\r\n\t<>\"'`"):
        raise InvalidValue(_l("Tautan ini tidak aman dan ditolak."))
    if "://" not in text:
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) and not re.match(r"^[^:/]+:\d", text):
            raise InvalidValue(_l("Tautan harus diawali https://"))
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidValue(_l("Tautan tidak bisa dibaca.")) from exc
    if parts.scheme.lower() != "https":
        raise InvalidValue(_l("Tautan harus diawali https://"))
    host = (parts.hostname or "").rstrip(".")
    if parts.username or parts.password or port not in (None, 443) or not host:
        raise InvalidValue(_l("Tautan tidak bisa dibaca."))
    domain = _registered_domain(host, rule.domains)
    if domain is None:
        raise InvalidValue(_l("Ini bukan tautan %(platform)s.", platform=rule.label))
    prefixes = (rule.path_prefixes or {}).get(domain)
    if prefixes and host in (domain, "www." + domain) and not parts.path.startswith(prefixes):
        raise InvalidValue(_l("Ini bukan tautan %(platform)s.", platform=rule.label))
    if len(text) > 300:
        raise InvalidValue(_l("Tautan terlalu panjang (maksimal 300 karakter)."))
    return urlunsplit(("https", host, parts.path or "/", parts.query, parts.fragment))


# --- NIK -----------------------------------------------------------------------------------

# Province codes in use on e-KTP (Kemendagri), used to refuse numbers that cannot be a NIK.
PROVINCE_CODES = frozenset(
    [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53]
    + [61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97]
)
NIK_FEMALE_DAY_OFFSET = 40  # women's day of birth is written plus 40


def normalise_nik(raw: str) -> str | None:
    """Return a 16-digit NIK, None for empty input, or raise InvalidValue."""
    text = re.sub(r"[\s.\-]", "", raw or "")
    if not text:
        return None
    if not text.isdigit() or len(text) != 16:
        raise InvalidValue(_l("NIK harus 16 angka."))
    province, day, month, year = int(text[:2]), int(text[6:8]), int(text[8:10]), int(text[10:12])
    if province not in PROVINCE_CODES:
        raise InvalidValue(_l("Dua angka pertama NIK bukan kode provinsi yang dikenal."))
    if day > NIK_FEMALE_DAY_OFFSET:
        day -= NIK_FEMALE_DAY_OFFSET
    try:
        date(2000 + year, month, day)  # any leap year works for 29 February
    except ValueError as exc:
        raise InvalidValue(_l("Tanggal lahir di dalam NIK tidak masuk akal.")) from exc
    if text[12:] == "0000":
        raise InvalidValue(_l("Empat angka terakhir NIK tidak boleh 0000."))
    return text


def mask_nik(nik: str | None) -> str:
    """Return the NIK with its middle hidden, e.g. 3322********0001."""
    if not nik:
        return ""
    return nik[:4] + "*" * 8 + nik[-4:]


# --- money -------------------------------------------------------------------------------------

_MULTIPLIERS = {
    "rb": 1_000,
    "ribu": 1_000,
    "k": 1_000,
    "jt": 1_000_000,
    "juta": 1_000_000,
    "m": 1_000_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
}
MAX_RUPIAH = 10**15


def parse_rupiah(raw: str | int | None) -> int | None:
    """Return whole rupiah from input like 'Rp 1.500.000', 'Rp8.000,-' or '1,5 juta'."""
    if raw is None:
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip().lower().replace("\u00a0", " ")
        if not text:
            return None
        text = re.sub(r"^rp\.?\s*", "", text)
        text = re.sub(r",-$|,00$|\.-$", "", text).strip()
        match = re.fullmatch(r"([\d.,\s]+?)\s*([a-z]+)?", text)
        if not match:
            raise InvalidValue(_l("Tulis jumlah rupiah dengan angka, misalnya Rp 1.500.000."))
        number, word = match.group(1).replace(" ", ""), match.group(2)
        multiplier = 1
        if word:
            if word not in _MULTIPLIERS:
                raise InvalidValue(_l("Tulis jumlah rupiah dengan angka, misalnya Rp 1.500.000."))
            multiplier = _MULTIPLIERS[word]
        value = _parse_number(number, multiplier)
    if value < 0:
        raise InvalidValue(_l("Jumlah rupiah tidak boleh negatif."))
    if value > MAX_RUPIAH:
        raise InvalidValue(_l("Jumlah rupiah terlalu besar."))
    return value


def _parse_number(number: str, multiplier: int) -> int:
    bad = InvalidValue(_l("Tulis jumlah rupiah dengan angka, misalnya Rp 1.500.000."))
    if multiplier > 1:
        # "1,5 juta" or "1.5 jt": one decimal separator is allowed with a multiplier word.
        if re.fullmatch(r"\d+([.,]\d+)?", number) is None:
            raise bad
        whole, _, frac = number.replace(",", ".").partition(".")
        scaled = int(whole) * multiplier
        if frac:
            scaled += int(frac) * multiplier // (10 ** len(frac))
        return scaled
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", number) or re.fullmatch(r"\d{1,3}(,\d{3})+", number):
        return int(re.sub(r"[.,]", "", number))
    if re.fullmatch(r"\d+", number):
        return int(number)
    if re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{1,2}", number):
        raise InvalidValue(_l("Tulis rupiah tanpa sen, misalnya Rp 1.500."))
    raise bad


# --- slugs ---------------------------------------------------------------------------------------

SLUG_MAX = 32


def slugify(name: str) -> str:
    """Return a short ASCII slug for a business name (at most SLUG_MAX characters)."""
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:SLUG_MAX]
    return slug or "usaha"
