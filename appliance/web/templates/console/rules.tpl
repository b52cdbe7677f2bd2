% if username:
<p class="crumbs"><a href="{{url('rules')}}">{{t('rules.heading')}}</a> › <a href="{{url('users/' + q(username))}}">{{username}}</a> ›</p>
<h1>{{t('rules.user_heading', user=username)}}</h1>
<p class="hint">{{t('rules.user_intro')}}</p>
% action = url('rules/users/' + q(username))
% own_source = 'user'
% else:
<h1>{{t('rules.heading')}}</h1>
<p class="hint">{{t('rules.intro')}}</p>
% action = url('rules')
% own_source = 'project'
% end
% for group, rows in groups:
<section class="group" id="group-{{group}}">
  <h2>{{t('rules.group.' + group) if t.has('rules.group.' + group) else group}}</h2>
  <form method="post" action="{{action}}" class="params" data-guard="{{t('rules.unsaved')}}">
    {{!csrf_field()}}
    % for row in rows:
    % key = row['key']
    % low, high = limits.get(key, (None, None))
    % default = str(row['default']).lower() if row['kind'] == 'bool' else str(row['default'])
    % default = t('common.' + default) if row['kind'] == 'bool' else t('choice.' + default) if t.has('choice.' + default) else default
    <input type="hidden" name="key" value="{{key}}">
    <div class="param {{'changed' if row['source'] == own_source else ''}}" data-key="{{key}}">
      <label for="p-{{key}}">{{t('param.' + key) if lang == 'it' and t.has('param.' + key) else row['help']}}</label>
      <div class="control">
        % if row['kind'] == 'bool':
        <input type="hidden" name="p:{{key}}" value="false">
        <input type="checkbox" class="toggle" id="p-{{key}}" name="p:{{key}}" value="true"{{!' checked' if row['value'] else ''}}>
        % elif row['kind'] == 'choice':
        <select id="p-{{key}}" name="p:{{key}}">
          % for choice in row['choices']:
          <option value="{{choice}}"{{!' selected' if choice == row['value'] else ''}}>{{t('choice.' + choice) if t.has('choice.' + choice) else choice}}</option>
          % end
        </select>
        % elif row['kind'] == 'text':
        <input type="text" id="p-{{key}}" name="p:{{key}}" value="{{row['value']}}" minlength="{{low}}" maxlength="{{high}}" required>
        % else:
        <input type="number" id="p-{{key}}" name="p:{{key}}" value="{{row['value']}}" min="{{'' if low is None else low}}" max="{{'' if high is None else high}}" required>
        % end
      </div>
      <p class="meta"><code>{{key}}</code> · <span class="source {{row['source']}}">{{t('rules.source.' + row['source'])}}</span>{{'' if row['source'] == 'default' else ' · ' + t('rules.default', value=default)}}
        % if row['source'] == own_source:
        <button name="reset" value="{{key}}" class="quiet">{{t('rules.reset')}}</button>
        % end
      </p>
    </div>
    % end
    <p class="actions"><button class="primary">{{t('common.save')}}</button> <span class="unsaved" hidden>{{t('rules.unsaved')}}</span></p>
  </form>
</section>
% end
% if transcodings is not None:
<section class="group" id="paytrans">
  <h2>{{t('paytrans.heading')}}</h2>
  <p class="hint">{{t('paytrans.intro')}}</p>
  % if transcodings:
  <div class="scroll"><table class="compact" id="paytrans-table">
    <thead><tr><th>{{t('paytrans.from')}}</th><th>{{t('paytrans.to')}}</th><th>{{t('data.updated')}}</th><th></th></tr></thead>
    <tbody>
    % for entry in transcodings:
    <tr>
      <td class="mono">{{entry['from_code']}}</td><td class="mono">{{entry['to_code']}}</td><td>{{when(entry['changed_at'])}}</td>
      <td>
        <form method="post" action="{{url('rules/paytrans/remove')}}" data-confirm="{{t('paytrans.confirm_remove', code=entry['from_code'])}}">
          {{!csrf_field()}}<input type="hidden" name="from_code" value="{{entry['from_code']}}">
          <button class="danger">{{t('paytrans.remove')}}</button>
        </form>
      </td>
    </tr>
    % end
    </tbody>
  </table></div>
  % else:
  <p class="empty">{{t('paytrans.none')}}</p>
  % end
  <form method="post" action="{{url('rules/paytrans')}}" class="inline" id="paytrans-add">
    {{!csrf_field()}}
    <label>{{t('paytrans.from')}} <input name="from_code" required maxlength="50" value="{{kept.get('from_code', '')}}"></label>
    <label>{{t('paytrans.to')}} <input name="to_code" required maxlength="50" value="{{kept.get('to_code', '')}}"></label>
    <p class="actions"><button class="primary">{{t('common.save')}}</button> <span class="unsaved" hidden>{{t('rules.unsaved')}}</span></p>
  </form>
</section>
<section class="group" id="logo">
  <h2>{{t('logo.heading')}}</h2>
  <p class="hint">{{t('logo.intro')}}</p>
  % if has_logo:
  <p><img id="logo-preview" src="{{url('rules/logo.png')}}" alt="{{t('logo.heading')}}" class="logo-preview"></p>
  % else:
  <p class="empty">{{t('logo.none')}}</p>
  % end
  <form method="post" action="{{url('rules/logo')}}" enctype="multipart/form-data" class="inline" id="logo-upload">
    {{!csrf_field()}}
    <label>{{t('logo.file')}} <input type="file" name="logo" accept="image/png,image/jpeg" required></label>
    <p class="actions"><button class="primary">{{t('logo.upload')}}</button></p>
  </form>
</section>
<section class="group" id="connector">
  <h2>{{t('connector.heading')}}</h2>
  <p>{{t('connector.intro')}} <code>{{key_file}}</code></p>
  <p class="hint">{{t('connector.read_it')}} <code>appliance connector-key</code></p>
  <form method="post" action="{{url('rules/connector-key/rotate')}}" data-confirm="{{t('connector.confirm_rotate')}}">
    {{!csrf_field()}}<button class="danger" id="rotate-key">{{t('connector.rotate')}}</button>
  </form>
</section>
% end
% if users:
<section id="per-user">
  <h2>{{t('rules.per_user')}}</h2>
  <p class="hint">{{t('rules.per_user_hint')}}</p>
  <p class="chips">
    % for user in users:
    <a class="chip" href="{{url('rules/users/' + q(user['username']))}}">{{user['username']}}</a>
    % end
  </p>
</section>
% end
