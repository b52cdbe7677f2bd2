<p class="crumbs"><a href="{{url('imports')}}">{{t('imports.heading')}}</a> ›</p>
<h1>{{entry['file_name']}} <span class="tag {{entry['result']}}">{{t('result.' + entry['result'])}}</span></h1>
<p>{{t.say(entry['message'])}}</p>
% if rejected:
<p class="actions">
  <a class="button" href="{{url('imports/rejected/' + q(rejected))}}" download>{{t('imports.download_file')}}</a>
  <a class="button" href="{{url('imports/rejected/' + q(rejected) + '/report')}}" download>{{t('imports.download_report')}}</a>
</p>
% end
<dl class="facts">
  <dt>{{t('import.table')}}</dt><dd>{{entry['table_name'] or '–'}}</dd>
  <dt>{{t('import.started')}}</dt><dd>{{when(entry['started_at'])}}</dd>
  <dt>{{t('import.seconds')}}</dt><dd>{{decimal(round(entry['seconds'], 2))}}</dd>
  <dt>{{t('imports.rows')}}</dt><dd>{{number(entry['rows_read'])}}</dd>
  <dt>{{t('import.new')}}</dt><dd>{{number(entry['rows_new'])}}</dd>
  <dt>{{t('import.changed')}}</dt><dd>{{number(entry['rows_changed'])}}</dd>
  <dt>{{t('import.deleted')}}</dt><dd>{{number(entry['rows_deleted'])}}</dd>
  <dt>{{t('import.unchanged')}}</dt><dd>{{number(entry['rows_unchanged'])}}</dd>
  <dt>{{t('import.encoding')}}</dt><dd>{{entry['encoding'] or '–'}}</dd>
  <dt>MD5</dt><dd class="mono">{{entry['md5'] or '–'}}</dd>
  <dt>{{t('import.stored')}}</dt><dd class="path">{{entry['stored_path'] or '–'}}</dd>
</dl>
<h2>{{t('import.problems')}}: {{t.plural('import.errors', entry['errors_count'])}}, {{t.plural('import.warnings', entry['warnings_count'])}}</h2>
% if entry['problems']:
<div class="scroll"><table id="problems">
  <thead><tr><th>{{t('import.severity')}}</th><th class="num">{{t('import.line')}}</th><th>{{t('import.column')}}</th><th>{{t('import.value')}}</th><th>{{t('common.reason')}}</th></tr></thead>
  <tbody>
  % for problem in entry['problems']:
  <tr class="{{problem.get('severity', '')}}">
    <td>{{t('severity.' + problem['severity']) if t.has('severity.' + str(problem.get('severity'))) else problem.get('severity', '')}}</td>
    <td class="num">{{problem.get('line') or '–'}}</td>
    <td>{{problem.get('column') or '–'}}</td>
    <td class="mono">{{problem['value'] if problem.get('value') is not None else '–'}}</td>
    <td>{{t.say(problem.get('reason', ''))}}</td>
  </tr>
  % end
  </tbody>
</table></div>
% else:
<p class="empty">{{t('import.no_problems')}}</p>
% end
