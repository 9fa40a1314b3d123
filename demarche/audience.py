"""Audiences: which country or group a block of points is meant for, and who a post serves.

An instruction sent to several posts often carries points per audience
(``BEGIN TEXT OF TALKING POINTS FOR RUSSIA``, ``FOR WARSAW``, ``FOR RIGA,
TALLINN, AND VILNIUS``). Cables name audiences by country, by capital (the
post), by abbreviation (``the ROK``, ``PRC``) or by group (``USNATO AND
EMBASSIES IN NATO CAPITALS``). `normalise` turns any of these into country
and group names (``POLAND``, ``LATVIA, ESTONIA, LITHUANIA``, ``NATO``);
`covers` says whether an item's audience includes a post's.

The tables below are general knowledge (countries, capitals and the groups
instructions address), not a list of known cables. Plain Python, no I/O.
"""

from __future__ import annotations

import re

# country | capitals and other post cities | other names
_COUNTRIES = """
AFGHANISTAN|KABUL|
ALBANIA|TIRANA|
ALGERIA|ALGIERS|
ANDORRA|ANDORRA LA VELLA|
ANGOLA|LUANDA|
ARGENTINA|BUENOS AIRES|
ARMENIA|YEREVAN|
AUSTRALIA|CANBERRA,SYDNEY,MELBOURNE,PERTH|AS
AUSTRIA|VIENNA|AU
AZERBAIJAN|BAKU|
BAHAMAS|NASSAU|THE BAHAMAS
BAHRAIN|MANAMA|
BANGLADESH|DHAKA|
BARBADOS|BRIDGETOWN|
BELARUS|MINSK|
BELGIUM|BRUSSELS|
BELIZE|BELMOPAN|
BENIN|COTONOU|
BHUTAN|THIMPHU|
BOLIVIA|LA PAZ|
BOSNIA AND HERZEGOVINA|SARAJEVO|BOSNIA
BOTSWANA|GABORONE|
BRAZIL|BRASILIA,SAO PAULO,RIO DE JANEIRO|
BRUNEI|BANDAR SERI BEGAWAN|
BULGARIA|SOFIA|
BURKINA FASO|OUAGADOUGOU|
BURMA|RANGOON,YANGON|MYANMAR
BURUNDI|BUJUMBURA|
CAMBODIA|PHNOM PENH|
CAMEROON|YAOUNDE|
CANADA|OTTAWA,TORONTO,MONTREAL|CA
CAPE VERDE|PRAIA|
CENTRAL AFRICAN REPUBLIC|BANGUI|CAR
CHAD|NDJAMENA,N'DJAMENA|
CHILE|SANTIAGO|
CHINA|BEIJING,SHANGHAI,GUANGZHOU,CHENGDU,SHENYANG|PRC,PEOPLE'S REPUBLIC OF CHINA,CH
COLOMBIA|BOGOTA|
COMOROS|MORONI|
CONGO|BRAZZAVILLE|REPUBLIC OF THE CONGO
COSTA RICA|SAN JOSE|
COTE D'IVOIRE|ABIDJAN|IVORY COAST
CROATIA|ZAGREB|
CUBA|HAVANA|
CYPRUS|NICOSIA|
CZECH REPUBLIC|PRAGUE|
DEMOCRATIC REPUBLIC OF THE CONGO|KINSHASA|DRC
DENMARK|COPENHAGEN|DA
DJIBOUTI|DJIBOUTI|
DOMINICAN REPUBLIC|SANTO DOMINGO|
ECUADOR|QUITO,GUAYAQUIL|
EGYPT|CAIRO|
EL SALVADOR|SAN SALVADOR|
EQUATORIAL GUINEA|MALABO|
ERITREA|ASMARA|
ESTONIA|TALLINN|EN
ETHIOPIA|ADDIS ABABA|
FIJI|SUVA|
FINLAND|HELSINKI|
FRANCE|PARIS|FR
GABON|LIBREVILLE|
GAMBIA|BANJUL|THE GAMBIA
GEORGIA|TBILISI|
GERMANY|BERLIN,FRANKFURT,MUNICH,HAMBURG|GM,FRG
GHANA|ACCRA|
GREECE|ATHENS|
GUATEMALA|GUATEMALA CITY|
GUINEA|CONAKRY|
GUINEA-BISSAU|BISSAU|
GUYANA|GEORGETOWN|
HAITI|PORT-AU-PRINCE,PORT AU PRINCE|
HOLY SEE|VATICAN|VATICAN CITY
HONDURAS|TEGUCIGALPA|
HUNGARY|BUDAPEST|
ICELAND|REYKJAVIK|
INDIA|NEW DELHI,MUMBAI,CHENNAI,KOLKATA|
INDONESIA|JAKARTA|
IRAN|TEHRAN|
IRAQ|BAGHDAD|
IRELAND|DUBLIN|
ISRAEL|TEL AVIV,JERUSALEM|IS
ITALY|ROME,MILAN|IT
JAMAICA|KINGSTON|
JAPAN|TOKYO,OSAKA|JP,JA
JORDAN|AMMAN|
KAZAKHSTAN|ASTANA,ALMATY|
KENYA|NAIROBI|
KOSOVO|PRISTINA|
KUWAIT|KUWAIT CITY|
KYRGYZSTAN|BISHKEK|
LAOS|VIENTIANE|
LATVIA|RIGA|LG
LEBANON|BEIRUT|
LESOTHO|MASERU|
LIBERIA|MONROVIA|
LIBYA|TRIPOLI|
LIECHTENSTEIN|VADUZ|
LITHUANIA|VILNIUS|LH
LUXEMBOURG|LUXEMBOURG|
MACEDONIA|SKOPJE|
MADAGASCAR|ANTANANARIVO|
MALAWI|LILONGWE|
MALAYSIA|KUALA LUMPUR|
MALDIVES|MALE|
MALI|BAMAKO|
MALTA|VALLETTA|
MAURITANIA|NOUAKCHOTT|
MAURITIUS|PORT LOUIS|
MEXICO|MEXICO CITY,MEXICO|
MOLDOVA|CHISINAU|
MONACO|MONACO|
MONGOLIA|ULAANBAATAR|
MONTENEGRO|PODGORICA|
MOROCCO|RABAT,CASABLANCA|
MOZAMBIQUE|MAPUTO|
NAMIBIA|WINDHOEK|
NEPAL|KATHMANDU|
NETHERLANDS|THE HAGUE,AMSTERDAM|THE NETHERLANDS,HOLLAND,NL
NEW ZEALAND|WELLINGTON|
NICARAGUA|MANAGUA|
NIGER|NIAMEY|
NIGERIA|ABUJA,LAGOS|
NORTH KOREA|PYONGYANG|DPRK
NORWAY|OSLO|NO
OMAN|MUSCAT|
PAKISTAN|ISLAMABAD,KARACHI,LAHORE,PESHAWAR|
PANAMA|PANAMA CITY|
PAPUA NEW GUINEA|PORT MORESBY|
PARAGUAY|ASUNCION|
PERU|LIMA|
PHILIPPINES|MANILA|
POLAND|WARSAW,KRAKOW|PL
PORTUGAL|LISBON|PO
QATAR|DOHA|
ROMANIA|BUCHAREST|
RUSSIA|MOSCOW,ST. PETERSBURG,ST PETERSBURG|RUSSIAN FEDERATION,RS
RWANDA|KIGALI|
SAUDI ARABIA|RIYADH,JEDDAH,DHAHRAN|KSA
SENEGAL|DAKAR|
SERBIA|BELGRADE|
SIERRA LEONE|FREETOWN|
SINGAPORE|SINGAPORE|
SLOVAKIA|BRATISLAVA|
SLOVENIA|LJUBLJANA|
SOMALIA|MOGADISHU|
SOUTH AFRICA|PRETORIA,CAPE TOWN,JOHANNESBURG|
SOUTH KOREA|SEOUL,BUSAN|ROK,REPUBLIC OF KOREA,KOREA,KS
SPAIN|MADRID,BARCELONA|SP
SRI LANKA|COLOMBO|
SUDAN|KHARTOUM|
SURINAME|PARAMARIBO|
SWAZILAND|MBABANE|
SWEDEN|STOCKHOLM|SW
SWITZERLAND|BERN|SZ
SYRIA|DAMASCUS|SARG,SY
TAIWAN|TAIPEI|
TAJIKISTAN|DUSHANBE|
TANZANIA|DAR ES SALAAM|
THAILAND|BANGKOK,CHIANG MAI|
TIMOR-LESTE|DILI|EAST TIMOR
TOGO|LOME|
TRINIDAD AND TOBAGO|PORT OF SPAIN|
TUNISIA|TUNIS|
TURKEY|ANKARA,ISTANBUL,ADANA|TU
TURKMENISTAN|ASHGABAT|
UGANDA|KAMPALA|
UKRAINE|KYIV,KIEV|UP
UNITED ARAB EMIRATES|ABU DHABI,DUBAI|UAE
UNITED KINGDOM|LONDON|UK,BRITAIN,GREAT BRITAIN
URUGUAY|MONTEVIDEO|
UZBEKISTAN|TASHKENT|
VENEZUELA|CARACAS|
VIETNAM|HANOI,HO CHI MINH CITY|
YEMEN|SANAA|YM
ZAMBIA|LUSAKA|
ZIMBABWE|HARARE|
"""

