"""Italian help of the parameters (English comes from the PARAMS registry itself).

A parameter without an entry here shows its English help in both languages.
"""

PARAM_TEXTS_IT = {
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
    "catalog.max_pixels": "Le immagini del catalogo più larghe o alte di così vengono ridotte "
                          "(2048 per schermi retina).",
}
