<p class="crumbs"><a href="{{url('data')}}">{{t('data.heading')}}</a> ›</p>
<h1>{{table}} <span class="hint">{{title_text}}</span></h1>
<p class="hint">{{t('data.summary', rows=number(state['live_rows']), when=when(state['updated_at']), file=state['last_file'] or '–')}}</p>
<form method="get" action="{{url('data/' + q(table))}}" class="filters" role="search">
  <label>{{t('data.search')}} <input type="search" name="q" value="{{search}}" placeholder="{{t('data.search_hint', columns=', '.join(rows.columns))}}"></label>
  <label class="check"><input type="checkbox" name="deleted" value="1"{{!' checked' if deleted else ''}}> {{t('data.show_deleted')}}</label>
  <button>{{t('common.search')}}</button>
</form>
% if matches is not None:
<p id="matches">{{t('data.matches', n=number(matches))}}</p>
% end
% if rows.rows:
<div class="scroll"><table class="data">
  <thead><tr><th>{{t('data.key')}}</th>
  % for column in rows.columns:
  <th>{{column}}</th>
  % end
  <th class="num">{{t('data.seq')}}</th></tr></thead>
  <tbody>
  % for row in rows.rows:
  <tr{{!' class="deleted"' if row['_deleted'] else ''}}>
    <td><a href="{{url('data/' + q(table) + '/row', key=row['_key'])}}">{{row['_key'].replace('\x1f', ' · ')}}</a></td>
    % for column in rows.columns:
    <td>{{'' if row[column] is None else row[column]}}</td>
    % end
    <td class="num">{{row['_seq']}}</td>
  </tr>
  % end
  </tbody>
</table></div>
% else:
<p class="empty">{{t('data.no_rows')}}</p>
% end
<p class="pager">
  % if rows.has_previous:
  <a href="{{url('data/' + q(table), q=search, deleted=1 if deleted else None, before=rows.first_key)}}" id="previous">{{t('common.previous')}}</a>
  % end
  % if rows.has_next:
  <a href="{{url('data/' + q(table), q=search, deleted=1 if deleted else None, after=rows.last_key)}}" id="next">{{t('common.next')}}</a>
  % end
</p>