#: Groups that instructions address as one audience, with their members as of 2009-2010.
GROUPS: dict[str, tuple[str, ...]] = {
    "NATO": (
        "ALBANIA",
        "BELGIUM",
        "BULGARIA",
        "CANADA",
        "CROATIA",
        "CZECH REPUBLIC",
        "DENMARK",
        "ESTONIA",
        "FRANCE",
        "GERMANY",
        "GREECE",
        "HUNGARY",
        "ICELAND",
        "ITALY",
        "LATVIA",
        "LITHUANIA",
        "LUXEMBOURG",
        "NETHERLANDS",
        "NORWAY",
        "POLAND",
        "PORTUGAL",
        "ROMANIA",
        "SLOVAKIA",
        "SLOVENIA",
        "SPAIN",
        "TURKEY",
        "UNITED KINGDOM",
    ),
    "EUROPEAN UNION": (
        "AUSTRIA",
        "BELGIUM",
        "BULGARIA",
        "CYPRUS",
        "CZECH REPUBLIC",
        "DENMARK",
        "ESTONIA",
        "FINLAND",
        "FRANCE",
        "GERMANY",
        "GREECE",
        "HUNGARY",
        "IRELAND",
        "ITALY",
        "LATVIA",
        "LITHUANIA",
        "LUXEMBOURG",
        "MALTA",
        "NETHERLANDS",
        "POLAND",
        "PORTUGAL",
        "ROMANIA",
        "SLOVAKIA",
        "SLOVENIA",
        "SPAIN",
        "SWEDEN",
        "UNITED KINGDOM",
    ),
    "GULF COOPERATION COUNCIL STATES": (
        "BAHRAIN",
        "KUWAIT",
        "OMAN",
        "QATAR",
        "SAUDI ARABIA",
        "UNITED ARAB EMIRATES",
    ),
    "BALTIC STATES": ("ESTONIA", "LATVIA", "LITHUANIA"),
}
_GROUP_NAMES = {
    "NATO": "NATO",
    "USNATO": "NATO",
    "NATO CAPITALS": "NATO",
    "NATO ALLIES": "NATO",
    "ALLIES": "NATO",
    "EU": "EUROPEAN UNION",
    "USEU": "EUROPEAN UNION",
    "EUROPEAN UNION": "EUROPEAN UNION",
    "EU MEMBER STATES": "EUROPEAN UNION",
    "GCC": "GULF COOPERATION COUNCIL STATES",
    "GCC STATES": "GULF COOPERATION COUNCIL STATES",
    "GULF COOPERATION COUNCIL": "GULF COOPERATION COUNCIL STATES",
    "GULF COOPERATION COUNCIL STATES": "GULF COOPERATION COUNCIL STATES",
    "BALTIC STATES": "BALTIC STATES",
    "BALTICS": "BALTIC STATES",
}
#: Words that mean "every addressee": the block is general.
_EVERYONE = re.compile(
    r"^(?:ALL|EVERYONE|ALL (?:ACTION |ADDRESSEE |INFO )?(?:POSTS?|EMBASSIES|ADDRESSEES|MISSIONS|CAPITALS|COUNTRIES|RECIPIENTS)"
    r"|(?:ACTION |ADDRESSEE )?(?:POSTS?|EMBASSIES|ADDRESSEES)|ALL OTHER(?: POSTS| EMBASSIES)?)$"
)
_PRESS = "PRESS"


