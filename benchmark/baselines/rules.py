"""The ``rules`` and ``cooccurrence`` baselines: an offline spaCy pipeline and general rules.

Pipeline (``spacy.blank("en")`` + sentencizer; with ``--model NAME`` an installed pipeline's
NER adds actors):

1. **Actors.** Countries from ``pycountry`` plus a table of demonyms and of capitals and seats of
   government used for their state (general resources, covering many countries); people
   introduced by an honorific or a title (``Mr``, ``President``, ``Foreign Minister``...);
   organisations by cues (``Ministry``, ``Agency``, ``news agency X``...). A person's later
   bare surname joins the same cluster.
2. **Coreference.** ``he/his/him`` to the nearest preceding person, ``it/its`` to the nearest
   preceding organisation or state, a nominal such as ``the Venezuelan leader`` or ``the envoy``
   to the nearest preceding person (of that country when a demonym is given).
3. **Dates.** :mod:`benchmark.baselines.timex_rules`, against the publication date.
4. **Relations.** Trigger phrases matched with spaCy's ``Matcher``; arguments are the nearest
   compatible actors around the trigger in its sentence; the date is the nearest day, week or
   month timex in the sentence. Triggers under negation (``not``, ``never``) or modality
   (``could``, ``would``, ``may``, ``will``, ``plans to``, ``time for ... to``) are skipped: the
   submission format has no realis, so the system emits only events it takes as actual.

``cooccurrence`` (the floor) relates every pair of actors in a sentence holding a trigger word,
dated by the nearest date in the sentence. Nothing here is taken from a particular article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Any

from benchmark.baselines.timex_rules import MONTHS, WEEKDAYS, FoundTimex, find_timexes
from benchmark.errors import MissingModelError
from benchmark.model import Document

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame")
TITLES = (
    "President",
    "Vice President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Defense Minister",
    "Minister",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Senator",
    "Secretary of State",
    "Secretary",
    "Ambassador",
    "General",
    "Governor",
    "Pope",
    "Premier",
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "envoy",
    "leader",
    "Foreign Secretary",
    "Crown Prince",
    "Emir",
    "Sheikh",
    "Speaker",
    "Vice Premier",
    "Secretary-General",
    "adviser",
    "advisor",
    "diplomat",
    "official",
    "Chairman",
    "Chairwoman",
    "Treasury Secretary",
    "President-elect",
    "Cardinal",
    "Patriarch",
    "Archbishop",
    "Pastor",
    "Reverend",
    "Rabbi",
    "Imam",
    "Ayatollah",
    "Mullah",
    "Sultan",
    "Mayor",
    "Director",
    "Commissioner",
    "Lieutenant General",
    "Major General",
    "Colonel",
    "Admiral",
    "Marshal",
    "counterpart",
)
ORG_CUES = (
    "Ministry",
    "Agency",
    "Office",
    "Council",
    "Committee",
    "Party",
    "Bank",
    "Commission",
    "Union",
    "Organisation",
    "Organization",
    "Department",
    "Parliament",
    "Assembly",
    "Group",
    "Company",
    "Corporation",
    "Corp",
    "Holdings",
    "Airlines",
    "Shipping",
    # company names (general knowledge of how firms are named)
    "Trading",
    "Airways",
    "Industries",
    "Logistics",
    "Tankers",
    "Petroleum",
    "Investments",
    "LLC",
    "Limited",
    "Enterprises",
    "Technologies",
    "Systems",
    "System",
    "Resources",
    "Ventures",
    "Ltd",
    "Inc",
    "PLC",
    "AG",
    "JSC",
    "PJSC",
    "GmbH",
    # bodies, forces and groupings (general knowledge of how they are named)
    "Cooperation",
    "Forum",
    "Service",
    "Services",
    "Guard",
    "Forces",
    "Corps",
    "Bureau",
    "Directorate",
    "Division",
    "Brigade",
    "Tribunal",
    "Authority",
    "Foundation",
    "Institute",
    "Board",
)

# Demonyms of states (general knowledge), a few dozen of the most frequent in world news.
DEMONYMS = {
    "American": "United States",
    "Russian": "Russia",
    "Chinese": "China",
    "British": "United Kingdom",
    "French": "France",
    "German": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Ukrainian": "Ukraine",
    "Belarusian": "Belarus",
    "Venezuelan": "Venezuela",
    "Colombian": "Colombia",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Mexican": "Mexico",
    "Cuban": "Cuba",
    "Canadian": "Canada",
    "Japanese": "Japan",
    "North Korean": "North Korea",
    "South Korean": "South Korea",
    "Indian": "India",
    "Pakistani": "Pakistan",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Syrian": "Syria",
    "Israeli": "Israel",
    "Palestinian": "Palestine",
    "Turkish": "Turkey",
    "Saudi": "Saudi Arabia",
    "Egyptian": "Egypt",
    "Qatari": "Qatar",
    "Emirati": "United Arab Emirates",
    "Polish": "Poland",
    "Hungarian": "Hungary",
    "Serbian": "Serbia",
    "Kosovar": "Kosovo",
    "Djiboutian": "Djibouti",
    "South Sudanese": "South Sudan",
    "Georgian": "Georgia",
    "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan",
    "Kazakh": "Kazakhstan",
    "Afghan": "Afghanistan",
    "Singaporean": "Singapore",
    "Malaysian": "Malaysia",
    "Indonesian": "Indonesia",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Filipino": "Philippines",
    "Australian": "Australia",
    "Nigerian": "Nigeria",
    "South African": "South Africa",
    "Ethiopian": "Ethiopia",
    "Kenyan": "Kenya",
    "Libyan": "Libya",
    "Sudanese": "Sudan",
    "Nicaraguan": "Nicaragua",
    "Chilean": "Chile",
    "Peruvian": "Peru",
    "Bolivian": "Bolivia",
    "Swiss": "Switzerland",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Finnish": "Finland",
    "Danish": "Denmark",
    "Dutch": "Netherlands",
    "Belgian": "Belgium",
    "Greek": "Greece",
    "Portuguese": "Portugal",
    "Austrian": "Austria",
    "Czech": "Czechia",
    "Romanian": "Romania",
    "Bulgarian": "Bulgaria",
    "Moldovan": "Moldova",
    "Lithuanian": "Lithuania",
    "Latvian": "Latvia",
    "Estonian": "Estonia",
    "Lebanese": "Lebanon",
    "Jordanian": "Jordan",
    "Yemeni": "Yemen",
    "Omani": "Oman",
    "Kuwaiti": "Kuwait",
    "Haitian": "Haiti",
    "Icelandic": "Iceland",
    "Irish": "Ireland",
    "Mongolian": "Mongolia",
    "Nepali": "Nepal",
    "Sri Lankan": "Sri Lanka",
    "Bangladeshi": "Bangladesh",
    "Burmese": "Myanmar",
    "Cambodian": "Cambodia",
    "Laotian": "Laos",
    "Taiwanese": "Taiwan",
    "Tunisian": "Tunisia",
    "Moroccan": "Morocco",
    "Algerian": "Algeria",
    "Ecuadorian": "Ecuador",
    "Uruguayan": "Uruguay",
    "Paraguayan": "Paraguay",
    "Panamanian": "Panama",
    "Guatemalan": "Guatemala",
    "Honduran": "Honduras",
    "Salvadoran": "El Salvador",
    "Slovak": "Slovakia",
    "Slovenian": "Slovenia",
    "Croatian": "Croatia",
    "Bosnian": "Bosnia and Herzegovina",
    "Albanian": "Albania",
    "Macedonian": "North Macedonia",
    "Cypriot": "Cyprus",
    "Maltese": "Malta",
    "Bahraini": "Bahrain",
    "Uzbek": "Uzbekistan",
    "Turkmen": "Turkmenistan",
    "Kyrgyz": "Kyrgyzstan",
    "Tajik": "Tajikistan",
    "Zimbabwean": "Zimbabwe",
    "Ghanaian": "Ghana",
    "Congolese": "Congo",
    "Rwandan": "Rwanda",
    "Ugandan": "Uganda",
    "Tanzanian": "Tanzania",
    "Somali": "Somalia",
    "Eritrean": "Eritrea",
    "Malian": "Mali",
    "Nigerien": "Niger",
    "Senegalese": "Senegal",
}
# Capitals and seats of government that news use for their state.
SEATS = {
    "Vatican": "Holy See",
    "Holy See": "Holy See",
    "Washington": "United States",
    "White House": "United States",
    "Pentagon": "United States",
    "Moscow": "Russia",
    "Kremlin": "Russia",
    "Beijing": "China",
    "London": "United Kingdom",
    "Downing Street": "United Kingdom",
    "Paris": "France",
    "Elysee": "France",
    "Berlin": "Germany",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "Minsk": "Belarus",
    "Caracas": "Venezuela",
    "Miraflores": "Venezuela",
    "Havana": "Cuba",
    "Tehran": "Iran",
    "Ankara": "Turkey",
    "Tokyo": "Japan",
    "Seoul": "South Korea",
    "Pyongyang": "North Korea",
    "New Delhi": "India",
    "Riyadh": "Saudi Arabia",
    "Ottawa": "Canada",
    "Canberra": "Australia",
    "Brasilia": "Brazil",
    "Bogota": "Colombia",
    "Jerusalem": "Israel",
    "Damascus": "Syria",
    "Baghdad": "Iraq",
    "Cairo": "Egypt",
    "Warsaw": "Poland",
}
# International organisations and agencies that act in diplomacy and sanctions (general knowledge).
ORGANISATIONS = {
    "United Nations": "United Nations",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "UN Security Council": "United Nations Security Council",
    "U.N. Security Council": "United Nations Security Council",
    "Security Council": "United Nations Security Council",
    "United Nations Security Council": "United Nations Security Council",
    "U.N. General Assembly": "United Nations General Assembly",
    "UN General Assembly": "United Nations General Assembly",
    "General Assembly": "United Nations General Assembly",
    "European Union": "European Union",
    "NATO": "NATO",
    "G7": "Group of Seven",
    "G-7": "Group of Seven",
    "Group of Seven": "Group of Seven",
    "G20": "Group of 20",
    "G-20": "Group of 20",
    "Group of 20": "Group of 20",
    "CIA": "Central Intelligence Agency",
    "FBI": "Federal Bureau of Investigation",
    "OFAC": "Office of Foreign Assets Control",
    "Office of Foreign Assets Control": "Office of Foreign Assets Control",
    "Treasury": "Treasury Department",
    "Treasury Department": "Treasury Department",
    "State Department": "State Department",
    "African Union": "African Union",
    "Arab League": "Arab League",
    "OPEC": "OPEC",
    "IAEA": "International Atomic Energy Agency",
    "World Bank": "World Bank",
    "IMF": "International Monetary Fund",
    "Twitter": "Twitter",
    "EU": "European Union",
    "E.U.": "European Union",
    "U.S. Treasury Department": "Treasury Department",
    "U.S. Treasury": "Treasury Department",
    "US Treasury": "Treasury Department",
    "U.S. State Department": "State Department",
    "US State Department": "State Department",
    "U.S. Commerce Department": "Commerce Department",
    "Commerce Department": "Commerce Department",
    "Justice Department": "Justice Department",
    "Congress": "Congress",
    "U.S. Congress": "Congress",
    "Senate": "Senate",
    "International Criminal Court": "International Criminal Court",
    "ICC": "International Criminal Court",
    "European Commission": "European Commission",
    "European Council": "European Council",
    "Council of the EU": "Council of the European Union",
    "Council of the European Union": "Council of the European Union",
    "World Health Organization": "World Health Organization",
    "WHO": "World Health Organization",
    "Interpol": "Interpol",
    "Reuters": "Reuters",
    # armed and political movements that news name as parties to talks (general knowledge)
    "Hamas": "Hamas",
    "Hezbollah": "Hezbollah",
    "Taliban": "Taliban",
    "Houthis": "Houthis",
    "Islamic Jihad": "Islamic Jihad",
    "Islamic State": "Islamic State",
    "Wagner Group": "Wagner Group",
    "Revolutionary Guards": "Islamic Revolutionary Guard Corps",
    "IRGC": "Islamic Revolutionary Guard Corps",
    "Islamic Revolutionary Guard Corps": "Islamic Revolutionary Guard Corps",
    "PKK": "PKK",
    "Muslim Brotherhood": "Muslim Brotherhood",
    # wire services and broadcasters that news cite (general knowledge): sources, not people
    "Associated Press": "Associated Press",
    "AFP": "Agence France-Presse",
    "Agence France-Presse": "Agence France-Presse",
    "Bloomberg": "Bloomberg",
    "Interfax": "Interfax",
    "TASS": "TASS",
    "Tass": "TASS",
    "RIA Novosti": "RIA Novosti",
    "RIA": "RIA Novosti",
    "Xinhua": "Xinhua",
    "Yonhap": "Yonhap",
    "Kyodo": "Kyodo",
    "Anadolu": "Anadolu",
    "IRNA": "IRNA",
    "KCNA": "KCNA",
    "BelTA": "BelTA",
    "Belta": "BelTA",
    "Ukrinform": "Ukrinform",
    "Al Jazeera": "Al Jazeera",
    "CNN": "CNN",
    "BBC": "BBC",
    "Axios": "Axios",
    "Politico": "Politico",
    "Arctic Council": "Arctic Council",
    # regional and international bodies that impose sanctions or host talks (general knowledge)
    "Economic Community of West African States": "Economic Community of West African States",
    "ECOWAS": "Economic Community of West African States",
    "ECOWAS Commission": "ECOWAS Commission",
    "African Union Commission": "African Union Commission",
    "AU Commission": "African Union Commission",
    "Association of Southeast Asian Nations": "Association of Southeast Asian Nations",
    "ASEAN": "Association of Southeast Asian Nations",
    "Organization for Security and Co-operation in Europe": "OSCE",
    "Organization for Security and Cooperation in Europe": "OSCE",
    "OSCE": "OSCE",
    "Organisation for the Prohibition of Chemical Weapons": "OPCW",
    "Organization for the Prohibition of Chemical Weapons": "OPCW",
    "OPCW": "OPCW",
    "Gulf Cooperation Council": "Gulf Cooperation Council",
    "GCC": "Gulf Cooperation Council",
    "Southern African Development Community": "Southern African Development Community",
    "SADC": "Southern African Development Community",
    "Organization of American States": "Organization of American States",
    "OAS": "Organization of American States",
    "Shanghai Cooperation Organisation": "Shanghai Cooperation Organisation",
    "Shanghai Cooperation Organization": "Shanghai Cooperation Organisation",
    "World Trade Organization": "World Trade Organization",
    "WTO": "World Trade Organization",
}
# Capitals and cities that news name as places (general knowledge); a place is its own actor.
CITIES = (
    "Abu Dhabi",
    "Abuja",
    "Accra",
    "Addis Ababa",
    "Algiers",
    "Amman",
    "Amsterdam",
    "Ankara",
    "Astana",
    "Athens",
    "Baghdad",
    "Baku",
    "Bangkok",
    "Beijing",
    "Beirut",
    "Belgrade",
    "Berlin",
    "Bern",
    "Bogota",
    "Brasilia",
    "Bratislava",
    "Brussels",
    "Bucharest",
    "Budapest",
    "Buenos Aires",
    "Cairo",
    "Canberra",
    "Caracas",
    "Chisinau",
    "Copenhagen",
    "Damascus",
    "Davos",
    "Delhi",
    "Doha",
    "Dubai",
    "Dublin",
    "Geneva",
    "Hanoi",
    "Havana",
    "Helsinki",
    "Hong Kong",
    "Islamabad",
    "Istanbul",
    "Jakarta",
    "Jeddah",
    "Jerusalem",
    "Kabul",
    "Khartoum",
    "Kiev",
    "Kyiv",
    "Kuala Lumpur",
    "Lima",
    "Lisbon",
    "London",
    "Madrid",
    "Manila",
    "Mexico City",
    "Minsk",
    "Moscow",
    "Nairobi",
    "New Delhi",
    "New York",
    "Oslo",
    "Ottawa",
    "Paris",
    "Prague",
    "Pretoria",
    "Pyongyang",
    "Quito",
    "Rabat",
    "Riga",
    "Riyadh",
    "Rome",
    "Santiago",
    "Seoul",
    "Shanghai",
    "Singapore",
    "Sochi",
    "Sofia",
    "St Petersburg",
    "Stockholm",
    "Taipei",
    "Tallinn",
    "Tashkent",
    "Tbilisi",
    "Tehran",
    "Tel Aviv",
    "Tokyo",
    "Tripoli",
    "Tunis",
    "Vienna",
    "Vilnius",
    "Warsaw",
    "Washington",
    "Yerevan",
    "Zagreb",
    "Zurich",
    # more cities that world news report from (general knowledge)
    "Aden",
    "Aleppo",
    "Almaty",
    "Antalya",
    "Asuncion",
    "Bamako",
    "Barcelona",
    "Basra",
    "Benghazi",
    "Biarritz",
    "Bishkek",
    "Bonn",
    "Brisbane",
    "Camp David",
    "Cape Town",
    "Chicago",
    "Colombo",
    "Dakar",
    "Dar es Salaam",
    "Dhaka",
    "Dushanbe",
    "Edinburgh",
    "Erbil",
    "Florence",
    "Frankfurt",
    "Gdansk",
    "Glasgow",
    "Guangzhou",
    "Hamburg",
    "Hiroshima",
    "Ho Chi Minh City",
    "Houston",
    "Johannesburg",
    "Kampala",
    "Karachi",
    "Kathmandu",
    "Kazan",
    "Kharkiv",
    "Kherson",
    "Kigali",
    "Kinshasa",
    "Kyoto",
    "La Paz",
    "Lagos",
    "Lahore",
    "Libreville",
    "Lilongwe",
    "Ljubljana",
    "Los Angeles",
    "Luanda",
    "Lusaka",
    "Luxembourg",
    "Lviv",
    "Macau",
    "Managua",
    "Manama",
    "Maputo",
    "Marrakesh",
    "Mecca",
    "Medina",
    "Melbourne",
    "Miami",
    "Milan",
    "Mogadishu",
    "Monrovia",
    "Montevideo",
    "Montreal",
    "Mumbai",
    "Munich",
    "Muscat",
    "Mykolaiv",
    "Naples",
    "N'Djamena",
    "Niamey",
    "Nicosia",
    "Nur-Sultan",
    "Odesa",
    "Odessa",
    "Osaka",
    "Ouagadougou",
    "Panama City",
    "Phnom Penh",
    "Podgorica",
    "Port-au-Prince",
    "Port Sudan",
    "Reykjavik",
    "Rio de Janeiro",
    "Rostov-on-Don",
    "Salzburg",
    "Samarkand",
    "San Francisco",
    "San Jose",
    "San Salvador",
    "Sanaa",
    "Santo Domingo",
    "Sao Paulo",
    "Sarajevo",
    "Sevastopol",
    "Skopje",
    "Strasbourg",
    "Sydney",
    "Tegucigalpa",
    "The Hague",
    "Tianjin",
    "Tirana",
    "Toronto",
    "Ulaanbaatar",
    "Valletta",
    "Vancouver",
    "Vientiane",
    "Vladivostok",
    "Wellington",
    "Windhoek",
    "Wuhan",
    "Yangon",
    "Zaporizhzhia",
    # capitals and cities of more states (general knowledge)
    "Asmara",
    "Pristina",
    "Juba",
    "Entebbe",
    "Mombasa",
    "Bujumbura",
    "Naypyitaw",
    "Naypyidaw",
    "Kuwait City",
    "Hangzhou",
    "Shenzhen",
    "Chengdu",
    "Busan",
    "Mosul",
    "Kirkuk",
    "Homs",
    "Latakia",
    "Hodeidah",
    "Misrata",
    "Sirte",
    "Sharm el-Sheikh",
    "Mariupol",
    "Bakhmut",
    "Dnipro",
    "Kaliningrad",
    "Yekaterinburg",
    "Novosibirsk",
    "Rawalpindi",
    "Kolkata",
    "Bengaluru",
    "Chennai",
    "Kandahar",
    "Herat",
    "Nouakchott",
    "Freetown",
    "Conakry",
    "Abidjan",
    "Yaounde",
    "Harare",
    "Gaborone",
    "Antananarivo",
    "Port Moresby",
    "Suva",
    # states and provinces that news name as places
    "Alaska",
    "Arizona",
    "California",
    "Florida",
    "Hawaii",
    "Michigan",
    "Ohio",
    "Pennsylvania",
    "Texas",
    "Virginia",
    "Bavaria",
    "Donetsk",
    "Luhansk",
    "Kursk",
    "Belgorod",
    "Tigray",
    "Darfur",
    "Xinjiang",
    "Tibet",
    "Kashmir",
    "Idlib",
    "Kurdistan",
    "Scotland",
    "Wales",
    "England",
    "Northern Ireland",
    "Quebec",
    "Ontario",
)
#: Regions, seas and waterways (general knowledge): places of no state, LOC mentions.
REGIONS = (
    "Africa",
    "Asia",
    "Europe",
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "Middle East",
    "Horn of Africa",
    "Sahel",
    "Balkans",
    "Caucasus",
    "Central Asia",
    "Southeast Asia",
    "Indo-Pacific",
    "Asia-Pacific",
    "Arctic",
    "Antarctica",
    "Black Sea",
    "Baltic Sea",
    "Red Sea",
    "South China Sea",
    "East China Sea",
    "Mediterranean",
    "Caribbean",
    "Persian Gulf",
    "Gulf of Aden",
    "Strait of Hormuz",
    "Taiwan Strait",
    "Korean peninsula",
    "Korean Peninsula",
    "Gaza",
    "Gaza Strip",
    "West Bank",
    "Golan Heights",
    "Donbas",
    "Nile",
    "Panama Canal",
    "Suez Canal",
    "Crimea",
    "Bali",
)
#: Seats of government that are buildings: as a place ("at the White House") not an actor.
BUILDINGS = {"White House", "Kremlin", "Pentagon", "Downing Street", "Elysee", "Miraflores"}
_LOCATIVE = re.compile(
    r"\b(?:at|in|to|from|outside|inside|near|into|visit to|trip to)\s+(?:the\s+)?$"
)
ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "UAE": "United Arab Emirates",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "America": "United States",
}

#: Documents that two sides sign together (not an order, a decree or a law one side signs).
AGREEMENT_NOUNS = [
    "agreement",
    "agreements",
    "accord",
    "accords",
    "treaty",
    "treaties",
    "pact",
    "deal",
    "declaration",
    "memorandum",
    "communique",
    "communiqué",
    "roadmap",
    "protocol",
    "ceasefire",
    "truce",
    "armistice",
    "charter",
]
#: Heads of a definite description of a leader after "called the".
_CALLED_ROLES = ["leader", "president", "premier", "chancellor", "king", "emir", "pope"]
_CALL_DET = ["a", "the", "phone", "telephone", "video", "their", "his", "her", "first", "second"]
TRIGGERS: dict[str, list[list[dict[str, Any]]]] = {
    "phoned": [
        [
            {"LOWER": {"IN": ["phone", "telephone", "video", "telephoned", "phoned"]}},
            {"LOWER": {"IN": ["call", "calls", "conversation", "conversations"]}},
        ],
        [{"LOWER": {"IN": ["phoned", "telephoned", "rang", "videoconference"]}}],
        [
            {"LOWER": {"IN": ["video", "virtual", "online"]}},
            {"LOWER": {"IN": ["summit", "meeting", "conference", "talks"]}},
        ],
        # "called Marek", "called him", "called to congratulate"; not "called for", "called
        # off", "called the talks constructive", "called constructive" (naming, not phoning)
        [
            {"LOWER": "called"},
            {
                "IS_TITLE": True,
                "LOWER": {"NOT_IN": ["for", "on", "off", "it", "the", "a", "an", "this", "that"]},
            },
        ],
        [{"LOWER": "called"}, {"LOWER": {"IN": ["him", "her", "them", "his", "their", "to"]}}],
        # "A was called by B on Monday" (the passive: a call of the two)
        [{"LOWER": {"IN": ["was", "were", "been"]}}, {"LOWER": "called"}, {"LOWER": "by"}],
        # "called the Kremlin leader last month", "called the Chinese president" (a naming
        # complement after the role is checked in find_relations)
        [
            {"LOWER": "called"},
            {"LOWER": "the"},
            {"IS_TITLE": True, "OP": "?"},
            {"LOWER": {"IN": _CALLED_ROLES}},
        ],
        [{"LOWER": {"IN": _CALL_DET}}, {"LOWER": {"IN": ["call", "calls"]}}],
        # "the July 25 call", "a Thursday call"
        [
            {"LOWER": {"IN": ["a", "the", "their", "his", "her"]}},
            {"LOWER": {"IN": [*MONTHS, *WEEKDAYS]}},
            {"LIKE_NUM": True, "OP": "?"},
            {"LOWER": {"IN": ["call", "calls"]}},
        ],
        [
            {"LOWER": {"IN": ["spoke", "spoken", "speak", "talked", "talk", "spoke"]}},
            # "spoke again by phone", "talked briefly by telephone"
            {"LOWER": {"IN": ["again", "briefly", "also", "later", "separately"]}, "OP": "?"},
            {"LOWER": {"IN": ["by", "on", "over"]}, "OP": "?"},
            {"LOWER": {"IN": ["phone", "telephone", "the"]}},
        ],
        [{"LOWER": {"IN": ["spoke", "spoken", "talked"]}}, {"LOWER": "with"}],
        # "talked for an hour by phone", "spoke at length over the telephone"
        [
            {
                "LOWER": {
                    "IN": ["spoke", "spoken", "talked", "speak", "talk", "exchanged", "conferred"]
                }
            },
            {"IS_ALPHA": True, "OP": "{1,4}"},
            {"LOWER": {"IN": ["by", "over", "via"]}},
            {"LOWER": {"IN": ["the", "a"]}, "OP": "?"},
            {"LOWER": {"IN": ["phone", "telephone", "video", "videoconference"]}},
        ],
        # "spoke via video link", "conferred by telephone"
        [
            {"LOWER": {"IN": ["spoke", "spoken", "talked", "conferred", "speaking", "talking"]}},
            {"LOWER": {"IN": ["by", "over", "via"]}},
            {"LOWER": {"IN": ["the", "a"]}, "OP": "?"},
            {"LOWER": {"IN": ["phone", "telephone", "video", "videoconference"]}},
        ],
        # "told B by phone that ...", "assured B over the telephone" (a call of the two)
        # (checked in find_relations: only with the medium right after the person)
        [
            {"LOWER": {"IN": ["told", "tells", "assured", "assures", "briefed", "congratulated"]}},
            {"IS_TITLE": True},
        ],
        # "held telephone talks with B", "phone talks" (a call, guidelines 6.2)
        [
            {"LOWER": {"IN": ["phone", "telephone", "video"]}},
            {"LOWER": {"IN": ["talks", "conversation", "conversations"]}},
        ],
        # "A's call with B" (checked in find_relations: only after a possessive)
        [{"LOWER": {"IN": ["call", "calls"]}}],
        # "spoke to X by phone": a call only when the sentence says phone (checked below)
        # ("speaking to X by telephone from the Oval Office": the participle too)
        [
            {
                "LOWER": {
                    "IN": ["spoke", "spoken", "talked", "speaks", "talks", "speaking", "talking"]
                }
            },
            {"LOWER": "to"},
        ],
    ],
    "met": [
        [{"LOWER": {"IN": ["met", "meets", "meet", "meeting", "meetings"]}}],
        [
            {"LOWER": {"IN": ["held", "hold", "holds", "holding"]}},
            {"OP": "{0,3}"},
            {"LOWER": "talks"},
        ],
        [{"LOWER": "talks"}, {"LOWER": {"IN": ["with", "between"]}}],
        # "after talks in the capital", "after six hours of talks" (checked in find_relations)
        [{"LOWER": "talks"}],
        [{"LOWER": {"IN": ["summit", "summits"]}}],
        # "over dinner", "a working lunch": the word before is checked in find_relations, so
        # that frequent words ("a", "at") start no matcher state
        [{"LOWER": {"IN": ["dinner", "lunch", "breakfast"]}}],
        # "the two leaders signed a peace agreement": signing together in person is a meeting
        # (guidelines 6.1); only with a document two sides sign, not an order or a law
        [
            {"LOWER": {"IN": ["signed", "sign", "signs", "signing"]}},
            {"IS_ALPHA": True, "OP": "{0,3}"},
            {"LOWER": {"IN": AGREEMENT_NOUNS}},
        ],
        # "a guest at the wedding of A", "attended A's birthday party": the host of a private
        # occasion meets the guest (guidelines 6.1; checked in find_relations)
        [{"LOWER": {"IN": ["guest", "attended", "attends", "attending"]}}],
        # "briefly joined the two men", "joined President A at the table" (checked in
        # find_relations: people, not "joined NATO" or "joined A in condemning")
        [{"LOWER": {"IN": ["joined", "joins"]}}],
        # "during a visit to Uganda hosted by A, he met B": the visitor met the host named
        # (checked in find_relations: a visit without a named host is no relation)
        [{"LOWER": {"IN": ["visit", "visits"]}}],
        [{"LOWER": {"IN": ["sat", "sit", "sits"]}}, {"LOWER": "down"}, {"LOWER": "with"}],
        [{"LOWER": {"IN": ["shook", "shake", "shakes"]}}, {"LOWER": "hands"}, {"LOWER": "with"}],
        # "A and B shook hands" (the coordinated subjects)
        [{"LOWER": {"IN": ["shook", "shake", "shakes"]}}, {"LOWER": "hands"}],
        [{"LOWER": {"IN": ["dined", "dine", "dines", "lunched"]}}, {"LOWER": "with"}],
        # "conferred with B", "huddled with B" (in person, unless by phone: checked below)
        [{"LOWER": {"IN": ["conferred", "confers", "huddled"]}}, {"LOWER": "with"}],
        # "had an audience with the pope", "paid a courtesy call on B"
        [{"LOWER": {"IN": ["audience", "audiences"]}}, {"LOWER": "with"}],
        [{"LOWER": "courtesy"}, {"LOWER": {"IN": ["call", "calls"]}}, {"LOWER": "on"}],
        # "discussed the incident with B on the sidelines of the summit" (checked in
        # find_relations: only when the sentence says they were together)
        [
            {"LOWER": {"IN": ["discussed", "chatted", "talked", "spoke", "spoken"]}},
            {"IS_ALPHA": True, "OP": "{0,4}"},
            {"LOWER": "with"},
        ],
        # "spent two days with X"
        [
            {"LOWER": {"IN": ["spent", "spends"]}},
            {"IS_ALPHA": True, "OP": "{1,4}"},
            {"LOWER": "with"},
        ],
        [
            {
                "LOWER": {
                    "IN": [
                        "visited",
                        "hosted",
                        "hosts",
                        "host",
                        "welcomed",
                        "welcomes",
                        "received",
                        "greeted",
                        "greets",
                    ]
                }
            }
        ],
    ],
    "sanctioned": [
        [
            {
                "LOWER": {
                    "IN": [
                        "sanction",
                        "sanctions",
                        "sanctioned",
                        "sanctioning",
                        "blacklisted",
                        "blacklisting",
                        "blacklist",
                        "designated",
                        "designating",
                    ]
                }
            }
        ],
        [{"LOWER": {"IN": ["asset", "assets"]}}, {"LOWER": {"IN": ["freeze", "freezes"]}}],
        # "froze", "has frozen", "freezes the assets of", "a freeze on the assets of"
        [{"LOWER": {"IN": ["froze", "freezing", "frozen"]}}],
        # "freezes assets of A", "freezes A's assets" (the verb; "asset freezes" is the noun)
        [
            {"LOWER": "freezes"},
            {
                "LOWER": {"IN": ["the", "all", "any", "assets", "property", "funds", "accounts"]},
            },
        ],
        [{"LOWER": "freezes"}, {"IS_TITLE": True}],
        [
            {"LOWER": {"IN": ["freeze"]}},
            {"LOWER": "on", "OP": "?"},
            {"LOWER": {"IN": ["the", "all", "any"]}, "OP": "?"},
            {"LOWER": {"IN": ["assets", "property", "funds", "accounts"]}},
        ],
        # "blocked all assets of A", "blocks the property of A"
        [
            {"LOWER": {"IN": ["blocked", "blocks", "blocking"]}},
            {"LOWER": {"IN": ["any", "the", "all"]}},
            {"LOWER": {"IN": ["property", "assets", "funds"]}},
        ],
        [{"LOWER": "travel"}, {"LOWER": {"IN": ["ban", "bans"]}}],
        # "took A off its list of blocked persons", "removed A from the sanctions list"
        # (lifting; the verb and the list are checked in find_relations)
        [
            {"LOWER": {"IN": ["off", "from"]}},
            {"LOWER": {"IN": ["its", "the", "their", "a"]}},
            {"IS_ALPHA": True, "OP": "{0,2}"},
            {"LOWER": {"IN": ["list", "blacklist"]}},
        ],
        # "an arms embargo on Myanmar" (guidelines 6.6: an embargo is a sanction)
        [{"LOWER": {"IN": ["embargo", "embargoes"]}}],
    ],
    "named_envoy": [
        # "announced the appointment of A as special envoy" (the noun; checked like the verb:
        # an envoy's post must be told)
        [{"LOWER": {"IN": ["appointment", "nomination"]}}, {"LOWER": "of"}],
        [
            {
                "LOWER": {
                    "IN": [
                        "named",
                        "appointed",
                        "appoints",
                        "names",
                        "nominated",
                        "nominates",
                        "tapped",
                        "taps",
                        "picked",
                        "picks",
                        "chose",
                        "chooses",
                        "chosen",
                        "selected",
                        "selects",
                        "entrusted",
                        "entrusts",
                        # "made the diplomat A his special representative" (checked in
                        # find_relations)
                        "made",
                        "makes",
                    ]
                }
            }
        ],
    ],
}
ENVOY_WORDS = re.compile(r"\b(envoy|ambassador|special representative|representative)\b", re.I)
NEGATION = {"not", "never", "n't", "no"}
MODALS = {
    "could",
    "would",
    "may",
    "might",
    "will",
    "shall",
    "should",
    "plans",
    "plan",
    "planned",
    "hopes",
    "hope",
    "wants",
    "want",
    "offered",
    "proposed",
    "invited",
    "if",
    "whether",
    "time",
    "possible",
    "expected",
    "invitation",
    "threatened",
    "threatens",
    "warned",
    "warns",
    "cancelled",
    "canceled",
    "cancels",
    "cancel",
    "without",
    "refused",
    "refuses",
    "opposed",
    "opposes",
    "oppose",
    "vetoed",
    "criticised",
    "criticized",
    "considering",
    "weighing",
    "mulling",
    "urged",
    "urges",
    "declined",
    "declines",
    "scraps",
    "scrap",
    "postpones",
    "shelves",
    "shelved",
    "scrapped",
    "called",
    "postponed",
    "agreed",
    "agree",
    "prepare",
    "preparation",
    "ahead",
    "ready",
    "willing",
    "readiness",
    "hoped",
    "hoping",
    "floated",
    "seek",
    "seeking",
    "sought",
    "due",
    "scheduled",
    "slated",
    "poised",
    "intends",
    "intended",
    "desire",
    "open",
    "likely",
    "unlikely",
    "would-be",
    # "ruled out a meeting", "rejected talks with B", "denied that he had spoken to B"
    "ruled",
    "rules",
    "rejected",
    "rejects",
    "denied",
    "denies",
    "deny",
}
#: Words after a trigger that make the event not (yet) actual: "the meeting was cancelled".
AFTER_CUES = re.compile(
    r"^\W*(?:\w+\s+){0,3}(?:was|were|had been|has been|is|are)\s+(?:\w+\s+)?"
    r"(?:cancel+ed|scrapped|called off|postponed|planned|scheduled|expected|set)\b"
    # "the summit between A and B was cancelled": the subject's own predicate
    r"|^\s+(?:between|with)\s[^.;,]{0,80}?\b(?:was|were|had been|has been|is|are)\s+"
    r"(?:\w+\s+)?(?:cancel+ed|scrapped|called off|postponed|planned|scheduled|expected|set|"
    r"due)\b"
    r"|^\W*(?:\w+\s+){0,3}never\b"
    r"|^\s*(?:cancel+ed|scrapped|called off|postponed|shelved|off)\b"  # a headline's passive
    # "a summit in the coming days", "meet again soon"
    r"|^[^.;]{0,40}?\b(?:in the coming (?:days|weeks|months)|soon|next (?:week|month|year))\b"
    # "a meeting between the two could follow"
    r"|^\s+(?:between|with)\s[^,.;]{0,60}?\b(?:would|could|might|will|may)\b"
    r"|^[^.;]{0,50}?,\s+(?:expected|due|scheduled|planned|set)\s+(?:to|in|for|on|next)\b",
    re.I,
)
#: "received the two men", "hosted both leaders": two people told before as a meeting's object.
_TWO_OBJECT = re.compile(
    r"\s+(?:the two|both)\s+(?:\w+\s+)?(?:men|women|leaders|ministers|presidents|diplomats|"
    r"officials|envoys|heads of state)\b"
)
#: "the two leaders", "both men": the two people last named before the sentence.
TWO = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth)\s+(?:\w+\s+)?(?:leaders|men|women|presidents|diplomats|"
    r"ministers|sides|heads of state|officials)\b|\b[Tt]heir\s+(?:\w+\s+)?(?:call|talks|"
    r"meeting|summit)\b|\b[Tt]he two\b|\b[Tt]he leaders\b"
)


@dataclass
class Actor:
    id: str
    type: str
    name: str
    country: str | None = None


@dataclass
class FoundMention:
    start: int
    end: int
    type: str
    actor: str
    level: str = "NAM"


@dataclass
class Analysis:
    """What the pipeline found in one document."""

    sentences: list[tuple[int, int]]
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[FoundMention] = field(default_factory=list)
    timexes: list[FoundTimex] = field(default_factory=list)
    spacy_doc: Any = None


@cache
def _countries() -> dict[str, str]:
    """Country names (pycountry: name, common and official names) -> canonical name."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        for n in {c.name, canonical, getattr(c, "official_name", None)}:
            if n and "," not in n:
                names[n] = canonical
    # pycountry's canonical names for a few states differ from news usage
    fixes = {
        "Russian Federation": "Russia",
        "Venezuela, Bolivarian Republic of": "Venezuela",
        "Iran, Islamic Republic of": "Iran",
        "Korea, Republic of": "South Korea",
        "Syrian Arab Republic": "Syria",
        "Viet Nam": "Vietnam",
        "Türkiye": "Turkey",
    }
    for raw, short in fixes.items():
        names[raw] = short
        names[short] = short
    for state in set(DEMONYMS.values()) | set(SEATS.values()) | set(ALIASES.values()):
        names.setdefault(state, state)
    return {name: (fixes.get(canonical, canonical)) for name, canonical in names.items()}


