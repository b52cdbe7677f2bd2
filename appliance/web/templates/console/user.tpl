<p class="crumbs"><a href="{{url('users')}}">{{t('users.heading')}}</a> ›</p>
<h1>{{user['username']}} <span class="tag {{'imported' if user['active'] else 'skipped'}}">{{t('user.active') if user['active'] else t('user.inactive')}}</span></h1>
<div class="columns">
<section id="details">
  <h2>{{t('user.details')}}</h2>
  <form method="post" action="{{url('users/' + q(user['username']))}}" class="stack">
    {{!csrf_field()}}
    % for field in ('display_name', 'email', 'agent_code', 'operator_code', 'customer_code'):
    <label>{{t('users.' + field)}} <input name="{{field}}" value="{{user[field]}}"{{!' type="email"' if field == 'email' else ''}}></label>
    % end
    <label>{{t('users.profile')}}
      <select name="profile">
        % for name, profile in profiles.items():
        <option value="{{name}}"{{!' selected' if name == user['profile'] else ''}}>{{t('profile.' + name)}}</option>
        % end
      </select>
    </label>
    <button class="primary">{{t('common.save')}}</button>
  </form>
  <p class="hint">{{t('user.created', when=when(user['created_at']))}} · {{t('user.activated', when=when(user['activated_at']))}}</p>
</section>
<section id="account">
  <h2>{{t('user.password')}}</h2>
  <form method="post" action="{{url('users/' + q(user['username']) + '/password')}}" class="stack" autocomplete="off">
    {{!csrf_field()}}
    <label>{{t('user.new_password')}} <input name="password" type="password" required minlength="8" autocomplete="new-password"></label>
    <button>{{t('user.set_password')}}</button>
  </form>
  <p class="hint">{{t('user.password_hint')}}</p>
  <h2>{{t('user.access')}}</h2>
  % if user['active']:
  <form method="post" action="{{url('users/' + q(user['username']) + '/disable')}}" data-confirm="{{t('user.confirm_disable', user=user['username'])}}">
    {{!csrf_field()}}<button class="danger" id="disable-user">{{t('user.disable')}}</button>
  </form>
  % else:
  <form method="post" action="{{url('users/' + q(user['username']) + '/enable')}}">
    {{!csrf_field()}}<button class="primary" id="enable-user">{{t('user.enable')}}</button>
  </form>
  % end
  <p><a href="{{url('rules/users/' + q(user['username']))}}">{{t('user.overrides')}}</a></p>
</section>
</div>
<section id="devices">
  <h2>{{t('user.devices')}}</h2>
  % if devices:
  <div class="scroll"><table>
    <thead><tr><th>{{t('user.device_name')}}</th><th>{{t('user.device_id')}}</th><th>{{t('user.app_version')}}</th><th>{{t('user.first_seen')}}</th><th>{{t('user.last_seen')}}</th><th>{{t('user.last_sync')}}</th><th></th></tr></thead>
    <tbody>
    % for device in devices:
    <tr>
      <td>{{device['name'] or '–'}}</td><td class="mono">{{device['device_id']}}</td><td>{{device['app_version'] or '–'}}</td>
      <td>{{when(device['first_seen'])}}</td><td>{{when(device['last_seen'])}}</td><td>{{when(device['last_sync'])}}</td>
      <td>
        <form method="post" action="{{url('users/' + q(user['username']) + '/forget-device')}}" data-confirm="{{t('user.confirm_forget', device=device['name'] or device['device_id'])}}">
          {{!csrf_field()}}<input type="hidden" name="device_id" value="{{device['device_id']}}">
          <button class="danger">{{t('user.forget')}}</button>
        </form>
      </td>
    </tr>
    % end
    </tbody>
  </table></div>
  % else:
  <p class="empty">{{t('user.no_devices')}}</p>
  % end
</section>
<section id="logins">
  <h2>{{t('user.logins')}}</h2>
  {{!embed('access_rows', attempts=access)}}
</section>
