<p class="crumbs"><a href="{{url('documents')}}">{{t('documents.heading')}}</a> ›</p>
<h1>{{t('doc.kind.' + row['kind']) if t.has('doc.kind.' + row['kind']) else row['kind']}} {{row['id']}} · {{subject or '–'}} <span class="tag {{row['status']}}">{{t('doc.status.' + row['status']) if t.has('doc.status.' + row['status']) else row['status']}}</span></h1>
<p class="hint">{{t('document.received', when=when(row['received_at']), user=row['username'], device=row['device_id'])}} · guid <span class="mono">{{row['guid']}}</span></p>
% if row['warnings']:
<section id="warnings">
  <h2>{{t('documents.warnings')}}</h2>
  <ul class="problems">
    % for warning in row['warnings']:
    <li><code>{{warning.get('field', '')}}</code> {{warning.get('message', '')}}</li>
    % end
  </ul>
</section>
% end
<section id="header">
  <h2>{{t('document.header')}}</h2>
  <dl class="facts">
    % for name, value in header.items():
    <dt>{{name}}</dt><dd>{{value}}</dd>
    % end
  </dl>
</section>
% if lines:
<section id="lines">
  <h2>{{t('document.lines', n=len(lines))}}</h2>
  <div class="scroll"><table>
    <thead><tr>
    % for name in line_fields:
    <th>{{name}}</th>
    % end
    </tr></thead>
    <tbody>
    % for line in lines:
    <tr>
      % for name in line_fields:
      <td{{!' class="num"' if isinstance(line.get(name), (int, float)) else ''}}>{{'' if line.get(name) is None else line.get(name)}}</td>
      % end
    </tr>
    % end
    </tbody>
  </table></div>
</section>
% end
% if new_customers:
<section id="new-customers">
  <h2>{{t('document.new_customers')}}</h2>
  % for customer in new_customers:
  <dl class="facts">
    % for name, value in customer.items():
    % if value not in (None, ''):
    <dt>{{name}}</dt><dd>{{value}}</dd>
    % end
    % end
  </dl>
  % end
</section>
% end
<section id="history">
  <h2>{{t('document.history')}}</h2>
  <div class="scroll"><table class="compact">
    <thead><tr><th>{{t('common.when')}}</th><th>{{t('document.step')}}</th><th>{{t('documents.status')}}</th><th>{{t('document.by')}}</th><th>{{t('document.detail')}}</th></tr></thead>
    <tbody>
    % for step in steps:
    <tr><td class="nowrap">{{when(step['at'])}}</td><td>{{step['step']}}</td><td>{{t('doc.status.' + step['status']) if t.has('doc.status.' + step['status']) else step['status']}}</td><td>{{step['actor']}}</td><td class="mono">{{', '.join(f'{k}: {v}' for k, v in step['detail'].items())}}</td></tr>
    % end
    </tbody>
  </table></div>
</section>
<section id="payload">
  <h2>{{t('document.payload')}}</h2>
  <p><a class="button" href="{{url('documents/' + str(row['id']) + '/raw')}}" download>{{t('document.download')}}</a></p>
  <details><summary>{{t('document.show_payload')}}</summary><pre class="payload">{{raw}}</pre></details>
</section>