@cache
def _nlp(model: str | None) -> Any:
    import spacy

    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(model)
    except OSError as exc:
        raise MissingModelError(
            f"the spaCy pipeline {model!r} is not installed; install it with "
            f"`python -m spacy download {model}` (or pip install its wheel), or run without "
            "--model to use the blank English pipeline"
        ) from exc


@cache
def _matcher(model: str | None) -> Any:
    from spacy.matcher import Matcher

    matcher = Matcher(_nlp(model).vocab)
    for rtype, patterns in TRIGGERS.items():
        matcher.add(rtype, patterns)
    return matcher


def _gazetteer_regex() -> re.Pattern[str]:
    names = set(_countries()) | set(DEMONYMS) | set(SEATS) | set(ALIASES) | set(CITIES)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])")


_GAZETTEER: re.Pattern[str] | None = None
#: A word after a place name that makes it an adjective ("Arctic security", "Gaza ceasefire").
_MODIFIES_NOUN = re.compile(
    r"\s+(?!(?:and|or|in|on|to|for|of|with|from|at|by|is|was|were|are|has|had|have|said|says|"
    r"where|which|that|as|after|before|since|until|but|while|when|amid|over|under|into|"
    r"through|last|this|next|earlier|later|will|would|could|can|may|might|should)\b)"
    r"(?:[a-z][\w-]*|[A-Z][a-z]+)\b"
)
_REGION_REGEX = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(n) for n in sorted(REGIONS, key=len, reverse=True))
    + r")(?![\w])"
)
_CAP = r"(?:[A-Z]\.|[A-Z][\w’'\-]*)"  # a capitalised word, or an initial with its full stop
_NAME = (
    rf"{_CAP}(?:\s+(?:(?:al|el|ad|as|ash)-{_CAP}|{_CAP}|(?:de|da|del|van|von|der|den|bin|al)\b))*"
)


#: Fields that an institution's name joins with "and" ("of Science and Technology").
_FIELDS = (
    r"Technology|Technologies|Development|Research|Innovation|Industry|Trade|Security|"
    r"Engineering|Medicine|Health|Education|Culture|Science|Sciences|Planning|Investment"
)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.actors: dict[str, Actor] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        self.mentions: list[FoundMention] = []

    def actor(self, atype: str, name: str, country: str | None = None) -> str:
        key = (atype, name)
        if key not in self.by_name:
            aid = f"a{len(self.actors) + 1}"
            self.actors[aid] = Actor(aid, atype, name, country)
            self.by_name[key] = aid
        return self.by_name[key]

    def add(self, start: int, end: int, atype: str, actor: str, level: str = "NAM") -> None:
        for m in self.mentions:
            if (
                m.start < end
                and start < m.end
                and not ((m.start <= start and end <= m.end) or (start <= m.start and m.end <= end))
            ):
                return  # crossing another mention
            if (m.start, m.end) == (start, end):
                return
        self.mentions.append(FoundMention(start, end, atype, actor, level))

    def covered(self, start: int, end: int) -> bool:
        """Whether a mention already overlaps the span."""
        return any(m.start < end and start < m.end for m in self.mentions)


def _person_names(text: str) -> list[tuple[int, int, str]]:
    """Names introduced by an honorific or a title: (start, end, name)."""
    heads = "|".join(re.escape(h) for h in sorted(HONORIFICS + TITLES, key=len, reverse=True))
    found = []
    for m in re.finditer(rf"\b(?:{heads})\.?,?\s+(?P<name>{_NAME})", text):
        name = m.group("name")
        tokens = name.split()
        lead = 0
        while len(tokens) > 1 and tokens[0].lower() in TITLE_WORDS:
            # "President Sheikh Tamim": the second title is no part of the name
            lead += len(tokens[0]) + 1
            tokens = tokens[1:]
        while tokens and tokens[-1].lower() in {
            "de",
            "da",
            "del",
            "van",
            "von",
            "der",
            "den",
            "bin",
            "al",
        }:
            tokens.pop()
        # drop a trailing possessive
        cleaned = re.sub(r"[’']s$", "", " ".join(tokens))
        if not cleaned or cleaned in _countries() or cleaned in DEMONYMS:
            continue
        if _is_plain_word(cleaned.split()[0]) or cleaned in ORGANISATIONS or cleaned in SEATS:
            continue
        start = m.start("name") + lead
        found.append((start, start + len(cleaned), cleaned))
    return found


DATELINE = re.compile(
    r"(?m)^(?P<city>[A-Z][A-Z.\'\-]+(?: [A-Z][A-Z.\'\-]+)*)(?:, [A-Z][\w .]+?)?, "
    # "(Reuters)", "(AP)", "(envoy-bench wire)": a wire service's tag
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2})(?: \([A-Za-z][\w .\-]{0,30}\))? [-\u2013\u2014]"
)
_ORG_TABLE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(n) for n in sorted(ORGANISATIONS, key=len, reverse=True))
    + r")(?![\w])"
)
# capitalised words that start or sit inside a capitalised run without being a person's name
_NOT_NAME = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "We",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "These",
    "Those",
    "When",
    "While",
    "As",
    "If",
    "Two",
    "Three",
    "Both",
    "Its",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Days",
    "Hours",
    "House",
    "Office",
    "War",
    "Force",
    "One",
    "Air",
    "Island",
    "Sea",
    "Peninsula",
    "Street",
    "Day",
    "Summit",
    "Declaration",
    "Agreement",
    "Accord",
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
    "Democratic",
    "Easter",
    "Christmas",
    "Joint",
    "Statement",
    "North",
    "South",
    "East",
    "West",
    "Western",
    "Eastern",
    "Oval",
    "White",
    "Group",
    "Council",
    "Union",
    "National",
    "Security",
    "General",
    "Assembly",
    "Ministry",
    "Foreign",
    "Prime",
    "Vice",
    "President",
    "Minister",
    "Secretary",
    "State",
    "Department",
    "Treasury",
    "Chancellor",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Twitter",
    "Reuters",
    "Kremlin",
    "Pentagon",
    "Parliament",
    "Congress",
    "Senate",
    "Court",
    "Bank",
    "Party",
    "Agency",
    "Commission",
    "Committee",
    "Organisation",
    "Organization",
    "Trade",
    "Nuclear",
    "Nations",
    "United",
    "European",
    "International",
    "World",
    "Federal",
    "Central",
    "Airport",
    "Palace",
    "Hotel",
    "University",
    "Square",
    "Avenue",
    "Province",
    "Region",
    "Kingdom",
    "Republic",
    "People",
    "Special",
    "Representative",
    "Envoy",
    "Ambassador",
}


_NOT_NAME |= {
    "Assets",
    "Control",
    "Foreign",
    "Justice",
    "Interior",
    "Defence",
    "Defense",
    "Finance",
    "Economy",
    "Energy",
}


_NOT_NAME |= {"States", "Parties", "Party", "Format"}
# heads of names of laws, bodies, places and products, never of a person's name
_NOT_NAME |= {
    "Act",
    "Law",
    "Treaty",
    "Convention",
    "Division",
    "Bureau",
    "Institute",
    "Foundation",
    "Fund",
    "Church",
    "License",
    "Licence",
    "Tower",
    "Towers",
    "Social",
    "Villa",
    "Beach",
    "Policy",
    "Personnel",
    "Pipeline",
    "Stream",
    "Canal",
    "Bay",
    "Gulf",
    "Strait",
    "River",
    "Forum",
    "Conference",
    "Centre",
    "Center",
    "Museum",
    "Base",
    "Station",
    "Program",
    "Programme",
    "Initiative",
    "Corridor",
    "Diplomats",
    "Officials",
    "Analysts",
    "Lawmakers",
    "Critics",
    "Protesters",
    "Investors",
    "Asian",
    "African",
    "Arab",
    "Presidential",
}


@cache
def _known_names() -> frozenset[str]:
    """Every name the tables know (states, demonyms, seats, aliases, organisations)."""
    return frozenset(
        set(_countries())
        | set(DEMONYMS)
        | set(SEATS)
        | set(ALIASES)
        | set(ORGANISATIONS)
        | set(CITIES)
    )


def _is_plain_word(word: str) -> bool:
    low = word.lower().rstrip(".")
    return word in _NOT_NAME or low in MONTHS or low in WEEKDAYS


def _bare_person_names(text: str) -> list[tuple[int, int, str]]:
    """Runs of two or three capitalised words that no table knows: taken as people.

    A capitalised run is cut at every common capitalised word (``The``, ``President``,
    ``House``, months, weekdays ...) and at every state, demonym, seat or organisation; what is
    left with two or three words is a name (``Antony Blinken``, ``Kim Yong Chol``).
    """
    word = (
        r"(?:al-|el-|bin\s|de\s|von\s(?:der\s)?|van\s(?:der\s|den\s)?)?"
        r"[A-Z][a-z\u00e0-\u024f]+(?:-[A-Za-z][a-z\u00e0-\u024f]+)?"
    )
    known = _known_names()
    found = []
    for m in re.finditer(rf"(?<![\w.\-])(?:{word})(?:\s(?:{word}))+(?![\w\-])", text):
        parts = [(w.start() + m.start(), w.group()) for w in re.finditer(r"\S+", m.group())]
        run: list[tuple[int, str]] = []
        for part in [*parts, (-1, "")]:
            word_ = part[1]
            if word_ and not (
                _is_plain_word(word_) or word_ in known or word_.lower() in TITLE_WORDS
            ):
                run.append(part)
                continue
            if 2 <= len(run) <= 3 and not any(w in ORG_CUES for _, w in [*run, part]):
                # "Falcon Shipping", "Vexo Trading": a firm, found by its cue word
                start, end = run[0][0], run[-1][0] + len(run[-1][1])
                found.append((start, end, text[start:end]))
            run = []
    return found


_SAY_VERBS = (
    r"met|meets|phoned|telephoned|called|spoke|speaks|said|says|told|tells|held|holds|welcomed|"
    r"hosted|visited|wrote|writes|added|announced|named|appointed|agreed"
)


def _verb_person_names(text: str) -> list[tuple[int, int, str]]:
    """A single unknown capitalised word as the subject or object of a contact verb (``after
    Trump met``, ``met Kim``, ``Erdogan said``): taken as a person's surname."""
    word = r"(?P<w>[A-Z][a-z\u00e0-\u024f]+(?:-[A-Za-z][a-z\u00e0-\u024f]+)?)"
    known = _known_names()
    found = []
    patterns = (
        rf"(?<![\w.\-])(?<![A-Z][a-z] ){word}(?:[’']s)?\s+(?:(?:has|had|have|also|later|"
        rf"then|on [A-Z][a-z]+day)\s+)?(?:{_SAY_VERBS})\b",
        # "Marek's personal envoy", "Marek's spokesman": the owner of a role is a person
        rf"(?<![\w.\-]){word}[’']s\s+(?:(?:personal|special|chief|top|senior|former)\s+)?"
        r"(?:envoy|ambassador|spokesman|spokeswoman|spokesperson|adviser|advisor|"
        r"representative|chief of staff)\b",
        rf"\b(?:met|phoned|telephoned|welcomed|hosted|called|(?:talks|meeting|call|spoke|"
        rf"talked|conversation)\s+with)\s+(?:with\s+)?{word}"
        r"(?![\w\-]|\s[A-Z])",
    )
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            w = m.group("w")
            longer = re.search(r"([A-Z][\w.]*)\s$", text[max(0, m.start("w") - 20) : m.start("w")])
            if longer and not _is_plain_word(longer.group(1)):
                continue  # the end of a longer name ("United States said"), not "When X met"
            if re.search(r"(?i)\bso-called\s+$", text[max(0, m.start("w") - 12) : m.start("w")]):
                continue  # "the so-called Vienna format": a name, not a person
            if _is_plain_word(w) or w in known or w in ORG_CUES or w.lower() in TITLE_WORDS:
                continue
            found.append((m.start("w"), m.end("w"), w))
    return found


TITLE_WORDS = {t.lower() for t in TITLES}
#: The noun before a name that makes it a firm ("oil giant X", "the lender X") or a craft ("the
#: tanker X"): not a person.
_FIRM_OR_CRAFT = re.compile(
    r"\b(?:(?P<vessel>tankers?|vessels?|ships?|yachts?|freighters?|aircraft|jets?|planes?)|"
    r"(?:company|companies|firms?|giant|major|lender|exporter|conglomerate|miner|refiner|"
    r"shipper|airline|broadcaster|newspaper|outlet|subsidiary|"
    # "aluminium producer X", not "television producer X"
    r"(?:oil|gas|aluminium|aluminum|steel|arms|weapons|energy|chip|car|drug|grain|metals?|coal|"
    r"nickel|copper|gold|diamond|defen[cs]e|fertili[sz]er|potash)\s+(?:producer|maker|"
    r"manufacturer|supplier|trader|operator)))\s+$"
)


def _inside_name(text: str, start: int, end: int) -> bool:
    """Whether the span is glued to a capitalised word after it ("Moscow Stock Exchange")."""
    after = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 30])
    return bool(after and after.group(1) in ("Stock", "Exchange", "University", "Airport"))


def _al_names(text: str, b: _Builder) -> None:
    """``al-Shabaab``, ``al Qaeda``: an Arabic name with the article ``al-`` standing alone
    is a group (an organisation); after a capitalised word (``Abdul Malik al-Houthi``) or as
    the surname of a person named in the text it is part of a person's name."""
    surnames = {
        text[m.start : m.end].split()[-1]
        for m in b.mentions
        if m.type == "PER" and m.level == "NAM"
    }
    for m in re.finditer(r"(?<![\w.'’-])al[- ][A-Z][a-z]+(?:[- ][A-Z][a-z]+)*\b(?!-)", text):
        if (
            b.covered(m.start(), m.end())
            or any(x.start < m.end() and m.start() < x.end for x in b.mentions)
            or re.search(r"[A-Z][\w.'’-]*\s+$", text[max(0, m.start() - 30) : m.start()])
            or m.group() in surnames
        ):
            continue
        b.add(m.start(), m.end(), "ORG", b.actor("ORG", m.group()))


