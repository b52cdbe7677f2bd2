% key, params = card['sentence']
% said = {name: (at(value) if name == 'at' else number(value) if isinstance(value, int) else value) for name, value in params.items()}
% plural = t.has(key + '.one')
<p class="sentence">{{t.plural(key, params['n'], **{k: v for k, v in said.items() if k != 'n'}) if plural else t(key, **said)}}</p>
% if card['figures']:
<dl class="figures">
  % for label, value in card['figures']:
  <dt>{{t(label)}}</dt><dd>{{number(value)}}</dd>
  % end
</dl>
% end
