<h1>{{t('imports.heading')}}</h1>
<div class="actions">
  <form method="post" action="{{url('imports/scan')}}">
    {{!csrf_field()}}
    <button class="primary" id="import-now">{{t('imports.import_now')}}</button>
  </form>
  <form method="post" action="{{url('imports/upload')}}" enctype="multipart/form-data" class="inline">
    {{!csrf_field()}}
    <label>{{t('imports.upload')}} <input type="file" name="file" accept=".dat" required></label>
    <button id="upload-file">{{t('imports.upload_button')}}</button>
  </form>
</div>
<p class="hint">{{t('imports.import_now_hint')}}</p>

% if gestionale.get('pending_files'):
<section>
  <h2>{{t('imports.waiting')}}</h2>
  <ul class="plain">
    % for name, bytes in gestionale['pending_files'].items():
    <li>{{name}} <span class="hint">{{size(bytes)}}</span></li>
    % end
  </ul>
</section>
% end

% if held:
<section id="held">
  <h2>{{t('imports.held')}}</h2>
  <p class="hint">{{t('imports.held_hint')}}</p>
  <div class="scroll"><table>
    <thead><tr><th>{{t('imports.held_name')}}</th><th>{{t('common.file')}}</th><th>{{t('common.size')}}</th><th>{{t('imports.held_at')}}</th><th>{{t('common.reason')}}</th><th></th></tr></thead>
    <tbody>
    % for item in held:
    <tr>
      <td>{{item.name}}</td><td>{{item.path.name}}</td><td class="num">{{size(item.size)}}</td><td>{{when(item.held_at.isoformat())}}</td>
      <td><details><summary>{{item.report.splitlines()[0] if item.report else ''}}</summary><pre>{{item.report}}</pre></details></td>
      <td class="row-actions">
        <form method="post" action="{{url('imports/held/' + q(item.name) + '/apply')}}" data-confirm="{{t('imports.confirm_apply', name=item.name)}}">
          {{!csrf_field()}}<button class="primary">{{t('imports.apply')}}</button>
        </form>
        <form method="post" action="{{url('imports/held/' + q(item.name) + '/discard')}}" data-confirm="{{t('imports.confirm_discard', name=item.name)}}">
          {{!csrf_field()}}<button class="danger">{{t('imports.discard')}}</button>
        </form>
      </td>
    </tr>
    % end
    </tbody>
  </table></div>
</section>
% end

% if rejected:
<section id="rejected">
  <h2>{{t('imports.rejected')}}</h2>
  <p class="hint">{{t('imports.rejected_hint')}}</p>
  <div class="scroll"><table>
    <thead><tr><th>{{t('common.file')}}</th><th>{{t('common.size')}}</th><th>{{t('imports.rejected_at')}}</th><th>{{t('common.reason')}}</th><th>{{t('imports.state')}}</th><th>{{t('imports.download')}}</th></tr></thead>
    <tbody>
    % for item in rejected:
    <tr class="rejected-{{item.state}}" data-name="{{item.name}}">
      <td>{{item.name}}</td><td class="num">{{size(item.size)}}</td><td>{{when(item.rejected_at.isoformat())}}</td><td>{{t.say(item.reason)}}</td>
      <td class="state">
        % if item.state == 'waiting':
        <span class="tag rejected">{{t('imports.state.waiting')}}</span>
        <form method="post" action="{{url('imports/rejected/' + q(item.name) + '/dismiss')}}" data-confirm="{{t('imports.confirm_dismiss', name=item.name)}}">
          {{!csrf_field()}}<button class="dismiss">{{t('imports.dismiss')}}</button>
        </form>
        % elif item.state == 'dismissed':
        {{t('imports.state.dismissed', who=item.dismissed_by or '–', when=when(item.dismissed_at))}}
        % else:
        {{t('imports.state.replaced')}}
        % end
      </td>
      <td class="row-actions">
        <a href="{{url('imports/rejected/' + q(item.name))}}" download>{{t('imports.the_file')}}</a>
        % if item.has_report:
        <a href="{{url('imports/rejected/' + q(item.name) + '/report')}}" download>{{t('imports.the_report')}}</a>
        % end
      </td>
    </tr>
    % end
    </tbody>
  </table></div>
</section>
% end

<section id="log">
  <h2>{{t('imports.log')}}</h2>
  <form method="get" action="{{url('imports')}}" class="filters">
    <label>{{t('imports.result')}}
      <select name="result">
        <option value="">{{t('common.all')}}</option>
        % for name in results:
        <option value="{{name}}"{{!' selected' if name == result else ''}}>{{t('result.' + name)}}</option>
        % end
      </select>
    </label>
    <label>{{t('common.file')}} <input name="file" value="{{file}}" placeholder="io_art"></label>
    <button>{{t('common.filter')}}</button>
  </form>
  % if rows:
  <div class="scroll"><table class="log">
    <thead><tr><th>#</th><th>{{t('common.when')}}</th><th>{{t('common.file')}}</th><th>{{t('imports.result')}}</th><th class="num">{{t('imports.rows')}}</th><th class="num">{{t('imports.new_changed_deleted')}}</th><th class="num">s</th><th>{{t('common.message')}}</th></tr></thead>
    <tbody>
    % for row in rows:
    <tr>
      <td><a href="{{url('imports/' + str(row['id']))}}">{{row['id']}}</a></td>
      <td class="nowrap">{{when(row['finished_at'])}}</td>
      <td><a href="{{url('imports/' + str(row['id']))}}">{{row['file_name']}}</a></td>
      <td><span class="tag {{row['result']}}">{{t('result.' + row['result'])}}</span></td>
      <td class="num">{{number(row['rows_read'])}}</td>
      <td class="num">+{{number(row['rows_new'])}} ~{{number(row['rows_changed'])}} −{{number(row['rows_deleted'])}}</td>
      <td class="num">{{decimal(round(row['seconds'], 1))}}</td>
      <td class="message">{{t.say(row['message'])}}</td>
    </tr>
    % end
    </tbody>
  </table></div>
  % else:
  <p class="empty">{{t('imports.none')}}</p>
  % end
  <p class="pager">
    % if before:
    <a href="{{url('imports', result=result, file=file)}}">{{t('common.newest')}}</a>
    % end
    % if more:
    <a href="{{url('imports', result=result, file=file, before=rows[-1]['id'])}}" id="older">{{t('common.older')}}</a>
    % end
  </p>
</section>
