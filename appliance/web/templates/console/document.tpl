<p class="crumbs"><a href="{{url('documents')}}">{{t('documents.heading')}}</a> ›</p>
% status_text = lambda name: t('doc.status.' + name) if t.has('doc.status.' + name) else name
% numeric = lambda value: isinstance(value, (int, float)) or type(value).__name__ == 'Decimal'
<h1>{{t('doc.kind.' + row['kind']) if t.has('doc.kind.' + row['kind']) else row['kind']}} {{row['id']}} · {{subject or '–'}} <span class="tag {{row['status']}}" id="document-status">{{status_text(row['status'])}}</span></h1>
<p class="hint">{{t('document.received', when=when(row['received_at']), user=row['username'], device=row['device_id'])}} · guid <span class="mono">{{row['guid']}}</span></p>
% if row.get('reason'):
<p class="flash info" id="reason">{{t('document.reason', reason=row['reason'])}}</p>
% end
% if row['status'] == 'pending':
<section id="gate" class="group">
  <h2>{{t('document.gate')}}</h2>
  <div class="actions">
    <form method="post" action="{{url('documents/' + str(row['id']) + '/validate')}}">
      {{!csrf_field()}}<button class="primary" id="validate">{{t('document.validate')}}</button>
    </form>
    <form method="post" action="{{url('documents/' + str(row['id']) + '/reject')}}" class="inline">
      {{!csrf_field()}}
      <label>{{t('document.reject_reason')}} <input name="reason" required maxlength="500" size="40"></label>
      <button class="danger" id="reject">{{t('document.reject')}}</button>
    </form>
  </div>
</section>
% end
% if row['warnings']:
<section id="warnings">
  <h2>{{t('documents.warnings')}}</h2>
  <ul class="problems">
    % for warning in row['warnings']:
    <li>{{t.say(warning.get('message', ''))}}
      % if warning.get('code') == 'price_changed' and warning.get('agent') and warning.get('current'):
      % shown = lambda f: (decimal(f['price']), ' + '.join(decimal(d) + ' %' for d in f['discounts']) or '–', decimal(f['net_price']))
      % mine, erp = shown(warning['agent']), shown(warning['current'])
      <table class="compact price-changed" data-field="{{warning['field']}}">
        <thead><tr><th></th><th>{{t('document.price')}}</th><th>{{t('document.discounts')}}</th><th>{{t('document.net_price')}}</th></tr></thead>
        <tbody>
          <tr class="agent"><th>{{t('document.price_agent')}}</th><td class="num">{{mine[0]}}</td><td>{{mine[1]}}</td><td class="num">{{mine[2]}}</td></tr>
          <tr class="current"><th>{{t('document.price_current')}}</th><td class="num">{{erp[0]}}</td><td>{{erp[1]}}</td><td class="num">{{erp[2]}}</td></tr>
        </tbody>
      </table>
      % end
    </li>
    % end
  </ul>
</section>
% end
% if order:
<section id="order" class="group">
  <h2>{{t('order.heading')}}</h2>
  <dl class="facts">
    <dt>{{t('order.customer')}}</dt><dd id="order-customer">{{order['customer']['name'] or t('order.unknown')}} <span class="hint">{{order['customer']['code']}}</span>{{(' · ' + order['customer']['city']) if order['customer']['city'] else ''}}</dd>
    <dt>{{t('order.destination')}}</dt><dd id="order-destination">{{(order['destination']['name'] or order['destination']['code']) + ((' · ' + order['destination']['city']) if order['destination']['city'] else '') if order['destination'] else t('order.same_address')}}</dd>
  </dl>
  <div class="scroll"><table id="order-lines">
    <thead><tr><th>{{t('order.article')}}</th><th>{{t('order.description')}}</th><th class="num">{{t('order.qty')}}</th><th class="num">{{t('order.price')}}</th><th class="num">{{t('order.discounts')}}</th><th class="num">{{t('order.amount')}}</th></tr></thead>
    <tbody>
    % for line in order['lines']:
    <tr>
      <td class="mono">{{line['code'] or '–'}}</td>
      <td>{{line['description'] or '–'}}
        % if line['note']:
        <br><span class="hint">{{line['note']}}</span>
        % end
      </td>
      <td class="num nowrap">{{decimal(line['qty'])}} {{line['unit'] or ''}}</td>
      <td class="num nowrap">{{money(line['price'])}}</td>
      <td class="num nowrap">{{' + '.join(decimal(d) + ' %' for d in line['discounts']) or '–'}}</td>
      <td class="num nowrap">{{money(line['amount'])}}</td>
    </tr>
    % end
    </tbody>
    <tfoot><tr><th colspan="5">{{t('order.total')}}</th><td class="num nowrap" id="order-total"><strong>{{money(order['total'])}}</strong></td></tr></tfoot>
  </table></div>