def _split_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences cut again at line breaks (a headline is a sentence of its own), trimmed."""
    out = []
    for start, end in spans:
        for m in re.finditer(r"[^\n]+", text[start:end]):
            piece = m.group()
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append((start + m.start() + lead, start + m.start() + len(piece.rstrip())))
    return out


def analyse(doc: Document, model: str | None = None, *, oracle: Document | None = None) -> Analysis:
    """Run the pipeline on one document. ``oracle`` supplies gold mentions and timexes."""
    global _GAZETTEER
    text = doc.text
    nlp = _nlp(model)
    spacy_doc = nlp(text)
    sentences = _split_lines(text, [(s.start_char, s.end_char) for s in spacy_doc.sents])
    result = Analysis(sentences=sentences, spacy_doc=spacy_doc)
    dct = date.fromisoformat(doc.published)

    b = _Builder(text)
    if oracle is not None:
        for e in oracle.entities:
            b.actors[e.id] = Actor(e.id, e.type, e.name)
        for gm in oracle.mentions:
            b.mentions.append(FoundMention(gm.start, gm.end, gm.type, gm.entity, gm.level))
        result.timexes = [
            FoundTimex(t.start, t.end, t.text, t.type, t.value) for t in oracle.timexes
        ]
    else:
        if _GAZETTEER is None:
            _GAZETTEER = _gazetteer_regex()
        countries = _countries()
        # a dateline city ("SEOUL, April 29 -") is the city, an actor of its own
        cities: dict[str, str] = {}
        for m in DATELINE.finditer(text):
            city = m.group("city").title()
            aid = b.actor("GPE", city)
            cities[city] = aid
            b.add(m.start("city"), m.end("city"), "GPE", aid)
        # organisations of the general table (first: "U.N." is not cut,
        # "Office of Foreign Assets Control" is no person)
        for m in _ORG_TABLE.finditer(text):
            b.add(m.start(), m.end(), "ORG", b.actor("ORG", ORGANISATIONS[m.group()]))
        # people introduced by a title, then their later short names (last or first token)
        surnames: dict[str, str] = {}
        given: dict[str, str] = {}
        middles: dict[str, str] = {}
        gazetteer = list(_GAZETTEER.finditer(text))  # scanned once, used twice
        places = [m.span() for m in gazetteer]
        untitled = [
            (start, end, name)
            for start, end, name in _bare_person_names(text) + _verb_person_names(text)
            if not any(s < end and start < e for s, e in places)  # "Hong Kong" is no person
            and name not in cities  # "south of San Francisco", the dateline's city
            and not _FIRM_OR_CRAFT.search(text[max(0, start - 30) : start])
        ]
        # "oil producer Vexo", "the state lender Borex Bank": a firm named after its noun
        for m in re.finditer(rf"{_FIRM_OR_CRAFT.pattern[:-1]}(?P<n>{_NAME})", text):
            if m.group("vessel") or any(w in _known_names() for w in m.group("n").split()):
                continue
            name = m.group("n")
            if not _is_plain_word(name.split()[0]):
                b.add(m.start("n"), m.end("n"), "ORG", b.actor("ORG", name))
        for start, end, name in _person_names(text) + untitled:
            if any(
                m.start <= start and end <= m.end and m.type in ("ORG", "PER") for m in b.mentions
            ):
                continue  # part of an organisation's name, or of a name already found
            tokens = name.split()
            surname = tokens[-1]
            patronym = len(tokens) > 2 and tokens[-2] in ("bin", "ibn", "bint")
            same = surnames.get(surname)
            if same and len(tokens) > 1:
                # "Hunter Biden" is not "Joe Biden", "Than Hlaing" not "Min Aung Hlaing"; "Joe
                # R. Biden" and "J. Biden" are
                known_tokens = b.actors[same].name.split()
                first = known_tokens[0]
                # "Le Drian" is "Jean-Yves Le Drian": one name ends the other
                suffix = tokens[-len(known_tokens) :] == known_tokens or (
                    known_tokens[-len(tokens) :] == tokens
                )
                if (
                    len(known_tokens) > 1
                    and first != tokens[0]
                    and not suffix
                    and not (
                        re.fullmatch(r"[A-Z]\.?", tokens[0]) or re.fullmatch(r"[A-Z]\.?", first)
                    )
                ):
                    same = None
            aid = (
                (None if patronym else same)
                or (given.get(surname) if len(tokens) == 1 else None)
                or (middles.get(surname) if len(tokens) == 1 else None)
                or b.actor("PER", name)
            )
            if aid != surnames.get(surname) and name in surnames:
                aid = surnames[name]
            b.add(start, end, "PER", aid)
            if not patronym:
                # "Mohammed bin Salman" is not "Salman" (his father's name), "King Salman"
                surnames.setdefault(surname, aid)
            particle = re.match(r"(?:al|el|ad|as|ash)-(?P<rest>[A-Z][\w’'\-]+)$", surname)
            if particle and len(tokens) > 1:  # "Omar al-Rashid" is later "Rashid"
                surnames.setdefault(particle.group("rest"), aid)
            if len(tokens) > 1:
                given.setdefault(tokens[0], aid)
            # "Luiz Inacio Lula da Silva" is later "Lula", "Nicolas Maduro Moros" "Maduro":
            # a middle name of three or more that is a name of its own (not a particle, nor a
            # father's name after "bin")
            for i, token in enumerate(tokens[1:-1], start=1):
                if (
                    len(token) >= 4
                    and token[0].isupper()
                    and tokens[i - 1] not in ("bin", "ibn", "bint")
                    and token not in _known_names()
                    and token not in TITLE_WORDS
                    and not _is_plain_word(token)
                ):
                    middles.setdefault(token, aid)
        short = {
            **{k: v for k, v in middles.items() if k not in surnames and k not in given},
            **{k: v for k, v in given.items() if k not in surnames},
            **surnames,
        }
        for token, aid in short.items():
            # "Trump-era sanctions" names the person too; "Kim-Jong" does not end a name
            for m in re.finditer(rf"(?<![\w.]){re.escape(token)}(?!\w)(?!-[A-Z])", text):
                inside = any(
                    x.start <= m.start() and m.end() <= x.end and x.type == "PER"
                    for x in b.mentions
                )
                if not inside:
                    b.add(m.start(), m.end(), "PER", aid)
        # states: names, aliases, demonyms, seats of government; a dateline city stays a city
        table_orgs = [(m.start, m.end) for m in b.mentions if m.type == "ORG"]
        for m in gazetteer:
            surface = m.group()
            if any(s <= m.start() and m.end() <= e for s, e in table_orgs):
                continue  # "U.S." in "U.S. Treasury Department": part of the name
            locative = bool(_LOCATIVE.search(text[max(0, m.start() - 20) : m.start()]))
            if surface in cities and (locative or surface not in SEATS):
                # the dateline's city told again; "Washington imposed sanctions" under a
                # WASHINGTON dateline is still the government (a seat, not "in Washington")
                b.add(m.start(), m.end(), "GPE", cities[surface])
                continue
            if _inside_name(text, m.start(), m.end()):
                continue  # "Moscow Stock Exchange": a city inside an organisation's name
            if surface in BUILDINGS and locative:
                continue  # "at the White House": a place, not the government
            if surface in CITIES and (locative or surface not in SEATS):
                b.add(m.start(), m.end(), "GPE", b.actor("GPE", surface))  # the city itself
                continue
            state = (
                countries.get(surface)
                or ALIASES.get(surface)
                or DEMONYMS.get(surface)
                or SEATS.get(surface)
            )
            if state:
                b.add(m.start(), m.end(), "GPE", b.actor("GPE", state))
        for city, aid in cities.items():
            for m in re.finditer(rf"(?<![\w.]){re.escape(city)}(?![\w])", text):
                b.add(m.start(), m.end(), "GPE", aid)
        # organisations by cue words; no leading article, no city or state swallowed
        cues = "|".join(ORG_CUES)
        for m in re.finditer(
            rf"\b(?:\d+(?:st|nd|rd|th)\s+)?(?:{_CAP}\s+)*(?:{cues})\b(?:\s+of(?:\s+{_CAP})+"
            # "Institute of Organic Chemistry and Technology": a field of study in the name
            rf"(?:\s+and\s+(?:{_FIELDS})\b)?)?",
            text,
        ):  # "77th Light Infantry Division"
            start, name = m.start(), m.group()
            lead = re.match(r"(?:The|A|An|In|On|At|But|And|After|Before|When|While)\s+", name)
            if lead:
                start, name = start + lead.end(), name[lead.end() :]
            poss = re.match(r"^.*?[’']s\s+", name)
            if poss:
                start, name = start + poss.end(), name[poss.end() :]
            compound = re.match(r"^[\w.]+-[a-z]+\s+", name)
            if compound:  # "Dubai-based Vexo Trading": the firm without the place
                start, name = start + compound.end(), name[compound.end() :]
            if name in ORG_CUES or name in ("Oval Office",):
                continue
            of_at = name.find(" of ")
            if of_at > 0:
                # "Institute of Organic Chemistry": a run of capitalised words after "of"
                # taken for a person's name is part of the body's name
                tail = (start + of_at, start + len(name))
                b.mentions = [
                    x
                    for x in b.mentions
                    if not (
                        x.type == "PER"
                        and x.level == "NAM"
                        and tail[0] <= x.start
                        and x.end <= tail[1]
                        and sum(y.actor == x.actor for y in b.mentions) == 1
                    )
                ]
            if any(m.start < start + len(name) and start < m.end for m in b.mentions):
                continue
            b.add(start, start + len(name), "ORG", b.actor("ORG", name))
        for m in _REGION_REGEX.finditer(text):
            # "Europe", "the Black Sea"; not "Arctic security" (an adjective) nor a part of a
            # name ("Asia-Pacific Economic Cooperation")
            if b.covered(m.start(), m.end()) or (
                " " not in m.group() and _MODIFIES_NOUN.match(text, m.end())
            ):
                continue  # a one-word region before a noun is an adjective; "Black Sea" stays
            b.add(m.start(), m.end(), "LOC", b.actor("LOC", m.group()))
        for m in re.finditer(rf"\bnews agency\s+(?P<n>{_CAP})", text):
            b.add(m.start("n"), m.end("n"), "ORG", b.actor("ORG", m.group("n")))
        if model is not None:
            labels = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "GPE"}
            for ent in spacy_doc.ents:
                if ent.label_ in labels:
                    atype = labels[ent.label_]
                    b.add(ent.start_char, ent.end_char, atype, b.actor(atype, ent.text))
        # "the Marek administration": in English news, the US government (guidelines 3)
        for m in re.finditer(
            r"(?:\b[Tt]he\s+|(?:^|(?<=\n)))(?:[A-Z][\w.\-]+\s+){1,2}administration\b", text
        ):  # also a headline's "Marek administration lifts ..."
            if not any(x.start < m.start() < x.end for x in b.mentions):
                b.add(m.start(), m.end(), "GPE", b.actor("GPE", "United States"), "NOM")
        _al_names(text, b)
        _sanction_targets(text, b)
        _coreference(text, b, sentences)
        _quote_speakers(text, b)
        result.timexes = find_timexes(text, dct)
    b.mentions.sort(key=lambda m: (m.start, -m.end))
    if oracle is None:
        # "wrote on Twitter": a platform named as the medium of a post is no actor (guidelines
        # 3.1)
        b.mentions = [
            m
            for m in b.mentions
            if not (
                text[m.start : m.end] in _PLATFORMS
                and re.search(r"\b(?:on|via)\s+$", text[max(0, m.start - 5) : m.start])
            )
        ]
    result.actors, result.mentions = b.actors, b.mentions
    return result


#: Social-media platforms, which are no actor when named as a post's medium.
_PLATFORMS = {"Twitter", "X", "Facebook", "Telegram", "Instagram", "Truth Social", "YouTube"}
_NOMINAL = re.compile(
    r"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:(?P<dem>[A-Z][a-z]+|U\.S\.|US|UK|U\.K\.)\s+)?"
    r"(?:(?:new|former|top|senior|chief|visiting|veteran|ousted|interim|outgoing|incoming|"
    r"acting)\s+)?(?P<head>(?i:leader|president-elect|president|ambassador|envoy|minister|premier|diplomat|host|"
    r"guest|counterpart|chancellor|prime minister|foreign minister|pope|pontiff|cardinal|"
    r"secretary-general|general|commander|king|crown prince|monarch))\b(?!-)"
)
#: "Iran's top security official", "the Taliban's political chief": a role of a state or body.
_POSSESSIVE_ROLE = re.compile(
    r"(?:\b[Tt]he\s+)?\b[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?['’]s\s+(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:minister|official|chief|adviser|advisor|envoy|spokesman|spokeswoman|spokesperson|"
    r"leader|president|commander|head|ambassador|secretary|director|negotiator|representative)"
    r"\b(?![-’'])"
)
_NOMINAL_ORG = re.compile(
    r"\b[Tt]he\s+(?P<head>bloc|department|court|ministry|agency|council|commission|country|"
    r"government|alliance|committee|union|world body|company|group|"
    # "the Council", "the Commission", "the Department": capitalised back-references
    r"Council|Commission|Department|Ministry|Agency|Committee|Court)\b(?!\s+of\b)"
    r"(?!\s+[A-Z])"
)
#: "the Russian government", "the Chinese side": the state; "the Ukrainian foreign ministry",
#: "the Norwegian military": an organisation of that state.
_DEMONYM_BODY = re.compile(
    r"\b[Tt]he\s+(?P<dem>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:(?P<state>government|side|"
    r"authorities|leadership)|(?P<org>(?:foreign|defence|defense|interior|finance|justice|"
    r"economy) ministry|military|army|navy|presidency|parliament|central bank))\b"
)
_PRONOUNS = re.compile(r"\b(he|his|him|He|His|Him|she|her|She|Her)\b")
#: A verb (or a contact verb and its preposition) whose object the next pronoun is:
#: "phoned him", "visited her", "received him", "spoke to him", "held talks with her".
_OBJECT_PRONOUN = re.compile(
    r"\b(?:[a-z]{2,}ed|met|meets|rang|saw|told|tells|sent|gave|thanks|phones|calls|visits|"
    r"hosts|receives|greets|(?:spoke|spoken|talked|talks|meeting|met|call|conversation|talks|"
    r"dinner|lunch|summit)\s+(?:by\s+(?:tele)?phone\s+)?(?:to|with))\s+$"
)
#: What stands between a subject and its object pronoun: the verb alone, with an auxiliary or
#: an adverb ("A phoned him", "A had also visited her", "A later spoke to him").
_SUBJECT_VERB = re.compile(
    r"\s+(?:(?:also|later|then|first|again|personally|twice|once|had|has|have|briefly)\s+){0,2}"
    r"[a-z]+(?:\s+(?:by\s+(?:tele)?phone\s+)?(?:to|with))?\s+"
)
#: What follows "her" as an object, not as a possessive ("visited her in Paris", not "visited
#: her counterpart").
_OBJECT_AFTER = re.compile(
    r"\s*(?:[.,;:)]|$)|\s+(?:in|at|on|by|for|to|from|with|during|last|this|that|the|a|and|over|"
    r"after|before|about|twice|again|earlier|later|when|while|as|[A-Z0-9])"
)


_QUOTE = re.compile(r"[\"“](?P<body>[^\"“”\n]{2,})[\"”]")
_SPEECH = r"(?:said|says|told|tells|wrote|writes|added|adds|asked|declared|stressed|insisted)"


def _quote_speakers(text: str, b: _Builder) -> None:
    """First-person pronouns in a quotation refer to its speaker (guidelines 4.4): ``"I ...,"
    X said`` or ``X said: "I ..."``: ``I``/``me``/``my`` are the speaker; ``we``/``our``/``us``
    are the speaker when the speaker is a state or an organisation (a person's ``we`` may be
    their state, their party or the people they met: left alone)."""
    mentions = sorted(b.mentions, key=lambda m: m.start)
    for q in _QUOTE.finditer(text):
        speaker: FoundMention | None = None
        after = re.match(
            rf"[,.]?[\"”]?\s*(?:(?P<verb>{_SPEECH})\s+)?", text[q.end() : q.end() + 40]
        )
        tail = q.end() + (after.end() if after else 0)
        # ', X said' / ', said X' / ', he said'
        limit = re.search(r"[\"“]", text[tail : tail + 60])  # another quotation begins
        near = [m for m in mentions if tail <= m.start < tail + (limit.start() if limit else 60)]
        if near and (
            (after and after.group("verb"))
            or re.match(rf"[\w\s.’'-]*?\s{_SPEECH}\b", text[near[0].end : near[0].end + 60])
        ):
            speaker = near[0]
        else:  # 'X said: "...'
            lead = re.search(
                rf"(?P<who>\S+(?:\s+\S+){{0,3}})\s+{_SPEECH}(?:\s+\w+){{0,3}}[,:]\s*$",
                text[max(0, q.start() - 80) : q.start()],
            )
            if lead:
                at = max(0, q.start() - 80) + lead.start("who")
                before = [m for m in mentions if at <= m.start < q.start()]
                speaker = before[-1] if before else None
        if speaker is None:
            continue
        actor = b.actors[speaker.actor]
        # a person's "we" may be their state, their party or the two who met: left alone
        group = speaker.actor if actor.type in ("ORG", "GPE") else None
        for p in re.finditer(r"\b(?:I|[Mm]e|[Mm]y|[Mm]yself|[Ww]e|[Oo]ur|us)\b", q.group("body")):
            start = q.start("body") + p.start()
            word = p.group().lower()
            if word in ("i", "me", "my", "myself"):
                if actor.type == "PER":
                    b.add(start, start + len(p.group()), "PER", speaker.actor, "PRO")
            elif group is not None:
                b.add(start, start + len(p.group()), b.actors[group].type, group, "PRO")


def _coreference(text: str, b: _Builder, sentences: list[tuple[int, int]] | None = None) -> None:
    """Pronouns and nominals to the nearest compatible preceding actor; a personal pronoun
    (``he``, ``his``, ``him``, ``she``, ``her``) to the first person of its sentence before
    it, else of the sentence before (the subject goes on: ``A named B, a general who served
    him, as his envoy``), else the nearest person.

    ``it`` is left alone (in news it is mostly expletive or an event: ``it was agreed``); ``its``
    goes to the nearest organisation or state. ``his host``/``his guest``/``his counterpart``
    go to the nearest person other than the one ``his`` refers to.
    """
    named = sorted(b.mentions, key=lambda m: m.start)

    # a person's state, from "Russian President X" / "X, the Russian leader" before the name
    for x in named:
        if x.type == "PER" and x.level == "NAM" and b.actors[x.actor].country is None:
            lead = re.search(
                r"(?P<dem>[A-Z][a-z]+(?: [A-Z][a-z]+)?|U\.S\.)\s+(?:[A-Za-z\-]+\s+){1,3}$",
                text[max(0, x.start - 45) : x.start],
            )
            state = lead and (DEMONYMS.get(lead.group("dem")) or ALIASES.get(lead.group("dem")))
            if state:
                b.actors[x.actor].country = state

    def nearest(
        before: int, types: Iterable[str], country: str | None = None, skip: str | None = None
    ) -> str | None:
        wanted = set(types)
        # with a state ("the Turkish leader"): a person of that state first, else one of no
        # known state
        for allowed in ((country,), (None, country)) if country else ((None,),):
            for m in reversed(named):
                if m.start >= before or m.type not in wanted or m.actor == skip:
                    continue
                if country and b.actors[m.actor].country not in allowed:
                    continue
                return m.actor
        return None

    heads = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    # "Cardinal X", "a special envoy, Mr X"
    title_before = re.compile(rf"\b(?P<t>{heads}),?\s+(?:(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+)?$", re.I)
    titled = []
    for x in named:
        if x.type == "PER" and x.level == "NAM":
            t = title_before.search(text[max(0, x.start - 30) : x.start])
            if t:
                titled.append((x.start, t.group("t").lower(), x.actor))
    for m in _NOMINAL.finditer(text):
        # a demonym inside ("the Russian leader") may already be a mention; a name may not
        if any(x.start < m.end() and m.start() < x.end and x.type == "PER" for x in b.mentions):
            continue
        dem = m.group("dem") or ""
        country = DEMONYMS.get(dem) or SEATS.get(dem) or ALIASES.get(dem)
        if m.group("dem") and not country:
            continue  # "the Republican leader": not a state's demonym, leave it
        skip = None
        if m.group().split()[0].lower() in ("his", "her", "their"):
            # "his": the first person of the sentence (its subject), else the nearest one
            # ("Trump chose A, a banker and his former ambassador": his = Trump's)
            here = next((s_ for s_, e_ in (sentences or []) if s_ <= m.start() < e_), None)
            first = (
                next(
                    (
                        x.actor
                        for x in named
                        if x.type == "PER" and here is not None and here <= x.start < m.start()
                    ),
                    None,
                )
                if here is not None
                else None
            )
            skip = first or nearest(m.start(), ["PER"])
        head = m.group("head").lower()
        # "his counterpart Lars Dahl", "his former ambassador to Germany, Lars Dahl"
        gap = re.match(
            r"(?:\s+(?:to|of|for|in)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,?\s+",
            text[m.end() : m.end() + 60],
        )
        named_next = gap and next(
            (x for x in named if x.start == m.end() + gap.end() and x.type == "PER"), None
        )
        if named_next:
            # "his Azerbaijani counterpart Jeyhun Bayramov": the name in apposition
            b.add(m.start(), m.end(), "PER", named_next.actor, "NOM")
            continue
        # "the cardinal" is the person last introduced as "Cardinal X" (if any)
        aid = next(
            (
                actor
                for pos, title, actor in reversed(titled)
                if pos < m.start() and title == head and actor != skip
            ),
            None,
        )
        if aid is None and head != "president-elect":
            # "the president-elect" of a past election is no one nearby: left unresolved
            aid = nearest(m.start(), ["PER"], country, skip)
        if aid:
            b.add(m.start(), m.end(), "PER", aid, "NOM")
            if skip:  # "his host": "his" is a mention of its own, of the other person
                word = m.group().split()[0]
                b.add(m.start(), m.start() + len(word), "PER", skip, "PRO")
    for m in _POSSESSIVE_ROLE.finditer(text):
        # "Iran's top security official, Ali Rahimi", "Sudan's army chief Burhan": a role
        # described by its state or body, in apposition to the name after it
        if any(x.start < m.end() and m.start() < x.end and x.type == "PER" for x in b.mentions):
            continue
        gap = re.match(r",?\s+(?:(?:Mr|Mrs|Ms|Dr|Sir|General|Gen\.)\s+)?", text[m.end() :])
        named_next = gap and next(
            (
                x
                for x in named
                if x.start == m.end() + gap.end() and x.type == "PER" and x.level == "NAM"
            ),
            None,
        )
        if named_next:
            b.add(m.start(), m.end(), "PER", named_next.actor, "NOM")
    bounds = sentences or [(0, len(text))]

    def subject(before: int) -> str | None:
        """The first person named in the pronoun's sentence before it, else in the sentence
        before (a subject pronoun mostly continues the previous subject)."""
        here = next((i for i, (s, e) in enumerate(bounds) if s <= before < e), None)
        if here is None:
            return None
        for index in (here, here - 1, here - 2):
            if index < 0:
                continue
            opening = text[bounds[here][0] : before]
            if index == here - 2 and not re.fullmatch(
                r"\s*(?:(?:On|In|At|Last|Later|Earlier)\b[\w.\s-]*?,?\s+)?", opening
            ):
                break  # only a pronoun opening its sentence goes back over a sentence
            if index == here - 2 and any(
                bounds[here - 1][0] <= x.start < bounds[here - 1][1] and x.type == "PER"
                for x in b.mentions
            ):
                break
            s, e = bounds[index]
            # the pronouns resolved so far count: "He held talks with B. On Friday he met C"
            people = sorted(
                (
                    x
                    for x in b.mentions
                    if s <= x.start < min(e, before)
                    and x.type == "PER"
                    and (x.level != "NOM" or x in named or not text[s : x.start].strip())
                ),
                key=lambda x: x.start,
            )
            if index == here and _PREPOSED.fullmatch(text, s, before):
                # "During a visit hosted by A, he met B": a name in a prepositional phrase of
                # the opening adjunct is not the subject the pronoun goes on with
                people = [
                    x
                    for x in people
                    if not re.search(
                        r"\b(?:by|with|of|to|for|from)\s+(?:[A-Z][\w.'’-]*\s+){0,3}$",
                        text[s : x.start],
                    )
                ]
            if people:
                return people[0].actor
        return None

    def not_the_subject(at: int, subject_actor: str) -> str | None:
        """The first person other than the clause's subject in the pronoun's sentence before
        it, else in the nearest sentence before that names one, the pronouns resolved so far
        included (``A phoned him``: ``him`` is never A, binding principle B; the person it
        is, is mostly the topic of the sentence before)."""
        here = _sentence_of(bounds, at)
        for index in range(here, max(-1, here - 4), -1):
            s, e = bounds[index]
            for x in sorted(b.mentions, key=lambda x: x.start):
                if s <= x.start < min(e, at) and x.type == "PER" and x.actor != subject_actor:
                    return x.actor
        return None

    objects: dict[int, tuple[str, str]] = {}  # sentence -> (subject, object) of a verb
    for m in _PRONOUNS.finditer(text):
        if b.covered(m.start(), m.end()):
            continue
        aid = None
        if m.group().lower() in ("he", "she", "his", "him", "her"):
            aid = subject(m.start())
        if (
            aid
            and m.group().lower() in ("him", "her")
            and _OBJECT_PRONOUN.search(text[max(0, m.start() - 40) : m.start()])
            and (m.group().lower() == "him" or _OBJECT_AFTER.match(text, m.end()))
        ):
            here = _sentence_of(bounds, m.start())
            s_start = bounds[here][0] if here >= 0 else 0
            # the subject named right before the verb: the object pronoun is someone else
            subject_of_clause = aid
            if any(
                x.actor == aid
                and s_start <= x.start < m.start()
                and x.type == "PER"
                and _SUBJECT_VERB.fullmatch(text, x.end, m.start())
                for x in b.mentions
            ):
                aid = not_the_subject(m.start(), aid) or aid
                objects[_sentence_of(bounds, m.start())] = (subject_of_clause, aid)
        elif (
            aid
            and m.group().lower() in ("him", "her")
            and re.search(r"\bto\s+[a-z]+\s+$", text[max(0, m.start() - 30) : m.start()])
        ):
            # "A called him to wish him well": the infinitive's subject is A, its object the
            # same person as the main verb's
            subject_actor, object_actor = objects.get(_sentence_of(bounds, m.start()), (None, None))
            if subject_actor == aid and object_actor:
                aid = object_actor
        aid = aid or nearest(m.start(), ["PER"])
        if aid:
            b.add(m.start(), m.end(), "PER", aid, "PRO")
    for m in _NOMINAL_ORG.finditer(text):
        if b.covered(m.start(), m.end()):
            continue
        head = m.group("head").lower()
        for x in reversed(named):
            if x.start >= m.start() or x.type not in ("ORG", "GPE"):
                continue
            name = b.actors[x.actor].name.lower()
            fits = (
                # "the bloc" is the union itself, not its Council or Commission
                (head in ("bloc", "union") and "union" in name and " of " not in name)
                or (head == "world body" and name == "united nations")
                or (head in ("company", "group") and x.type == "ORG" and x.level == "NAM")
                or (head == "country" and x.type == "GPE")
                or (head == "government" and x.type == "GPE")
                or (head not in ("bloc", "union", "country", "government") and head in name)
            )
            if fits and m.group("head")[0].isupper():
                # "the Council": a short name of the body (its mention without "the")
                b.add(m.start("head"), m.end(), b.actors[x.actor].type, x.actor, "NAM")
                break
            if fits:
                b.add(m.start(), m.end(), b.actors[x.actor].type, x.actor, "NOM")
                break
    # "Andrew Vost, an evangelical pastor, ... welcomed the pastor": a role noun told of a
    # person in an apposition or before the name is that person
    roles: dict[str, str] = {}
    for x in named:
        if x.type != "PER" or x.level != "NAM":
            continue
        after = re.match(r",\s+(?:a|an|the)\s+(?P<words>(?:[\w-]+\s+){0,3}[\w-]+)", text[x.end :])
        before = re.search(r"\b(?P<words>[a-z-]+)\s+$", text[max(0, x.start - 25) : x.start])
        for found in (after, before):
            for word in found.group("words").split() if found else ():
                if word in _ROLE_NOUNS:
                    roles[word] = x.actor
    for m in re.finditer(rf"\b[Tt]he\s+(?P<head>{'|'.join(_ROLE_NOUNS)})\b", text):
        aid = roles.get(m.group("head"))
        if re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2]):
            continue  # "the journalist Jamal Vost": the name is the mention
        if aid and not b.covered(m.start(), m.end()):
            b.add(m.start(), m.end(), "PER", aid, "NOM")
    # "greeted the American at the airport": a demonym as a noun is the person of that state
    # named last (not "the Russian government", where it qualifies a noun)
    for m in re.finditer(r"\b[Tt]he\s+(?P<dem>[A-Z][a-z]+)\b", text):
        state = DEMONYMS.get(m.group("dem"))
        inner = [x for x in b.mentions if x.start < m.end() and m.start() < x.end]
        if (
            state is None
            or any((x.start, x.end) != m.span("dem") for x in inner)
            or _MODIFIES_NOUN.match(text, m.end())
            or re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2])
        ):
            continue
        person = next(
            (
                x.actor
                for x in reversed(named)
                if x.start < m.start() and x.type == "PER" and b.actors[x.actor].country == state
            ),
            None,
        )
        if person:
            for x in inner:  # the demonym is no mention of the state here
                b.mentions.remove(x)
            b.add(m.start(), m.end(), "PER", person, "NOM")
    # "the army", "the military": the armed forces, an organisation of their own (a demonym
    # before them is handled next, as "the Russian military"); "the city": the city last named;
    # "the administration": the government of the United States when the text names it
    states = {b.actors[x.actor].name for x in named if x.type == "GPE"}
    for m in re.finditer(r"\b[Tt]he\s+(?P<head>army|military|city|administration)\b", text):
        if b.covered(m.start(), m.end()):
            continue
        head = m.group("head")
        if head in ("army", "military"):
            b.add(m.start(), m.end(), "ORG", b.actor("ORG", head), "NOM")
        elif head == "city":
            city = next(
                (
                    x
                    for x in reversed(named)
                    if x.start < m.start() and x.type == "GPE" and text[x.start : x.end] in CITIES
                ),
                None,
            )
            if city:
                b.add(m.start(), m.end(), "GPE", city.actor, "NOM")
        elif "United States" in states:
            b.add(m.start(), m.end(), "GPE", b.actor("GPE", "United States"), "NOM")
    for m in _DEMONYM_BODY.finditer(text):
        state = DEMONYMS.get(m.group("dem"))
        if state is None or any(
            x.start < m.end() and m.start() < x.end and x.type in ("ORG", "PER") for x in b.mentions
        ):
            continue
        if m.group("state"):
            b.add(m.start(), m.end(), "GPE", b.actor("GPE", state), "NOM")
        else:
            name = f"{state} {m.group('org')}"
            b.add(m.start(), m.end(), "ORG", b.actor("ORG", name), "NOM")

    def actor_before(before: int) -> str | None:
        """The nearest state or organisation before ``before`` that can act: not a demonym or
        a place adjective ("Iranian commander", "a Dubai-based firm")."""
        for x in sorted(b.mentions, key=lambda x: x.start, reverse=True):
            if (
                x.start < before
                and x.type in ("GPE", "ORG")
                and x.level != "PRO"
                and not _modifier(text, x)
                # "met in Brussels": a place where, not an actor
                and not _LOCATIVE.search(text[max(0, x.start - 20) : x.start])
            ):
                return x.actor
        return None

    for m in re.finditer(
        r"\b(?:it|It)\b(?=\s+(?:said|says|added|announced|imposed|lifted|"
        r"blacklisted|sanctioned|accused|has|had|will|would|also)\b)",
        text,
    ):
        if b.covered(m.start(), m.end()):
            continue
        aid = actor_before(m.start())
        if aid:
            b.add(m.start(), m.end(), b.actors[aid].type, aid, "PRO")
    for m in re.finditer(r"\b(its|Its)\b", text):
        if b.covered(m.start(), m.end()):
            continue
        aid = actor_before(m.start())
        if aid:
            b.add(m.start(), m.end(), b.actors[aid].type, aid, "PRO")


def _sentence_of(sentences: list[tuple[int, int]], offset: int) -> int:
    for i, (s, e) in enumerate(sentences):
        if s <= offset < e:
            return i
    return -1


_REMOTE = {"video", "virtual", "online", "telephone", "phone"}
#: The next sentence says the contact just told was a call: "A spoke to B. The call lasted".
_CALL_NEXT = re.compile(
    r"\s*(?:The|That|Their|This)\s+(?:[\w-]+\s+)?(?:call|phone call|telephone call|"
    r"conversation)\b"
)
#: "talks by video link", "a meeting via videoconference", "talks over the phone".
_BY_LINK = re.compile(
    r"\s+(?:by|via|over)\s+(?:a\s+|the\s+)?(?:video(?:[\s-]*(?:link|conference|call))?|"
    r"videoconference|phone|telephone)\b"
)
_BACK_REFERENCE = re.compile(
    r"\b(?:of|after|before|since|ahead of|during|at|from)\s+(?:the|that|this)\s+$", re.I
)
#: A quantity of the measures: "most of the", "some of the", "the rest of the".
_PART_OF = re.compile(
    r"(?i)\b(?:most|some|all|part|many|much|half|rest|several|remainder|bulk|each|one|two|"
    r"three)\s+of\s+(?:the|that|this)\s+$"
)
#: A subordinate clause with a subject and a verb of its own ("before U.S. blames C").
_OWN_CLAUSE = re.compile(
    r"(?:\s(?:before|after|as|while|when|because|since|amid|although|though|until)|"
    r",\s+(?:and|but|while))\s+(?:the\s+)?"
    r"(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*|he|she|they|it|we)\s+"
    r"(?:[a-z]+s|[a-z]+ed|is|was|has|had|will|would|"
    r"flew|went|came|left|met|spoke|said|told|held|took|made|sent|saw|gave)\b"
)
#: Words that put two people in one place (guidelines 6.2: a bare talk is a meeting then).
_TOGETHER = re.compile(
    r"(?i)\bon the sidelines\b|\bin person\b|\bface[- ]to[- ]face\b|\bside by side\b"
)
#: Bare "talks" that the sentence's subjects held: "after talks", "six hours of talks", "agreed
#: at talks in Tokyo", "in their first face-to-face talks", "during talks".
_SUBJECTS_TALKS = re.compile(
    r"(?i)(?:\b(?:after|of|at|during)|\b(?:in|during|at)\s+their(?:\s+[\w-]+){0,3}?)\s+$"
)
#: "Xi's first face-to-face talks (with B)": the possessor held the talks.
_POSSESSOR_EVENT = re.compile(r"\b[A-Z][\w.\-]*['’]s\s+(?:[\w-]+\s+){0,2}$")
#: An event named as what is discussed or prepared: "discussed last week's summit",
#: "talked about the upcoming meeting", "preparations for a summit".
_TOPIC = re.compile(
    r"(?i)\b(?:discuss(?:ed|es|ing)?|review(?:ed|s|ing)?|about|regarding|outcome of|results? of|"
    r"preparations? for|prepare for|preparing for)\s+(?:the|a|an|their|his|her|its|this|that|"
    r"last\s+\w+[’']s|next\s+\w+[’']s|this\s+\w+[’']s|upcoming|planned|possible|proposed|"
    r"recent|previous|\w+[’']s)\s+(?:[\w-]+\s+)?$"
)
#: A sentence that starts with the event as a definite subject ("The call was followed by ...",
#: "That meeting came a day after ...") refers back to an event already told.
_TOLD_BEFORE = re.compile(
    r"(?i)(?:(?:but|and|yet)\s+)?(?:the|that|this)\s+"
    # "The phone call", "That first meeting"; not "The two held talks" (a verb: a new event)
    r"(?:(?!(?:held|hold|holds|had|has|have|began|begin|opened|resumed|started|wrapped|"
    r"ended|concluded|continued|will|would|also)\b)[\w-]+\s+){0,2}?"
    r"(?:call|calls|meeting|meetings|talks|summit|conversation|visit)"
)
#: Event nouns, whose occurrence a temporal phrase ("since their summit") presupposes.
_EVENT_NOUNS = {
    "summit",
    "summits",
    "talks",
    "meeting",
    "meetings",
    "call",
    "calls",
    "visit",
    "conversation",
}
_PRESUPPOSING = {"since", "after", "before", "following", "during"}
#: Event nouns that a purpose phrase "for talks" names, as an infinitive would.
_PURPOSE_EVENTS = {"talks", "meeting", "meetings", "summit", "dinner", "lunch", "visit"}
_CLAUSE_CUTS = {"during", "when", "after", "before", "while", "because", "since", "in", "at"}


def _actual(tokens: list[str], index: int) -> bool:
    """No modal cue in the six words before the trigger (within its phrase), and no negation in
    its clause (``not as good as a face-to-face meeting``)."""
    words: list[str] = []  # back to the start of the sentence, hyphens skipped
    for t in reversed(tokens[max(0, index - 20) : index]):
        if t in (".", "!", "?", ";") or "\n" in t:
            break
        if t == "May":
            words.append("<month>")  # the month, not the modal verb
        elif t.isalpha() or t in ("n't", ","):
            words.append(t.lower())
    words.reverse()
    # a relative clause closed before the trigger tells of something else: "A, who had been
    # due to fly to Oslo, instead spoke by phone with B"
    for i in range(len(words) - 2, -1, -1):
        if words[i] == "," and words[i + 1] in ("who", "which", "whose"):
            close = next((j for j in range(i + 2, len(words)) if words[j] == ","), None)
            if close is not None:
                words = words[:i] + words[close:]
    clause = words[max((i for i, w in enumerate(words) if w in (",", "but")), default=-1) + 1 :]
    negated = clause
    if any(t.lower() in _EVENT_NOUNS for t in tokens[index : index + 2]):
        # "had not met since their summit in Hanoi": the summit named in a since/after phrase
        # is presupposed, out of the negation's reach
        cut = max((i for i, w in enumerate(clause) if w in _PRESUPPOSING), default=-1)
        negated = clause[cut + 1 :]
    if set(negated[-10:]) & NEGATION or any(
        w == "yet" and after == "to" for w, after in pairwise(clause[-10:])
    ):
        return False  # "has not met", "has yet to speak by phone with B" (guidelines 6.5)
    window_tokens = [w for w in words if w != ","][-6:]
    if (
        index >= 2
        and tokens[index - 2].lower() == "to"
        and tokens[index].lower() in ("talks", "meeting")
    ):
        return False  # "appointed an envoy to lead talks with X": a mandate, not an event
    # a purpose phrase too: "was due to fly to Berlin later on Tuesday for talks with B"
    infinitive = bool(words) and (
        words[-1] == "to" or (words[-1] == "for" and tokens[index].lower() in _PURPOSE_EVENTS)
    )
    if infinitive:
        if len(words) >= 2 and words[-2] in ("is", "are", "was", "were", "set"):
            return False  # "A was to meet B on Sunday", "A is set to meet B": a plan
        # an infinitive takes the modality of its clause: "will travel to Oslo next week to
        # meet", "plans to fly to Oslo to meet", "was due in Oslo on Monday to meet"
        window_tokens = [w for w in clause if w != ","][-12:]
    cuts = [
        i
        for i, t in enumerate(window_tokens)
        if t in _CLAUSE_CUTS and not (infinitive and t in ("in", "at", "during"))
    ]
    # the trigger is in a phrase of its own: "agreed to meet during a phone call"; a gerund
    # is not: "will join its allies in sanctioning"
    if cuts and not tokens[index].lower().endswith("ing"):
        window_tokens = window_tokens[cuts[-1] + 1 :]
    # "agreed to meet" is a plan; "agreed over dinner" tells what the meeting settled
    following = [*window_tokens[1:], tokens[index].lower()]
    previous = ["", *window_tokens[:-1]]
    window = {
        w
        for w, after, before in zip(window_tokens, following, previous, strict=False)
        if not (w in ("agreed", "agree") and after in ("over", "at", "during", "after"))
        # "it was time for him to visit" is a wish; "sentenced to time served" is not
        and not (w == "time" and before not in ("is", "was", "s", "high"))
    }
    return not (window & NEGATION or window & MODALS)


#: "a day after", "hours before": a timex whose anchor is the event told after it.
_ANCHORING = re.compile(r"(?i)(?:\w+\s+)?(?:days?|weeks?|hours?|months?)\s+(?:after|before)$")
#: A verb of saying or reporting just before a timex: the timex dates the saying.
_SAID_WHEN = re.compile(
    r"\b(?:said|says|told|tells|announced|wrote|added|confirmed|reported|disclosed|revealed)"
    r"(?:\s+(?:reporters|journalists|lawmakers|parliament|the \w+|a \w+ \w+))?\s+(?:on\s+|in\s+)?$"
)


#: A subordinate clause with a verb of its own after a trigger: a timex in it dates that
#: clause's event ("talks since troops crossed the border two weeks ago").
_SUBORDINATE_EVENT = re.compile(
    r"\b(?:since|after|before|when|until|because|as)\s+(?:[\w’'.-]+\s+){0,4}?"
    r"(?:[a-z]{3,}ed|was|were|had|has|took|began|went|came|fell|broke|won|lost|left|met)\b"
    r"[^,;.]*$"
    # "since taking office in January", "after winning the vote in May": a gerund's event
    r"|\b(?:since|after|before|until|upon|on)\s+(?:[a-z]{2,}ing)\b[^,;.]*$"
)


#: Participles of an apposition that tells an event of its own ("A, sanctioned by B in 2019,").
_PARTICIPLES = r"(?:sanctioned|blacklisted|designated|appointed|named)\s+(?:by|as|in|on)"
_PARTICIPLE_APPOSITION = r",\s+" + _PARTICIPLES + r"\b"


def _dates_another_event(text: str, t: FoundTimex, near: int, rtype: str | None = None) -> bool:
    """Whether ``t`` dates another event than the trigger at ``near`` after it (guidelines 6.4,
    6.6): ``The steps came a day after A and B held a telephone call`` (the day of the
    steps), ``said on Saturday that he had talked it over with B`` (the day of the saying,
    not of the talk)."""
    if t.start > near:
        if re.search(r",\s+(?:who|which|whose)\b[^,;]*$", text[near : t.start]):
            # "talks with B, who has backed him since the August election": the relative
            # clause's own time
            return True
        if re.search(
            r",\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]{3,}ed|met|held|spoke|flew|said|told|"
            r"made|took|went|came|gave|sent|left|has|had|is|was)\b",
            text[near : t.start],
        ) and (
            re.search(r",\s+(?:who|whom|which|whose)\b[^,;.]*$", text[max(0, near - 150) : near])
            or re.match(_PARTICIPLE_APPOSITION, text[max(0, near - 2) : near + 15])
        ):
            return True  # "A, who was sanctioned in 2019, met B on Monday": the main clause's
        if _SUBORDINATE_EVENT.search(text[near : t.start]):
            return True  # "their first talks since troops crossed the border two weeks ago"
        # "eased sanctions on A, and in May named an envoy": another clause's date
        return bool(
            re.search(r",\s+and\s+(?:\w+\s+){0,3}?(?:in|on|at|last)?\s*$", text[near : t.start])
        ) and bool(re.search(r"^\s*\w*\s*[a-z]+ed\b", text[t.end : t.end + 20]))
    if re.search(r"[.;!?]", text[t.end : near]):
        return False
    before = text[max(0, t.start - 150) : t.start]
    # only the timex's own sentence: a relative clause of the sentence before dates nothing here
    before = re.split(r"\n|[a-z]{3,}[.!?][\"”]?\s+(?=[A-Z\"“])", before)[-1]
    if "," in text[t.end : near] and re.search(
        r",\s+(?:who|whom|which|whose|" + _PARTICIPLES + r")\b[^,;]*$", before
    ):
        return True  # "A, whom B appointed on Oct. 15, met C on Thursday": the clause's
    if _ANCHORING.search(t.text):
        # "Five days after the vote, he flew to Oslo for talks": an opening phrase dates the
        # main clause after its comma
        opens = re.search(r"(?:^|[.!?]\s+|\n)[\"“]?$", text[max(0, t.start - 3) : t.start])
        return not (opens and "," in text[t.end : near])
    # "spoke on Wednesday ..., a day after his envoy met Ruiz": the anchor's own event
    # ("hours after" keeps the anchor's day, guidelines 5.8)
    if re.search(
        r"(?i)\b(?:a|one|two|three|\w+) (?:days?|weeks?) (?:after|before)\b",
        text[t.end : near],
    ):
        return True
    if rtype in ("sanctioned", "named_envoy"):
        return False  # "the Treasury said on Thursday it had designated A": the step's day
    if re.match(
        r"\s*,?\s*(?:said|confirmed|announced|disclosed|revealed|reported)\s+(?:that\s+)?",
        text[t.end : t.end + 30],
    ) and re.search(r"\b(?:had|has|have)\b", text[t.end : near]):
        return True  # "the White House on Wednesday confirmed that A has held talks with B"
    said = _SAID_WHEN.search(text[max(0, t.start - 40) : t.start])
    return bool(said) and bool(re.search(r"\b(?:had|that)\b", text[t.end : near]))


#: The gap between a timex and a trigger of the clause "when" opens after it: "in December
#: 2019, when A received B" (the timex is the when-clause's time).
_WHEN_CLAUSE = re.compile(r",?\s+when\s+[^;.]*")


def _nearest_date(
    timexes: list[FoundTimex],
    start: int,
    end: int,
    near: int,
    text: str | None = None,
    rtype: str | None = None,
) -> FoundTimex | None:
    """The date of an event: the nearest DATE in its sentence, a day before a week or month
    (``last month, on July 11`` is July 11), a calendar date before an event-anchored one, and
    (given the ``text``) one not cut from the trigger by a coordination (``spoke on July 9 and
    met in June``: June)."""
    dated = [
        t
        for t in timexes
        if t.type in ("DATE", "TIME")
        and start <= t.start < end
        and re.match(r"^\d{4}(-(\d\d(-\d\d)?|W\d\d)|$)", t.value)
        # a bare year dates an event only as "in 2017" or "last year", not "the 2016 election"
        and (
            len(t.value) > 4
            or not t.text.isdigit()
            or (text is not None and re.search(r"\bin\s+$", text[max(0, t.start - 4) : t.start]))
        )
        and not (text is not None and _dates_another_event(text, t, near, rtype))
        # "their third meeting since July", "in force until June": a period's bound, no date
        # (but "since December 2019, when A received B": the when-clause's event is its)
        and not (
            text is not None
            and not _WHEN_CLAUSE.fullmatch(text, t.end, near)
            and re.search(
                r"\b(?:since|until|till|through)\s+(?:early\s+|late\s+|mid-)?$",
                text[max(0, t.start - 16) : t.start],
                re.I,
            )
        )
    ]

    def cost(t: FoundTimex) -> int:
        coarse = 0 if re.match(r"^\d{4}-\d\d-\d\d", t.value) else 40
        anchored = (
            30
            if re.match(
                r"(?i)(the (following|next|previous|same|day)|the eve|that|"
                r"\w+ (days?|weeks?|hours?) (later|before|after|earlier))",
                t.text,
            )
            else 0
        )
        cut = 0
        if (
            text is not None
            and t.end <= near
            and _SAID_WHEN.search(text[max(0, t.start - 40) : t.start])
        ):
            # "said on Tuesday it had sanctioned A on Monday": the step's own date first
            cut += 40
        if text is not None and t.end <= near:
            # "will meet B on Friday, having spoken to him on Monday": a participle clause
            cut += 50 if re.search(r"\b(?:and|but)\b|;|,\s+having\b", text[t.end : near]) else 0
        elif text is not None and t.start > near:
            # "met B, and the next day the two signed": the next clause's date
            cut = 50 if re.search(r",\s+(?:and|but)\b|;", text[near : t.start]) else 0
        return abs(t.start - near) + coarse + anchored + cut

    if not dated:
        return None
    best = min(dated, key=cost)
    # a relation is dated by a day at the finest (guidelines 6.4): "that evening" is its day
    return replace(best, value=best.value[:10]) if "T" in best.value else best


DEPENDENCY_TRIGGERS = {
    "phoned": ["phoned", "called", "telephoned", "phone", "call"],
    "met": ["met", "meet", "meets", "visited", "hosted"],
    "sanctioned": ["sanctioned", "sanction", "sanctions"],
    "named_envoy": ["named", "appointed", "nominated"],
}


def dependency_arguments(spacy_doc: Any) -> dict[int, tuple[int, int]]:
    """Trigger token -> (subject token, object token), from a parse (empty without one).

    Objects are direct objects or the object of ``with`` (``met with X``).
    """
    if not spacy_doc.has_annotation("DEP"):
        return {}
    from spacy.matcher import DependencyMatcher

    words = sorted({w for ws in DEPENDENCY_TRIGGERS.values() for w in ws})
    trigger = {"RIGHT_ID": "trigger", "RIGHT_ATTRS": {"LOWER": {"IN": words}}}
    subject = {
        "LEFT_ID": "trigger",
        "REL_OP": ">",
        "RIGHT_ID": "subject",
        "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "nsubjpass"]}},
    }
    matcher = DependencyMatcher(spacy_doc.vocab)
    matcher.add(
        "direct",
        [
            [
                trigger,
                subject,
                {
                    "LEFT_ID": "trigger",
                    "REL_OP": ">",
                    "RIGHT_ID": "object",
                    "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "obj"]}},
                },
            ]
        ],
    )
    matcher.add(
        "with",
        [
            [
                trigger,
                subject,
                {
                    "LEFT_ID": "trigger",
                    "REL_OP": ">",
                    "RIGHT_ID": "prep",
                    "RIGHT_ATTRS": {"LOWER": "with", "DEP": "prep"},
                },
                {
                    "LEFT_ID": "prep",
                    "REL_OP": ">",
                    "RIGHT_ID": "object",
                    "RIGHT_ATTRS": {"DEP": "pobj"},
                },
            ]
        ],
    )
    found: dict[int, tuple[int, int]] = {}
    for _, tokens in matcher(spacy_doc):
        # token order follows the pattern: trigger, subject, [prep,] object
        found.setdefault(tokens[0], (tokens[1], tokens[-1]))
    return found


def _actor_at(mentions: list[FoundMention], start: int, end: int) -> str | None:
    """The actor of the smallest mention covering the token [start, end)."""
    covering = [m for m in mentions if m.start <= start and end <= m.end]
    return min(covering, key=lambda m: m.end - m.start).actor if covering else None


def find_relations(
    doc: Document, analysis: Analysis, model: str | None, *, cooccurrence: bool = False
) -> list[dict[str, Any]]:
    """Relations from trigger matches in each sentence: arguments from the parse when there is
    one (spaCy's DependencyMatcher), else the nearest compatible actors around the trigger."""
    nlp = _nlp(model)
    spacy_doc = analysis.spacy_doc if analysis.spacy_doc is not None else nlp(doc.text)
    by_dependency = dependency_arguments(spacy_doc)
    tokens = [t.text for t in spacy_doc]
    relations: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    datelines = [m.span() for m in DATELINE.finditer(doc.text)]
    # a dateline's date is the report's, not an event's
    datable = [t for t in analysis.timexes if not any(s <= t.start < e for s, e in datelines)]
    for match_id, tok_start, tok_end in _matcher(model)(spacy_doc):
        rtype = nlp.vocab.strings[match_id]
        trig_start = spacy_doc[tok_start].idx
        trig_end = spacy_doc[tok_end - 1].idx + len(spacy_doc[tok_end - 1])
        if (
            rtype == "phoned"
            and tok_end - tok_start == 2
            and tokens[tok_start].lower() == "called"
            and spacy_doc[tok_start + 1].is_title
        ):
            # "called Sami Kassem": the name checked by the pattern is an argument, not part
            # of the trigger
            tok_end, trig_end = tok_start + 1, trig_start + len("called")
        if (
            rtype == "phoned"
            and tok_end - tok_start >= 3
            and tokens[tok_start].lower() == "called"
            and tokens[tok_start + 1].lower() == "the"
        ):
            if re.match(
                r"\s+(?:a|an|the|his|her|[\"“])\s|\s+[a-z]+\s*[,.;]",
                doc.text[trig_end : trig_end + 40],
            ) and not re.match(
                r"\s+(?:yesterday|today|again|twice|earlier|later)\b", doc.text[trig_end:]
            ):
                continue  # "called the president a liar", "called the leader reckless"
            tok_end, trig_end = tok_start + 1, trig_start + len("called")
            called_leader = True
        else:
            called_leader = False
        sentence = next(((s, e) for s, e in analysis.sentences if s <= trig_start < e), None)
        if sentence is None:
            continue
        s_start, s_end = sentence
        in_sentence = [m for m in analysis.mentions if s_start <= m.start < s_end]
        timex = _nearest_date(datable, s_start, s_end, trig_start, doc.text, rtype)
        date_value = timex.value if timex else None
        if cooccurrence:
            actors = sorted({m.actor for m in in_sentence if m.type in ("PER", "ORG", "GPE")})
            for a, c in ((a, c) for a in actors for c in actors if a < c):
                relations.setdefault(
                    (rtype, a, c, date_value),
                    {
                        "type": rtype,
                        "arg1": a,
                        "arg2": c,
                        "date": date_value,
                        "trigger": (trig_start, trig_end),
                        "timex": timex,
                    },
                )
            continue
        if tok_end - tok_start == 1:
            word = tokens[tok_start].lower()
            previous = tokens[tok_start - 1].lower() if tok_start > 0 else ""
            talks_of_subject = _SUBJECTS_TALKS.search(
                doc.text[max(s_start, trig_start - 40) : trig_start]
            ) or _POSSESSOR_EVENT.search(doc.text[max(s_start, trig_start - 50) : trig_start])
            if (word == "talks" and not talks_of_subject) or (
                word in ("dinner", "lunch", "breakfast")
                and previous
                not in (
                    "over",
                    "at",
                    "during",
                    "a",
                    "working",
                    "state",
                    "had",
                    "has",
                    "have",
                    "for",
                )
            ):
                continue  # only "after talks", "of talks", "over dinner", "a working lunch"
        if (
            rtype == "phoned"
            and tok_end - tok_start == 1
            and tokens[tok_start].lower() in ("call", "calls")
            and not re.search(r"\b[A-Z][\w.\-]*['’]s\s+$", doc.text[s_start:trig_start])
        ):
            continue  # a bare "call" is a contact only as "A's call (with B)"
        kept_under = rtype == "sanctioned" and re.search(
            # "A would remain under U.S. sanctions": sanctions in force, kept (guidelines 6.6)
            r"\b(?:would|will)\s+(?:still\s+)?(?:remain|stay)\s+under\s+(?:[\w.'’-]+\s+){1,3}$",
            doc.text[s_start:trig_start],
        )
        if (not _actual(tokens, tok_start) and not kept_under) or AFTER_CUES.match(
            doc.text[trig_end:s_end]
        ):
            continue
        if (
            rtype == "phoned"
            and re.fullmatch(
                r"(?i)(?:spoke|spoken|talked|speaks|talks) to", doc.text[trig_start:trig_end]
            )
            and not re.search(r"(?i)\b(?:phone|telephone|call)\b", doc.text[s_start:s_end])
            and not _CALL_NEXT.match(doc.text, s_end)
        ):
            continue  # "spoke to reporters"
        if (
            rtype == "phoned"
            and re.fullmatch(r"(?i)(?:spoke|spoken|talked) with", doc.text[trig_start:trig_end])
            and not re.search(
                r"(?i)\b(?:phone|telephone|call|video|videoconference)\b", doc.text[s_start:s_end]
            )
            and not _CALL_NEXT.match(doc.text, s_end)
        ):
            continue  # a bare "had spoken with B": no medium, no call (guidelines 6.2)
        if (
            rtype == "met"
            and re.match(
                r"(?i)(?:discussed|chatted|talked|spoke|spoken)\b", doc.text[trig_start:trig_end]
            )
            and not _TOGETHER.search(doc.text[s_start:s_end])
        ):
            continue  # a talk is a meeting only when the text says they were together
        told_by_phone = _TOLD_BY_PHONE.match(doc.text, trig_start)
        if rtype == "phoned" and re.match(
            r"(?i)(?:told|tells|assured|assures|briefed|congratulated)\s",
            doc.text[trig_start:trig_end],
        ):
            if not told_by_phone:
                continue  # "told reporters", "told B that": no call
            trig_end = trig_start + len(told_by_phone.group("verb"))
        if (
            rtype == "met"
            and re.match(r"(?i)(?:conferred|confers|huddled)\b", doc.text[trig_start:trig_end])
            and _BY_MEDIUM.search(doc.text[trig_end:s_end])
        ):
            rtype = "phoned"  # "conferred with B by phone": a call (guidelines 6.2)
        if rtype == "phoned" and re.search(
            r"(?i)\bso-$", doc.text[max(0, trig_start - 3) : trig_start]
        ):
            continue  # "the so-called Vienna format"
        if (
            rtype == "phoned"
            and not called_leader
            and doc.text[trig_start:trig_end].lower().startswith("called")
            and re.match(
                r"(?:\s+[A-Z][\w.'’-]*)*\s*(?:[\"“]|(?:a|an|the)\s+(?!(?:phone|telephone|video|following|next|same|previous|day|week|"
                r"morning|evening|night|eve)\b)"
                r"[a-z])",
                doc.text[trig_end : trig_end + 80],
            )
        ):
            continue  # "called Ruiz a puppet", 'called Berg "reckless"': naming, not phoning
        if (
            rtype == "met"
            and doc.text[trig_start:trig_end].lower() in ("joined", "joins")
            and not _TWO_OBJECT.match(doc.text, trig_end)
            and not (
                any(
                    m.type == "PER"
                    and m.level == "NAM"
                    and re.fullmatch(
                        r"\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}", doc.text[trig_end : m.start]
                    )
                    for m in in_sentence
                )
                and not re.search(r"^[^,.;]*?\bin\s+[a-z]+ing\b", doc.text[trig_end:s_end])
            )
        ):
            continue  # "joined NATO", "joined the talks", "joined A in condemning B"
        args_end = trig_end
        if rtype == "met" and doc.text[trig_start:trig_end].lower() in (
            "guest",
            "attended",
            "attends",
            "attending",
        ):
            occasion = _PRIVATE_OCCASION.match(doc.text, trig_end)
            if not occasion:
                continue  # "attended the summit": attendees make no relation (guidelines 6.1)
            args_end = occasion.end()  # the host, named after "of", is the other side
        if (
            rtype == "named_envoy"
            and doc.text[trig_start:trig_end].lower() in ("made", "makes")
            and not _MADE_ENVOY.match(doc.text, trig_end)
        ):
            continue  # "made progress", "made a visit": only "made A his envoy" appoints
        if (
            rtype == "sanctioned"
            and doc.text[trig_start:trig_end].lower().startswith("designat")
            and not re.search(r"(?i)\bsanction", doc.text)
        ):
            continue  # "designated" is a sanction step only in a text about sanctions
        if rtype == "met" and re.match(
            r"\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:call|calls|letter|letters|"
            r"message|messages|invitation|request|report|note|offer|assurances|briefing)\b",
            doc.text[trig_end : trig_end + 60],
        ):
            continue  # "received a phone call from B", "welcomed the offer": no meeting
        if rtype == "met" and re.match(
            r"\s+of\s+(?!the two\b|both\b)(?:(?:the|his|her|their|its|a)\s+)?(?:[a-z][\w-]*\s+)?"
            r"(?:advisers|advisors|ministers|officials|leaders|cabinet|council|committee|board|"
            r"delegations|experts|envoys|members|allies|diplomats|staff|aides|parliament)\b",
            doc.text[trig_end : trig_end + 60],
        ):
            continue  # "a meeting of his advisers", "a meeting of foreign ministers": a body
        if rtype == "met" and tok_start > 0 and tokens[tok_start - 1].lower() in _REMOTE:
            continue  # "video summit": a call, matched as such
        if rtype == "met" and re.search(
            r"(?i)\b(?:phone|telephone|video)\s+talks$", doc.text[trig_start:trig_end]
        ):
            continue  # "held telephone talks": a call, matched as such
        if rtype == "met" and _BY_LINK.match(doc.text, trig_end):
            rtype = "phoned"  # "held talks by video link with B": a call (guidelines 6.2)
        if re.search(
            r"\b(?:denied|denies|dismissed|rejected)\b[^.;]{0,40}\b(?:reports?|claims?|"
            r"suggestions?)\s+that\b",
            doc.text[s_start:trig_start],
        ):
            continue  # "denied a report that A had phoned B": hypothetical (guidelines 6.5)
        if _BACK_REFERENCE.search(
            doc.text[max(s_start, trig_start - 30) : trig_start]
        ) and not _PART_OF.search(doc.text[max(s_start, trig_start - 30) : trig_start]):
            # "the eve of the summit": an event told before, not a new one (but "lifted most
            # of the sanctions": a part of the measures, acted on here)
            continue
        if re.match(r"(?i)(?:the|that|this)\s", doc.text[trig_start:trig_end]) and re.search(
            r"(?i)\b(?:of|after|before|since|ahead of|following)\s+$",
            doc.text[max(s_start, trig_start - 12) : trig_start],
        ):
            continue  # 'Trump wrote on Twitter after the call': the call told before
        if rtype in SYMMETRIC and _TOPIC.search(
            doc.text[max(s_start, trig_start - 40) : trig_start]
        ):
            continue  # "discussed last week's summit": the topic of a contact, not one
        if _TOLD_BEFORE.fullmatch(doc.text[s_start:trig_end]) and not re.match(
            r"\s+(?:with|between)\b", doc.text[trig_end:s_end]
        ):
            continue  # "The call was followed by a meeting of ...": the call told before
        pairs: list[tuple[str, str]] = []
        if rtype == "sanctioned" and tokens[tok_start].lower() in ("off", "from"):
            pairs = _delisted(in_sentence, doc.text, trig_start, trig_end, sentence)
            if not pairs:
                continue
        signing = rtype == "met" and doc.text[trig_start:trig_end].lower().startswith("sign")
        if signing:
            pairs = _signers(in_sentence, doc.text, trig_start, trig_end, sentence)
        if rtype == "met" and doc.text[trig_start:trig_end].lower() in ("visit", "visits"):
            pairs = _hosted_visit(in_sentence, doc.text, trig_start, trig_end, sentence)
            if not pairs:
                continue
            signing = True  # the pair is settled: no parse, no nearest names
        parsed = (
            None
            if signing or pairs
            else next(
                (by_dependency[i] for i in range(tok_start, tok_end) if i in by_dependency), None
            )
        )
        if parsed is not None:
            subj, obj = spacy_doc[parsed[0]], spacy_doc[parsed[1]]
            agent = _actor_at(in_sentence, subj.idx, subj.idx + len(subj))
            patient = _actor_at(in_sentence, obj.idx, obj.idx + len(obj))
            if agent and patient and agent != patient:
                pairs = [(agent, patient)]
        if not pairs and not signing:
            sanctioners: list[str] = []
            pairs = _arguments(
                rtype,
                in_sentence,
                analysis,
                trig_start,
                args_end,
                doc.text,
                (s_start, s_end),
                sanctioners,
            )
            if not pairs and sanctioners:  # "imposed sanctions on 30 officials": no name
                events.extend(
                    {
                        "type": rtype,
                        "arg1": source,
                        "arg2": None,
                        "date": date_value,
                        "trigger": (trig_start, trig_end),
                        "timex": timex,
                    }
                    for source in sanctioners
                )
        if not pairs and rtype in ("phoned", "met"):
            two = _the_two(analysis, doc.text, s_start, trig_start, told=relations.values())
            # "the call, the first between the two leaders": the pair of the contact told
            # last before (a definite retelling), else the two people named most
            told = [
                r
                for r in relations.values()
                if r["type"] in SYMMETRIC and r["trigger"][0] < s_start
            ]
            definite = re.match(r"(?i)(?:the|that|this)\s", doc.text[trig_start:trig_end])
            # "Unlike their first summit, in Singapore": the pair of the last meeting told
            theirs = re.search(r"(?i)\btheir\s+(?:[\w-]+\s+)?$", doc.text[s_start:trig_start])
            same_type = [r for r in told if r["type"] == rtype]
            if two and told and definite:
                last = max(told, key=lambda r: r["trigger"][0])
                two = (last["arg1"], last["arg2"])
            elif (
                two
                and same_type
                and theirs
                # "The two had not met since their summit": "their" is the two's, counted
                and not re.search(r"(?i)\b(?:the two|both)\b", doc.text[s_start:trig_start])
            ):
                last = max(same_type, key=lambda r: r["trigger"][0])
                two = (last["arg1"], last["arg2"])
            pairs = [two] if two else []
            they = _THEY_SUBJECT.search(doc.text[s_start:trig_start])
            recent = [
                r
                for r in told
                if _sentence_of(analysis.sentences, r["trigger"][0])
                >= _sentence_of(analysis.sentences, s_start) - 2
            ]
            here = _sentence_of(analysis.sentences, s_start)
            before = analysis.sentences[here - 1] if here > 0 else (s_start, s_start)
            others = {
                m.actor
                for m in analysis.mentions
                if before[0] <= m.start < s_start and m.type == "PER" and m.level == "NAM"
            }
            if recent:
                last = max(recent, key=lambda r: r["trigger"][0])
                # "... Remo Ott and Lea Finn were in Paris. They spoke": people named in the
                # sentence before, other than the pair, may be "they": left alone
                if others - {last["arg1"], last["arg2"]}:
                    recent = []
            if not pairs and they and recent:
                # "A and B met in May. On Dec. 7 they held a video call": plural "they" as the
                # subject of a contact is the pair of the contact told just before
                last = max(recent, key=lambda r: r["trigger"][0])
                pairs = [(last["arg1"], last["arg2"])]
            group = _GROUP_SUBJECT.search(doc.text[s_start:trig_start])
            partner = _partner_after(in_sentence, doc.text, trig_end, s_end)
            if group and partner and len(pairs) == 1 and partner not in pairs[0]:
                # "The two men also held a three-way meeting with C": each of the two met
                # C, as well as each other; the two are the pair of the contact told just
                # before, when there is one
                last_told = max(recent, key=lambda r: r["trigger"][0]) if recent else None
                a, c = (last_told["arg1"], last_told["arg2"]) if last_told else pairs[0]
                if partner not in (a, c):
                    pairs = [(a, partner), (c, partner), (a, c)]
        if rtype == "met" and _TWO_OBJECT.match(doc.text, trig_end):
            # "C received the two men together", "C, who had hosted A, travelled with him and
            # joined the two men": the sentence's subject met each of the two
            subject = next(
                (
                    m
                    for m in sorted(in_sentence, key=lambda m: m.start)
                    if m.type == "PER"
                    and m.level == "NAM"
                    and m.end <= trig_start
                    and not _modifier(doc.text, m)
                ),
                None,
            )
            two = (
                _the_two(
                    analysis, doc.text, s_start, trig_end + 1, subject.actor, relations.values()
                )
                if subject
                else None
            )
            if subject and two:
                pairs = [(subject.actor, two[0]), (subject.actor, two[1]), two]
        host = _host_by(in_sentence, doc.text, trig_end, s_end) if rtype == "met" else None
        if host is not None and len(pairs) == 1 and host not in pairs[0]:
            # "signed the accord at a ceremony hosted by C": the host met each of them
            pairs = [pairs[0], (pairs[0][0], host), (pairs[0][1], host)]
        dates = [(date_value, timex)]
        again = re.search(r"\band\s+again\b", doc.text[trig_end:s_end])
        if timex is not None and again:
            # "met B in Tehran last month and again in Sochi on Aug 5": a second meeting
            later = trig_end + again.end()
            first = _nearest_date(
                datable, s_start, trig_end + again.start(), trig_start, doc.text, rtype
            )
            second = _nearest_date(datable, later, s_end, later, doc.text, rtype)
            if first is not None and second is not None and second.value != first.value:
                dates = [(first.value, first), (second.value, second)]
        if timex is not None and doc.text[trig_start:trig_end].lower().endswith("s"):
            # "phone calls on Feb. 10 and Sept. 9": one event per coordinated date
            for other in datable:
                gap = doc.text[timex.end : other.start]
                if other.start > timex.end and re.fullmatch(r",?\s+(?:and|,)\s+", gap):
                    dates.append((other.value, other))
        for a, c in pairs:
            if rtype in SYMMETRIC:
                a, c = sorted((a, c))
            for value, anchor in dates:
                relations.setdefault(
                    (rtype, a, c, value),
                    {
                        "type": rtype,
                        "arg1": a,
                        "arg2": c,
                        "date": value,
                        "trigger": (trig_start, trig_end),
                        "timex": anchor,
                        # "A remains under sanctions": sanctions kept, an event of its own
                        "kept": rtype == "sanctioned"
                        and bool(_KEPT.search(doc.text[s_start:s_end])),
                    },
                )
    found = list(relations.values())
    if not cooccurrence:
        found += _hosted_summit(doc.text, analysis, found)
        # events without a named target only date and source what the next sentences list
        told = found + events
        found += _continued_sanctions(doc.text, analysis, told)
        found += _same_targets(doc.text, analysis, found, events)
        found += _visa_bans(doc.text, analysis, datable)
        found += _followed_suit(doc.text, analysis, datable, found)
        found += _sanctions_as_subject(doc.text, analysis, datable)
        found += _gapped_contacts(doc.text, analysis, datable, found)
        _date_by_the_event_before(doc.text, analysis, datable, found + events)
        _date_by_the_announcement(doc.text, analysis, datable, found)
        found = _headline_retold(doc.text, analysis, found)
        found = _body_for_state(analysis, found, doc.text)
    return _merge(found)


#: Bodies that take sanction steps for their state or union (general knowledge).
BODY_OF = {
    "Treasury Department": "United States",
    "State Department": "United States",
    "Office of Foreign Assets Control": "United States",
    "Commerce Department": "United States",
    "Justice Department": "United States",
    "European Commission": "European Union",
    "European Council": "European Union",
    "Council of the European Union": "European Union",
}


#: A body that took the step told before: "The Council of the EU adopted the listings".
_BODY_ADOPTED = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<body>[A-Z]\w*(?:\s+(?:of\s+the\s+)?[A-Z]\w*)*)\s+(?:formally\s+)?"
    r"(?:adopted|approved|imposed|issued)\s+the\s+(?:listings|sanctions|measures|designations|"
    r"asset freezes|travel bans)\b"
)


