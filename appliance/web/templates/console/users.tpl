<h1>{{t('users.heading')}}</h1>
<section id="seats">
  <h2>{{t('users.seats')}}</h2>
  <div class="scroll"><table class="compact">
    <thead><tr><th>{{t('users.profile')}}</th><th class="num">{{t('users.licensed')}}</th><th class="num">{{t('users.active')}}</th><th class="num">{{t('users.available')}}</th><th>{{t('users.without_seat')}}</th></tr></thead>
    <tbody>
    % for name, pool in seats.items():
    <tr{{!' class="warn"' if pool['without_seat'] else ''}}>
      <td>{{t('profile.' + name) if name in profiles else t('users.pool.' + name)}}</td>
      <td class="num">{{pool['licensed']}}</td><td class="num">{{pool['active']}}</td><td class="num">{{pool['available']}}</td>
      <td>{{', '.join(pool['without_seat']) or '–'}}</td>
    </tr>
    % end
    </tbody>
  </table></div>
</section>
<section id="users">
  <h2>{{t('users.list')}}</h2>
  % if users:
  <div class="scroll"><table>
    <thead><tr><th>{{t('common.username')}}</th><th>{{t('users.display_name')}}</th><th>{{t('users.profile')}}</th><th>{{t('users.state')}}</th><th>{{t('users.agent_code')}}</th><th class="num">{{t('users.devices')}}</th><th>{{t('users.last_sync')}}</th><th>{{t('users.last_sign_in')}}</th></tr></thead>
    <tbody>
    % for user in users:
    <tr{{!'' if user['active'] else ' class="inactive"'}}>
      <td><a href="{{url('users/' + q(user['username']))}}">{{user['username']}}</a></td>
      <td>{{user['display_name']}}</td>
      <td>{{t('profile.' + user['profile']) if user['profile'] in profiles else user['profile']}}</td>
      <td>{{t('users.seat.' + ('none' if user['seat'] is None else 'yes' if user['seat'] else 'no'))}}</td>
      <td>{{user['agent_code']}}</td>
      <td class="num">{{user['devices']}}</td>
      <td class="nowrap last-sync">{{when(user['last_sync']) if user['last_sync'] else t('users.never')}}</td>
      <td class="nowrap last-sign-in">{{when(user['last_seen']) if user['last_seen'] else t('users.never')}}</td>
    </tr>
    % end
    </tbody>
  </table></div>
  % else:
  <p class="empty">{{t('users.none')}}</p>
  % end
</section>
<section id="add-user">
  <h2>{{t('users.add')}}</h2>
  <form method="post" action="{{url('users')}}" class="grid" autocomplete="off">
    {{!csrf_field()}}
    <label>{{t('common.username')}} <input name="username" required value="{{kept.get('username', '')}}" autocapitalize="none" spellcheck="false"></label>
    <label>{{t('common.password')}} <input name="password" type="password" required minlength="8" autocomplete="new-password"></label>
    <label>{{t('users.profile')}}
      <select name="profile">
        % for name, profile in profiles.items():
        <option value="{{name}}"{{!' selected' if name == kept.get('profile', 'orders') else ''}}>{{t('profile.' + name)}} – {{t('profile.' + name + '.about')}}</option>
        % end
      </select>
    </label>
    % for field in ('display_name', 'email', 'agent_code', 'operator_code', 'customer_code'):
    <label>{{t('users.' + field)}} <input name="{{field}}" value="{{kept.get(field, '')}}"{{!' type="email"' if field == 'email' else ''}}></label>
    % end
    <label class="check"><input type="checkbox" name="active" value="true" checked> {{t('users.active_now')}}</label>
    <button class="primary" id="add-user-button">{{t('users.add_button')}}</button>
  </form>
</section>
