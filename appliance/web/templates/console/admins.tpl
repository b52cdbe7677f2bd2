<h1>{{t('admins.heading')}}</h1>
<p class="hint">{{t('admins.intro')}}</p>
<div class="scroll"><table id="admins">
  <thead><tr><th>{{t('common.username')}}</th><th>{{t('users.state')}}</th><th>{{t('admins.last_sign_in')}}</th><th>{{t('admins.new_password')}}</th><th></th></tr></thead>
  <tbody>
  % for item in admins:
  <tr{{!'' if item['active'] else ' class="inactive"'}}>
    <td>{{item['username']}}{{' ★' if item['username'].lower() == admin.lower() else ''}}</td>
    <td>{{t('user.active') if item['active'] else t('user.inactive')}}</td>
    <td>{{when(item['last_sign_in_at'])}}</td>
    <td>
      <form method="post" action="{{url('admins/' + q(item['username']) + '/password')}}" class="inline" autocomplete="off">
        {{!csrf_field()}}
        <input name="password" type="password" required minlength="8" autocomplete="new-password" aria-label="{{t('admins.new_password')}}">
        <button>{{t('user.set_password')}}</button>
      </form>
    </td>
    <td>
      % if item['active']:
      <form method="post" action="{{url('admins/' + q(item['username']) + '/disable')}}" data-confirm="{{t('admins.confirm_disable', user=item['username'])}}">
        {{!csrf_field()}}<button class="danger">{{t('user.disable')}}</button>
      </form>
      % else:
      <form method="post" action="{{url('admins/' + q(item['username']) + '/enable')}}">
        {{!csrf_field()}}<button>{{t('user.enable')}}</button>
      </form>
      % end
    </td>
  </tr>
  % end
  </tbody>
</table></div>
<section id="add-admin">
  <h2>{{t('admins.add')}}</h2>
  <form method="post" action="{{url('admins')}}" class="grid" autocomplete="off">
    {{!csrf_field()}}
    <label>{{t('common.username')}} <input name="username" required value="{{kept.get('username', '')}}" autocapitalize="none" spellcheck="false"></label>
    <label>{{t('common.password')}} <input name="password" type="password" required minlength="8" autocomplete="new-password"></label>
    <button class="primary">{{t('admins.add_button')}}</button>
  </form>
</section>