def _body_for_state(
    analysis: Analysis, relations: list[dict[str, Any]], text: str = ""
) -> list[dict[str, Any]]:
    """A sanction told both at the level of the state (``The United States on Friday lifted
    sanctions on A``) and as the act of one of its bodies (``the Treasury Department removed A
    from its list``) is one relation per body (guidelines 6.6): the state's relation gives way
    to the body's, which takes its date when it has none."""
    names = {aid: actor.name for aid, actor in analysis.actors.items()}
    # an office inside a department acts for its department (guidelines 6.6)
    treasury = next((a for a, n in names.items() if n == "Treasury Department"), None)
    mentioned = {m.actor for m in analysis.mentions}
    for r in relations:
        if (
            r["type"] == "sanctioned"
            and names.get(r["arg1"]) == "Office of Foreign Assets Control"
            and treasury in mentioned
        ):
            r["arg1"] = treasury
    # "The Council of the EU adopted the listings": the body took the step the text told at
    # the level of the union (guidelines 6.6), for every target of that step
    for m in _BODY_ADOPTED.finditer(text):
        adopter = next(
            (
                x.actor
                for x in analysis.mentions
                if x.start == m.start("body") and BODY_OF.get(names.get(x.actor, ""))
            ),
            None,
        )
        if adopter is None:
            continue
        union = BODY_OF[names[adopter]]
        for r in relations:
            if r["type"] == "sanctioned" and names.get(r["arg1"]) == union:
                r["arg1"] = adopter
    by_body: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in relations:
        state = BODY_OF.get(names.get(r["arg1"], ""))
        if r["type"] == "sanctioned" and state:
            by_body.setdefault((state, r["arg2"]), []).append(r)
    out = []
    for r in relations:
        bodies = (
            by_body.get((names.get(r["arg1"], ""), r["arg2"]))
            if r["type"] == "sanctioned"
            else None
        )
        # a step of another day is another event: "Washington had sanctioned A on Feb. 11"
        # after "the Treasury blacklisted A on Monday" stays the state's
        bodies = [
            body
            for body in bodies or []
            if body["date"] is None
            or r["date"] is None
            or body["date"] == r["date"]
            or _contains(body["date"], r["date"])
            or _contains(r["date"], body["date"])
        ]
        if not bodies:
            out.append(r)
            continue
        for body in bodies:
            if body["date"] is None:
                body["date"], body["timex"] = r["date"], r.get("timex")
    return out


