// What the customer card offers for orders and notes: a new order, a new offer, a new note.

import { html } from '../html.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import '../texts-orders.js';

/** The customer card's buttons (new order and offer when the user has the orders module; a note always). */
export function cardActions(customer) {
  const code = encodeURIComponent(customer.COD_CLIFOR);
  const orders = session.hasModule('orders');
  return html`<div class="toolbar card-actions">
    ${orders ? html`<a class="button primary" data-testid="new-order" href="#/order/new/${code}">${t('order.new')}</a>
      <a class="button" data-testid="new-offer" href="#/order/new/${code}/offer">${t('order.new_offer')}</a>` : ''}
    <a class="button" data-testid="new-note" href="#/form/customer-note/${code}">${t('form.new_note')}</a></div>`;
}