def _table() -> dict[str, str]:
    names: dict[str, str] = {}
    for line in _COUNTRIES.strip().splitlines():
        country, cities, others = line.split("|")
        names[country] = country
        for n in [c for c in cities.split(",") if c] + [o for o in others.split(",") if o]:
            names.setdefault(n, country)
    return names


NAMES = _table()
#: Country names as a set, for telling countries from other names.
COUNTRIES = frozenset(line.split("|")[0] for line in _COUNTRIES.strip().splitlines())
_PREFIX = re.compile(
    r"^(?:THE |AMEMBASSY |AMCONSUL |US ?MISSION |EMBASS(?:Y|IES) (?:IN )?|CONSULATE (?:GENERAL )?(?:IN )?|POSTS? (?:IN )?|MISSIONS? (?:IN |TO )?)+"
)
_SUFFIX = re.compile(r"(?: ONLY| OFFICIALS| GOVERNMENTS?| CAPITALS?| POSTS?| EMBASS(?:Y|IES))+$")


def name_of(text: str) -> str:
    """One audience name in its standard form: ``Warsaw`` -> ``POLAND``, ``the ROK`` -> ``SOUTH KOREA``."""
    s = " ".join(re.sub(r"[^A-Za-z'. -]", " ", text).upper().split()).strip(" .")
    if not s:
        return ""
    for cand in (s, _PREFIX.sub("", s).strip(), _SUFFIX.sub("", _PREFIX.sub("", s)).strip()):
        if cand in NAMES:
            return NAMES[cand]
        if cand in _GROUP_NAMES:
            return _GROUP_NAMES[cand]
    bare = _SUFFIX.sub("", _PREFIX.sub("", s)).strip()
    # ``EMBASSIES IN NATO CAPITALS``, ``NATO MEMBER STATES``: a group named inside.
    for key, group in _GROUP_NAMES.items():
        if re.search(rf"\b{re.escape(key)}\b", bare) and len(key) > 2:
            return group
    return bare


