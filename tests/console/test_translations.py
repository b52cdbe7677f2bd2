"""Every text the console and the appliance's checks show has Italian: the console's keys, the plural
forms, the cards, the history steps, and the messages the import and document checks write in English
(run here on real bad files through the real pipeline)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from appliance.accounts.login import REASONS as LOGIN_REASONS
from appliance.backups.rotation import PRE_MIGRATION
from appliance.backups.work import SCHEDULED
from appliance.catalog.listing import FILESYSTEM, RECORD
from appliance.console.cards import MAKERS
from appliance.documents.checks import warnings_for
from appliance.ingest.pipeline import import_batch
from appliance.licensing.profiles import MODULES, PROFILES
from appliance.messages import find_message
from appliance.settings import SETTINGS
from appliance.web.console.i18n import Translator
from appliance.web.console.texts import TEXTS
from appliance.messages import MESSAGES
from tests.console.test_texts import used_keys
from tests.device.world import write_world

TEMPLATES = resources.files("appliance.web").joinpath("templates", "console")
APPLIANCE = Path(__file__).resolve().parents[2] / "appliance"
CARDS = APPLIANCE / "console" / "cards.py"
WARNING_CODE = re.compile(r'_warning\([^,()]+, "(\w+)"|"(\w+)", "\w+ \{v\}|"code": "(\w+)"')
ENGLISH_WORDS = (r"\berrors?\b", r"\bline \d", r"\bcolumn\b", r"\bis not\b", r"\bheader\b", r"\brejected\b",
                 r"did you mean", r"\bwarning\b", r"\bprice\b", r"\bagent's\b", r"\bfailed\b", r"\bbackup for\b",
                 r"\bfolder\b", r"\bseats?\b", r"\bno code\b", r"\bnever\b")
PLURAL_IN_TEMPLATE = re.compile(r"\bt\.plural\('([a-z_.]+)'")
HISTORY_STEPS = ("received", "processed", "reprocessed", "validated", "rejected", "queued_again", "delivered",
                 "taken", "legacy_file", "other")
IT = Translator("it")
DEVICE_HTTP = next(setting for setting in SETTINGS if setting.name == "device_http")

# Bad ERP files, each provoking other reasons of the import checks.
BAD_FILES = {
    "io_citta.dat": b"CHIAVE|COD_DITTA|CODICE|DESCRIZIONE|CAP|PROVINCIA|DAT_ULT_MOD\r\n"
                    b"1|1|C1|Bergamo|24100|BG|31022026\r\n1|1|C2|Brescia|25100|BS|01012026000000x\r\n"
                    b"1|1|C3|Como\r\n2|1|C4|Lecco|23900|LC|01012026|extra\r\n"
                    + b"".join(b"K%d|1|K%d|Lodi|26900|LO|x\r\n" % (n, n) for n in range(150)),
    "io_art.dat": b"CHIAVE|COD_DITTA|COD_ART|DES_ART|PREZZO_MIN_VEN|QTA_MIN_VEND\r\n"
                  b"A|1|A1|Vite|1.000,50|2\r\nB|1|B1|Dado|3.5|x\r\nC|1|C1|Chiodo|abc|1\r\n|1|D1|Bullone|1|1\r\n"
                  + b"".join(b"E%d|1|E%d|Rondella|abc|1\r\n" % (n, n) for n in range(150)),  # more than are listed
    "io_agenti.dat": b"COD_DITTA|NOME\r\n1|Rossi\r\n",
    "io_zone.dat": b"CHIAVE |NOME|NOME\r\n",
    "io_clifor.dat": b"CHIAVE|COD_CLIFOR\r\n1|C1\r\n",
    "io_listini_full.dat": b"",
}


def plural_keys() -> set[str]:
    keys = set()
    for template in TEMPLATES.iterdir():
        for key in PLURAL_IN_TEMPLATE.findall(template.read_text(encoding="utf-8")):
            keys |= {f"{key}.one", f"{key}.other"}
    return keys


def console_keys() -> set[str]:
    """Every key the console uses: literals, plural forms, cards, history steps, profiles, modules."""
    keys = used_keys() | plural_keys()
    for key in re.findall(r'"(card\.[a-z_.]+)"', CARDS.read_text(encoding="utf-8")):
        plural = f"{key}.one" in TEXTS  # the card template says these with the count's plural form
        keys |= {f"{key}.one", f"{key}.other"} if plural else {key}
    keys |= {f"history.{step}" for step in HISTORY_STEPS} | {"history.parts.one", "history.parts.other"}
    keys |= {f"profile.{name}" for name in PROFILES} | {f"profile.{name}.about" for name in PROFILES}
    keys |= {f"module.{name}" for name in MODULES}
    keys |= {f"imports.state.{state}" for state in ("waiting", "replaced", "dismissed")}
    keys |= {f"dash.section.{name}" for name in MAKERS}
    return keys | state_keys() | detail_word_keys()


def state_keys() -> set[str]:
    """The states and statuses the pages say with a prefix: documents, their parts, HTTPS, the iPads page."""
    keys = {f"doc.status.{name}" for name in ("received", "pending", "queued", "rejected", "delivered", "taken")}
    keys |= {f"part.state.{name}" for name in ("prepared", "queued", "served", "delivered", "taken")}
    keys |= {f"ipads.state.{name}" for name in ("ok", "expiring", "expired", "missing", "off")}
    keys |= {f"ipads.link.{name}" for name in ("app", "profile", "ca")}
    keys |= {f"ipads.device_http.{name}" for name in DEVICE_HTTP.choices}
    return keys


def detail_word_keys() -> set[str]:
    """The words of the dashboard cards' details (appliance/console/details.py): every code they can show."""
    keys = {f"detail.mode.{name}" for name in (FILESYSTEM, RECORD)}
    keys |= {f"detail.backup_reason.{name}" for name in ("manual", SCHEDULED, PRE_MIGRATION)}
    keys |= {f"detail.device_http.{name}" for name in DEVICE_HTTP.choices}
    keys |= {f"detail.source.{name}" for name in ("local CA", "imported")}
    keys |= {f"detail.upload.{name}" for name in ("stored", "repeated", "conflicts", "malformed", "other")}
    keys |= {f"reason.{name}" for name in ("ok", *LOGIN_REASONS)} | {"common.yes", "common.no", "detail.error"}
    return keys


