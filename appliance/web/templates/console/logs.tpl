<h1>{{t('logs.heading')}}</h1>
<form method="get" action="{{url('logs')}}" class="filters">
  <label>{{t('logs.level')}}
    <select name="level">
      % for name in levels:
      <option value="{{name}}"{{!' selected' if name == level else ''}}>{{name}}</option>
      % end
    </select>
  </label>
  <label>{{t('logs.lines')}}
    <select name="lines">
      % for count in shown:
      <option value="{{count}}"{{!' selected' if count == limit else ''}}>{{count}}</option>
      % end
    </select>
  </label>
  <button>{{t('common.filter')}}</button>
</form>
% if entries:
<div class="scroll"><table class="log" id="log-entries">
  <thead><tr><th>{{t('common.when')}}</th><th>{{t('logs.level')}}</th><th>{{t('logs.source')}}</th><th>{{t('common.message')}}</th></tr></thead>
  <tbody>
  % for entry in entries:
  <tr class="level-{{entry.level.lower()}}">
    <td class="nowrap">{{entry.time}}</td><td>{{entry.level}}</td><td>{{entry.logger}}</td><td class="message"><pre>{{entry.message}}</pre></td>
  </tr>
  % end
  </tbody>
</table></div>
% else:
<p class="empty">{{t('logs.none')}}</p>
% end
<section id="log-files">
  <h2>{{t('logs.files')}}</h2>
  % if files:
  <ul class="plain">
    % for item in files:
    <li><a href="{{url('logs/files/' + q(item['name']))}}" download>{{item['name']}}</a> <span class="hint">{{size(item['size'])}} · {{item['modified']}}</span></li>
    % end
  </ul>
  % else:
  <p class="empty">{{t('logs.no_files')}}</p>
  % end
</section>
