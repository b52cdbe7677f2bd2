<section class="narrow">
  <h1>{{t('sign_in.heading')}}</h1>
  % if notice:
  <p class="flash info" role="status">{{t(notice)}}</p>
  % end
  % if error:
  <p class="flash error" role="alert">{{t('sign_in.' + error, minutes=minutes)}}</p>
  % end
  <form method="post" action="{{url('sign-in')}}" class="stack">
    {{!csrf_field()}}
    <input type="hidden" name="next" value="{{next}}">
    <label>{{t('common.username')}} <input name="username" required value="{{username}}" autocapitalize="none" spellcheck="false" autocomplete="username"></label>
    <label>{{t('common.password')}} <input name="password" type="password" required autocomplete="current-password"></label>
    <button class="primary" id="sign-in">{{t('sign_in.submit')}}</button>
  </form>
</section>
