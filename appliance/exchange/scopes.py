"""Who may see which rows: the scope of every ERP layout, declared in one table.

Scopes are written down per layout, never guessed from column names: the same name
means different things in different files (`COD_CLFOR` is a customer in io_art_ultven
and a supplier in io_art_ultacq), and some files spell the customer differently.

A scope is a list of rules; a row is visible when any rule lets it through. A rule
names a *subject* and the column(s) that hold it:

| subject    | a row belongs to                   | restricted for                  | the user sees                                   |
| ---------- | ---------------------------------- | ------------------------------- | ----------------------------------------------- |
| `everyone` | nobody in particular               | nobody                          | every row                                       |
| `customer` | a customer (company, type, code)   | users with an agent code, unless `app.show_all_customers` | his customers (io_clifor_age) and the template customers no other agent owns |
| `article`  | an article (company, code)         | agents with catalogs in io_cataloghi_agente | the articles of his catalogs (and their general prices and discounts) |
| `catalog`  | an agent catalog (company, code)   | agents with catalogs            | his catalogs                                    |
| `lead`     | a lead (company, code)             | users with an operator code     | the leads io_lead_accessi opens to him (or to the operators under him in io_lead_acccrm) |
| `agent`    | an agent code in the row           | users with an agent code        | rows with his agent code                        |
| `operator` | an operator code in the row        | users with an operator code     | rows with his operator code                     |

A user for whom none of a table's subjects is restricted sees the whole table (a user
without agent code sees everything). Rules of one table never overlap: a row matches
at most one of them. Customer rules match the party type too: suppliers
(TIPO_CLIFOR = 1) are never an agent's customers; files without a type column hold
customers only. Each scope also names the app module a user needs to receive the
table at all (None: every user).
"""

from __future__ import annotations

from dataclasses import dataclass

SUBJECTS = ("everyone", "customer", "article", "catalog", "lead", "agent", "operator")
Condition = tuple[str, str | None]  # (column, value); None: the column is empty
MEMBER_SUBJECTS = ("customer", "article", "catalog", "lead")  # kept as per-user sets
CUSTOMER, SUPPLIER = 0, 1


@dataclass(frozen=True)
class Rule:
    """One way a row can be visible.

    `column` holds the subject's code; `company` the company column (None: the file has
    none); `party_type` the customer type column, or a fixed type for files without one;
    `when` limits the rule to rows that meet every one of its conditions.
    """

    subject: str
    column: str | None = None
    company: str | None = "COD_DITTA"
    party_type: str | int = CUSTOMER
    when: tuple[Condition, ...] = ()

    @property
    def is_member(self) -> bool:
        return self.subject in MEMBER_SUBJECTS


@dataclass(frozen=True)
class Scope:
    """The rules of one table and the module a user needs to receive it."""

    rules: tuple[Rule, ...]
    module: str | None = "consultation"

    @property
    def subjects(self) -> set[str]:
        return {rule.subject for rule in self.rules}


def everyone(module: str | None = "consultation") -> Scope:
    return Scope((Rule("everyone"),), module)


def by_customer(column: str = "COD_CLIFOR", party_type: str | int = "TIPO_CLIFOR", *,
                general: bool = False) -> Scope:
    """Rows of one customer; `general`: rows with the customer column empty go to everyone."""
    rule = Rule("customer", column, party_type=party_type)
    if general:
        return Scope((Rule("everyone", when=((column, None),)), rule))
    return Scope((rule,))


def by_customer_and_article(customer: str = "COD_CLIFOR", article: str = "COD_ART") -> Scope:
    """Prices and discounts: a customer's rows go with the customer; general rows (no customer)
    go with their article (limited by the agent's catalogs); rows for no article to everyone."""
    general = (customer, None)
    return Scope((Rule("everyone", when=(general, (article, None))),
                  Rule("article", article, when=(general,)),
                  Rule("customer", customer, party_type="TIPO_CLIFOR")))


def by_article(column: str = "COD_ART", module: str = "consultation") -> Scope:
    return Scope((Rule("article", column),), module)


def by_lead(column: str = "COD_LEAD", *, general: bool = False) -> Scope:
    rule = Rule("lead", column)
    rules = (Rule("everyone", when=((column, None),)), rule) if general else (rule,)
    return Scope(rules, "crm")


def by_code(subject: str, column: str, module: str | None, *, general: bool = False,
            company: str | None = "COD_DITTA") -> Scope:
    """Rows carrying the user's own agent or operator code (`general`: or none)."""
    rule = Rule(subject, column, company=company)
    rules = (Rule("everyone", when=((column, None),)), rule) if general else (rule,)
    return Scope(rules, module)


def _custom_fields() -> Scope:
    """io_custom_fields: CONTESTO says what COD_EXT is (customer, supplier, product or lead)."""
    return Scope((
        Rule("customer", "COD_EXT", party_type=CUSTOMER, when=(("CONTESTO", "clienti"),)),
        Rule("customer", "COD_EXT", party_type=SUPPLIER, when=(("CONTESTO", "fornitori"),)),
        Rule("article", "COD_EXT", when=(("CONTESTO", "prodotti"),)),
        Rule("lead", "COD_EXT", when=(("CONTESTO", "leads"),)),
    ))


