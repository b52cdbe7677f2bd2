"""Every text of the console: key -> (English, Italian). Placeholders are {named}.

The texts live in three modules by area (the frame and dashboard, the pages about the
appliance's work, the administration pages) plus the Italian help of the parameters.
Messages from the appliance's own checks (import checks, document checks, service problems,
the license state) come from the domain in English, for the API and the log; the console says
them again from `appliance.messages` (`t.say(message)`). A key ending in `.one` / `.other` is said
with `t.plural(key, n)`.
"""

from appliance.web.console.param_texts import PARAM_TEXTS_IT
from appliance.web.console.texts_admin import ADMIN_TEXTS
from appliance.web.console.texts_backups import BACKUP_TEXTS
from appliance.web.console.texts_details import DETAIL_TEXTS
from appliance.web.console.texts_frame import FRAME_TEXTS
from appliance.web.console.texts_tls import TLS_TEXTS
from appliance.web.console.texts_work import WORK_TEXTS

TEXTS: dict[str, tuple[str, str]] = {
    **FRAME_TEXTS, **WORK_TEXTS, **ADMIN_TEXTS, **TLS_TEXTS, **BACKUP_TEXTS, **DETAIL_TEXTS,
    **{f"param.{key}": ("", text) for key, text in PARAM_TEXTS_IT.items()},
}
