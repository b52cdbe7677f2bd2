<section class="narrow">
  <h1>{{t('setup.heading')}}</h1>
  <p>{{t('setup.intro')}}</p>
  <p class="hint">{{t('setup.where')}} <code>{{log_file}}</code></p>
  % if error_key or error_text:
  <p class="flash error" role="alert">{{error_text or t(error_key)}}</p>
  % end
  <form method="post" action="{{url('setup')}}" class="stack" autocomplete="off">
    {{!csrf_field()}}
    <label>{{t('setup.code')}} <input name="code" required autocapitalize="characters" spellcheck="false" placeholder="····-····-····"></label>
    <label>{{t('common.username')}} <input name="username" required value="{{username}}" autocapitalize="none" spellcheck="false"></label>
    <label>{{t('common.password')}} <input name="password" type="password" required minlength="8" autocomplete="new-password"></label>
    <label>{{t('setup.password_again')}} <input name="password_again" type="password" required minlength="8" autocomplete="new-password"></label>
    <button class="primary" id="create-admin">{{t('setup.create')}}</button>
  </form>
</section>
