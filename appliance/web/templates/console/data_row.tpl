<p class="crumbs"><a href="{{url('data')}}">{{t('data.heading')}}</a> › <a href="{{url('data/' + q(table))}}">{{table}}</a> ›</p>
<h1>{{row['_key'].replace('\x1f', ' · ')}}</h1>
% if row['_deleted']:
<p class="flash info">{{t('data.tombstone')}}</p>
% end
<dl class="facts" id="row">
  % types = dict(tuple(c) for c in state['columns'])
  % for column, kind in types.items():
  <dt>{{column}} <span class="hint">{{kind}}</span></dt><dd>{{'' if row.get(column) is None else row[column]}}</dd>
  % end
  <dt>{{t('data.seq')}}</dt><dd>{{row['_seq']}}</dd>
  % if row.get('_extra'):
  <dt>{{t('data.extra')}}</dt><dd class="mono">{{row['_extra']}}</dd>
  % end
</dl>
