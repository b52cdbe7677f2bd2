<h1>{{t('backups.heading')}}</h1>
<p class="hint">{{t('backups.folder', folder=folder, at=settings.backup_at, daily=settings.backup_keep_daily, weekly=settings.backup_keep_weekly)}}</p>
<form method="post" action="{{url('backups')}}">
  {{!csrf_field()}}
  <button data-testid="backup-now"{{!' disabled' if running else ''}}>{{t('backups.now')}}</button>
  % if running:
  <span class="hint">{{t('backups.running')}}</span>
  % end
</form>
% if entries:
<div class="scroll"><table id="backups">
  <thead><tr><th>{{t('backups.created')}}</th><th>{{t('backups.reason')}}</th><th>{{t('backups.size')}}</th><th>{{t('backups.drill')}}</th><th></th></tr></thead>
  <tbody>
  % for entry in entries:
  % drill = entry['drill']
  <tr data-name="{{entry['name']}}">
    <td class="nowrap" title="{{entry['name']}}">{{when(entry['created_at'])}}</td><td>{{t('detail.backup_reason.' + entry['reason']) if t.has('detail.backup_reason.' + entry['reason']) else entry['reason']}}</td><td>{{size(entry['size'])}}</td>
    <td class="drill">{{t('backups.drill_none') if not drill else t('backups.drill_ok') if drill['ok'] else t('backups.drill_failed', reason=t.say(drill['reason']))}}</td>
    <td><a href="{{url('backups/files/' + q(entry['name']))}}" download>{{t('backups.download')}}</a></td>
  </tr>
  % end
  </tbody>
</table></div>
% else:
<p class="empty">{{t('backups.none')}}</p>
% end
<section id="restore-help">
  <h2>{{t('backups.restore_heading')}}</h2>
  <p>{{t('backups.restore_steps')}}</p>
</section>
