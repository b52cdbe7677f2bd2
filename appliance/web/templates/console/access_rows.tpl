% if attempts:
<div class="scroll"><table class="log">
  <thead><tr><th>{{t('common.when')}}</th><th>{{t('common.username')}}</th><th>{{t('access.device')}}</th><th>{{t('access.address')}}</th><th>{{t('access.result')}}</th><th>{{t('common.reason')}}</th></tr></thead>
  <tbody>
  % for row in attempts:
  <tr class="{{'refused' if row['result'] != 'ok' else ''}}">
    <td>{{when(row['at'])}}</td><td>{{row['username']}}</td><td>{{row.get('device_name') or row.get('device_id') or '–'}}</td><td>{{row['address'] or '–'}}</td>
    <td>{{t('access.ok') if row['result'] == 'ok' else t('access.refused')}}</td>
    <td>{{t('reason.' + row['reason']) if row['reason'] and t.has('reason.' + row['reason']) else (row['reason'] or '')}}</td>
  </tr>
  % end
  </tbody>
</table></div>
% else:
<p class="empty">{{t('access.none')}}</p>
% end
