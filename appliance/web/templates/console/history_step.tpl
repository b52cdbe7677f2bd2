% detail = step['detail'] or {}
% actor = step['actor'].split(':', 1)[-1]
% parts = t.plural('history.parts', len(detail['parts'])) if isinstance(detail.get('parts'), list) else ''
% key = 'history.' + step['step'] if t.has('history.' + step['step']) else 'history.other'
{{t(key, actor=actor, parts=parts, reason=detail.get('reason', ''), step=step['step'])}}
% if step['status'] == 'pending':
{{t('history.no_lines') if 'no lines' in str(detail.get('waiting_for', '')) else t('history.waiting')}}
% end
% if detail.get('export_ids'):
{{t('history.export_ids', ids=', '.join(str(i) for i in detail['export_ids']))}}
% end
