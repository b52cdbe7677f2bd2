"""Italian help of the parameters (English comes from the PARAMS registry itself).

A parameter without an entry here shows its English help in both languages.
"""

PARAM_TEXTS_IT = {
    "app.offer_order_type": "Il codice tipo ordine del gestionale (ext_cod_tipo_ord) che l'app mette su un'offerta, "
                            "perché il gestionale la registri come offerta e non come ordine.",
    "app.discounts_count": "Campi sconto per riga d'ordine nell'app.",
    "orders.delivery_days": "La data di consegna di un nuovo ordine è oggi più questi giorni.",
    "app.stale_sync_days": "La console elenca gli agenti i cui dispositivi non si sincronizzano da più di questi "
                           "giorni.",
    "app.qty_decimals": "Decimali mostrati e accettati per le quantità.",
    "app.price_decimals": "Decimali mostrati e accettati per i prezzi.",
    "app.min_price_blocks": "Un prezzo sotto il minimo dell'articolo blocca la riga (altrimenti è solo un avviso).",
    "app.max_discount_blocks": "Uno sconto oltre il massimo consentito blocca la riga (altrimenti è solo un avviso).",
    "app.min_qty_blocks": "Una quantità sotto il minimo dell'articolo blocca la riga (altrimenti è solo un avviso).",
    "app.show_stock": "Mostra la giacenza degli articoli.",
    "app.show_all_customers": "Gli agenti vedono tutti i clienti, non solo i propri.",
    "app.history_second_um": "Lo storico vendite mostra le quantità nella seconda unità di misura.",
    "app.allow_price_change": "Gli agenti possono cambiare il prezzo di una riga d'ordine.",
    "app.check_package_qty": "Le quantità devono essere multipli della confezione dell'articolo.",
    "app.show_availability": "Mostra la disponibilità degli articoli (giacenza meno ordinato).",
    "app.show_last_purchase_price": "Mostra l'ultimo prezzo d'acquisto dell'articolo da parte del cliente.",
    "app.show_last_recorded_price": "Mostra l'ultimo prezzo registrato per cliente e articolo.",
    "app.allow_discount_change": "Gli agenti possono cambiare gli sconti di una riga d'ordine.",
    "orders.split_by_family": "Divide un ordine in uno per famiglia di articoli.",
    "orders.split_by_delivery_date": "Divide un ordine in uno per data di consegna.",
    "orders.split_by_destination": "Divide un ordine in uno per destinazione.",
    "orders.split_by_perishability": "Divide un ordine in uno per codice di deperibilità.",
    "orders.line_order": "Ordine delle righe di un ordine ricevuto: come inserite o per descrizione articolo.",
    "export.legacy_files": "Scrive anche ogni ordine come file legacy nella cartella appmanager/ dello scambio.",
    "validate.orders": "Un operatore convalida ogni ordine prima che arrivi al gestionale.",
    "validate.customers": "Un operatore convalida ogni nuovo cliente prima che arrivi al gestionale.",
    "validate.customer_notes": "Un operatore convalida ogni nota cliente prima che arrivi al gestionale.",
    "validate.leads": "Un operatore convalida ogni lead prima che arrivi al gestionale.",
    "validate.lead_notes": "Un operatore convalida ogni nota lead prima che arrivi al gestionale.",
    "connector.amhelper_profile": "La versione di AMHelper su cui è costruito il connettore del gestionale: "
                                  "classic, o 2022 (la sua master dal 2022, che legge la data di ritiro "
                                  "data_ritiro come numero aaaammgg).",
    "catalog.max_pixels": "Le immagini del catalogo più larghe o alte di così vengono ridotte "
                          "(2048 per schermi retina).",
    "pricing.specificity": "Tra le righe di listino conta prima il livello del soggetto (cliente, classe, "
                           "listino...) o quello dell'articolo (articolo, gruppo, famiglia...).",
    "pricing.priority_wins": "Quale PRIORITA vince tra righe di prezzo o sconto valide: il numero più alto o il "
                             "più basso.",
    "pricing.priority_position": "PRIORITA decide tra righe ugualmente specifiche, oppure prevale sulla specificità.",
    "pricing.validity_date": "La data che seleziona le righe di prezzo e sconto valide: data ordine o data consegna.",
    "pricing.break_unit": "Gli scaglioni di quantità si leggono nell'unità principale dell'articolo o in quella "
                          "della riga.",
    "pricing.rounding": "L'importo di riga è quantità per prezzo netto esatto arrotondato una volta (riga), o "
                        "quantità per prezzo netto arrotondato (unitario).",
    "pricing.unit_decimals": "Decimali del prezzo netto unitario di una riga.",
    "pricing.amount_decimals": "Decimali di importi e IVA (2 per l'euro).",
    "pricing.vat_rate": "Aliquota IVA in percentuale quando né il cliente né l'articolo ne indicano una "
                        "(ALIQUOTA_IVA).",
    "pricing.customer_discounts": "Applica gli sconti dell'anagrafica cliente (SCO_PERC1-6) quando né la riga di "
                                  "listino né io_sconti ne danno.",
    "pricing.article_price_fallback": "Senza una riga di listino valida, il prezzo è PREZZO_RETAIL di io_art.",
}
