% label = lambda key, fallback: t(key) if t.has(key) else fallback
% for group in groups:
% heading = group['heading']
% if heading:
<h3 class="detail-group">{{label(heading[0], heading[1])}}{{(' · ' + label(heading[2], heading[3])) if len(heading) > 2 else ''}}</h3>
% end
<dl class="nested">
  % for key, fallback, value, kind in group['rows']:
  <dt>{{label(key, fallback)}}</dt><dd data-key="{{key}}">{{detail(value, kind)}}</dd>
  % end
</dl>
% end
