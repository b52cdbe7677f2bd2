"""The ERP connector's key (on the Rules page): where it is kept, and replacing it.

The key itself is a secret and is never shown in a page; an administrator reads it on
the server with `appliance connector-key` to enter it in the connector.
"""

from __future__ import annotations

import logging

from appliance.connector.key import rotate_key
from appliance.web.console.context import Console
from appliance.web.console.forms import act
from appliance.web.console.render import current_session

log = logging.getLogger("appliance.console")


def rotate_connector_key(console: Console):
    log.info("console: %s replaced the connector key", current_session().username)
    act(console, lambda: rotate_key(console.paths), then="rules#connector", ok="connector.rotated")


ROUTES = (
    # method  path                          handler               options
    ("POST", "/rules/connector-key/rotate", rotate_connector_key, {}),  # connectors with the old key get 401
)