def split_names(text: str) -> list[str]:
    """``Riga, Tallinn, and Vilnius`` -> the three names as written."""
    t = re.sub(r"\([^()]*\)", " ", text)
    parts = re.split(r",|;|/|\band\b|&", t, flags=re.I)
    return [p.strip() for p in parts if p.strip()]


_EXCEPT = re.compile(r"\bEXCEPT(?:[ ]+FOR)?[ ]+(?P<names>[^;:)]+)", re.I)


#: Words of a request, never of a post's name: "PLEASE APPROACH HOST", "SHOULD DELIVER".
_REQUEST_WORDS = frozenset(
    "PLEASE APPROACH DELIVER RAISE CONVEY SEEK URGE DRAW SHARE PROVIDE INFORM REQUEST "
    "ASK PURSUE LEAVE SHOULD MAY MUST".split()
)


def _asks(part: str) -> bool:
    """Whether a part of an audience is words of the request after the names, not a name."""
    return not _REQUEST_WORDS.isdisjoint(re.split(r"[\s-]+", part))


def normalise(text: str) -> str:
    """An audience as cables name it, in standard form; empty when it means everyone.

    ``USNATO AND EMBASSIES IN NATO CAPITALS`` -> ``NATO``; ``RIGA, TALLINN,
    AND VILNIUS`` -> ``LATVIA, ESTONIA, LITHUANIA``; ``all Embassies`` -> ``""``;
    ``... NATO CAPITALS (... EXCEPT FOR POLAND AND THE CZECH REPUBLIC ...)``
    -> ``NATO EXCEPT POLAND, CZECH REPUBLIC``. Names the tables do not know
    stay as written, upper-cased; beside known ones, words of a request
    after the names (``Riga, please approach host``) are dropped.
    """
    whole = " ".join(text.upper().split()).strip(" .:,;-")
    if not whole or _EVERYONE.match(whole):
        return ""
    main = " ".join(re.sub(r"\([^()]*\)?", " ", whole).split()).strip(" .:,;-")
    if re.search(r"\bPRESS\b|\bPUBLIC\b.*\bINQUIR|\bMEDIA\b", main):
        return _PRESS
    known = name_of(main)
    if known in COUNTRIES or known in GROUPS:
        out = [known]
    else:
        out = []
        for part in split_names(main):
            n = name_of(part)
            if n and not _EVERYONE.match(n) and n not in out:
                out.append(n)
        # "Moscow and Riga, please approach host": once a part names a known
        # country or group, a part that names none and asks for something is
        # the sentence going on. A name the tables do not know ("USUN",
        # "Hong Kong") stays: dropping it would take its points from its post.
        if any(n in COUNTRIES or n in GROUPS for n in out):
            out = [n for n in out if n in COUNTRIES or n in GROUPS or not _asks(n)]
    if not out:
        return ""
    ex = _EXCEPT.search(whole)
    if ex and any(o in GROUPS for o in out):
        left = [n for n in (name_of(p) for p in split_names(ex["names"])) if n in COUNTRIES]
        if left:
            return ", ".join(out) + " EXCEPT " + ", ".join(left)
    return ", ".join(out)


