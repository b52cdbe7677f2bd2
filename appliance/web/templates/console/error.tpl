<section class="narrow">
  <h1>{{t('error.heading')}}</h1>
  <p class="flash error">{{message_text or t(message_key)}}</p>
  % if get('incident'):
  <p class="incident">ID: <code>{{incident}}</code></p>
  % end
  <p><a class="button" href="{{url('')}}">{{t('error.back')}}</a></p>
</section>
