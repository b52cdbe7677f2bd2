<h1>{{t('data.heading')}}</h1>
% if tables:
<div class="scroll"><table id="tables">
  <thead><tr><th>{{t('data.table')}}</th><th>{{t('data.content')}}</th><th class="num">{{t('data.rows')}}</th><th>{{t('data.last_file')}}</th><th>{{t('data.updated')}}</th></tr></thead>
  <tbody>
  % for table in tables:
  <tr>
    <td><a href="{{url('data/' + q(table['name']))}}">{{table['name']}}</a></td>
    <td>{{titles.get(table['name'], '')}}</td>
    <td class="num">{{number(table['live_rows'])}}</td>
    <td>{{table['last_file'] or '–'}}</td>
    <td>{{when(table['updated_at'])}}</td>
  </tr>
  % end
  </tbody>
</table></div>
% else:
<p class="empty">{{t('data.none')}}</p>
% end
