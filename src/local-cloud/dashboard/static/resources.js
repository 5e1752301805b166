import { openAction } from './actions.js';
import { $, ago, count, h, ms, splitParticipant } from './dom.js';
import { KeyedTable } from './table.js';

const button = (label, action, target, extra = {}) => h('button', { type: 'button', class: 'small', dataset: { action, target, ...extra } }, label);
const buttons = (...list) => h('span', { class: 'buttons' }, list.filter(Boolean));
const name = (participant) => splitParticipant(participant)[1];

/** The resource kinds, each a keyed table per stack section. */
const KINDS = [
  {
    kind: 'functions',
    title: 'Functions',
    key: (f) => f.name,
    columns: [
      { title: 'function', value: (f) => f.name },
      { title: 'invocations', class: 'num invocations', value: (f) => count(f.invocations) },
      { title: 'errors', class: 'num errors', value: (f) => count(f.errors), state: (f) => (f.errors > 0 ? 'bad' : '') },
      { title: 'timeouts', class: 'num timeouts', value: (f) => count(f.timeouts), state: (f) => (f.timeouts > 0 ? 'bad' : '') },
      { title: 'p50', class: 'num p50', value: (f) => ms(f.p50) },
      { title: 'p95', class: 'num p95', value: (f) => ms(f.p95) },
      { title: 'running', class: 'num concurrency', value: (f) => `${f.running}/${f.concurrency}` },
      { title: 'fault', class: 'fault', value: (f) => faultText(f.fault), state: (f) => (f.fault ? 'bad' : '') },
      {
        title: '',
        class: 'actions',
        signature: () => 'fixed',
        node: (f) => buttons(button('Invoke', 'invoke', f.name), button('Logs', 'logs', f.name), button('Fault…', 'fault', f.name)),
      },
    ],
  },
  {
    kind: 'queues',
    title: 'Queues',
    key: (q) => q.name,
    columns: [
      { title: 'queue', value: (q) => q.name },
      { title: 'visible', class: 'num visible', value: (q) => count(q.visible) },
      { title: 'in flight', class: 'num inflight', value: (q) => count(q.inFlight) },
      { title: 'delayed', class: 'num delayed', value: (q) => count(q.delayed) },
      { title: 'DLQ depth', class: 'num dlq', value: (q) => (q.deadLetterQueue ? count(q.deadLetterDepth) : ''), state: (q) => (q.deadLetterDepth > 0 ? 'bad' : '') },
      { title: 'dead-letter', class: 'redrive', value: (q) => deadLetterText(q) },
      {
        title: '',
        class: 'actions',
        signature: (q) => String(q.deadLetterSources.length > 0),
        node: (q) => buttons(button('Send…', 'send', q.name), button('Purge', 'purge', q.name), q.deadLetterSources.length > 0 && button('Redrive…', 'redrive', q.name)),
      },
    ],
  },
  {
    kind: 'tables',
    title: 'Tables',
    key: (t) => t.name,
    columns: [
      { title: 'table', value: (t) => t.name },
      { title: 'items', class: 'num items', value: (t) => count(t.items) },
      { title: 'stream: last record read', class: 'position', value: (t) => (t.streamArn ? (t.lastReadAt ? `#${t.lastSequenceNumber ?? '?'} · ${ago(t.lastReadAt)}` : 'nothing read yet') : 'no stream') },
      { title: 'consumers (checkpoint)', class: 'consumers', value: (t) => t.consumers.map((c) => `${c.name}${c.checkpoint ? ` @${c.checkpoint}` : ''}`).join(', ') },
    ],
  },
  {
    kind: 'rules',
    title: 'Rules',
    key: (r) => `${r.bus}/${r.name}`,
    columns: [
      { title: 'rule', value: (r) => r.name },
      { title: 'bus', value: (r) => r.bus },
      { title: 'matches', class: 'num matches', value: (r) => count(r.matches) },
      { title: 'state', value: (r) => r.state, state: (r) => (r.state === 'ENABLED' ? '' : 'off') },
      { title: 'targets', value: (r) => r.targets.map(name).join(', ') || r.scheduleExpression || '' },
    ],
  },
  {
    kind: 'pipes',
    title: 'Pipes',
    key: (p) => p.name,
    columns: [
      { title: 'pipe', value: (p) => p.name },
      { title: 'source → target', value: (p) => `${p.source ?? '?'} → ${p.target ?? '?'}` },
      { title: 'delivered', class: 'num delivered', value: (p) => count(p.delivered) },
      { title: 'filtered out', class: 'num', value: (p) => count(p.filteredOut) },
    ],
  },
  {
    kind: 'eventSourceMappings',
    title: 'Event source mappings',
    key: (m) => m.uuid,
    columns: [
      { title: 'source → function', value: (m) => `${m.source} → ${m.functionName}` },
      { title: 'state', class: 'state', value: (m) => m.state, state: (m) => (m.state === 'Enabled' ? '' : 'off') },
      { title: 'batches', class: 'num batches', value: (m) => count(m.batches) },
      { title: 'records', class: 'num', value: (m) => count(m.records) },
      { title: 'failed', class: 'num', value: (m) => count(m.failedBatches), state: (m) => (m.failedBatches > 0 ? 'bad' : '') },
      {
        title: '',
        class: 'actions',
        signature: (m) => m.state,
        node: (m) => buttons(m.state === 'Enabled' ? button('Pause', 'pause', m.uuid) : button('Resume', 'resume', m.uuid)),
      },
    ],
  },
  { kind: 'buses', title: 'Event buses', key: (b) => b.name, columns: [{ title: 'bus', value: (b) => b.name }, { title: '', class: 'actions', signature: () => 'fixed', node: (b) => buttons(button('Put event…', 'put-event', b.name)) }] },
  { kind: 'buckets', title: 'Buckets', key: (b) => b.name, columns: [{ title: 'bucket', value: (b) => b.name }, { title: 'objects', class: 'num', value: (b) => count(b.objects) }] },
  {
    kind: 'kinesisStreams',
    title: 'Kinesis streams',
    key: (s) => s.name,
    columns: [{ title: 'stream', value: (s) => s.name }, { title: 'last record read', value: (s) => (s.lastReadAt ? `#${s.lastSequenceNumber ?? '?'} · ${ago(s.lastReadAt)}` : '') }],
  },
];

