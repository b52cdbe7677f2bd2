<h1>{{t('ipads.heading')}}</h1>
<p class="hint">{{t('ipads.intro')}}</p>
% if not tls['https_port']:
<p class="flash error" id="https-off">{{t('ipads.https_off')}}</p>
% end
<div class="columns">
<section id="ipad-links">
  % for name, link in links.items():
  <div class="qr-link" data-testid="link-{{name}}">
    <div class="qr" aria-hidden="true">{{!qr[name]}}</div>
    <div>
      <h2>{{t('ipads.link.' + name)}}</h2>
      <p class="mono"><a href="{{link}}" id="url-{{name}}">{{link}}</a></p>
    </div>
  </div>
  % end
</section>
<section id="ipad-steps">
  <h2>{{t('ipads.steps')}}</h2>
  <ol>
    <li>{{t('ipads.step1')}}</li>
    <li>{{t('ipads.step2')}}</li>
    <li>{{t('ipads.step3')}}</li>
    <li>{{t('ipads.step4')}}</li>
  </ol>
  <p class="hint">{{t('ipads.mdm')}}</p>
  <p class="hint">{{t('ipads.device_http.' + device_http)}}</p>
</section>
</div>
<div class="columns">
<section id="tls-certificate" class="card {{'good' if tls['state'] == 'ok' else 'warn'}}">
  <h2>{{t('ipads.certificate')}}</h2>
  <p class="big" id="tls-state">{{t('ipads.state.' + tls['state'])}}</p>
  <dl class="facts">
    % if tls['expires_at']:
    <dt>{{t('ipads.expires')}}</dt><dd id="tls-expires">{{when(tls['expires_at'])}}</dd>
    <dt>{{t('ipads.days_left')}}</dt><dd>{{number(tls['days_left'])}}</dd>
    <dt>{{t('ipads.source')}}</dt><dd>{{t('detail.source.' + tls['source']) if t.has('detail.source.' + tls['source']) else tls['source']}}: {{tls['issuer']}}</dd>
    <dt>{{t('ipads.names')}}</dt><dd class="mono" id="tls-names">{{', '.join(tls['names'])}}</dd>
    % end
  </dl>
  <p class="hint">{{t('ipads.names_hint')}}</p>
</section>
<section id="tls-import">
  <h2>{{t('ipads.import')}}</h2>
  <form method="post" action="{{url('ipads/import')}}" enctype="multipart/form-data" class="stack">
    {{!csrf_field()}}
    <label>{{t('ipads.file')}} <input type="file" name="certificate" accept=".pfx,.p12,.pem,.crt,.cer" required></label>
    <label>{{t('ipads.key')}} <input type="file" name="key" accept=".pem,.key"></label>
    <label>{{t('ipads.password')}} <input type="password" name="password" autocomplete="off"></label>
    <button class="primary" id="import-certificate">{{t('ipads.import_button')}}</button>
  </form>
  <p class="hint">{{t('ipads.import_hint')}}</p>
</section>
</div>
<section id="tls-check">
  <h2>{{t('ipads.check', host=host)}}</h2>
  % if checks:
  <div class="scroll"><table class="compact">
    <thead><tr><th>{{t('ipads.rule')}}</th><th>{{t('ipads.result')}}</th><th>{{t('ipads.detail')}}</th></tr></thead>
    <tbody>
    % for check in checks:
    <tr class="{{'good' if check['passed'] else 'bad'}}" data-testid="rule"><td>{{t.say(check['rule'])}}</td><td>{{t('ipads.pass') if check['passed'] else t('ipads.fail')}}</td><td>{{t.say(check['detail'])}}{{'' if check['passed'] else ' — ' + t.say(check['fix'])}}</td></tr>
    % end
    </tbody>
  </table></div>
  % else:
  <p class="hint">{{t('ipads.no_check')}}</p>
  % end
</section>
