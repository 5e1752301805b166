import { useOverview } from './actions.js';
import { api } from './api.js';
import { $, h } from './dom.js';
import { LogsView } from './logs.js';
import { faultText, ResourcesView } from './resources.js';
import { TimelineView } from './timeline.js';
import { TraceView } from './trace.js';

// The page: tabs, one server-sent-events connection, views that render at most once per frame
// (and not at all while the tab is hidden), so it can stay open all day.

const resources = new ResourcesView($('#stacks'));
const timeline = new TimelineView();
const logs = new LogsView();
const trace = new TraceView({
  onTrace: (key) => {
    const url = new URL(location.href);
    url.searchParams.set('trace', key);
    url.hash = 'trace';
    history.replaceState(null, '', url);
    showTab('trace');
  },
});

let overview;
let overviewDirty = false;
let pendingSteps = [];
let pendingDropped = 0;
let frame = 0;
let traceTimer;
const rate = { steps: 0, since: Date.now() };

function showTab(name) {
  for (const view of document.querySelectorAll('[data-view]')) view.hidden = view.dataset.view !== name;
  for (const tab of document.querySelectorAll('[data-tab]')) tab.setAttribute('aria-current', String(tab.dataset.tab === name));
  timeline.show(name === 'timeline');
  if (name === 'resources' && overview) resources.render(overview);
}

function currentTab() {
  const name = location.hash.slice(1);
  return ['resources', 'timeline', 'trace', 'logs'].includes(name) ? name : 'resources';
}

window.addEventListener('hashchange', () => showTab(currentTab()));
window.addEventListener('eventloom:logs', (event) => {
  location.hash = 'logs';
  void logs.open(event.detail);
});

function schedule() {
  if (frame || document.hidden) return;
  frame = requestAnimationFrame(render);
}
document.addEventListener('visibilitychange', schedule);

function render() {
  frame = 0;
  if (overviewDirty && overview) {
    overviewDirty = false;
    if (currentTab() === 'resources') resources.render(overview);
    useOverview(overview);
    logs.functions(overview.functions.map((f) => f.name));
    renderFaults(overview.faults);
  }
  if (pendingSteps.length > 0 || pendingDropped > 0) {
    timeline.add(pendingSteps, pendingDropped);
    logs.activity(pendingSteps);
    pendingSteps = [];
    pendingDropped = 0;
  }
}

function renderFaults(faults) {
  const banner = $('#faults');
  const entries = Object.entries(faults);
  banner.hidden = entries.length === 0;
  banner.replaceChildren(
    ...(entries.length === 0
      ? []
      : [h('strong', {}, 'Fault injection active: '), ...entries.map(([fn, fault]) => h('span', { class: 'fault-item', dataset: { function: fn } }, `${fn} (${faultText(fault)})`))]),
  );
}

function connect() {
  const status = $('#status');
  const events = new EventSource('/_eventloom/events');
  events.addEventListener('open', () => {
    status.dataset.state = 'live';
    status.textContent = 'live';
  });
  events.addEventListener('error', () => {
    status.dataset.state = 'offline';
    status.textContent = 'reconnecting…';
  });
  events.addEventListener('overview', (event) => {
    overview = JSON.parse(event.data);
    overviewDirty = true;
    schedule();
  });
  events.addEventListener('activity', (event) => {
    const { steps, dropped } = JSON.parse(event.data);
    pendingSteps.push(...steps);
    if (pendingSteps.length > 300) pendingSteps = pendingSteps.slice(-300);
    pendingDropped += dropped;
    rate.steps += steps.length + dropped;
    schedule();
    // A trace on screen follows its key's path while activity flows, at most every 2 s.
    if (trace.key && currentTab() === 'trace' && !document.hidden && !traceTimer) {
      traceTimer = setTimeout(() => {
        traceTimer = undefined;
        void trace.refresh();
      }, 2000);
    }
  });
}

setInterval(() => {
  const seconds = (Date.now() - rate.since) / 1000;
  $('#rate').textContent = `${(rate.steps / seconds).toFixed(1)} steps/s`;
  rate.steps = 0;
  rate.since = Date.now();
}, 5000);

showTab(currentTab());
connect();
const linked = new URL(location.href).searchParams.get('trace');
if (linked) void trace.show(linked);
// The overview also arrives over the live feed; this first read shows the page before it connects.
api('GET', 'overview').then((first) => {
  overview ??= first;
  overviewDirty = true;
  schedule();
}, () => undefined);