def test_every_key_the_console_uses_has_italian():
    keys = console_keys()
    assert len(keys) > 330
    missing = sorted(key for key in keys if key not in TEXTS or not TEXTS[key][1].strip())
    assert not missing, f"keys without Italian: {missing}"


def test_plurals_are_real():
    for key, (english, italian) in TEXTS.items():
        assert "(s)" not in english and "(s)" not in italian and "(i)" not in italian, key
    assert IT.plural("import.errors", 1) == "1 errore" and IT.plural("import.errors", 2) == "2 errori"
    assert IT.plural("document.parts", 1) == "Inviato al gestionale in una parte"
    assert IT.plural("import.warnings", 1234) == "1.234 avvisi"


def test_the_wording_a_clerk_asked_for():
    italian = {key: it for key, (_, it) in TEXTS.items()}
    assert italian["dash.erp_idle"] == "Nessuna importazione in corso"
    assert italian["dash.section.watching"] == "Monitoraggio"
    assert italian["nav.data"] == "Dati del gestionale"
    assert (italian["document.history"], italian["document.step"]) == ("Cronologia", "Fase")
    assert not [key for key, text in italian.items() if re.search(r"\bsnapshot\b", text, re.I)]


def test_every_message_has_italian_with_the_pattern_s_own_names():
    for name, pattern, english, italian in MESSAGES:
        groups = set(re.compile(pattern).groupindex)
        assert italian.strip(), name
        assert set(re.findall(r"{(\w+)}", italian)) <= groups, name
        assert set(re.findall(r"{(\w+)}", english or "")) <= groups, name


@pytest.fixture
def rejected(store, settings, tmp_path):
    """The outcomes of the bad files, imported through the real pipeline one by one."""
    folder = tmp_path / "gestionale"
    folder.mkdir()
    outcomes = []
    for name, content in BAD_FILES.items():
        path = folder / name
        path.write_bytes(content)
        outcomes += import_batch(store, settings, [path])
    return outcomes


