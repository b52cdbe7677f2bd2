<h1>{{t('license.heading')}}</h1>
<div class="columns">
<section id="license-state" class="card {{'good' if license['state'] == 'valid' else 'warn'}}">
  <h2>{{t('license.state')}}</h2>
  <p class="big" id="license-state-name">{{t('license.state.' + license['state'])}}</p>
  <p>{{t.say(license['message'])}}</p>
  % for warning in license['warnings']:
  <p class="flash error">{{t.say(warning)}}</p>
  % end
  <dl class="facts">
    % if license['customer']:
    <dt>{{t('license.customer')}}</dt><dd id="license-customer">{{license['customer']}}</dd>
    <dt>{{t('license.project')}}</dt><dd>{{license['project']}}</dd>
    <dt>{{t('license.id')}}</dt><dd>{{license['license_id']}}</dd>
    <dt>{{t('license.valid_from')}}</dt><dd>{{day(license['not_before'])}}</dd>
    <dt>{{t('license.expires')}}</dt><dd>{{day(license['expires_at']) if license['expires_at'] else t('license.no_end')}}</dd>
    % if license['last_grace_day']:
    <dt>{{t('license.grace_until')}}</dt><dd>{{day(license['last_grace_day'])}}</dd>
    % end
    <dt>{{t('license.bound_to')}}</dt><dd class="mono">{{license['machine'] or t('license.any_server')}}</dd>
    <dt>{{t('license.key')}}</dt><dd class="mono">{{license['kid']}}</dd>
    % end
    <dt>{{t('license.devices_per_user')}}</dt><dd>{{license['devices_per_user']}}</dd>
    <dt>{{t('license.modules')}}</dt><dd>{{', '.join(t('module.' + m) if t.has('module.' + m) else m for m in license['modules'])}}</dd>
  </dl>
</section>
<section id="fingerprint-box">
  <h2>{{t('license.fingerprint')}}</h2>
  <p class="fingerprint mono" id="fingerprint">{{fingerprint}}</p>
  <p class="hint">{{t('license.fingerprint_hint')}}</p>
  <h2>{{t('license.install')}}</h2>
  <form method="post" action="{{url('license')}}" enctype="multipart/form-data" class="stack">
    {{!csrf_field()}}
    <label>{{t('license.file')}} <input type="file" name="license" accept=".lic,text/plain" required></label>
    <button class="primary" id="install-license">{{t('license.install_button')}}</button>
  </form>
  <p class="hint">{{t('license.install_hint')}}</p>
</section>
</div>
<section id="license-seats">
  <h2>{{t('users.seats')}}</h2>
  <div class="scroll"><table class="compact">
    <thead><tr><th>{{t('users.profile')}}</th><th class="num">{{t('users.licensed')}}</th><th class="num">{{t('users.active')}}</th><th class="num">{{t('users.available')}}</th></tr></thead>
    <tbody>
    % for name, pool in license['seats'].items():
    <tr><td>{{t('profile.' + name) if name in profiles else t('users.pool.' + name)}}</td><td class="num">{{pool['licensed']}}</td><td class="num">{{pool['active']}}</td><td class="num">{{pool['available']}}</td></tr>
    % end
    </tbody>
  </table></div>
</section>
