<%
health = report['health']
lic = report['license']
files = health['files']
last = health['last_import']
erp = health['workers'].get('erp', {})
%>
<div class="cards">
  <article class="card {{'good' if health['status'] == 'ok' else 'warn'}}" id="card-service">
    <h2>{{t('dash.service')}}</h2>
    <p class="big">{{t('dash.status.' + health['status'])}}</p>
    % if health['problems']:
    <ul class="problems">
      % for problem in health['problems']:
      <li>{{t.say(problem)}}</li>
      % end
    </ul>
    % end
    <dl>
      <dt>{{t('dash.version')}}</dt><dd>{{health['version']}}</dd>
      <dt>{{t('dash.started')}}</dt><dd>{{when(health['started_at'])}}</dd>
      <dt>{{t('dash.uptime')}}</dt><dd>{{duration(health['uptime_seconds'])}}</dd>
    </dl>
  </article>

  <article class="card {{'good' if lic['state'] == 'valid' else 'warn'}}" id="card-license">
    <h2><a href="{{url('license')}}">{{t('dash.license')}}</a></h2>
    <p class="big">{{t('license.state.' + lic['state'])}}</p>
    % if lic['customer']:
    <p>{{lic['customer']}} · {{lic['project']}}</p>
    % end
    <dl>
      <dt>{{t('dash.seats_used')}}</dt><dd>{{report['seats']['active']}} / {{report['seats']['licensed']}}</dd>
      <dt>{{t('license.expires')}}</dt><dd>{{day(lic['expires_at'])}}</dd>
    </dl>
  </article>

  <article class="card {{'good' if health['exchange']['state'] == 'present' else 'bad'}}" id="card-exchange">
    <h2>{{t('dash.exchange')}}</h2>
    <p class="path">{{health['exchange']['path']}}</p>
    <table class="compact">
      % for name, folder in health['folders'].items():
      <tr><th>{{name}}/</th><td>{{t('dash.folder.' + folder['state'])}}</td><td>{{t('dash.pending', n=folder['pending'])}}</td></tr>
      % end
    </table>
    % if erp:
    <p>{{t('dash.erp_busy') if erp.get('busy') else t('dash.erp_idle')}}{{t.plural('dash.queued', erp['queued']) if erp.get('queued') else ''}}</p>
    % end
  </article>

  <article class="card {{'warn' if last and last['result'] in ('rejected', 'held') else ''}}" id="card-last-import">
    <h2><a href="{{url('imports')}}">{{t('dash.last_import')}}</a></h2>
    % if last:
    <p class="big">{{t('result.' + last['result'])}}</p>
    <p>{{last['file']}} · {{when(last['time'])}}</p>
    <p class="hint">{{t.say(last['message'])}}</p>
    % else:
    <p class="big">{{t('dash.never')}}</p>
    % end
    <p>{{t('dash.today')}}:
      % for result in ('imported', 'skipped', 'rejected', 'held'):
      <span class="tag {{result}}">{{t('result.' + result)}} {{report['imports_today'].get(result, 0)}}</span>
      % end
    </p>
  </article>

  % waiting = report['waiting']
  <article class="card {{'warn' if any(waiting.values()) else 'good'}}" id="card-waiting">
    <h2><a href="{{url('imports')}}">{{t('dash.waiting')}}</a></h2>
    <dl>
      <dt><a href="{{url('imports')}}#rejected">{{t('dash.rejected_files')}}</a></dt><dd id="rejected-count">{{number(waiting['rejected'])}}</dd>
      <dt><a href="{{url('imports')}}#held">{{t('dash.held_files')}}</a></dt><dd id="held-count">{{number(waiting['held'])}}</dd>
      <dt><a href="{{url('documents', status='pending')}}">{{t('dash.to_validate')}}</a></dt><dd id="validation-count">{{number(waiting['validation'])}}</dd>
    </dl>
  </article>

  <article class="card" id="card-devices">
    <h2><a href="{{url('users')}}">{{t('dash.devices')}}</a></h2>
    <p class="big" id="synced-today">{{number(report['devices_synced_today'])}}</p>
    <p>{{t.plural('dash.synced_today', report['devices_synced_today'])}}</p>
    % if report['stale_agents']:
    <p class="warn-text" id="stale-agents">{{t('users.stale', days=report['stale_days'])}}:
      % for agent in report['stale_agents']:
      <a href="{{url('users/' + q(agent['username']))}}">{{agent['display_name'] or agent['username']}}</a> <span class="hint">({{when(agent['last_sync']) if agent['last_sync'] else t('users.never')}})</span>
      % end
    </p>
    % end
  </article>

  <article class="card" id="card-documents">
    <h2><a href="{{url('documents')}}">{{t('dash.documents')}}</a></h2>
    % if report['documents']:
    <dl>
      % for name, count in report['documents'].items():
      <dt>{{t('doc.status.' + name) if t.has('doc.status.' + name) else name}}</dt><dd><a href="{{url('documents', status=name)}}">{{count}}</a></dd>
      % end
    </dl>
    % else:
    <p>{{t('dash.no_documents')}}</p>
    % end
  </article>

  % for card in report['cards']:
  <article class="card {{'warn' if card['warn'] else ''}}" id="section-{{card['name']}}">
    <h2>{{t('dash.section.' + card['name']) if t.has('dash.section.' + card['name']) else card['name']}}</h2>
    % if card['sentence']:
    {{!embed('card', card=card)}}
    <details><summary>{{t('dash.details')}}</summary>{{!embed('details', groups=card['details'])}}</details>
    % else:
    {{!embed('details', groups=card['details'])}}
    % end
  </article>
  % end
</div>
<p class="hint updated" id="updated-at">{{t('dash.updated', time=clock_time(report['now']))}}</p>