export function faultText(fault) {
  if (!fault) return '';
  const parts = [];
  if (fault.errorRate > 0) parts.push(`${Math.round(fault.errorRate * 100)}% errors`);
  if (fault.latencyMs > 0) parts.push(`+${fault.latencyMs} ms`);
  if (fault.duplicateRate > 0) parts.push(`${Math.round(fault.duplicateRate * 100)}% duplicates`);
  return parts.join(', ');
}

function deadLetterText(queue) {
  const parts = [];
  if (queue.deadLetterQueue) parts.push(`→ ${queue.deadLetterQueue}`);
  if (queue.deadLetterSources.length > 0) parts.push(`DLQ of ${queue.deadLetterSources.join(', ')}`);
  if (queue.redrive) parts.push(`redrive ${queue.redrive.status.toLowerCase()} ${queue.redrive.moved}/${queue.redrive.toMove}`);
  return parts.join(' · ');
}

/** Renders the overview: one collapsible section per stack (and one for resources made through the APIs). */
export class ResourcesView {
  constructor(container) {
    this.container = container;
    this.sections = new Map();
    this.filter = '';
    container.addEventListener('click', (event) => {
      const target = event.target.closest('button[data-action]');
      if (target) openAction(target.dataset.action, target.dataset.target);
    });
    $('#resource-filter').addEventListener('input', (event) => {
      this.filter = event.target.value.trim().toLowerCase();
      if (this.last) this.render(this.last);
    });
  }

  render(overview) {
    this.last = overview;
    const groups = [...overview.stacks.map((s) => ({ ...s, label: `${s.name}`, note: s.kind })), { name: '', label: 'Other resources', note: 'created through the APIs' }];
    const shown = new Set();
    for (const group of groups) {
      const section = this.section(group);
      let any = false;
      for (const spec of KINDS) {
        const items = overview[spec.kind].filter((item) => (item.stack ?? '') === group.name && this.matches(item, spec));
        const table = section.tables.get(spec.kind);
        table.update(items);
        table.wrapper.hidden = items.length === 0;
        any ||= items.length > 0;
      }
      section.element.hidden = !any;
      shown.add(group.name);
      if (!section.element.isConnected) this.container.append(section.element);
    }
    for (const [key, section] of this.sections) if (!shown.has(key)) section.element.hidden = true;
  }

  matches(item, spec) {
    return this.filter === '' || spec.key(item).toLowerCase().includes(this.filter);
  }

  section(group) {
    let section = this.sections.get(group.name);
    if (section) return section;
    const tables = new Map();
    const element = h('details', { class: 'stack', open: true, dataset: { stack: group.name } }, h('summary', {}, h('h2', {}, group.label), h('span', { class: 'muted' }, group.note)));
    for (const spec of KINDS) {
      const table = new KeyedTable({ id: spec.kind, columns: spec.columns, key: spec.key });
      table.wrapper = h('div', { class: 'kind' }, h('h3', {}, spec.title), table.element);
      tables.set(spec.kind, table);
      element.append(table.wrapper);
    }
    section = { element, tables };
    this.sections.set(group.name, section);
    return section;
  }
}