def _headline_retold(
    text: str, analysis: Analysis, relations: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A headline's sanction or appointment retold in the body is one event (guidelines 6.6):
    the headline's actor (``UN chief names A``, ``U.S. sanctions B``) gives way to the body's
    (``Secretary-General X has appointed A``, ``the Treasury blacklisted B``)."""
    headline = [
        r
        for r in relations
        if r["type"] in ("sanctioned", "named_envoy")
        and r.get("trigger")
        and _headline(text, analysis.sentences[_sentence_of(analysis.sentences, r["trigger"][0])])
    ]
    # sanctions kept ("keeps A blacklisted") are another step than the body's imposition
    body = {
        (r["type"], r["arg2"], bool(r.get("kept")))
        for r in relations
        if not any(r is h for h in headline)
    }
    return [
        r
        for r in relations
        if not (
            any(r is h for h in headline) and (r["type"], r["arg2"], bool(r.get("kept"))) in body
        )
    ]


#: The appointer's own announcement: "spokesman X announced the appointment on Friday".
_ANNOUNCED = re.compile(
    r"(?:\b(?:announced|confirmed|unveiled|made)\s+(?:the|his|her|their)\s+"
    r"(?:appointment|nomination|choice|pick|selection|decision)"
    r"|\bspokes(?:man|woman|person)\b[^.;]{0,60}?\b(?:said|announced))\s+(?:on\s+|in\s+)?$"
)


def _date_by_the_announcement(
    text: str, analysis: Analysis, datable: list[FoundTimex], relations: list[dict[str, Any]]
) -> None:
    """An appointment dated only by its announcement (``has appointed A as envoy. ... spokesman
    X announced the appointment on Friday``) takes the announcement's date (guidelines 6.7)."""
    for r in relations:
        if r["type"] != "named_envoy" or r["date"] is not None or not r.get("trigger"):
            continue
        i = _sentence_of(analysis.sentences, r["trigger"][0])
        for s_start, s_end in analysis.sentences[i : i + 3]:
            timex = next(
                (
                    t
                    for t in datable
                    if s_start <= t.start < s_end
                    and _ANNOUNCED.search(text[max(s_start, t.start - 90) : t.start])
                    and re.match(r"^\d{4}", t.value)
                ),
                None,
            )
            if timex is not None:
                r["date"], r["timex"] = timex.value[:10], timex
                break


#: "The summit, hosted by A and attended by B, ...": the meeting told before, with its hosts.
_SUMMIT_HOSTS = re.compile(
    r"^(?:The|This|That) (?:\w+ )?(?:summit|meeting|talks|gathering|conference),?\s+"
    r"(?:which was\s+)?(?:hosted|chaired|attended|organi[sz]ed|brokered)\s+by\s+"
)


#: "C, who hosted the meeting, ...": the host of the meeting told just before.
_WHO_HOSTED = re.compile(
    r",\s+who\s+(?:had\s+)?(?:hosted|chaired|brokered|mediated)\s+(?:the|their|that)\s+"
    r"(?:[\w-]+\s+)?(?:summit|meeting|talks|negotiations)\b"
)


def _hosted_summit(
    text: str, analysis: Analysis, relations: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``A and B held talks on Monday at a summit ... . The summit, hosted by C and attended by
    D, was ...`` (or ``C, who hosted the meeting, ...``): everyone at the meeting told in the
    sentence before met everyone else, on its date."""
    out: list[dict[str, Any]] = []
    for index, (s_start, s_end) in enumerate(analysis.sentences):
        cue = _SUMMIT_HOSTS.match(text[s_start:s_end])
        who = _WHO_HOSTED.search(text, s_start, s_end)
        if cue:
            verb = re.search(
                r",\s+(?:was|were|is|had|has|ended|began|opened)\b|\s(?:was|were)\s",
                text[s_start + cue.end() : s_end],
            )
            until = s_start + cue.end() + verb.start() if verb else s_end
            hosts = [
                m.actor
                for m in analysis.mentions
                if s_start + cue.end() <= m.start < until and m.type == "PER"
            ]
        elif who:
            # "C, who hosted the meeting, sat with them": C, named just before the clause
            hosts = [
                m.actor
                for m in analysis.mentions
                if m.type == "PER" and s_start <= m.start and m.end == who.start()
            ]
        else:
            continue
        told = [
            r
            for r in relations
            if r["type"] == "met"
            and r.get("trigger")
            and 0 <= index - _sentence_of(analysis.sentences, r["trigger"][0]) <= 1
            and r["trigger"][0] < s_start
        ]
        if not hosts or not told:
            continue
        last = max(told, key=lambda r: r["trigger"][0])
        group = list(dict.fromkeys([last["arg1"], last["arg2"], *hosts]))
        for i, a in enumerate(group):
            for c in group[i + 1 :]:
                a1, a2 = sorted((a, c))
                out.append(
                    {
                        "type": "met",
                        "arg1": a1,
                        "arg2": a2,
                        "date": last["date"],
                        "trigger": None,  # no trigger of its own: not an event to extend
                        "timex": last.get("timex"),
                        # for a draft's gold: the meeting's trigger, and this sentence too
                        "told_by": last["trigger"],
                        "told_at": s_start,
                    }
                )
    return out


def _headline(text: str, sentence: tuple[int, int]) -> bool:
    """Whether a sentence is a headline: the first line, standing alone, without a full stop."""
    start, end = sentence
    return start == len(text) - len(text.lstrip()) and not re.search(r"[.!?\"”]$", text[start:end])


#: Past perfect or a past-time adverb before a trigger: an event earlier than the one told.
_EARLIER = re.compile(
    r"\b(?:had|has|have|already|previously|earlier|first|before|once)\b", re.I
)  # a present perfect ("has begun to relax") is no particular day either
INHERIT_TYPES = ("sanctioned", "met", "phoned", "named_envoy")


def _date_by_the_event_before(
    text: str, analysis: Analysis, datable: list[FoundTimex], relations: list[dict[str, Any]]
) -> None:
    """An undated relation in a sentence without a date, told in the two sentences after a
    dated relation of the same type, goes on telling that event (``The Treasury on Friday
    imposed sanctions on ... . It also blacklisted A.``): it takes that event's date, unless
    its clause marks an earlier event (``had``, ``previously``)."""
    index_of = {
        id(r): _sentence_of(analysis.sentences, r["trigger"][0])
        for r in relations
        if r.get("trigger")
    }
    for r in relations:
        if r["date"] is not None or id(r) not in index_of or r["type"] not in INHERIT_TYPES:
            continue
        i = index_of[id(r)]
        s_start, s_end = analysis.sentences[i]
        if any(s_start <= t.start < s_end for t in datable):
            continue
        if _EARLIER.search(text[s_start : r["trigger"][0]]):
            continue
        before = [
            x
            for x in relations
            if x["type"] == r["type"]
            and x["date"] is not None
            and id(x) in index_of
            and 0 <= index_of[id(x)] < i
            and i - index_of[id(x)] <= 2
            and not _headline(text, analysis.sentences[index_of[id(x)]])
            # another actor's step is another event ("Japan froze ... on Friday. Canada
            # imposed a travel ban on A."), unless the sentence says it goes on
            and (
                x["arg1"] in (r["arg1"], r["arg2"])
                or x["arg2"] in (r["arg1"], r["arg2"])
                or _same_side(analysis, x["arg1"], r["arg1"])
                or re.search(r"\b(?:also|too|as well)\b", text[s_start:s_end])
            )
        ]
        if before:
            last = max(before, key=lambda x: x["trigger"][0])
            r["date"], r["timex"] = last["date"], last.get("timex")


def _same_side(analysis: Analysis, a: str | None, b: str | None) -> bool:
    """Whether two actors act for one side: the same, or a state and one of its bodies (the
    United States and the Treasury Department)."""
    if a is None or b is None:
        return False
    names = {aid: actor.name for aid, actor in analysis.actors.items()}
    na, nb = names.get(a, ""), names.get(b, "")
    return a == b or BODY_OF.get(na) == nb or BODY_OF.get(nb) == na


#: Sanctions kept in force (guidelines 6.6: status kept).
_KEPT = re.compile(
    r"\b(?:remains?|remained|stays?|stayed|keeps?|kept)\s+(?:\w+\s+){0,2}?(?:under\s+sanctions|"
    r"sanctioned|blacklisted|in place|in force)\b|\bwill remain sanctioned\b"
)
#: A sentence that goes on listing the targets of the sanctions told just before it.
_CONTINUATION = re.compile(
    r"^(?:[\"“]?)(?:"
    r"(?P<among>Among (?:them|those \w+|the \w+(?: \w+)?) (?:are|is|were|was))\s"
    r"|(?P<those>Those (?:\w+ )?(?:targeted|sanctioned|blacklisted|listed|named|designated|hit)"
    r"(?: on \w+)? (?:include|included|are|were))\s"
    r"|(?P<list>The (?:\w+ )?(?:list|designations|measures|sanctions|listings|targets|package|"
    r"order) (?:also )?(?:include|includes|included|target|targets|targeted|cover|covers|"
    r"covered|hit|hits|names|named|lists|listed|adds|added))\s"
    # "Also targeted were A and B", "Others on the list include A"
    r"|(?P<also>Also (?:targeted|sanctioned|blacklisted|listed|named|designated|hit) "
    r"(?:were|was|are|is))\s"
    r"|(?P<others>Others (?:on the list|targeted|sanctioned|named|listed) "
    r"(?:include|included|are|were))\s"
    # "They include A and B", "These include A": the set of targets just told
    r"|(?P<they>(?:They|These|Those) (?:include|included))\s"
    r")"
)
#: "The department also targeted X", "It also blacklisted X": the same sanctioner goes on.
_ALSO = re.compile(
    r"\b(?:also|additionally|further)\s+(?P<verb>targeted|blacklisted|sanctioned|designated|"
    r"listed|froze the assets of|imposed sanctions on|penalized|penalised)\s+"
)
#: "X and Y were sanctioned over ...": targets before a passive without an agent.
_PASSIVE = re.compile(
    r"\s(?:was|were)\s+(?:also\s+)?(?:sanctioned|blacklisted|targeted|designated|listed)\b"
    r"(?!\s+by\b)"
    # "A and B were also named", "C was named as well": named on the list just told
    r"|\s(?:was|were)\s+(?:also\s+named|named\s+as\s+well|named\s+too)\b(?!\s+(?:as|to|by)\b)"
    # "A and B are among them", "C was one of them", "D is among those targeted"
    r"|\s(?:is|are|was|were)\s+(?:also\s+)?(?:among\s+(?:them|those\s+(?:targeted|sanctioned|"
    r"listed|named|designated|blacklisted))|one\s+of\s+them)\b"
)


def _continued_sanctions(
    text: str, analysis: Analysis, relations: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Targets named in the sentences after a sanction (``Those targeted include A and B``,
    ``Among the companies are A``, ``The department also targeted A``, ``A and B were
    sanctioned over ...``): relations from the sanctioners of the latest sanction event in
    the four sentences before, with its date when the sentence gives none."""
    events: dict[int, list[dict[str, Any]]] = {}
    for r in relations:
        if r["type"] == "sanctioned" and r.get("trigger"):
            index = _sentence_of(analysis.sentences, r["trigger"][0])
            events.setdefault(index, []).append(r)
    if not events:
        return []
    out: list[dict[str, Any]] = []
    datelines = [m.span() for m in DATELINE.finditer(text)]
    datable = [t for t in analysis.timexes if not any(s <= t.start < e for s, e in datelines)]
    for index, (s_start, s_end) in enumerate(analysis.sentences):
        if index in events:
            continue
        before = [i for i in events if index - 4 <= i < index]
        if not before:
            continue
        last = events[max(before)]
        sources = list(dict.fromkeys(r["arg1"] for r in last))
        sentence = text[s_start:s_end]
        cue = _CONTINUATION.match(sentence)
        also = _ALSO.search(sentence)
        passive = _PASSIVE.search(sentence)
        at, until = s_start, s_end
        if cue:
            at = s_start + cue.end()
        elif also:
            at = s_start + also.end()
        elif passive and _actual_words(sentence[: passive.start()]):
            until = s_start + passive.start()
        else:
            continue
        targets = [m.actor for m in _target_list(text, analysis.mentions, at, until)]
        along = passive and re.search(
            # "... along with their owner A", "..., as were two bodies, A and B"
            r"\b(?:along|together) with\s+|,\s+as\s+(?:were|was)\s+",
            text[s_start + passive.end() : s_end],
        )
        if passive and along:
            # "The companies were blacklisted last April along with their owner A"
            start_along = s_start + passive.end() + along.end()
            targets += [m.actor for m in _target_list(text, analysis.mentions, start_along, s_end)]
        timex = _nearest_date(datable, s_start, s_end, at, text)
        date_value = timex.value if timex else last[0]["date"]
        for target in dict.fromkeys(targets):
            for source in sources:
                if source != target:
                    out.append(
                        {
                            "type": "sanctioned",
                            "arg1": source,
                            "arg2": target,
                            "date": date_value,
                            "trigger": None,  # no trigger of its own: not an event to extend
                            "timex": timex or last[0].get("timex"),
                            # for a draft's gold: the sanction's trigger, and this sentence too
                            "told_by": last[0]["trigger"],
                            "told_at": s_start,
                        }
                    )
    return out


#: A set anaphor after a sanction trigger: "sanctions on the same six officials", "froze the
#: assets of the same individuals and the institute".
_SAME_SET = re.compile(
    r"\b(?:the\s+same|those|these)\s+(?:(?:[a-z]+|\d+)\s+){0,2}?(?P<noun>officials|individuals|"
    r"people|persons|men|women|ministers|officers|generals|oligarchs|businessmen|executives|"
    r"companies|firms|entities|banks|organisations|organizations|groups|targets|names)\b"
)
_SET_PEOPLE = {
    "officials",
    "individuals",
    "people",
    "persons",
    "men",
    "women",
    "ministers",
    "officers",
    "generals",
    "oligarchs",
    "businessmen",
    "executives",
}
_SET_BODIES = {
    "companies",
    "firms",
    "entities",
    "banks",
    "organisations",
    "organizations",
    "groups",
}


def _same_targets(
    text: str,
    analysis: Analysis,
    found: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """A sanction on a set told before (``Britain imposed sanctions on the same six officials
    and the institute``): the sanctioner of the event without a named target sanctioned each
    target of that kind (people for ``officials``, bodies for ``companies``, both for
    ``targets``) of the sanctions told earlier in the document, the latest first and as many
    as the number says; ``and the institute`` adds the earlier target whose name holds the
    noun. Dated by the event's own date, else by the earlier sanction's."""
    out: list[dict[str, Any]] = []
    for event in events:
        if event["type"] != "sanctioned" or not event.get("trigger"):
            continue
        trig_end = event["trigger"][1]
        index = _sentence_of(analysis.sentences, trig_end - 1)
        s_end = analysis.sentences[index][1]
        stop = _TARGETS_END.search(text, trig_end, s_end)
        until = stop.start() if stop else s_end
        same = _SAME_SET.search(text, trig_end, until)
        if not same or not _actual_words(text[trig_end : same.start()]):
            continue
        earlier = [
            r
            for r in found
            if r["type"] == "sanctioned"
            and r.get("arg2")
            and (r.get("trigger") or r.get("told_by") or (until, until))[0] < same.start()
            and (r.get("told_at") is None or r["told_at"] < same.start())
        ]
        noun = same.group("noun")
        wanted = {"PER"} if noun in _SET_PEOPLE else {"ORG"} if noun in _SET_BODIES else None
        ordered: list[dict[str, Any]] = sorted(
            earlier,
            key=lambda r: r.get("told_at") or (r.get("trigger") or (0, 0))[0],
            reverse=True,
        )
        targets = [
            r["arg2"]
            for r in ordered
            if r["arg2"] != event["arg1"]
            and (wanted is None or analysis.actors[r["arg2"]].type in wanted)
        ]
        targets = list(dict.fromkeys(targets))
        number = re.search(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\b", same.group())
        if number:
            words = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
            n = int(number.group()) if number.group().isdigit() else words.index(number.group()) + 2
            targets = targets[:n]
        # "... and the institute": the earlier target named by that noun
        more = re.match(r"\s+and\s+the\s+(?P<head>[a-z]+)\b", text[same.end() : until])
        if more:
            head = more.group("head")
            for r in ordered:
                name = next(
                    (text[m.start : m.end] for m in analysis.mentions if m.actor == r["arg2"]), ""
                )
                if head in name.lower() and r["arg2"] not in targets:
                    targets.append(r["arg2"])
                    break
        date_value = event["date"]
        if date_value is None and ordered:
            date_value = ordered[0]["date"]
        for target in targets:
            out.append(
                {
                    "type": "sanctioned",
                    "arg1": event["arg1"],
                    "arg2": target,
                    "date": date_value,
                    "trigger": None,
                    "timex": event.get("timex"),
                    "told_by": event["trigger"],
                    "told_at": event["trigger"][0],
                }
            )
    return out


#: A visa ban on a named person (guidelines 6.6): "revoked A's visa", "revoked the visa of A",
#: "barred A from entering the country".
_VISA_BAN = re.compile(
    r"\b(?P<verb>revoked|revokes|revoking|cancelled|canceled|cancels|withdrew|withdraws)\s+"
    r"(?:(?P<owner>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*)['’]s\s+(?:[\w.]+\s+){0,2}?visas?\b"
    r"|(?:the|a)\s+(?:[\w.]+\s+){0,2}?visas?\s+of\s+(?P<of>))"
    r"|\b(?P<bar>barred|bars|banned|bans)\s+(?P<barred>(?:[\w.'’-]+\s+){1,5}?)from\s+"
    r"(?:entering|travelling to|traveling to|visiting)\b"
)


_SUBJECT_GAP = re.compile(
    r"\s+(?:(?:on|in|last|this|earlier)\s+(?:[A-Z]?[\w.]+\s+){1,2}(?:\d{1,2},?\s+)?)?"
    r"(?:(?:also|later|then|had|has|formally)\s+)?"
)


def _visa_bans(text: str, analysis: Analysis, datable: list[FoundTimex]) -> list[dict[str, Any]]:
    """Visa bans on a named person (guidelines 6.6: revoking a person's visa as a measure
    against him is a sanction): the state, body or person just before the verb sanctioned
    the person whose visa it is, or who is barred from entering; only in a clause told as
    actual (no negation or modal before the verb), dated as any event of its sentence."""
    out: list[dict[str, Any]] = []
    for s_start, s_end in analysis.sentences:
        for m in _VISA_BAN.finditer(text, s_start, s_end):
            verb = m.start("verb") if m.group("verb") else m.start("bar")
            if not _actual_words(text[s_start:verb]):
                continue
            if m.group("owner") is not None:
                span = (m.start("owner"), m.end("owner"))
            elif m.group("barred") is not None:
                span = (m.start("barred"), m.end("barred"))
            else:
                span = (m.end("of"), min(s_end, m.end("of") + 60))
            target = next(
                (
                    x
                    for x in sorted(analysis.mentions, key=lambda x: x.start)
                    if span[0] <= x.start < span[1] and x.type == "PER" and x.level != "NOM"
                ),
                None,
            )
            # the subject: the actor right before the verb ("the State Department revoked")
            source = next(
                (
                    x
                    for x in sorted(analysis.mentions, key=lambda x: x.start, reverse=True)
                    if s_start <= x.start
                    and x.end <= verb
                    and x.type in ("GPE", "ORG", "PER")
                    # "Canada on Tuesday revoked", "the ministry also barred"
                    and _SUBJECT_GAP.fullmatch(text, x.end, verb)
                ),
                None,
            )
            if target is None or source is None or source.actor == target.actor:
                continue
            timex = _nearest_date(datable, s_start, s_end, verb, text, "sanctioned")
            out.append(
                {
                    "type": "sanctioned",
                    "arg1": source.actor,
                    "arg2": target.actor,
                    "date": timex.value if timex else None,
                    "trigger": (verb, m.end()),
                    "timex": timex,
                }
            )
    return out


#: Another sanctioner repeating the step just told: "Sweden followed suit on Wednesday",
#: "Canada did the same", "Japan did likewise for two of them".
_FOLLOWED_SUIT = re.compile(
    r"\b(?:followed suit|did the same|did likewise|took the same step|took similar steps)\b"
)


def _followed_suit(
    text: str, analysis: Analysis, datable: list[FoundTimex], found: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``A imposed sanctions on B. C followed suit on Wednesday``: C sanctioned the targets of
    the sanction told last in the two sentences before (or in its own sentence before it),
    or the people named after ``for`` (``did the same for D and E``), dated by its own
    clause, else by that sanction's date."""
    out: list[dict[str, Any]] = []
    for index, (s_start, s_end) in enumerate(analysis.sentences):
        for m in _FOLLOWED_SUIT.finditer(text, s_start, s_end):
            source = next(
                (
                    x
                    for x in sorted(analysis.mentions, key=lambda x: x.start, reverse=True)
                    if s_start <= x.start
                    and x.end <= m.start()
                    and x.type in ("GPE", "ORG", "PER")
                    and not _modifier(text, x)
                    and _SUBJECT_GAP.fullmatch(
                        re.sub(
                            r"\s+(?:promptly|quickly|soon|swiftly)\s+", " ", text[x.end : m.start()]
                        )
                    )
                ),
                None,
            )
            if source is None or not _actual_words(text[s_start : m.start()]):
                continue
            earlier = [
                r
                for r in found
                if r["type"] == "sanctioned"
                and r.get("trigger")
                and r["trigger"][0] < m.start()
                and index - 2 <= _sentence_of(analysis.sentences, r["trigger"][0]) <= index
                and r["arg1"] != source.actor
            ]
            if not earlier:
                continue
            last = max(earlier, key=lambda r: r["trigger"][0])
            told = [r for r in earlier if r["trigger"] == last["trigger"]]
            named = re.match(r"\s+for\s+", text[m.end() : s_end])
            targets = (
                [x.actor for x in _target_list(text, analysis.mentions, m.end(), s_end)]
                if named
                else [r["arg2"] for r in told]
            )
            timex = _nearest_date(datable, s_start, s_end, m.start(), text, "sanctioned")
            for target in dict.fromkeys(targets):
                if target != source.actor:
                    out.append(
                        {
                            "type": "sanctioned",
                            "arg1": source.actor,
                            "arg2": target,
                            "date": timex.value if timex else last["date"],
                            "trigger": None,
                            "timex": timex or last.get("timex"),
                            "told_by": last["trigger"],
                            "told_at": m.start(),
                        }
                    )
    return out


#: Sanctions as the subject of their own sentence, their sanctioner a possessive or a "by"
#: agent: "Norway's new sanctions target A", "The sanctions announced by Norway on Monday
#: target A and B", "The sanctions on A, imposed by Norway, freeze his assets".
_SANCTIONS_SUBJECT = re.compile(
    r"\b(?:sanctions|measures|designations|asset freezes)\b(?P<rest>[^;]*?)"
    r"\b(?:target|targets|targeted|hit|hits|cover|covers|covered|name|names|named|list|lists|"
    r"listed|include|includes|included)\s+"
)
_SANCTIONS_BY = re.compile(
    r"\s*,?\s*(?:\w+\s+){0,2}?(?:announced|imposed|adopted|unveiled|approved|issued|agreed)"
    r"\s+by\s+(?:the\s+)?"
)


def _sanctions_as_subject(
    text: str, analysis: Analysis, datable: list[FoundTimex]
) -> list[dict[str, Any]]:
    """Sanctions told as the subject of their sentence: the sanctioner is the possessive
    before them (``Norway's new sanctions``) or the agent of a participle after them
    (``announced by Norway``); the targets follow ``sanctions on`` or the verb (``target A
    and B``). Only actual clauses; dated as any event of the sentence."""
    out: list[dict[str, Any]] = []
    for s_start, s_end in analysis.sentences:
        for m in re.finditer(
            r"\b(?:sanctions|measures|designations|asset freezes)\b", text[s_start:s_end]
        ):
            at, end = s_start + m.start(), s_start + m.end()
            # the subject of the sentence: nothing but an opening determiner before
            lead = text[s_start:at]
            poss = re.fullmatch(
                r"\s*[\"“]?(?:The\s+)?(?P<who>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)['’]s\s+"
                r"(?:[\w-]+\s+){0,2}",
                lead,
            )
            if not poss and not re.fullmatch(r"\s*[\"“]?The\s+(?:[\w-]+\s+){0,2}", lead):
                continue
            sources = []
            if poss:
                sources = [
                    x
                    for x in analysis.mentions
                    if s_start + poss.start("who") <= x.start
                    and x.end <= s_start + poss.end("who")
                    and x.type in ("GPE", "ORG", "PER")
                ]
            targets: list[FoundMention] = []
            on = re.match(r"\s+(?:on|against)\s+", text[end:s_end])
            tail_at = end
            if on:
                comma = text.find(",", end + on.end(), s_end)
                stop = comma if comma > 0 else s_end
                targets = _target_list(text, analysis.mentions, end + on.end(), stop)
                tail_at = stop
            by = _SANCTIONS_BY.match(text, tail_at, s_end)
            if by and not sources:
                agent = next(
                    (
                        x
                        for x in sorted(analysis.mentions, key=lambda x: x.start)
                        if x.start == by.end() and x.type in ("GPE", "ORG", "PER")
                    ),
                    None,
                )
                sources = [agent] if agent else []
            verb = _SANCTIONS_SUBJECT.match(text, at, s_end)
            if verb and not targets and _actual_words(verb.group("rest")):
                targets = _target_list(text, analysis.mentions, verb.end(), s_end)
            if not sources or not targets or not _actual_words(lead):
                continue
            timex = _nearest_date(datable, s_start, s_end, at, text, "sanctioned")
            for source in sources[-1:]:
                for target in targets:
                    if target.actor != source.actor:
                        out.append(
                            {
                                "type": "sanctioned",
                                "arg1": source.actor,
                                "arg2": target.actor,
                                "date": timex.value if timex else None,
                                "trigger": (at, end),
                                "timex": timex,
                            }
                        )
    return out


#: A second object with its own date after a dated contact, the verb gapped: "met A on
#: Monday and B on Tuesday", "phoned A in May and B in June".
_GAP_DATE = r"(?:on|in|last|early|late)\s+(?:the\s+)?[\w.]+(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
_GAPPED = re.compile(rf"\s+{_GAP_DATE}\s*,?\s+and\s+(?:then\s+)?")


def _gapped_contacts(
    text: str, analysis: Analysis, datable: list[FoundTimex], found: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``A met B on Monday and C on Tuesday``: A met C too, on C's own date (the verb is
    gapped); only a person named right after ``and`` and followed by a date of its own."""
    out: list[dict[str, Any]] = []
    people = sorted((m for m in analysis.mentions if m.type == "PER"), key=lambda m: m.start)
    for r in found:
        if r["type"] not in SYMMETRIC or not r.get("trigger"):
            continue
        trig_end = r["trigger"][1]
        index = _sentence_of(analysis.sentences, trig_end - 1)
        s_end = analysis.sentences[index][1]
        first = next((m for m in people if trig_end <= m.start < s_end), None)
        if first is None or first.actor not in (r["arg1"], r["arg2"]):
            continue
        if not re.fullmatch(
            r"\s+(?:with\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}", text[trig_end : first.start]
        ):
            continue
        gap = _GAPPED.match(text, first.end, s_end)
        if not gap:
            continue
        second = next((m for m in people if m.start == gap.end()), None)
        if second is None:
            continue
        after = re.match(rf"\s+(?={_GAP_DATE})", text[second.end : s_end])
        when = next(
            (t for t in datable if after and t.start >= second.end and t.start <= second.end + 12),
            None,
        )
        subject = r["arg2"] if first.actor == r["arg1"] else r["arg1"]
        if when is None or second.actor in (subject, first.actor):
            continue
        out.append(
            {
                "type": r["type"],
                "arg1": subject,
                "arg2": second.actor,
                "date": when.value[:10],
                "trigger": None,
                "timex": when,
            }
        )
    return out


#: What ends a list of sanction targets: another clause, the reason, the sentence's end.
_TARGETS_END = re.compile(
    r";|\.(?:\s|$)|[,.]?[\"”]\s|"  # the end of a quotation
    r"\b(?:over|because|amid|following|saying|after|since|while|when|as part of)\b|"
    # (not an apposition: ", the first deputy head of ...")
    r",\s+(?:which|but|ending|reversing|its|a move|the \w+ said)\b|"
    r",\s+the first\b(?!\s+(?:deputy|vice|secretary|head|chief|director|minister|commander|"
    r"governor|lady|woman|man)\b)|"
    # ", Secretary X said", ", the Foreign Office said"
    r",\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,5}(?:said|says|told|added|announced)\b|"
    r",\s+(?:says|said|adds|warns|vows|threatens)\b|"  # a headline's ", says X is next"
    # ", and in May named", ", and then met": a verb phrase of its own
    r",\s+and\s+(?:(?:in|on|at|then|later|also|last|earlier)\s+(?:\w+\s+){0,2})?[a-z]+ed\b|"
    # ", and Ankara promptly did", ", and the United States said": a clause of its own
    r",\s+and\s+(?=(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s+(?:[a-z]+(?:ed|ly|s)|said|"
    r"says|will|would|has|had|did|is|was)\b)|"
    r"\b(?:they|it|he|she)\s+[a-z]+(?:ed|s)\b|"
    # "When Norway froze the assets of A last year, B protested": the main clause
    r",\s+(?=(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+(?:[a-z]+ed|said|says|was|is|has|"
    r"had|will|would)\b)"
)
#: A sector of a state's economy after its possessive: the sanctions are on the state.
_STATE_SECTOR = re.compile(
    r"['’]s\s+(?:[a-z]+\s+){0,2}?(?:sector|sectors|exports|imports|industry|industries|economy|"
    r"trade|oil|gas|energy|banking|financial system)\b"
    # "Russia's two biggest oil companies" are firms, not the state
    r"(?!\s+(?:companies|company|firms?|producers?|giants?|majors?|groups?|exporters?|"
    r"tankers?|executives?|officials?|traders?|refiners?|ministers?))"
)
#: What separates the items of a list; the cues among them start a list afresh.
_ITEM_SEPARATOR = re.compile(r",|:|\band\b|\bor\b|\bincluding\b|\bamong them\b|\bsuch as\b")
_LIST_CUE = re.compile(r":|including|among them|such as")
#: A word that puts a name inside an item's description or a phrase of its own.
_INSIDE_ITEM = re.compile(
    r"\b(?:of|for|in|at|by|with|from|to|under|against|who|which|whose|that)\b"
)


def _target_list(
    text: str,
    mentions: list[FoundMention],
    at: int,
    end: int,
    everyone: list[FoundMention] | None = None,
) -> list[FoundMention]:
    """The targets listed from ``at`` (after ``sanctions on`` or the verb): every name that is
    an item of the list (``Borex, its parent Lantra Group and the power company Vexo``;
    ``five officials, among them A, head of the B Agency, and C``; ``two officials: A, B``),
    not a name inside an item's description (``head of the B Agency``) nor one coordinated
    inside such a phrase (``people from Chile, Peru and Cuba``: the places are not targets;
    a person after it is)."""
    stop = _TARGETS_END.search(text, at, end)
    until = stop.start() if stop else end
    items = sorted(
        (
            m
            for m in mentions
            if at <= m.start < until
            and m.type in ("PER", "ORG", "GPE")
            and (
                m.level != "PRO"
                # "sanctions on him": an object pronoun of a person told before is a target
                or (
                    text[m.start : m.end].lower() in ("him", "her")
                    and bool(_OBJECT_AFTER.match(text, m.end))
                    # resolved to a person named just before (this sentence or the last)
                    and any(
                        x.actor == m.actor
                        and x.level == "NAM"
                        and x.start < m.start
                        and not re.search(r"[.!?]\s[\s\S]*[.!?]\s", text[x.end : m.start])
                        for x in (everyone or mentions)
                    )
                )
            )
            and (
                # "sanctions on Iran's oil exports": a state through a sector of its economy
                (m.type == "GPE" and _STATE_SECTOR.match(text, m.end))
                # "the embargo on Somalia's federal government": the state itself
                or (m.type == "GPE" and _STATE_GOVERNMENT.match(text, m.end))
                or (
                    not _modifier(text, m)
                    # "Norway's State Fishing Board": the possessor names whose the target is
                    and not re.match(r"(?:'s|’s)\s+\w", text[m.end : m.end + 6])
                )
            )
        ),
        key=lambda m: (m.start, -m.end),
    )
    # the outermost mention speaks for a span ("U.S. Treasury Department", not "U.S.")
    items = [
        m
        for m in items
        if not any(x is not m and x.start <= m.start and m.end <= x.end for x in items)
    ]
    # an item is named by its last name: "UN prosecutor A" is A, "the bloc's envoy B" is B
    items = [
        m
        for m, after in zip(items, [*items[1:], None], strict=False)
        if after is None
        or _ITEM_SEPARATOR.search(text[m.end : after.start])
        or _INSIDE_ITEM.search(text[m.end : after.start])
    ]
    out: list[FoundMention] = []
    in_phrase = False
    for m in items:
        before = text[at : m.start]
        separators = list(_ITEM_SEPARATOR.finditer(before))
        lead = before[separators[-1].end() :] if separators else before
        if _INSIDE_ITEM.search(lead):
            in_phrase = True
            continue
        if separators and _LIST_CUE.fullmatch(separators[-1].group()):
            in_phrase = False
        if in_phrase and m.type != "PER":
            continue
        out.append(m)
    return out


def _actual_words(words: str) -> bool:
    """No negation or modal word in a clause (a light form of :func:`_actual` on text)."""
    found = set(re.findall(r"[a-z']+", words.lower()))
    return not (found & NEGATION or found & MODALS or "n't" in words)


SYMMETRIC = ("phoned", "met")


def _merge(relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event told twice (a headline and the body) is one relation: an undated relation is
    dropped when the same type and pair also comes with a date."""
    dated = {(r["type"], r["arg1"], r["arg2"]) for r in relations if r["date"] is not None}
    # a headline's "X sanctions Y" names the state where the body names its agency
    targets = {(r["type"], r["arg2"]) for r in relations if r["date"] is not None}
    kept = [
        r
        for r in relations
        if r["date"] is not None
        or r.get("kept")
        or (
            (r["type"], r["arg1"], r["arg2"]) not in dated
            and not (r["type"] == "sanctioned" and (r["type"], r["arg2"]) in targets)
        )
    ]
    # an event told twice with the same date (one sentence dated it, the next inherited the
    # date) is one relation
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for r in kept:
        key = (r["type"], r["arg1"], r["arg2"], r["date"])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    kept = unique
    # evidence at two granularities ("a July call" / "the call on July 25"): the most specific
    # date anchors the event (guidelines 6.4)
    return [
        r
        for r in kept
        if not any(
            x is not r
            and (x["type"], x["arg1"], x["arg2"]) == (r["type"], r["arg1"], r["arg2"])
            and _contains(r["date"], x["date"])
            for x in kept
        )
    ]


def _contains(coarse: str | None, fine: str | None) -> bool:
    """Whether the period ``coarse`` (a year, month or ISO week) strictly contains ``fine``."""
    if coarse is None or fine is None or coarse == fine:
        return False
    week = re.fullmatch(r"(\d{4})-W(\d\d)", coarse)
    if week and re.fullmatch(r"\d{4}-\d\d-\d\d", fine):
        iso = date.fromisoformat(fine).isocalendar()
        return (iso.year, iso.week) == (int(week.group(1)), int(week.group(2)))
    return bool(re.fullmatch(r"\d{4}(?:-\d\d)?", coarse)) and fine.startswith(coarse + "-")


#: Words that make a gap between two names more than a coordination of signers.
_VERB_IN_GAP = re.compile(r"\b(?:[a-z]{3,}ed|met|said|says|is|was|were|has|had|will|with|who)\b")


def _signers(
    mentions: list[FoundMention],
    text: str,
    trig_start: int,
    trig_end: int,
    sentence: tuple[int, int],
) -> list[tuple[str, str]]:
    """The people who signed together: the coordinated subjects just before ``signed`` (``A,
    the minister, and adviser B signed an agreement``), or the subject and the person after
    ``with`` (``A signed a deal with B``). One signer alone is no meeting (guidelines 6.1)."""
    s_start, s_end = sentence
    clause_start = max(text.rfind(";", s_start, trig_start) + 1, s_start)
    clause_end = text.find(";", trig_end, s_end)
    clause_end = clause_end if clause_end >= 0 else s_end
    people = sorted(
        (m for m in mentions if m.type == "PER" and not _modifier(text, m)), key=lambda m: m.start
    )
    before = [m for m in people if clause_start <= m.start and m.end <= trig_start]
    if not before or not re.fullmatch(
        r",?\s+(?:[a-z]+\s+){0,2}", text[before[-1].end : trig_start]
    ):
        return []
    group = [before[-1].actor]
    current = before[-1]
    for prev in reversed(before[:-1]):
        gap = text[prev.end : current.start]
        if not re.fullmatch(r",?\s*(?:,?\s+and|,)\s+(?:[\w.'’-]+,?\s+){0,5}", gap) or (
            _VERB_IN_GAP.search(gap)
        ):
            break
        if prev.actor not in group:
            group.insert(0, prev.actor)
        current = prev
    if len(group) == 1:
        partner = next((m for m in people if trig_end <= m.start < clause_end), None)
        if partner is not None and re.fullmatch(
            r"\s+with\s+(?:[\w.'’-]+\s+){0,4}", text[trig_end : partner.start]
        ):
            group.append(partner.actor)
    group = list(dict.fromkeys(group))
    return [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]


#: The verb of taking a target off a sanctions list, before "off/from its list".
_DELIST_VERB = re.compile(
    r"\b(?:took|takes|taken|taking|removed|removes|removing|struck|strikes|dropped|drops|"
    r"delisted|lifted)\s+"
)
#: A list that is a sanctions list: "its list of blocked persons", "the sanctions list".
_SANCTIONS_LIST = re.compile(
    r"(?i)(?:sanctions?|black)\s*list|list\s+of\s+(?:blocked|sanctioned|designated|"
    r"specially designated)\b"
)


def _delisted(
    mentions: list[FoundMention],
    text: str,
    trig_start: int,
    trig_end: int,
    sentence: tuple[int, int],
) -> list[tuple[str, str]]:
    """``The Treasury took A off its list of blocked persons``: lifting sanctions on A
    (guidelines 6.6), by the subject of the verb; the named targets between verb and list."""
    s_start, s_end = sentence
    if not _SANCTIONS_LIST.search(text[trig_start : min(s_end, trig_end + 40)]):
        return []
    verbs = list(_DELIST_VERB.finditer(text, s_start, trig_start))
    if not verbs:
        return []
    verb = verbs[-1]
    agents = sorted(
        (m for m in mentions if m.type in ("PER", "ORG", "GPE") and not _modifier(text, m)),
        key=lambda m: m.start,
    )
    targets = [m.actor for m in agents if verb.end() <= m.start and m.end <= trig_start]
    sources = [m for m in agents if m.end <= verb.start()]
    if not targets or not sources:
        return []
    source = sources[-1].actor
    return [(source, t) for t in dict.fromkeys(targets) if t != source]


#: "a visit to Uganda hosted by A", "a visit to Oslo at the invitation of A".
_VISIT_HOSTED = re.compile(
    r"\s+to\s+(?:[\w'’.-]+\s+){1,4}?(?:hosted\s+by|at\s+the\s+invitation\s+of)\s+"
)


#: "paid a visit to (President) A": a visit to a person, who is its host.
_VISIT_TO = re.compile(r"\s+to\s+(?=(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z])")


def _hosted_visit(
    mentions: list[FoundMention],
    text: str,
    trig_start: int,
    trig_end: int,
    sentence: tuple[int, int],
) -> list[tuple[str, str]]:
    """The visitor and the host of ``a visit to X hosted by A`` (guidelines 6.1): the visitor
    is the possessor (``B's visit``, ``his visit``), else the subject after the opening phrase
    that holds the visit (``During a visit ... hosted by A, he met C``), else the person named
    last before the visit in its sentence."""
    s_start, s_end = sentence
    cue = _VISIT_HOSTED.match(text, trig_end, s_end) or _VISIT_TO.match(text, trig_end, s_end)
    if cue is None:
        return []
    ordered = sorted((m for m in mentions if m.type == "PER"), key=lambda m: m.start)
    host = next((m for m in ordered if m.start >= cue.end()), None)
    if host is None or not re.fullmatch(
        r"(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}", text[cue.end() : host.start]
    ):
        return []
    possessor = next(
        (
            m
            for m in reversed(ordered)
            if m.end <= trig_start
            and re.fullmatch(r"(?:['’]s)?\s+(?:[\w-]+\s+)?", text[m.end : trig_start])
            and (m.level == "PRO" or text[m.end : m.end + 1] in "'’")
        ),
        None,
    )
    visitor = possessor
    if visitor is None and re.match(
        r"(?:In|On|At|During|After|Before|Following|While)\b", text[s_start:trig_start]
    ):
        # the visit in the opening phrase: the subject after its comma is the visitor
        opening = re.match(r"[^;]*?,\s+", text[host.end : s_end])
        if opening:
            visitor = next((m for m in ordered if m.start == host.end + opening.end()), None)
    if visitor is None:
        visitor = next(
            (m for m in reversed(ordered) if m.end <= trig_start and not _modifier(text, m)),
            None,
        )
    if visitor is None or visitor.actor == host.actor:
        return []
    return [(visitor.actor, host.actor)]


#: "at a ceremony hosted by C", "talks chaired by C": the host of the event told before.
_HOSTED_BY = re.compile(r"\b(?:hosted|presided over|chaired)\s+by\s+")


def _host_by(mentions: list[FoundMention], text: str, trig_end: int, s_end: int) -> str | None:
    """The person named as host after a meeting's trigger in its own clause (``signed the
    accord in Jeddah at a ceremony hosted by King C``), else None."""
    semicolon = text.find(";", trig_end, s_end)
    end = semicolon if semicolon >= 0 else s_end
    cue = _HOSTED_BY.search(text, trig_end, end)
    # not across a relative clause or into the next coordinated clause ("met B, and the next
    # day the two signed ... at a ceremony hosted by C")
    if cue is None or re.search(
        r",\s+(?:who|whom|which|whose|and|but)\b", text[trig_end : cue.start()]
    ):
        return None
    host = next(
        (
            m
            for m in sorted(mentions, key=lambda m: m.start)
            if m.start >= cue.end() and m.type == "PER"
        ),
        None,
    )
    if host is None or not re.fullmatch(
        r"(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}", text[cue.end() : host.start]
    ):
        return None
    return host.actor


#: A plural subject of two people told before, before a contact trigger: "The two men also
#: held", "Both leaders later", "They".
_GROUP_SUBJECT = re.compile(
    r"(?:^|[,;]\s+|\b(?:and|when|after)\s+)(?:[Tt]he two|[Bb]oth)\s+(?:[\w-]+\s+)?(?:leaders|men|"
    r"women|presidents|ministers|premiers|heads of state)\s+(?:[\w-]+\s+){0,4}$|"
    r"(?:^|[,;]\s+|\b(?:and|when|after)\s+)[Tt]he two\s+(?:[\w-]+\s+){0,4}$"
)
#: What stands between a contact trigger and its partner: "meeting with", "talks with C",
#: "held a three-way meeting in Oslo with".
_WITH_PARTNER = re.compile(r"(?:\s+(?:[\w-]+\s+){0,3}?with)?\s+")


def _partner_after(
    mentions: list[FoundMention], text: str, trig_end: int, s_end: int
) -> str | None:
    """The person (or state) named right after a contact trigger and its ``with``."""
    gap = _WITH_PARTNER.match(text, trig_end, s_end)
    if not gap or "with" not in gap.group():
        return None
    at = gap.end()
    # "with Chancellor C", "with Kenya's president, C": a title or role before the name
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < at or m.type not in ("PER", "GPE") or m.level == "NOM":
            continue
        lead = text[at : m.start]
        if re.fullmatch(r"(?:(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,4})?", lead):
            return m.actor
        return None
    return None


def _the_two(
    analysis: Analysis,
    text: str,
    s_start: int,
    trig_start: int,
    exclude: str | None = None,
    told: Iterable[dict[str, Any]] = (),
) -> tuple[str, str] | None:
    """``the two leaders met``: the two people named most often before the trigger (but
    ``exclude``, the subject of ``C received the two men``); of equal counts, those in more
    of the contacts ``told`` before (the story's protagonists), then those named in the
    trigger's sentence, then the first named."""
    involved: dict[str, int] = {}
    for r in told:
        if r["type"] in SYMMETRIC and r["trigger"][0] < trig_start:
            for actor in (r["arg1"], r["arg2"]):
                involved[actor] = involved.get(actor, 0) + 1
    if not TWO.search(text[s_start : trig_start + 40]):
        return None
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for m in analysis.mentions:
        # "A flew to Oslo and met B, and the next day the two men signed": named before the
        # trigger, in its sentence too
        if (
            m.start < trig_start
            and m.type == "PER"
            and m.level == "NAM"
            and m.actor != exclude
            and not _modifier(text, m)
        ):
            counts[m.actor] = counts.get(m.actor, 0) + 1
            last[m.actor] = m.start
    role = _TWO_ROLE.search(text[s_start : trig_start + 40])
    if role:
        # "the two presidents": of the people named, those the text calls presidents (a title
        # before a mention: "President A", "Russian President A", "A, the president of ...")
        title = role.group("role").lower()
        titled = {
            m.actor
            for m in analysis.mentions
            if m.actor in counts
            and m.level == "NAM"
            and (
                re.search(
                    rf"(?i)\b{title}\s+(?:[A-Z][\w.'’-]*\s+){{0,1}}$",
                    text[max(0, m.start - 40) : m.start],
                )
                or re.match(
                    rf"(?i),\s+(?:the\s+)?(?:[\w-]+\s+)?{title}\b", text[m.end : m.end + 50]
                )
            )
        }
        if len(titled) >= 2:
            counts = {a: n for a, n in counts.items() if a in titled}
    top = sorted(counts, key=lambda a: (-counts[a], -involved.get(a, 0), last[a] < s_start))[:2]
    return (top[0], top[1]) if len(top) == 2 else None


#: "A would remain under U.S. sanctions", "A is already under EU sanctions": a status verb,
#: "under" and the sanctioner, right before the trigger "sanctions".
_UNDER_SANCTIONS = re.compile(
    r"\b(?:is|are|was|were|be|been|remain|remains|remained|stay|stays|stayed)\s+"
    r"(?:still\s+|already\s+|also\s+|now\s+)?under\s+(?:the\s+)?(?:[\w.'’-]+\s+){1,3}$"
)
#: "sanctions (that) Norway imposed on": a relative clause after "sanctions" whose subject
#: (group ``src``) imposed them; the targets follow "on".
_SANCTIONS_THAT = re.compile(
    r"\s+(?:that|which)?\s*(?P<src>(?:[\w.'’-]+,?\s+){1,6}?)(?:had\s+|has\s+|have\s+)?"
    r"(?:first\s+|later\s+)?(?:imposed|placed|put|slapped|levied|reimposed)\s+on\s+"
)
#: "told B by phone", "assured B over the telephone": the verb, then the person and the medium.
_TOLD_BY_PHONE = re.compile(
    r"(?P<verb>told|tells|assured|assures|briefed|congratulated)\s+(?:[A-Z][\w.'’-]*\s+){1,4}"
    r"(?:by|over)\s+(?:the\s+)?(?:phone|telephone)\b"
)
#: "by phone", "over the telephone", "via video link" after a contact verb.
_BY_MEDIUM = re.compile(r"(?i)\b(?:by|over|via)\s+(?:the\s+|a\s+)?(?:phone|telephone|video)\b")
#: Plural ``they`` as the subject of the trigger (``they held a two-hour video call``).
_THEY_SUBJECT = re.compile(
    r"(?:^|[,;]\s+|\b(?:and|when|after|before)\s+|^(?:On|In|At|Last|Earlier|Later|After|"
    r"Before|During|Since)\b[\w.\s-]*?,?\s+)[Tt]hey\s+"
    r"(?!(?:said|say|told|hope|hoped|want|wanted|expect|expected)\b)(?:[\w-]+\s+){0,4}$"
)


#: The role noun of ``the two presidents`` (singular in the group ``role``).
_TWO_ROLE = re.compile(
    r"\b(?:[Tt]he two|[Bb]oth)\s+(?P<role>president|prime minister|foreign minister|king|"
    r"chancellor|premier|defence minister|defense minister)s\b"
)


#: Words that end the list of a sanction's targets ("on A and B over the poisoning").
_LIST_END = re.compile(
    r"[;:(]|,\s+(?:saying|which|who|but|after|ending|reversing|its|the first|a move)\b|"
    r",\s+and\s+(?=[A-Z][\w.]*\s+[a-z]+(?:ed|ly|s)\b)|"  # ", and Ankara promptly did"
    r"\b(?:over|from|for|in|under|after|because|to|at|since|by|while|when|as|that|who|which|"
    r"with|amid|following|they|it|he|she|whose)\b"
)


def _coordinated(mentions: list[FoundMention], text: str, head: FoundMention) -> list[str]:
    """The actor of ``head`` and of the actors coordinated before it (``A, B and C``)."""
    actors = [head.actor]
    ordered = sorted(mentions, key=lambda m: m.start)
    i = ordered.index(head)
    current = head
    while i > 0:
        prev = ordered[i - 1]
        gap = text[prev.end : current.start]
        if not re.fullmatch(
            r"(?:'s|’s)?\s*(?:,|,?\s+and|,?\s+or)\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}", gap
        ):
            break
        if prev.actor not in actors:
            actors.insert(0, prev.actor)
        current, i = prev, i - 1
    return actors


#: An apposition or relative clause between a subject and its passive verb: ", a former
#: minister who ..., was", ", who served under B, was".
_APPOSED_SUBJECT = re.compile(
    r",\s+(?:a|an|the|who|whose|whom|once|then|now|himself|herself)\b[^;]*,\s+"
    r"(?:was|were|has been|had been|is)\s+"
)


#: An owner's possessive before the assets a freeze falls on: "froze A's assets", "froze his
#: bank accounts".
_WHOSE_ASSETS = re.compile(
    r"\s+(?:on\s+)?(?:all\s+(?:of\s+)?)?(?P<who>his|her|(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.-]*['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:assets|property|funds|accounts|holdings)\b"
)


def _arguments(
    rtype: str,
    mentions: list[FoundMention],
    analysis: Analysis,
    trig_start: int,
    trig_end: int,
    text: str,
    sentence: tuple[int, int],
    sanctioners: list[str] | None = None,
) -> list[tuple[str, str]]:
    """The actor pairs of a trigger: nearest compatible before and after it; for sanctions,
    every coordinated sanctioner and every target of the list after ``on``/the verb (the
    sanctioners are also put in ``sanctioners``, when given, even without a target)."""
    s_start, s_end = sentence
    people = [m for m in mentions if m.type == "PER"]
    datelines = [m.span("city") for m in DATELINE.finditer(text)]
    agents = [
        m
        for m in mentions
        if m.type in ("PER", "GPE", "ORG")
        and not any(s <= m.start < e for s, e in datelines)  # a dateline is no agent
    ]
    # the outermost mention speaks for a span ("U.S. Treasury Department", not "U.S.")
    agents = [
        m
        for m in agents
        if not any(
            x is not m
            and x.start <= m.start
            and m.end <= x.end
            and (x.end - x.start) > (m.end - m.start)
            for x in agents
        )
    ]
    if rtype in ("phoned", "met"):
        # a semicolon ends the clause: "A and B agree over dinner; C meeting scrapped"
        clause_start = text.rfind(";", s_start, trig_start) + 1 or s_start
        # "A and B talked by phone, and C flew to Lima to dine with D": C's own clause
        joined = list(
            re.finditer(r",\s+(?:and|but|while|whereas)\s+(?=[A-Z])", text[clause_start:trig_start])
        )
        if joined:
            clause_start += joined[-1].end()
        semicolon = text.find(";", trig_end, s_end)
        clause_end = semicolon if semicolon >= 0 else s_end
        # "talks to B by phone before U.S. blames C": a subordinate clause with its own subject
        subordinate = _OWN_CLAUSE.search(text, trig_end, clause_end)
        if subordinate:
            clause_end = subordinate.start()
        # a possessor is no participant: "met Marek's adviser Karl Vost" is Vost
        before = [
            m
            for m in people
            if clause_start <= m.start
            and m.end <= trig_start
            and (
                not _modifier(text, m)
                # "Marek's second summit with Ruiz": the possessor of the event takes part
                or re.fullmatch(
                    r"['’]s\s+(?:(?!and\b|or\b|but\b)[\w-]+\s+){0,2}", text[m.end : trig_start]
                )
            )
        ]
        between = re.match(r"\s+between\s+(?:the\s+)?", text[trig_end:clause_end])
        if between or text[trig_start:trig_end].lower().endswith(" between"):
            # "Talks between Egypt, Ethiopia and Sudan", "a meeting between A and B": the sides
            # named in the coordination, states and organisations too
            first_at = trig_end + (between.end() if between else 0)
            sides: list[FoundMention] = []
            for m in sorted(agents, key=lambda x: x.start):
                if m.start < first_at or m.start >= clause_end or _modifier(text, m):
                    continue
                gap = text[sides[-1].end : m.start] if sides else text[first_at : m.start]
                if (
                    sides
                    and sides[-1].type != "PER"
                    and m.type == "PER"
                    and re.fullmatch(r"\s+(?:[A-Z][\w.\-]*\s+){1,3}", gap)
                ):
                    sides[-1] = m  # "U.S. President Donald Trump": the person, not the state
                    continue
                if sides and not (
                    re.fullmatch(
                        r"(?:'s|’s)?\s*(?:,|,?\s+and)\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}", gap
                    )
                    # "A, B and Abu Dhabi's crown prince, Sheikh C": a title in apposition
                    or (
                        re.fullmatch(
                            r",?\s+and\s+(?:the\s+)?(?:[\w.'’\-]+\s+){1,5}?[\w.'’\-]+,\s+"
                            r"(?:[A-Z][\w.\-]*\s+){0,2}",
                            gap,
                        )
                        and not _VERB_IN_GAP.search(gap)
                    )
                ):
                    break
                if not sides and not re.fullmatch(r"\s*(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}", gap):
                    break
                sides.append(m)
            group = list(dict.fromkeys(m.actor for m in sides))
            if len(group) >= 2:
                return [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
        elided = _ELIDED_CONTACT.search(text[s_start:trig_start]) or _AFTER_ADJUNCT.search(
            text[s_start:trig_start]
        )
        if elided and not any(m.start >= s_start + elided.start() for m in before):
            # "A met B on Wednesday, and the following day held talks with C": A is the
            # subject left out of the second verb phrase
            subject = next(
                (m for m in people if m.start >= s_start and not _modifier(text, m)), None
            )
            leading = [subject] if subject else before
            for m in people:
                # "A and B agreed on Thursday ..., after talks in the Kremlin": both subjects
                if subject and m.start > leading[-1].end and m.end <= trig_start:
                    if not re.fullmatch(
                        r"\s+and\s+(?:[A-Z][\w.\-]*\s+){0,3}", text[leading[-1].end : m.start]
                    ):
                        break
                    leading.append(m)
            before = leading
        opening = _OPENING_ADJUNCT.match(text, s_start, trig_start)
        if opening:
            # "During a visit hosted by A, he met B": A is in the opening phrase, not the subject
            before = [m for m in before if m.start >= opening.end()]
        # "A, who was due to meet B, held talks with C", "A, a close ally of B, met C": B is
        # in a clause or an apposition of its own
        # ("After the talks, a delegation led by A, ..., met B": the comma closing an opening
        # phrase starts no apposition)
        preposed = _PREPOSED.match(text, clause_start, trig_start)
        from_at = preposed.end() - 2 if preposed else clause_start
        relative = [
            r.span()
            for r in re.finditer(
                r",\s+(?:who|whom|which|whose|a|an)\b[^,;]*,", text[from_at:trig_start]
            )
            if not (preposed and r.start() == 0)
        ]
        before = [
            m for m in before if not any(from_at + s <= m.start < from_at + e for s, e in relative)
        ]
        after = [m for m in people if trig_end <= m.start < clause_end and not _modifier(text, m)]
        if not after:
            # "held direct talks with Hamas": an organisation named as the other side
            side = next(
                (
                    m
                    for m in agents
                    if m.type == "ORG"
                    and trig_end <= m.start < clause_end
                    and re.fullmatch(r"\s+with\s+(?:the\s+)?", text[trig_end : m.start])
                    and not _modifier(text, m)
                ),
                None,
            )
            after = [side] if side else []
        if text[trig_start:trig_end].lower() == "talks" and re.search(
            _SUBJECTS_TALKS.pattern, text[max(s_start, trig_start - 40) : trig_start]
        ):
            after = []  # "A and B agreed ..., after talks in Vienna": the subjects talked
        # "A held talks with B on Friday, their fourth meeting": the two named before
        if re.search(r"\b[Tt]heir\s+(?:[\w-]+\s+)?$", text[s_start:trig_start]):
            distinct = list(dict.fromkeys(m.actor for m in reversed(before)))
            if len(distinct) >= 2:
                return [(distinct[1], distinct[0])]
        if (
            len(before) >= 2
            and before[-2].actor != before[-1].actor
            and re.fullmatch(
                r"\s+and\s+(?:[A-Z][\w.-]*\s+){0,3}", text[before[-2].end : before[-1].start]
            )
            and re.fullmatch(r"\s+(?:[a-z]+\s+){0,2}", text[before[-1].end : trig_start])
            and not re.match(r"(?:\s+[\w-]+){0,3}?\s+(?:with|to)\b", text[trig_end:clause_end])
            and not after  # "A and B met C": C is met
        ):
            # "A and B talked by phone two days later, and C flew to D": the two subjects;
            # "A, B and C held three-way talks": every pair of them
            group = _coordinated(before, text, before[-1])
            if len(group) > 2:
                return [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
            return [(before[-2].actor, before[-1].actor)]
        by = re.match(r"\s+by\s+", text[trig_end:s_end])
        if rtype == "met" and by and before and after:
            # "a summit ... hosted by A and B": hosts and participants all met
            first_host = next((m for m in after if m.start >= trig_end + by.end()), None)
            if first_host is not None:
                hosts_end = [m for m in after if m.start >= first_host.start]
                last = max(
                    (m for m in hosts_end if first_host.actor in _coordinated(hosts_end, text, m)),
                    key=lambda m: m.start,
                )
                group = _coordinated(hosts_end, text, last) + _coordinated(before, text, before[-1])
                group = list(dict.fromkeys(group))
                return [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
        if before and after:
            a = before[-1].actor
            c = next((m.actor for m in after if m.actor != a), None)
            if c and rtype == "met":
                # "A and B met C and D": everyone at the meeting met everyone else
                subjects = _coordinated(before, text, before[-1])
                first = next(m for m in after if m.actor == c)
                objects = [first.actor]
                for prev, nxt in pairwise(after):
                    if prev.start < first.start:
                        continue
                    gap = text[prev.end : nxt.start]
                    if not re.fullmatch(
                        r"(?:'s|’s)?\s*(?:,|,?\s+and)\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){0,3}", gap
                    ):
                        break
                    objects.append(nxt.actor)
                if re.search(
                    r"\b(?:separately|individually|in turn|one by one)\b", text[s_start:s_end]
                ):
                    # "A met separately with B and C": A met each, B and C did not meet
                    return [(x, y) for x in subjects for y in objects if x != y]
                group = list(dict.fromkeys([*subjects, *objects]))
                if len(group) > 2:
                    return [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
            if c:
                return [(a, c)]
        # "a telephone conversation that A held with B", "talks A had with B"
        if (
            not before
            and len(after) >= 2
            and after[0].actor != after[1].actor
            and (
                re.search(r"\b(?:with|and)\s", text[after[0].end : after[1].start])
                # "In a call with A on Monday, B urged restraint"
                or re.fullmatch(r"\s+with\s+(?:[\w.\-]+\s+){0,3}", text[trig_end : after[0].start])
                # "during the July 25 call A asked B to ...": the call's two sides
                or (
                    re.search(
                        r"(?i)\b(?:during|in|on)\s+(?:(?:a|an|the|their|his|her)\s+)?$",
                        text[s_start:trig_start],
                    )
                    # "In a phone call on Monday, A told B"
                    and re.fullmatch(
                        r"(?:\s+(?:on|last|this|late|early)\s+[\w.]+(?:\s+\d{1,2})?)?,?\s*"
                        r"(?:[A-Z][\w.\-]*\s+){0,3}",
                        text[trig_end : after[0].start],
                    )
                    and re.fullmatch(
                        r"\s+[a-z]+(?:\s+[a-z]+){0,2}\s+(?:[A-Z][\w.\-]*\s+){0,3}",
                        text[after[0].end : after[1].start],
                    )
                )
            )
        ):
            return [(after[0].actor, after[1].actor)]
        if len(before) >= 2:
            distinct = list(dict.fromkeys(m.actor for m in reversed(before)))
            if len(distinct) >= 2:
                return [(distinct[1], distinct[0])]
        return []
    if rtype == "sanctioned":
        before = [
            m
            for m in agents
            if m.end <= trig_start
            and not _modifier(text, m)
            and (m.level != "PRO" or text[m.start : m.end].lower() == "it")
            and not re.search(
                r"\b(?:from|in|of|to|at|with|by|on|against)\s+(?:the\s+)?$",
                text[max(0, m.start - 20) : m.start],
            )
        ]
        whom = re.search(
            r",\s+(?:whom|who)\s+(?P<src>(?:the\s+)?(?:[\w.'’-]+\s+){1,4}?)"
            r"(?:had\s+|has\s+|have\s+)?$",
            text[s_start:trig_start],
        )
        if whom and rtype == "sanctioned" and whom.group("src").strip().lower() != "was":
            # "A, whom the Treasury blacklisted in 2020, met B": the Treasury sanctioned A
            antecedent = next(
                (m for m in reversed(agents) if m.end <= s_start + whom.start()), None
            )
            source_m = next(
                (
                    m
                    for m in agents
                    if s_start + whom.start("src") <= m.start < trig_start
                    and not _modifier(text, m)
                ),
                None,
            )
            if (
                antecedent is not None
                and source_m is not None
                and re.fullmatch(r"\s*", text[antecedent.end : s_start + whom.start()])
                and source_m.actor != antecedent.actor
            ):
                return [(source_m.actor, antecedent.actor)]
        gerund = (
            before
            and text[trig_start:trig_end].lower().endswith("ing")
            and re.search(r"\b(?:after|before|since|by|while)\s+$", text[s_start:trig_start])
        )
        if gerund:
            # "A sanctions B (, a week) after blacklisting C": the gerund's subject is the main
            # clause's
            before = [before[0]]
        elif before and re.search(
            r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$", text[before[-1].end : trig_start]
        ):
            before = []  # "A, B and C, the broadest sanctions it has adopted": an apposition
        owner = re.search(r"['’]s\s+(?:[\w-]+\s+){0,2}$", text[s_start:trig_start])
        if owner and before and before[-1].end < s_start + owner.start():
            # "the number two of the ruling party, in the bloc's first sanctions": the
            # possessor, unnamed here, is the source, not the name before it
            before = []
        if (
            len(before) >= 2
            and re.fullmatch(r"\s*", text[before[-1].end : trig_start])
            and re.search(r"\b[a-z]+\s+$", text[before[-2].end : before[-1].start])
            # a verb's subject is no authority: "last July, when the U.S. Treasury blacklisted A"
            and not re.fullmatch(
                r"(?i)blacklisted|sanctioned|designated|froze|blocked|targeted",
                text[trig_start:trig_end],
            )
        ):
            # "A has begun to relax EU sanctions on B": the state is whose sanctions they
            # are (the authority), the subject A acts (guidelines 6.6)
            before = before[:-1]
        tail = text[trig_end:s_end]
        imposed = _SANCTIONS_THAT.match(tail)
        if imposed and text[trig_start:trig_end].lower() == "sanctions":
            # "the sanctions (that) Norway imposed on Sudan": the relative clause's subject
            # imposed them on its object, whoever the main clause's subject is
            src_at, src_end = trig_end + imposed.start("src"), trig_end + imposed.end("src")
            imposers = [
                m
                for m in agents
                if src_at <= m.start
                and m.end <= src_end
                and m.level != "PRO"
                and not _modifier(text, m)
            ]
            on_at = trig_end + imposed.end()
            imposed_on = _target_list(text, agents, on_at, s_end)
            if imposers and imposed_on:
                return [
                    (imposers[-1].actor, t.actor)
                    for t in imposed_on
                    if t.actor != imposers[-1].actor
                ]
        passive = re.search(
            r"\b(?:was|were|been|being|is|are|be)\s+"
            r"(?:also\s+|already\s+|first\s+|again\s+|later\s+|\w+ly\s+)?"
            # "A was hit with sanctions by B"
            r"(?:(?:hit|targeted|slapped)\s+with\s+(?:new\s+|fresh\s+|further\s+)?)?$",
            text[s_start:trig_start],
        )
        by = re.match(r"\s+(?:\w+\s+){0,3}?by\s+(?:the\s+)?", tail)
        if (
            not passive
            and by
            and re.fullmatch(r"(?i)sanctioned|blacklisted|designated", text[trig_start:trig_end])
            and re.search(
                r"[\w.]\s*,\s+(?:(?:also|later|first|already)\s+)?$", text[s_start:trig_start]
            )
        ):
            # "A, sanctioned by Norway in 2019, met B": a participle in apposition to A
            passive = re.search(r"$", text[s_start:trig_start])
        if passive and by:  # "X was sanctioned by Y"
            source_m = next((m for m in agents if m.start >= trig_end + by.end()), None)
            target_m = next((m for m in reversed(agents) if m.end <= trig_start), None)
            # "X, who once advised B, was sanctioned by Y": the subject before its apposition
            target_m = (
                next(
                    (
                        m
                        for m in agents
                        if s_start <= m.start
                        and m.end <= trig_start
                        and _APPOSED_SUBJECT.fullmatch(text, m.end, trig_start)
                        and not _modifier(text, m)
                    ),
                    None,
                )
                or target_m
            )
            if source_m and target_m and source_m.actor != target_m.actor:
                # "A, B and C were sanctioned by Y": every coordinated target
                in_clause = [m for m in agents if s_start <= m.start and m.end <= trig_start]
                return [
                    (source_m.actor, t)
                    for t in _coordinated(in_clause, text, target_m)
                    if t != source_m.actor
                ]
            return []
        if passive and text[trig_start:trig_end].lower() in ("sanctioned", "blacklisted"):
            return []  # "A and B were sanctioned over ...": no agent in the clause
        under = _UNDER_SANCTIONS.search(text[s_start:trig_start])
        if under and text[trig_start:trig_end].lower() == "sanctions":
            # "A, B and C would remain under U.S. sanctions": the state of the sanctions
            # named before them sanctioned each of the subjects (guidelines 6.6: status kept)
            verb_at = s_start + under.start()
            source_m = next((m for m in agents if verb_at <= m.start and m.end <= trig_start), None)
            target_m = next(
                (m for m in reversed(agents) if s_start <= m.start and m.end <= verb_at), None
            )
            if source_m and target_m and not _modifier(text, target_m):
                in_clause = [m for m in agents if s_start <= m.start and m.end <= verb_at]
                return [
                    (source_m.actor, t)
                    for t in _coordinated(in_clause, text, target_m)
                    if t != source_m.actor
                ]
        hit = re.search(
            r"\b(?:targeted|targets|targeting|hit|hits|slapped|slaps)\s+(?P<who>.+?)\s+with\s+"
            r"(?:[\w-]+\s+){0,2}$"
            # "Canada placed A and B under sanctions", "put A under new sanctions"
            r"|\b(?:placed|places|placing|put|puts|putting)\s+(?P<who2>.+?)\s+under\s+"
            r"(?:[\w.-]+\s+){0,2}$",
            text[s_start:trig_start],
        )
        if hit:
            # "the United States targeted A and B with new sanctions"
            who = "who" if hit.group("who") is not None else "who2"
            verb_at, who_at = s_start + hit.start(), s_start + hit.start(who)
            hit_targets = _target_list(text, agents, who_at, s_start + hit.end(who))
            hitters = [m for m in before if m.end <= verb_at]
            if hitters and hit_targets:
                return [
                    (src, tgt.actor)
                    for tgt in hit_targets
                    for src in _coordinated(hitters, text, hitters[-1])
                    if src != tgt.actor
                ]
        listed = re.match(r"\s+(?:list|blacklist)\b", tail) or text[
            trig_start:trig_end
        ].lower() in ("blacklist",)
        added = re.search(r"\b(?:added|removed|delisted|dropped)\s+", text[s_start:trig_start])
        if listed and added:  # "Y added A and B to its sanctions list"
            start_at = s_start + added.end()
            listed_targets = [
                m.actor
                for m in agents
                if start_at <= m.start < trig_start
                and not _modifier(text, m)
                and m.level != "PRO"  # "to its sanctions list"
            ]
            listers = [m for m in agents if m.end <= s_start + added.start()]
            if not listed_targets:  # "added 12 people to its sanctions list, including A"
                after_list = re.match(r"\s*(?:list|blacklist)?\b", text[trig_end:s_end])
                start_list = trig_end + (after_list.end() if after_list else 0)
                listed_targets = [m.actor for m in _target_list(text, agents, start_list, s_end)]
            if listers and listed_targets:
                head = listers[-1]
                return [
                    (src, tgt)
                    for tgt in dict.fromkeys(listed_targets)
                    for src in _coordinated(listers, text, head)
                    if src != tgt
                ]
            return []
        verb = text[trig_start:trig_end].lower().startswith("block") or text[
            trig_start:trig_end
        ].lower().split()[0] in (
            "designated",
            "designating",
            "sanctioned",
            "sanctioning",
            "blacklisted",
            "blacklisting",
            "froze",
            "freezing",
            "freezes",
            "frozen",
            "freeze",
        )
        if verb:
            # "blocked all assets of A": the list starts after "of"
            if text[trig_start:trig_end].lower().split()[0] == "freezes":
                # "freezes assets of A": the trigger ends on its first word
                trig_end = trig_start + len("freezes")
                tail = text[trig_end:s_end]
            owner = re.match(
                # "a freeze on the assets of A"
                r"\s+(?:on\s+)?(?:(?:the|all|any)\s+)?(?:(?:assets|property|funds|accounts)\s+)?"
                r"of\s+",
                tail,
            )
            at = trig_end + (owner.end() if owner else len(tail) - len(tail.lstrip()))
        else:
            # "sanctions on Monday against A": "on" before a day is no target's
            on = re.match(
                r"(?:\s+\w+){0,6}?\s+(?:on(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
                r"October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
                r"\d)\b)|against)\s+",
                tail[:100],
            )
            if not on:
                return []
            at = trig_end + on.end()
        targets = _target_list(text, agents, at, s_end, analysis.mentions)
        if before and sanctioners is not None:
            sanctioners.extend(_coordinated(before, text, before[-1]))
        whose = _WHOSE_ASSETS.match(tail) if verb else None
        if before and not targets and whose:
            # "froze A's assets", "froze his bank accounts": the owner is the target
            owner_m = next(
                (
                    m
                    for m in analysis.mentions
                    if trig_end + whose.start("who") <= m.start
                    and m.end <= trig_end + whose.end("who")
                    and m.type in ("PER", "ORG", "GPE")
                    and (
                        m.level != "PRO"
                        or any(
                            x.actor == m.actor
                            and x.level == "NAM"
                            and x.start < m.start
                            and not re.search(r"[.!?]\s[\s\S]*[.!?]\s", text[x.end : m.start])
                            for x in analysis.mentions
                        )
                    )
                ),
                None,
            )
            if owner_m is not None:
                targets = [owner_m]
        if before and not targets and _TWO_OBJECT.match(text, at - 1):
            # "It had sanctioned the two men on Aug 1": the two people told before
            two = _the_two(analysis, text, s_start, at)
            if two:
                sources = _coordinated(before, text, before[-1])
                return [(src, tgt) for tgt in two for src in sources if src != tgt]
        if not (before and targets):
            return []
        sources = _coordinated(before, text, before[-1])
        out = []
        for target in dict.fromkeys(m.actor for m in targets):
            for source in sources:
                if source != target:
                    out.append((source, target))
        return out
    if rtype == "named_envoy":
        # the role may follow a long apposition: "named A, a property developer and ..., as
        # his special envoy"; a semicolon ends the clause
        window = re.split(r";", text[trig_end : min(s_end, trig_end + 220)])[0]
        apposed = re.search(
            r",\s+(?:the|a|an|his|her|its)\s+(?:[\w-]+\s+){0,3}?(?:envoy|ambassador|"
            r"representative)\s+$",
            text[s_start:trig_start],
        )
        # "A, Norway's new ambassador to B, was appointed by C": the role told before
        told_role = re.search(r"\b(?:was|were|been|is|are)\s+$", text[s_start:trig_start]) and (
            ENVOY_WORDS.search(text[s_start:trig_start])
        )
        if (
            not ENVOY_WORDS.search(window)
            and not _ENVOY_POST.search(window)
            and not apposed
            and not told_role
        ):
            return []
        before = [m for m in agents if m.end <= trig_start]
        if _ELIDED_SUBJECT.search(text[s_start:trig_start]):
            # "A has eased sanctions on B, and in May named C as envoy": A names C
            subject = next((m for m in before if not _modifier(text, m)), None)
            before = [subject] if subject else []
        # "A, (the veteran diplomat) whom B appointed ...": the apposition's head is A
        whom = re.search(
            r",\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?)?whom\s+(?:[\w.'’-]+\s+){0,5}$",
            text[s_start:trig_start],
        )
        if whom and before:
            # "A, whom President B appointed envoy on Oct. 15, met C": A is the appointee
            antecedent = next(
                (m for m in reversed(people) if m.end <= s_start + whom.start()), None
            )
            naming = next(
                (m for m in reversed(before) if m.start > s_start + whom.end() - 40), None
            )
            if antecedent and naming and antecedent.actor != naming.actor:
                return [(naming.actor, antecedent.actor)]
        # "names climate envoy as Kerry steps down": the subject of another clause is not
        # the appointee
        after = [
            m
            for m in people
            if m.start >= trig_end
            and not (
                re.search(r"\b(?:as|after|while|when|because|since|before)\s+$", text[: m.start])
                and re.match(r"\s+(?:\w+ly\s+)?(?:[a-z]+(?:s|ed)|is|was)\b", text[m.end :])
            )
        ]
        passive = re.search(r"\b(?:was|were|been|being|is|are)\s+$", text[:trig_start])
        by = re.search(r"\bby\s+", text[trig_end:s_end])
        own = re.match(
            r"\s+(?:as\s+)?(?P<poss>[^,;]{0,40}?)[’']s\s+(?:[\w-]+\s+){0,3}?"
            r"(?:envoy|ambassador|representative)\b",
            text[trig_end:s_end],
        )
        if passive and not by and own:
            # "A was appointed B's personal envoy": B appoints A
            appointer_m = next(
                (
                    m
                    for m in agents
                    if trig_end <= m.start
                    and m.end <= trig_end + own.end("poss") + 1
                    and m.level != "PRO"
                ),
                None,
            )
            appointee_m = next((m for m in reversed(people) if m.end <= trig_start), None)
            if appointer_m and appointee_m and appointer_m.actor != appointee_m.actor:
                return [(appointer_m.actor, appointee_m.actor)]
        if apposed and re.match(r"\s+by\s+", text[trig_end:s_end]):
            # "A, the new envoy named by B on Monday, flew to Oslo": B named A
            agent = next((m for m in agents if m.start >= trig_end), None)
            appointee_m = next(
                (m for m in reversed(people) if m.end <= s_start + apposed.start()), None
            )
            if agent and appointee_m and agent.actor != appointee_m.actor:
                return [(agent.actor, appointee_m.actor)]
        if passive and by:  # "X was named ambassador by Y"
            agent = next((m for m in agents if m.start >= trig_end + by.end()), None)
            appointee_m = next((m for m in reversed(people) if m.end <= trig_start), None)
            # "X, a former minister who resigned from B's cabinet, was named ... by Y": the
            # subject before its apposition, not a name inside the apposition
            subject_m = next(
                (
                    m
                    for m in people
                    if m.end <= trig_start
                    and _APPOSED_SUBJECT.fullmatch(text, m.end, trig_start)
                    and not re.search(r"[.;]", text[s_start : m.start])
                ),
                None,
            )
            appointee_m = subject_m or appointee_m
            if agent and appointee_m and agent.actor != appointee_m.actor:
                return [(agent.actor, appointee_m.actor)]
            return []
        if passive:
            # "A, who was named special envoy in November, met B": nobody named is the
            # appointer (B is the other side of another event)
            return []
        if before and after:
            appointer = before[-1].actor
            appointee = next((m.actor for m in after if m.actor != appointer), None)
            if appointee and not ENVOY_WORDS.search(window):
                # "named A to the hostage post": an envoy's post when the text calls A an
                # envoy somewhere ("hostage envoy A", "A, the envoy for ...")
                called = any(
                    re.search(
                        r"\b(?:envoy|ambassador|representative)(?:\s+for\s+[\w\s-]{1,40}?)?,?\s+$",
                        text[max(0, m.start - 60) : m.start],
                    )
                    or re.match(
                        r",\s+(?:the|a|an|his|her|its|their)\s+(?:[\w.'’-]+\s+){0,4}?"
                        r"(?:envoy|ambassador|representative)\b",
                        text[m.end : m.end + 80],
                    )
                    for m in analysis.mentions
                    if m.actor == appointee
                )
                appointee = appointee if called else None
            if appointee:
                return [(appointer, appointee)]
    return []


#: A private occasion of a named host after "guest" or "attended": "at the wedding of",
#: "the birthday party of", "A's funeral" (the name is matched as the next mention).
_PRIVATE_OCCASION = re.compile(
    r"(?:\s+(?:earlier|later)\s+(?:in\s+the\s+day|that\s+day))?(?:\s+at)?\s+(?:the|a)\s+"
    r"(?:private\s+|family\s+)?(?:wedding|birthday(?:\s+party)?|funeral|christening|"
    r"(?:wedding|birthday)\s+(?:party|celebrations?|reception))\s+of\b"
)
#: "made (the diplomat) A his special representative", "makes A its ambassador to B".
_MADE_ENVOY = re.compile(
    r"\s+(?:(?:the|a|an|former|veteran|career)\s+)?(?:[a-z]+\s+){0,2}"
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?:his|her|its|their|[A-Z][\w.]*['’]s)\s+(?:new\s+|first\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:envoy|ambassador|special representative|representative)\b"
)
#: An appointment to a post or a mission rather than to a titled role: "named A to the hostage
#: post", "entrusted A with a peace mission".
_ENVOY_POST = re.compile(
    r"^\W*(?:[^;]{0,120}?)\b(?:to the (?:[\w-]+\s+){0,2}(?:post|role|job)|with a (?:[\w-]+\s+)?"
    r"(?:peace\s+)?mission)\b"
)
#: A contact verb coordinated with the sentence's first verb, its subject left out: ", and the
#: following day held talks with", ", and then met".
_ELIDED_CONTACT = re.compile(
    r",?\s+and\s+(?:(?:then|later|also|afterwards|the (?:following|next|same) day|the day after|"
    r"\w+ days? later|on \w+|in \w+|last \w+)\s+)?(?:also\s+)?"
    r"(?:(?:held|had|hold|holds)\s+(?:[\w-]+\s+){0,2})?$"
)
#: A preposed adjunct up to the subject: "In February, during a visit to Uganda, ".
_PREPOSED_PHRASE = r"(?:In|On|At|During|After|Before|Following|While)\b[^;]*?,\s+"
_PREPOSED = re.compile(_PREPOSED_PHRASE)
#: A sentence's opening phrase before its subject and the trigger: "In February, during a
#: visit to Uganda hosted by A, he met B" (the match ends where the subject starts).
_OPENING_ADJUNCT = re.compile(
    _PREPOSED_PHRASE
    + r"(?=(?:he|she|they|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s+(?:[a-z]+\s+){0,2}$)"
)
#: "A met B on Tuesday, a day after (five hours of) talks with C": an adjunct whose event
#: noun has the main clause's subject as its own.
_AFTER_ADJUNCT = re.compile(
    r",\s+(?:(?:just|only|barely)\s+)?"
    r"(?:(?:(?:a|an|one|two|three|four|five|six|\d+|a few|several)\s+)?"
    r"(?:days?|weeks?|hours?|months?)\s+)?(?:after|before|following)\s+(?:[\w-]+\s+){0,5}$"
)
#: A verb phrase coordinated with the sentence's first one, its subject left out.
_ELIDED_SUBJECT = re.compile(
    r",?\s+and\s+(?:(?:in|on|at|last|then|later|also|earlier)\s+(?:\w+\s+){0,2})?$"
)


_SANCTION_WORDS = re.compile(
    r"\b(?:(?P<verb>sanctioned|sanctioning|blacklisted|blacklisting|froze|freezing)|"
    r"(?:sanctions?|asset freezes?|travel bans?)(?:\s+\w+){0,6}?\s+(?:on|against))\s+",
    re.I,
)
_KIN = re.compile(
    r"\b(?:son|daughter|wife|husband|brother|sister|magnate|tycoon|businessman|"
    r"prosecutor|chief|minister|general|commander|oligarch)\s+$"
)


def _sanction_targets(text: str, b: _Builder) -> None:
    """Unknown capitalised names in the target list of a sanction (``sanctions on aluminium
    giant Rusal``, ``his son Viktor``): organisations, or people after a kinship or job noun."""
    known = _known_names()
    for m in _SANCTION_WORDS.finditer(text):
        at = m.end()
        line_end = text.find("\n", at)
        end = len(text) if line_end < 0 else line_end
        stop = _LIST_END.search(text, at, end)
        until = stop.start() if stop else end
        sentence_end = re.search(r"\.(?:\s|$)", text[at:until])
        if sentence_end:
            until = at + sentence_end.start()
        for w in re.finditer(
            r"(?<![\w.\-])[A-Z][\w+&\-]*(?:\s+[A-Z][\w+&\-]*){0,2}", text[at:until]
        ):
            start, stop_at = at + w.start(), at + w.end()
            words = w.group().split()
            if b.covered(start, stop_at) or any(_is_plain_word(x) or x in known for x in words):
                continue
            if _KIN.search(text[max(0, start - 30) : start]):
                b.add(start, stop_at, "PER", b.actor("PER", w.group()))
            elif len(words) == 1:
                b.add(start, stop_at, "ORG", b.actor("ORG", w.group()))


def _modifier(text: str, m: FoundMention) -> bool:
    """A demonym or a possessive that modifies a noun (``Russian officials``, ``Venezuela's
    oil firm``, ``Turkey's ministers``): not itself a sanctioner or a target."""
    surface = text[m.start : m.end]
    if surface in DEMONYMS or surface.lower() in ("his", "its", "their"):
        return True  # "Russian officials"; "at his club": a possessive determiner
    if _PLACE_ADJECTIVE.match(text, m.end):
        return True  # "a Dubai-based firm", "Iran-backed groups": where, not who
    if _GROUP_NOUN.match(text, m.end):
        return True  # "four Hamas financiers", "Wagner commanders": members, not the group
    if m.type == "ORG" and _MEMBER_NOUN.match(text, m.end):
        return True  # "A, the army chief", "Hamas leader B": a person's role, not the body
    if m.type == "GPE" and _STATE_GOVERNMENT.match(text, m.end):
        return False  # "Somalia's federal government": the state itself (guidelines 3)
    return bool(re.match(r"(?:'s|’s)\s+[a-z]", text[m.end : m.end + 6]))


#: A state's government named by its possessive: "Sudan's (federal | transitional) government".
_STATE_GOVERNMENT = re.compile(
    r"(?:'s|’s)\s+(?:(?:federal|central|national|transitional|interim|new|current)\s+)?"
    r"(?:government|authorities)\b(?!\s+(?:officials?|forces|troops|ministers?|critics?|"
    r"opponents?|spokesm[ae]n|spokeswom[ae]n|sources?|delegation|envoys?)\b)"
)


#: Role nouns by which news refer back to a person described with them before.
_ROLE_NOUNS = (
    "pastor",
    "journalist",
    "businessman",
    "businesswoman",
    "tycoon",
    "magnate",
    "billionaire",
    "oligarch",
    "dissident",
    "activist",
    "banker",
    "lawyer",
    "cleric",
    "financier",
    "investor",
    "producer",
    "developer",
    "executive",
    "columnist",
    "reporter",
    "blogger",
)
#: A plural noun of people or bodies after a name that qualifies them ("Hamas financiers").
#: A person's role after a body's name: "the army chief", "Hamas leader", "police commander".
_MEMBER_NOUN = re.compile(
    r"\s+(?:chief|commander|head|leader|spokesman|spokeswoman|spokesperson|official|"
    r"executive|director|boss)\b"
)
_GROUP_NOUN = re.compile(
    r"\s+(?:officials|leaders|members|commanders|financiers|executives|companies|firms|"
    r"entities|individuals|oligarchs|ministers|generals|banks|vessels|militants|fighters|"
    r"figures|businessmen|lawmakers|diplomats|operatives|units|subsidiaries|officers|judges|"
    r"affiliates|associates|backers|supporters|agents|envoys|negotiators|lawyers)\b"
)
#: A compound adjective made of a place or actor name ("Dubai-based", "Moscow-backed",
#: "Panama-flagged", "state-owned"): the name qualifies a noun and takes no part in an event.
_PLACE_ADJECTIVE = re.compile(
    r"-(?:based|registered|flagged|owned|backed|led|controlled|funded|linked|headquartered|"
    r"allied|aligned|born|made|listed|run|brokered|sponsored)\b"
)


def predict(
    doc: Document,
    model: str | None = None,
    *,
    oracle: Document | None = None,
    cooccurrence: bool = False,
) -> dict[str, Any]:
    """One submission line for ``doc``."""
    analysis = analyse(doc, model, oracle=oracle)
    relations = find_relations(doc, analysis, model, cooccurrence=cooccurrence)
    line: dict[str, Any] = {"doc_id": doc.id}
    # the relation arguments refer to these clusters; for the oracle they are the gold's own
    line["mentions"] = [
        {"start": m.start, "end": m.end, "type": m.type, "entity": m.actor}
        for m in analysis.mentions
    ]
    if oracle is None:  # the oracle's timexes would only echo the gold
        line["timexes"] = [
            {"start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in analysis.timexes
        ]
    line["relations"] = [
        {
            "type": r["type"],
            "arg1": {"entity": r["arg1"]},
            "arg2": {"entity": r["arg2"]},
            "date": r["date"],
        }
        for r in relations
    ]
    return line
