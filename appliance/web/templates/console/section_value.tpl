% if isinstance(value, dict) and depth == 0:
<dl class="nested">
  % for key, item in value.items():
  % if item not in (None, '', [], {}):
  <dt>{{str(key).replace('_', ' ')}}</dt><dd>{{!embed('section_value', value=item, depth=1)}}</dd>
  % end
  % end
</dl>
% elif isinstance(value, dict):
% shown = [(str(key).replace('_', ' '), item) for key, item in value.items() if item not in (None, '', [], {})]
% for index, (key, item) in enumerate(shown):
{{' · ' if index else ''}}{{key}} {{!embed('section_value', value=item, depth=depth + 1)}}
% end
% elif isinstance(value, (list, tuple)):
{{', '.join(str(item) for item in value) or '–'}}
% elif isinstance(value, bool):
{{t('common.' + str(value).lower())}}
% else:
{{value}}
% end
