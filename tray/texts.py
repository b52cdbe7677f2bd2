"""The tray's words in English and Italian; the service's own messages (problems, the license state) are
said again through `appliance.messages`, the table the console uses too, so both speak alike."""

from __future__ import annotations

import locale

from appliance.messages import LANGUAGES, say

TEXTS = {
    "open_console": ("Open console", "Apri la console"),
    "open_exchange": ("Open exchange folder", "Apri la cartella di scambio"),
    "open_logs": ("Open logs folder", "Apri la cartella dei log"),
    "import_now": ("Import now", "Importa ora"),
    "resume": ("Resume watching", "Riprendi il monitoraggio"),
    "pause": ("Pause watching", "Metti in pausa il monitoraggio"),
    "about": ("About", "Informazioni"),
    "quit": ("Quit", "Esci"),
    "down": ("service not answering ({reason})", "il servizio non risponde ({reason})"),
    "paused": ("watching paused: files wait in the exchange folder",
               "monitoraggio in pausa: i file attendono nella cartella di scambio"),
    "license_in": ("license in {state}", "licenza in {state}"),
    "ok_none": ("OK, no import yet", "OK, nessuna importazione finora"),
    "ok_last": ("OK, last import {file} ({result})", "OK, ultima importazione {file} ({result})"),
    "ok_at": (" at {time}", " alle {time}"),
    "closed": ("Tray closed; the service keeps running.", "Icona chiusa; il servizio continua a funzionare."),
}
RESULTS_IT = {"imported": "importato", "skipped": "saltato", "rejected": "rifiutato", "held": "trattenuto"}


def system_language() -> str:
    """Italian on an Italian Windows or desktop, English otherwise."""
    name = (locale.getlocale()[0] or "").lower()
    return "it" if name.startswith("it") else "en"


class TrayWords:
    """`words(key, **params)` in one language; `words.say(message)` for a message of the service."""

    def __init__(self, language: str = "en"):
        self.language = language if language in LANGUAGES else "en"
        self._index = LANGUAGES.index(self.language)

    def __call__(self, key: str, **params) -> str:
        text = TEXTS[key][self._index]
        return text.format(**params) if params else text

    def say(self, message: str | None) -> str:
        return say(message, self.language)

    def result(self, name: str) -> str:
        return RESULTS_IT.get(name, name) if self.language == "it" else name
