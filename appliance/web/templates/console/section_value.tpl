% if isinstance(value, dict):
<dl class="nested">
  % for key, item in value.items():
  % if item not in (None, '', [], {}):
  <dt>{{str(key).replace('_', ' ')}}</dt><dd>{{!embed('section_value', value=item)}}</dd>
  % end
  % end
</dl>
% elif isinstance(value, (list, tuple)):
{{', '.join(str(item) for item in value) or '–'}}
% elif isinstance(value, bool):
{{t('common.' + str(value).lower())}}
% else:
{{value}}
% end
