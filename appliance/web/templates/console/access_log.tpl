<h1>{{t('access.heading')}}</h1>
<section id="device-logins">
  <h2>{{t('access.devices')}}</h2>
  <form method="get" action="{{url('access-log')}}" class="filters">
    <label>{{t('common.username')}} <input name="user" value="{{username}}"></label>
    <button>{{t('common.filter')}}</button>
  </form>
  {{!embed('access_rows', attempts=attempts)}}
</section>
<section id="console-sign-ins">
  <h2>{{t('access.console')}}</h2>
  {{!embed('access_rows', attempts=sign_ins)}}
</section>
