// Numbers, money and dates for display. Quantities and amounts are decimal strings (as the
// sync keeps them): they are rounded and summed as scaled integers, never as doubles.

import { lang } from './i18n.js';

function scaled(text, places) {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(String(text ?? '0').trim());
  if (!match) return 0n;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let digits = (whole || '0') + fraction;
  let point = (whole || '0').length + Number(exponent);
  if (point < 0) { digits = '0'.repeat(-point) + digits; point = 0; }
  digits = digits.padEnd(point + places + 1, '0');
  const kept = BigInt(digits.slice(0, point + places) || '0');
  const rounded = Number(digits[point + places]) >= 5 ? kept + 1n : kept; // half away from zero
  return sign ? -rounded : rounded;
}

function unscaled(value, places) {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = places ? digits.slice(-places) : '';
  return { negative, whole, fraction };
}

/** A decimal string rounded to `places` (default 2) and written the user's way (1.234,50 / 1,234.50). */
export function decimal(text, places = 2) {
  if (text === undefined || text === null || text === '') return '';
  const { negative, whole, fraction } = unscaled(scaled(text, places), places);
  const italian = lang() === 'it';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, italian ? '.' : ',');
  const written = fraction ? `${grouped}${italian ? ',' : '.'}${fraction}` : grouped;
  return negative && /[1-9]/.test(whole + fraction) ? `-${written}` : written;
}

/** An amount with its currency sign (EUR as €). */
export function money(text, currency = 'EUR', places = 2) {
  if (text === undefined || text === null || text === '') return '';
  const sign = !currency || currency === 'EUR' ? '€' : currency;
  return `${decimal(text, places)} ${sign}`;
}

/** The exact sum of decimal strings, as a decimal string with `places` digits. */
export function sum(texts, places = 2) {
  const total = texts.reduce((acc, text) => acc + scaled(text, places), 0n);
  const { negative, whole, fraction } = unscaled(total, places);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A decimal string as a double, only for drawing (chart bars), never for amounts. */
export function approx(text) {
  return Number(text) || 0;
}

/** A YYYY-MM-DD date (or date-time) written the user's way. */
export function date(text) {
  if (!text) return '';
  const [y, m, d] = String(text).slice(0, 10).split('-');
  return lang() === 'it' ? `${d}/${m}/${y}` : `${d}/${m}/${y}`;
}

/** An ISO instant as local HH:MM. */
export function time(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

/** Today as YYYY-MM-DD in the device's time zone. */
export function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A size in bytes as kB / MB / GB. */
export function bytes(size) {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = Number(size) || 0;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit += 1; }
  return `${decimal(value.toFixed(unit ? 1 : 0), unit ? 1 : 0)} ${units[unit]}`;
}

/** A whole number with thousands separators. */
export function count(number) {
  return decimal(String(number), 0);
}
