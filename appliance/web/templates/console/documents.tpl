<h1>{{t('documents.heading')}}</h1>
% if statuses:
<p class="chips" id="status-counts">
  % for name, count in statuses.items():
  <a class="chip" href="{{url('documents', status=name)}}">{{t('doc.status.' + name) if t.has('doc.status.' + name) else name}} {{count}}</a>
  % end
</p>
% end
<form method="get" action="{{url('documents')}}" class="filters" id="document-filters">
  <label>{{t('documents.kind')}}
    <select name="kind">
      <option value="">{{t('common.all')}}</option>
      % for name in kinds:
      <option value="{{name}}"{{!' selected' if name == filters['kind'] else ''}}>{{t('doc.kind.' + name)}}</option>
      % end
    </select>
  </label>
  <label>{{t('documents.status')}}
    <select name="status">
      <option value="">{{t('common.all')}}</option>
      % for name in statuses:
      <option value="{{name}}"{{!' selected' if name == filters['status'] else ''}}>{{t('doc.status.' + name) if t.has('doc.status.' + name) else name}}</option>
      % end
    </select>
  </label>
  <label>{{t('users.agent_code')}} <input name="agent" value="{{filters['agent']}}" size="8"></label>
  <label>{{t('documents.from')}} <input type="date" name="from" value="{{filters['from']}}"></label>
  <label>{{t('documents.to')}} <input type="date" name="to" value="{{filters['to']}}"></label>
  <button>{{t('common.filter')}}</button>
</form>
% if rows:
<div class="scroll"><table id="documents">
  <thead><tr><th>#</th><th>{{t('common.when')}}</th><th>{{t('documents.kind')}}</th><th>{{t('documents.about')}}</th><th class="num">{{t('documents.lines')}}</th><th class="num">{{t('documents.parts')}}</th><th>{{t('common.username')}}</th><th>{{t('users.agent_code')}}</th><th>{{t('documents.status')}}</th><th class="num">{{t('documents.warnings')}}</th></tr></thead>
  <tbody>
  % for row in rows:
  <tr>
    <td><a href="{{url('documents/' + str(row['id']))}}">{{row['id']}}</a></td>
    <td class="nowrap">{{when(row['received_at'])}}</td>
    <td>{{t('doc.kind.' + row['kind']) if t.has('doc.kind.' + row['kind']) else row['kind']}}</td>
    <td><a href="{{url('documents/' + str(row['id']))}}">{{subject(row['kind'], row['document']) or '–'}}</a></td>
    <td class="num">{{len(row['document'].get('righe') or []) or ''}}</td>
    <td class="num">{{row['parts'] or ''}}</td>
    <td>{{row['username']}}</td>
    <td>{{row['agent_code'] or '–'}}</td>
    <td><span class="tag {{row['status']}}">{{t('doc.status.' + row['status']) if t.has('doc.status.' + row['status']) else row['status']}}</span></td>
    <td class="num">{{len(row['warnings']) or ''}}</td>
  </tr>
  % end
  </tbody>
</table></div>
% else:
<p class="empty">{{t('documents.none')}}</p>
% end
<p class="pager">
  % if before:
  <a href="{{url('documents', **filters)}}">{{t('common.newest')}}</a>
  % end
  % if more:
  <a href="{{url('documents', before=rows[-1]['id'], **filters)}}">{{t('common.older')}}</a>
  % end
</p>
