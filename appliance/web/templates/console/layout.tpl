<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · AppManager</title>
<link rel="stylesheet" href="{{static('console.css')}}">
<script src="{{static('console.js')}}" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="{{url('')}}">AppManager</a>
  % if admin:
  <nav class="menu" aria-label="{{t('nav.label')}}">
    % for key, target in menu:
    <a href="{{url(target)}}"{{!' class="active" aria-current="page"' if section == key else ''}}>{{t('nav.' + key)}}</a>
    % end
  </nav>
  % end
  <div class="tools">
    <form method="post" action="{{url('language')}}" class="switch">
      {{!csrf_field()}}
      <input type="hidden" name="back" value="{{here}}">
      <button name="lang" value="en" title="English"{{!' class="on"' if lang == 'en' else ''}}>EN</button>
      <button name="lang" value="it" title="Italiano"{{!' class="on"' if lang == 'it' else ''}}>IT</button>
    </form>
    % if admin:
    <span class="who">{{admin}}</span>
    <form method="post" action="{{url('sign-out')}}">
      {{!csrf_field()}}
      <button class="quiet" id="sign-out">{{t('nav.sign_out')}}</button>
    </form>
    % end
  </div>
</header>
<main>
  % if flash:
  <p class="flash {{flash['kind']}}" role="status" id="flash">{{flash['text'] or t(flash['key'], **flash['params'])}}</p>
  % end
{{!body}}
</main>
<footer>AppManager appliance {{version}}</footer>
</body>
</html>