SCOPES: dict[str, Scope] = {
    # customers and everything that hangs off them
    "io_clifor_gen": by_customer(),
    "io_clifor_age": by_customer(),
    "io_clifor_blo": by_customer(),
    "io_clifor_dest": by_customer(),
    "io_clifor_detcon": by_customer(),
    "io_clifor_fatt": by_customer(),
    "io_clifor_note": by_customer(),
    "io_clifor_oper": by_customer(),
    "io_clifor_testdoc": by_customer(),
    "io_clifor_righdoc": by_customer(),
    "io_clifor_scadoc": by_customer(),
    "io_clifor_esclusioni": by_customer(),
    "io_clifor_girovisita": by_customer(party_type=CUSTOMER),  # no type column: customers only
    "io_stoart": by_customer(party_type=CUSTOMER),
    "io_art_ultven": by_customer("COD_CLFOR", party_type=CUSTOMER),  # last sale price: a customer
    "io_clienti_assortimenti": by_customer(party_type=CUSTOMER),
    "io_taglie_estensioni": by_customer("COD_CLIENTE", party_type=CUSTOMER, general=True),
    "io_listini_full": by_customer_and_article(),
    "io_sconti": by_customer_and_article(),
    "io_custom_fields": _custom_fields(),
    # articles (limited to the agent's catalogs when he has any)
    "io_art": by_article(),
    "io_art_lang": by_article(),
    "io_art_um": by_article(),
    "io_art_barcode": by_article(),
    "io_art_conf": by_article(),
    "io_art_matrici": by_article(),
    "io_art_ultacq": by_article(),  # COD_CLFOR here is the supplier: not a customer scope
    "io_giacenze": by_article("COD_ARTICOLO"),
    "io_articoli_assortimenti": by_article(),
    "io_taglie_sviluppi_art": by_article("COD_ARTICOLO"),
    "io_regole": by_article("COD_ARTICOLO"),
    "io_var_combinazioni": by_article("COD_ARTICOLO"),
    # agent catalogs
    "io_cataloghi": Scope((Rule("catalog", "COD_CATALOGO"),)),
    "io_taglie_cataloghi": Scope((Rule("catalog", "COD_CATALOGO"),)),
    "io_cataloghi_art": Scope((Rule("catalog", "COD_CATALOGO"),)),
    "io_taglie_cataloghi_art": Scope((Rule("catalog", "COD_CATALOGO"),)),
    "io_cataloghi_agente": by_code("agent", "COD_AGENTE", "consultation"),
    "io_agenti_esclusioni": by_code("agent", "COD_AGENTE", "consultation"),
    "io_reports": by_code("agent", "COD_AGENTE", "reports", general=True, company=None),
    "io_catalogo": everyone("catalog"),
    # leads and CRM
    "io_leads": by_lead(),
    "io_lead_detcon": by_lead(),
    "io_lead_note": by_lead(),
    "io_lead_testoff": by_lead(),
    "io_lead_righoff": by_lead(),
    "io_lead_sconti": by_lead(general=True),
    "io_attivita": by_lead(),
    "io_lead_accessi": by_code("operator", "COD_OPERATORE", "crm"),
    "io_lead_acccrm": by_code("operator", "COD_OPERATORE", "crm"),
    "io_campagne_operatore": by_code("operator", "COD_OPERATORE", "crm"),
    "io_campagne": everyone("crm"),
    "io_canali_vendita": everyone("crm"),
    "io_lead_cate": everyone("crm"),
    "io_lead_concorrenti": everyone("crm"),
    "io_lead_fonti": everyone("crm"),
    "io_lead_interessi": everyone("crm"),
    "io_lead_mansioni": everyone("crm"),
    "io_lead_mod_acquisizione": everyone("crm"),
    "io_lead_settori": everyone("crm"),
    "io_tipi_attivita": everyone("crm"),
    # reference tables every user needs
    "io_agenti": everyone(None),
    "io_citta": everyone(None),
    "io_nazioni": everyone(None),
    "io_porto": everyone(None),
    "io_condpag": everyone(None),
    "io_condpag_lang": everyone(None),
    "io_valute": everyone(None),
    "io_info": everyone(None),
    "io_magazzini": everyone(None),
    "io_clifor_cate": everyone(),
    "io_classi_sconto": everyone(),
    "io_mod_sped": everyone(),
    # sizes, colours and assortments
    "io_assortimenti": everyone(),
    "io_taglie_assortimenti": everyone(),
    "io_taglie_sviluppi": everyone(),
    "io_liste_colori": everyone(),
    "io_liste_materiali": everyone(),
}

# Indexes the per-user sets are computed with, and the uploads' checks look rows up by (besides
# one per rule column). These exist from a table's first load on.
LOOKUP_INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
    "io_art": (("COD_ART",),),  # every uploaded order's lines
    "io_clifor_age": (("COD_AGE",),),
    "io_clifor_gen": (("FLG_NEW_CLIFOR",),),
    "io_cataloghi_art": (("COD_CATALOGO",),),
    "io_taglie_cataloghi_art": (("COD_CATALOGO",),),
    "io_listini_full": (("COD_ART",),),  # the price check of every uploaded order line
    "io_sconti": (("COD_ART",),),
    "io_art_um": (("COD_ART",),),
}


def scope_of(table: str) -> Scope | None:
    """The declared scope of a table; None for tables devices never receive."""
    return SCOPES.get(table)


def index_columns(table: str) -> list[tuple[str, ...]]:
    """The columns to index on an ERP table so that scope checks never scan it."""
    scope = SCOPES.get(table)
    wanted: list[tuple[str, ...]] = list(LOOKUP_INDEXES.get(table, ()))
    for rule in scope.rules if scope else ():
        if rule.column and (rule.column,) not in wanted:
            wanted.append((rule.column,))
    return wanted
