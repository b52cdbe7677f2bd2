// Sign-in: the device API's login, once; the session is then kept for offline use.

import { html } from '../html.js';
import { lang, setLang, t } from '../i18n.js';
import * as session from '../session.js';

export function render(root, params, ctx) {
  const kept = session.session();
  root.innerHTML = html`
    <form class="login" id="login" autocomplete="on">
      <h1>AppManager</h1>
      ${kept ? html`<p class="notice">${t('login.expired')}</p>` : ''}
      <label>${t('login.username')}
        <input name="username" data-testid="login-username" autocapitalize="none" autocorrect="off" required
               value="${kept ? kept.user.username : ''}" autocomplete="username"></label>
      <label>${t('login.password')}
        <input name="password" type="password" data-testid="login-password" required autocomplete="current-password"></label>
      <button class="button primary" type="submit" data-testid="login-submit">${t('login.submit')}</button>
      <p class="bad" id="login-error" role="alert"></p>
      <p class="langs">${['it', 'en'].map((code) => html`
        <button type="button" class="link${code === lang() ? ' active' : ''}" data-lang="${code}">${t(`lang.${code}`)}</button>`)}</p>
    </form>`.text;
  const form = root.querySelector('#login');
  for (const button of root.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => { setLang(button.dataset.lang, true); render(root, params, ctx); });
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = root.querySelector('#login-error');
    const submit = form.querySelector('button[type=submit]');
    error.textContent = '';
    submit.disabled = true;
    try {
      await session.signIn(form.username.value.trim(), form.password.value);
      await ctx.restart();
    } catch (failure) {
      error.textContent = failure.status === 0 ? t('login.offline')
        : failure.message === 'outbox' ? t('signout.refused') : failure.message;
      submit.disabled = false;
    }
  });
}
