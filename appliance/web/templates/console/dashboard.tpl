<h1>{{t('dashboard.heading')}}</h1>
<div class="panel" id="dashboard-panel" data-refresh="{{url('dashboard/panel')}}" data-every="10" data-ended="{{t('dash.session_ended')}}">
{{!embed('dashboard_panel', report=report)}}
</div>
