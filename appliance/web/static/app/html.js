// The one HTML-escaping helper: every screen builds its markup with `html`...`` so that
// data from the ERP is always escaped; `raw()` marks markup the app built itself.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

class Raw {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

/** Text made safe for element content and quoted attribute values. */
export function escape(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup the app wrote itself (or built with `html`): inserted as it is. */
export function raw(text) {
  return new Raw(text);
}

function part(value) {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === null || value === undefined || value === false) return '';
  return escape(value);
}

/** Tagged template: `html`<td>${name}</td>`` escapes every value; arrays are joined. */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => { out += part(value) + strings[i + 1]; });
  return new Raw(out);
}
