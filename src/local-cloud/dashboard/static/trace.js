import { api, enc } from './api.js';
import { $, chip, count, h, ms, splitParticipant } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLUMN = 150;
const LEFT = 74;
const HEAD = 56;
const ROW = 38;

function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The sequence diagram of one business key, redrawn as new steps of its path arrive. */
export class TraceView {
  constructor({ onTrace }) {
    this.key = '';
    this.onTrace = onTrace;
    $('#trace-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.show($('#trace-key').value.trim());
    });
  }

  async show(key) {
    if (!key) return;
    this.key = key;
    $('#trace-key').value = key;
    this.onTrace(key);
    await this.refresh();
  }

  async refresh() {
    if (!this.key) return;
    const trace = await api('GET', `trace?key=${enc(this.key)}`);
    if (trace.key !== this.key) return;
    this.lastSteps = trace.steps.length;
    $('#trace-summary').textContent =
      trace.steps.length === 0 ? `nothing recent mentions “${trace.key}”` : `${count(trace.steps.length)} steps across ${trace.participants.length} resources in ${ms(trace.totalMs)}`;
    $('#trace-diagram').replaceChildren(trace.steps.length > 0 ? diagram(trace) : '');
    const table = $('#trace-steps');
    table.hidden = trace.steps.length === 0;
    table.tBodies[0].replaceChildren(...trace.steps.map(stepRow));
  }
}

/** The prefix every name shares (an app's `ecommerce-`), shown once instead of in every column. */
function sharedPrefix(names) {
  if (names.length < 2) return '';
  let prefix = names[0];
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('-') + 1;
  return cut >= 3 ? prefix.slice(0, cut) : '';
}

function diagram(trace) {
  const x = (participant) => LEFT + trace.participants.indexOf(participant) * COLUMN + COLUMN / 2;
  const prefix = sharedPrefix(trace.participants.map((p) => splitParticipant(p)[1]).filter((name) => name.includes('-')));
  const height = HEAD + trace.steps.length * ROW + 16;
  const width = LEFT + trace.participants.length * COLUMN;
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'sequence', role: 'img', 'aria-label': `path of ${trace.key}` });
  svg.append(
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }))),
  );
  for (const participant of trace.participants) {
    const [kind, name] = splitParticipant(participant);
    const cx = x(participant);
    svg.append(
      s('line', { x1: cx, y1: HEAD - 6, x2: cx, y2: height - 4, class: 'lifeline' }),
      s(
        'g',
        { 'data-participant': participant },
        s('title', {}, participant),
        s('rect', { x: cx - COLUMN / 2 + 6, y: 4, width: COLUMN - 12, height: HEAD - 14, rx: 6, class: `participant participant-${kind || 'other'}` }),
        s('text', { x: cx, y: 20, class: 'participant-kind' }, kind || 'caller'),
        s('text', { x: cx, y: 36, class: 'participant-name' }, shorten(name.startsWith(prefix) ? name.slice(prefix.length) : name, 22)),
      ),
    );
  }
  trace.steps.forEach((step, index) => {
    const y = HEAD + index * ROW + ROW / 2 + 6;
    const from = x(step.from);
    const to = x(step.to);
    const state = step.outcome === 'error' || step.outcome === 'timeout' ? 'bad' : step.kind === 'retry' ? 'retry' : step.kind === 'dlq-move' ? 'dlq' : 'ok';
    const group = s('g', { class: `step step-${state}`, 'data-kind': step.kind });
    group.append(s('text', { x: 6, y: y + 4, class: 'offset' }, `+${ms(step.offsetMs)}`));
    if (from === to) {
      group.append(s('path', { d: `M${from},${y - 6} h28 v12 h-26`, class: 'arrow', 'marker-end': 'url(#arrow)', fill: 'none' }));
    } else {
      group.append(s('line', { x1: from, y1: y, x2: to + (to > from ? -4 : 4), y2: y, class: 'arrow', 'marker-end': 'url(#arrow)' }));
    }
    const label = `${step.kind}${step.count ? ` ×${step.count}` : ''}${step.durationMs !== undefined ? ` · ${ms(step.durationMs)}` : ''}${step.note ? ` · ${step.note}` : ''}`;
    const labelX = from === to ? from + 34 : (from + to) / 2;
    group.prepend(s('title', {}, label));
    group.append(s('text', { x: labelX, y: y - 6, class: `label${from === to ? ' label-side' : ''}` }, shorten(label, from === to ? 40 : Math.max(18, Math.abs(to - from) / 6.5))));
    svg.append(group);
  });
  return h('div', { class: 'diagram' }, prefix ? h('p', { class: 'muted prefix' }, `names shown without their common prefix “${prefix}”`) : '', svg);
}

function stepRow(step) {
  return h(
    'tr',
    { dataset: { kind: step.kind } },
    h('td', { class: 'num' }, `+${Math.round(step.offsetMs)}`),
    h('td', {}, h('span', { class: `badge badge-${step.kind}` }, step.kind)),
    h('td', {}, chip(step.from)),
    h('td', { class: 'arrow' }, '→'),
    h('td', {}, chip(step.to)),
    h('td', { class: 'num' }, step.count ? count(step.count) : ''),
    h('td', { class: 'num' }, ms(step.durationMs)),
    h('td', { class: `outcome outcome-${step.outcome ?? 'none'}` }, step.outcome ?? ''),
    h('td', { class: 'note' }, step.note ?? ''),
  );
}
