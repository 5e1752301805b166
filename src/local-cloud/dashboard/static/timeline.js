import { $, chip, clock, count, h, ms } from './dom.js';

/** Rows kept on the page; older ones are dropped (the API keeps more: /_eventloom/api/activity). */
const MAX_ROWS = 300;

/**
 * The live list of steps, newest first. While its tab is hidden it only keeps the last steps, and
 * builds their rows when shown, so a page left on another view does no DOM work for the timeline.
 */
export class TimelineView {
  constructor() {
    this.body = $('#timeline tbody');
    this.filter = '';
    this.live = true;
    this.visible = false;
    this.kept = [];
    $('#timeline-filter').addEventListener('input', (event) => {
      this.filter = event.target.value.trim().toLowerCase();
      for (const row of this.body.rows) row.hidden = !this.matches(row.dataset.text);
    });
    $('#timeline-live').addEventListener('change', (event) => (this.live = event.target.checked));
  }

  matches(text) {
    return this.filter === '' || text.includes(this.filter);
  }

  add(steps, dropped) {
    if (!this.live || steps.length === 0) return;
    this.kept.push(...steps);
    if (this.kept.length > MAX_ROWS) this.kept.splice(0, this.kept.length - MAX_ROWS);
    if (dropped > 0) $('#timeline-dropped').textContent = `${count(dropped)} steps of a burst not shown`;
    if (!this.visible) return;
    this.body.prepend(...steps.slice(-MAX_ROWS).map((step) => this.row(step)).reverse());
    while (this.body.rows.length > MAX_ROWS) this.body.lastElementChild.remove();
  }

  /** Called when the tab is shown or hidden. */
  show(visible) {
    this.visible = visible;
    if (visible) this.body.replaceChildren(...this.kept.map((step) => this.row(step)).reverse());
  }

  row(step) {
    const text = `${step.kind} ${step.from} ${step.to} ${step.note ?? ''} ${step.outcome ?? ''}`.toLowerCase();
    const row = h(
      'tr',
      { class: `kind-${step.kind}`, dataset: { seq: step.seq, kind: step.kind, text, outcome: step.outcome ?? '' } },
      h('td', { class: 'time' }, clock(step.at)),
      h('td', {}, h('span', { class: `badge badge-${step.kind}` }, step.kind)),
      h('td', {}, step.from ? chip(step.from) : ''),
      h('td', { class: 'arrow' }, '→'),
      h('td', {}, chip(step.to)),
      h('td', { class: 'num' }, step.count && step.count !== 1 ? count(step.count) : ''),
      h('td', { class: 'num' }, ms(step.durationMs)),
      h('td', { class: `outcome outcome-${step.outcome ?? 'none'}` }, step.outcome ?? ''),
      h('td', { class: 'note', title: step.note ?? '' }, step.note ?? ''),
    );
    row.hidden = !this.matches(text);
    return row;
  }
}
