"""Country tags of State Department cables (the two-letter TAGS of a country: ``SY``, ``SP``, ``JA``).

A reporting cable keeps the instruction's subject tags, adds the host
country's tag and drops the other countries' (the instruction went to many
posts; the report is about one). The tags are the FIPS 10-4 country codes
cables use; a country not listed has no known tag, and then the instruction's
country tags are kept as they are.
"""

from __future__ import annotations

_TAGS = """
ANDORRA AN|BARBADOS BB|BELIZE BH|BENIN BN|BHUTAN BT|BOTSWANA BC|BRUNEI BX|BURKINA FASO UV|
BURUNDI BY|CAMEROON CM|CAPE VERDE CV|CENTRAL AFRICAN REPUBLIC CT|CHAD CD|COMOROS CN|CONGO CF|
COSTA RICA CS|COTE D'IVOIRE IV|DEMOCRATIC REPUBLIC OF THE CONGO CG|DJIBOUTI DJ|
DOMINICAN REPUBLIC DR|EL SALVADOR ES|EQUATORIAL GUINEA EK|ERITREA ER|FIJI FJ|GABON GB|GAMBIA GA|
GHANA GH|GUATEMALA GT|GUINEA GV|GUINEA-BISSAU PU|GUYANA GY|HAITI HA|HOLY SEE VT|HONDURAS HO|
JAMAICA JM|KOSOVO KV|LAOS LA|LESOTHO LT|LIBERIA LI|LIECHTENSTEIN LS|MADAGASCAR MA|MALAWI MI|
MALDIVES MV|MALI ML|MALTA MT|MAURITANIA MR|MAURITIUS MP|MONACO MN|MONGOLIA MG|MOZAMBIQUE MZ|
NAMIBIA WA|NEPAL NP|NICARAGUA NU|NIGER NG|PANAMA PM|PAPUA NEW GUINEA PP|PARAGUAY PA|PERU PE|
RWANDA RW|SENEGAL SG|SIERRA LEONE SL|SOMALIA SO|SRI LANKA CE|SURINAME NS|SWAZILAND WZ|TANZANIA TZ|
TIMOR-LESTE TT|TOGO TO|TRINIDAD AND TOBAGO TD|UGANDA UG|URUGUAY UY|ZAMBIA ZA|
AFGHANISTAN AF|ALBANIA AL|ALGERIA AG|ANGOLA AO|ARGENTINA AR|ARMENIA AM|AUSTRALIA AS|AUSTRIA AU|
AZERBAIJAN AJ|BAHAMAS BF|BAHRAIN BA|BANGLADESH BG|BELARUS BO|BELGIUM BE|BOLIVIA BL|
BOSNIA AND HERZEGOVINA BK|BRAZIL BR|BULGARIA BU|BURMA BM|CAMBODIA CB|CANADA CA|CHILE CI|CHINA CH|
COLOMBIA CO|CROATIA HR|CUBA CU|CYPRUS CY|CZECH REPUBLIC EZ|DENMARK DA|ECUADOR EC|EGYPT EG|
ESTONIA EN|ETHIOPIA ET|FINLAND FI|FRANCE FR|GEORGIA GG|GERMANY GM|GREECE GR|HUNGARY HU|ICELAND IC|
INDIA IN|INDONESIA ID|IRAN IR|IRAQ IZ|IRELAND EI|ISRAEL IS|ITALY IT|JAPAN JA|JORDAN JO|
KAZAKHSTAN KZ|KENYA KE|KUWAIT KU|KYRGYZSTAN KG|LATVIA LG|LEBANON LE|LIBYA LY|LITHUANIA LH|
LUXEMBOURG LU|MACEDONIA MK|MALAYSIA MY|MEXICO MX|MOLDOVA MD|MONTENEGRO MW|MOROCCO MO|NETHERLANDS NL|
NEW ZEALAND NZ|NIGERIA NI|NORTH KOREA KN|NORWAY NO|OMAN MU|PAKISTAN PK|PHILIPPINES RP|POLAND PL|
PORTUGAL PO|QATAR QA|ROMANIA RO|RUSSIA RS|SAUDI ARABIA SA|SERBIA RI|SINGAPORE SN|SLOVAKIA LO|
SLOVENIA SI|SOUTH AFRICA SF|SOUTH KOREA KS|SPAIN SP|SUDAN SU|SWEDEN SW|SWITZERLAND SZ|SYRIA SY|
TAIWAN TW|TAJIKISTAN TI|THAILAND TH|TUNISIA TS|TURKEY TU|TURKMENISTAN TX|UKRAINE UP|
UNITED ARAB EMIRATES AE|UNITED KINGDOM UK|UZBEKISTAN UZ|VENEZUELA VE|VIETNAM VM|YEMEN YM|ZIMBABWE ZI
"""

#: Country name (as `audience.name_of` writes it) -> its tag.
TAGS: dict[str, str] = {
    entry.rsplit(" ", 1)[0].strip(): entry.rsplit(" ", 1)[1].strip()
    for entry in _TAGS.replace("\n", "").split("|")
    if entry.strip()
}


def country_tag(country: str) -> str:
    """The tag of `country` (``SYRIA`` -> ``SY``); "" when unknown."""
    from ..audience import name_of

    return TAGS.get(name_of(country), "") if country.strip() else ""


def report_tags(instruction_tags: list[str], host_country: str) -> list[str]:
    """The instruction's subject tags (``UN`` included), then the host's country tag; other countries' dropped.

    Without a known host tag the instruction's country tags stay as they are:
    dropping the host's own would be worse than keeping others'.
    """
    clean = [t.strip().upper() for t in instruction_tags if t.strip()]
    known = set(TAGS.values())
    subject = [t for t in clean if t not in known]
    countries = [t for t in clean if t in known]
    host = country_tag(host_country)
    if not host:
        return list(dict.fromkeys(subject + countries))
    return list(dict.fromkeys(subject + [host]))