</section>
% end
<section id="header">
  <h2>{{t('document.header')}}</h2>
  <dl class="facts">
    % for name, value in header.items():
    <dt>{{name}}</dt><dd>{{field(value)}}</dd>
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
      <td{{!' class="num"' if numeric(line.get(name)) else ''}}>{{field(line.get(name))}}</td>
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
    <dt>{{name}}</dt><dd>{{field(value)}}</dd>
    % end
    % end
  </dl>
  % end
</section>
% end
% if row['parts']:
<section id="parts">
  <h2 id="parts-heading">{{t.plural('document.will_send' if row['status'] in ('received', 'pending', 'queued') else 'document.parts', len(row['parts']))}}</h2>
  % for part in row['parts']:
  <article class="part">
    <h3>{{t('document.part', n=part['part'])}} · <span class="mono">{{part['guid']}}</span> · <span class="tag {{part['state']}}">{{t('part.state.' + part['state']) if t.has('part.state.' + part['state']) else part['state']}}</span></h3>
    <p class="hint">{{t('document.export_id', id=part['export_id'] or '–')}} · unique_id {{part['unique_id']}}{{' · ' + t('document.erp_ref', ref=part['erp_ref']) if part['erp_ref'] else ''}}{{' · ' + part['legacy_file'] if part['legacy_file'] else ''}}</p>
    % part_lines = part['record'].get('righe') or []
    % if part_lines:
    <div class="scroll"><table class="compact">
      <thead><tr>
      % for name in line_fields:
      <th>{{name}}</th>
      % end
      </tr></thead>
      <tbody>
      % for line in part_lines:
      <tr>
        % for name in line_fields:
        <td{{!' class="num"' if numeric(line.get(name)) else ''}}>{{field(line.get(name))}}</td>
        % end
      </tr>
      % end
      </tbody>
    </table></div>
    % end
  </article>
  % end
</section>
% end
<section id="history">
  <h2>{{t('document.history')}}</h2>
  <div class="scroll"><table class="compact">
    <thead><tr><th>{{t('common.when')}}</th><th>{{t('document.step')}}</th><th>{{t('documents.status')}}</th></tr></thead>
    <tbody>
    % for step in row['steps']:
    <tr><td class="nowrap">{{when(step['at'])}}</td><td>{{!embed('history_step', step=step)}}</td><td>{{status_text(step['status'])}}</td></tr>
    % end
    </tbody>
  </table></div>
</section>
<section id="more-actions">
  <h2>{{t('document.more')}}</h2>
  <div class="actions">
    <form method="post" action="{{url('documents/' + str(row['id']) + '/reprocess')}}" data-confirm="{{t('document.confirm_reprocess')}}">
      {{!csrf_field()}}<button id="reprocess">{{t('document.reprocess')}}</button>
    </form>
    <form method="post" action="{{url('documents/' + str(row['id']) + '/queue-again')}}" data-confirm="{{t('document.confirm_queue_again')}}">
      {{!csrf_field()}}<button id="queue-again">{{t('document.queue_again')}}</button>
    </form>
  </div>
  <p class="hint">{{t('document.more_hint')}}</p>
</section>
<section id="payload">
  <h2>{{t('document.payload')}}</h2>
  <p><a class="button" href="{{url('documents/' + str(row['id']) + '/raw')}}" download>{{t('document.download')}}</a></p>
  <details><summary>{{t('document.show_payload')}}</summary><pre class="payload">{{raw}}</pre></details>
</section>