def test_every_message_of_the_import_checks_is_said_in_italian(rejected):
    said = []
    for outcome in rejected:
        lines = outcome.report_text().splitlines() + [outcome.message]
        lines += [problem.reason for problem in outcome.report.errors + outcome.report.warnings]
        for line in lines:
            assert find_message(line) is not None, f"no Italian for: {line}"
            said.append(IT.say(line))
    assert len(said) > 30
    joined = "\n".join(said)
    for english in ENGLISH_WORDS:
        assert not re.search(english, joined), (english, joined)
    assert "forse intendevi io_clifor_gen.dat" in joined and "chiave" in joined
    assert "altri 55 errori (155 in tutto; sono elencati i primi 100)" in joined
    assert "altri 52 avvisi (152 in tutto; sono elencati i primi 100)" in joined


def warning_codes() -> set[str]:
    """Every warning code the document checks and the price check can give (read from their source)."""
    codes = set()
    for module in (APPLIANCE / "documents" / "checks.py", APPLIANCE / "pricing" / "check.py"):
        for match in WARNING_CODE.findall(module.read_text(encoding="utf-8")):
            codes |= {code for code in match if code}
    return codes


def test_every_document_warning_is_said_in_italian(store, settings, tmp_path):
    """The document checks run on a small ERP export, each rule provoked once: every warning they give is in
    the messages table, said in Italian with numbers as money."""
    import_batch(store, settings, sorted(write_world(tmp_path / "export").glob("*.dat")))
    documents = [
        ("orders", {"cod_clifor": "C1", "righe": []}, "A1"),
        ("orders", {"cod_clifor": "ZZ9", "righe": [{"codice_articolo": "ART9", "qta": 3, "prezzo": 6}]}, "A1"),
        ("orders", {"cod_clifor": "C3", "cod_ditta": "1", "data_ordine": "2026-03-02", "righe": [
            {"codice_articolo": "ART1", "qta": 1, "prezzo": 1.5, "sconto_1": 50}]}, "A1"),
        ("orders", {"cod_clifor": "C2", "righe": []}, "A1"),
        ("lead-notes", {"cod_lead": "L9"}, ""),
    ]
    warnings = [w for kind, document, agent in documents for w in warnings_for(store, kind, document, agent_code=agent)]
    assert {w["code"] for w in warnings} == warning_codes()
    said = []
    for warning in warnings:
        assert find_message(warning["message"]) is not None, f"no Italian for: {warning['message']}"
        said.append(IT.say(warning["message"]))
    joined = "\n".join(said)
    for english in ENGLISH_WORDS:
        assert not re.search(english, joined), (english, joined)
    assert "prezzo 1,50 € sotto il prezzo minimo 5,00 €" in joined and "bloccato (7: Insoluti)" in joined


SERVICE_PROBLEMS = [  # as appliance/health.py, appliance/backups/work.py and the license seats write them
    "the data folder is not writable: C:\\ProgramData\\Appliance (disk full)",
    "the last backup failed: No space left on device",
    "the restore drill of the last backup failed: the archive is damaged",
    "no good backup for more than 2 days (last good: never)",
    "1 rejected file waits for an operator", "2 held files wait for an operator",
    "exchange folder D:\\Dropbox\\Exchange is missing", "gestionale/ is missing",
    "the HTTPS certificate expired on 2026-11-20: iPads cannot connect until it is renewed",
    "the imported HTTPS certificate expires on 2026-12-04 (1 day left): import its renewal",
    "HTTPS is on but has no certificate: iPads cannot connect",
    "1 active user of 'orders' has no seat (5 licensed) and is refused at login: mrossi. Disable users or get more "
    "seats.",
]


def test_every_service_problem_is_said_in_italian():
    for problem in SERVICE_PROBLEMS:
        assert find_message(problem) is not None, f"no Italian for: {problem}"
        italian = IT.say(problem)
        for english in ENGLISH_WORDS:
            assert not re.search(english, italian), (english, italian)
    one_day = "the imported HTTPS certificate expires on 2026-12-04 (1 day left): import its renewal"
    assert IT.say(one_day) == ("il certificato HTTPS importato scade il 04/12/2026 (ancora 1 giorno): "
                               "importa quello rinnovato")
    sources = "\n".join((APPLIANCE / name).read_text(encoding="utf-8")
                        for name in ("health.py", "backups/work.py", "licensing/status.py", "../tray/status.py"))
    for fragment in ("the data folder is not writable", "the last backup failed", "restore drill of the last backup",
                     "no good backup for more than", "waits for an operator", "refused at login",
                     "iPads cannot connect until it is renewed", "import its renewal", "but has no certificate"):
        assert fragment in sources, fragment  # the examples above still are what the service writes
