"""ERP data: the loaded tables, one table page by page with a search, one row in full."""

from __future__ import annotations

from appliance.errors import NotFoundError
from appliance.exchange.layouts import registry
from appliance.store.erp import list_tables, table_state
from appliance.store.erp_browser import browse, count_rows, get_row, main_columns
from appliance.web.console.context import Console
from appliance.web.console.forms import query
from appliance.web.console.render import page


def tables_page(console: Console):
    return page(console, "data_tables", title="data.title", section="data", tables=list_tables(console.store),
                titles=_titles())


def table_page(console: Console, table: str):
    state, columns = _table(console, table)
    search, deleted = query("q"), query("deleted") == "1"
    rows = browse(console.store, table, columns, search=search, deleted=deleted,
                  after=query("after") or None, before=query("before") or None)
    matches = count_rows(console.store, table, columns, search=search, deleted=deleted) if search else None
    return page(console, "data_table", title="data.title", section="data", table=table, state=state,
                title_text=_titles().get(table, ""), rows=rows, search=search, deleted=deleted, matches=matches)


def row_page(console: Console, table: str):
    state, _ = _table(console, table)
    row = get_row(console.store, table, query("key"))
    if row is None:
        raise NotFoundError(f"{table} has no row with the key '{query('key')}'.")
    return page(console, "data_row", title="data.title", section="data", table=table, state=state, row=row)


# Menu entries of this page module: (text key under nav., path).
MENU = (("data", "data"),)

ROUTES = (
    # method  path              handler      options
    ("GET",  "/data",           tables_page, {}),
    ("GET",  "/data/<table>",   table_page,  {}),   # ?q=search&after=KEY|before=KEY&deleted=1
    ("GET",  "/data/<table>/row", row_page,  {}),   # ?key=ROW KEY (keys may hold any character)
)


def _table(console: Console, table: str) -> tuple[dict, list[str]]:
    state = table_state(console.store, table)
    if state is None:
        raise NotFoundError(f"There is no ERP table '{table}'. The ERP data page lists the loaded tables.")
    return state, main_columns([tuple(column) for column in state["columns"]])


def _titles() -> dict[str, str]:
    return {name: layout.title for name, layout in registry().items()}
