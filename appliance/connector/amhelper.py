"""What differs between the AMHelper versions connectors are built on, and how each is served.

- Field names: the 2022 AMHelper (its public master) renamed five order fields. Every
  order record carries both spellings (`RENAMED_2022`; each version ignores the fields it
  does not know), so no setting is needed for them. `num_doc_aggiunta` has no classic
  counterpart the devices fill: it is always null.
- `data_ritiro`: classic AMHelper reads it as a date (`yyyy-MM-ddTHH:mm:ss`), the 2022
  one as a decimal and fails on a date. The project parameter `connector.amhelper_profile`
  (`classic` | `2022`) says which one the installation's connector is; for `2022` the
  pull API sends the pickup day as the number yyyyMMdd (20260302). The stored record
  keeps the date, so changing the parameter applies to every page served afterwards,
  entries already queued included.
"""

from __future__ import annotations

import re

from appliance.store.db import Store
from appliance.connector.params import PROFILE_PARAM
from appliance.store.params import project_values

PROFILES = ("classic", "2022")

# Per record type: (classic name or None, 2022 name), the 2022 name written right after the record's fields.
RENAMED_2022 = {"TestataOrdineExport": (("noteFattura", "des_note_fat"), ("noteConsegna", "des_note_cons"),
                                        ("noteGenerali", "des_note_gen"), ("flag_aggiunta", "flg_aggiunta"),
                                        (None, "num_doc_aggiunta"))}

# A member name is preceded by { or , in JSON text, never inside a string (where quotes are escaped).
_PICKUP_DATE = re.compile(rb'([{,])"data_ritiro":"(\d{4})-(\d{2})-(\d{2})T[0-9:.]*"')


def amhelper_profile(store: Store) -> str:
    """The installation's AMHelper profile (the project parameter, `classic` when unset)."""
    value = project_values(store).get(PROFILE_PARAM)
    return value if value in PROFILES else PROFILES[0]


def for_profile(body: bytes, profile: str) -> bytes:
    """A pull page's JSON as the profile's AMHelper parses it."""
    if profile != "2022":
        return body
    return _PICKUP_DATE.sub(rb'\1"data_ritiro":\2\3\4', body)