def _names(audience: str) -> tuple[set[str], set[str]]:
    """Countries and groups an audience names, and those it excepts."""
    head, _, tail = audience.upper().partition(" EXCEPT ")
    named = {name_of(p) for p in split_names(head)} - {""}
    excepted = {name_of(p) for p in split_names(tail)} - {""}
    return named, excepted


def members(audience: str) -> set[str]:
    """The countries and groups an audience names, groups expanded, exceptions taken out."""
    named, excepted = _names(audience)
    out = set(named)
    for n in named:
        out.update(GROUPS.get(n, ()))
    return out - excepted


def covers(item_audience: str, post_audience: str) -> bool:
    """Whether an item meant for `item_audience` is for a post serving `post_audience`.

    General items (no audience) are for everyone; a post with no audience
    set takes everything. Otherwise the post's country or group must be named
    by the item's audience, directly or as a member of a group it names (and
    not excepted): Embassy Warsaw (``POLAND``) takes items for ``NATO`` but not
    for ``NATO EXCEPT POLAND``; USNATO (``NATO``) takes items for ``NATO``
    but not those for ``POLAND``.
    """
    if not item_audience.strip() or not post_audience.strip():
        return True
    mine, _ = _names(post_audience)
    return bool(mine & members(item_audience))


def audience_of_post(country: str, post: str) -> str:
    """The audience a post serves: its configured country, else the country of its city."""
    for text in (country, post):
        n = name_of(text) if text.strip() else ""
        if n:
            return n
    return ""


def audiences(item_audiences: list[str]) -> list[str]:
    """The distinct audiences of a plan's items, in order, general ones left out."""
    return list(dict.fromkeys(a for a in item_audiences if a.strip()))
