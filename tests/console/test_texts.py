"""Every text the console shows exists in English and in Italian."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from appliance.accounts import PARAMS
from appliance.accounts.login import REASONS as LOGIN_REASONS
from appliance.console.signin import REASONS as SIGN_IN_REASONS
from appliance.documents.kinds import KINDS
from appliance.folderwatch.watcher import MISSING, POLLING, STOPPED, WATCHING
from appliance.ingest.outcome import RESULTS
from appliance.licensing.state import STATES
from appliance.web.console.i18n import LANGUAGES, Translator, choose_language
from appliance.web.console.texts import TEXTS

TEMPLATES = resources.files("appliance.web").joinpath("templates", "console")
CODE = Path(__file__).resolve().parents[2] / "appliance" / "web" / "console"
LITERAL_IN_TEMPLATE = re.compile(r"\bt\('([a-z_.]+)'[,)]")
MENU_ENTRY = re.compile(r'\("(\w+)", "[\w-]*"\)')
LITERAL_IN_CODE = re.compile(r"\b(?:title|ok|error_key|notice)=\"([a-z_.]+)\"|Refusal\(\d+, \"([a-z_.]+)\"|"
                             r"\"(sign_in\.(?:expired|signed_out))\"")


def used_keys() -> set[str]:
    keys = set()
    for template in TEMPLATES.iterdir():
        keys |= set(LITERAL_IN_TEMPLATE.findall(template.read_text(encoding="utf-8")))
    for module in CODE.glob("*.py"):
        for match in LITERAL_IN_CODE.findall(module.read_text(encoding="utf-8")):
            keys |= {key for key in match if key}
    keys |= {f"doc.kind.{name}" for name in KINDS}
    menu = TEMPLATES.joinpath("layout.tpl").read_text(encoding="utf-8")
    keys |= {f"nav.{name}" for name in MENU_ENTRY.findall(menu)}
    keys |= {f"result.{name}" for name in RESULTS} | {f"license.state.{name}" for name in STATES}
    keys |= {f"dash.status.{name}" for name in ("ok", "degraded")}
    keys |= {f"dash.folder.{name}" for name in (WATCHING, POLLING, MISSING, STOPPED)}
    keys |= {f"rules.source.{name}" for name in ("default", "project", "user")}
    keys |= {f"rules.group.{p.key.partition('.')[0]}" for p in PARAMS}
    keys |= {f"choice.{choice}" for p in PARAMS for choice in p.choices}
    keys |= {f"reason.{name}" for name in (*LOGIN_REASONS, *SIGN_IN_REASONS)}
    keys |= {f"sign_in.{name}" for name in SIGN_IN_REASONS if name != "bad_setup_code"}
    keys |= {f"setup.{name}" for name in ("bad_setup_code", "throttled", "done")}
    keys |= {f"severity.{name}" for name in ("error", "warning")}
    keys |= {f"users.seat.{name}" for name in ("yes", "no", "none")} | {"users.pool.evaluation"}
    return keys


def test_every_text_used_exists_in_both_languages():
    keys = used_keys()
    assert len(keys) > 250
    missing = sorted(key for key in keys if key not in TEXTS)
    assert not missing, f"texts missing from texts.py: {missing}"
    for key in keys:
        english, italian = TEXTS[key]
        assert english.strip() and italian.strip(), key


def test_every_parameter_has_italian_help():
    for definition in PARAMS:
        assert TEXTS[f"param.{definition.key}"][1].strip(), definition.key


def test_placeholders_match_between_languages():
    for key, (english, italian) in TEXTS.items():
        if english:
            assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", italian)), key


def test_the_language_comes_from_the_switch_then_the_browser():
    assert choose_language(None, "it-IT,it;q=0.9,en;q=0.8") == "it"
    assert choose_language(None, "de-DE,de;q=0.9,it;q=0.5,en;q=0.7") == "en"
    assert choose_language(None, "fr-FR") == "en"
    assert choose_language("it", "en-US") == "it"
    assert choose_language("xx", "it") == "it"
    assert Translator("it")("dash.pending", n=3) == "3 in attesa"
    assert set(LANGUAGES) == {"en", "it"}
