import { api, enc } from './api.js';
import { $, clock, h } from './dom.js';

const MAX_LINES = 1000;

/** A function's CloudWatch Logs lines, following new ones when an invocation of it ends. */
export class LogsView {
  constructor() {
    this.fn = '';
    this.ids = new Set();
    this.since = undefined;
    this.loading = false;
    this.again = false;
    $('#logs-function').addEventListener('change', (event) => void this.open(event.target.value));
  }

  /** Keeps the function list in step with the overview. */
  functions(names) {
    const select = $('#logs-function');
    const current = [...select.options].map((option) => option.value).join('\n');
    const wanted = ['', ...names].join('\n');
    if (current === wanted) return;
    select.replaceChildren(h('option', { value: '' }, 'choose a function…'), ...names.map((name) => h('option', { value: name, selected: name === this.fn }, name)));
  }

  async open(fn) {
    this.fn = fn;
    this.ids.clear();
    this.since = undefined;
    $('#logs-function').value = fn;
    $('#logs-lines').replaceChildren();
    $('#logs-summary').textContent = '';
    if (fn) await this.load();
  }

  /** Called with each activity batch: an ended invocation of the followed function brings its lines. */
  activity(steps) {
    if (!this.fn || !$('#logs-follow').checked) return;
    if (steps.some((step) => step.kind === 'invocation' && step.to === `function:${this.fn}`)) void this.load();
  }

  async load() {
    if (this.loading) return void (this.again = true);
    this.loading = true;
    try {
      const fn = this.fn;
      const query = this.since === undefined ? 'limit=300' : `since=${this.since}&limit=1000`;
      const { lines } = await api('GET', `functions/${enc(fn)}/logs?${query}`);
      if (fn !== this.fn) return;
      const fresh = lines.filter((line) => !this.ids.has(line.eventId));
      for (const line of fresh) this.ids.add(line.eventId);
      if (lines.length > 0) this.since = lines.at(-1).timestamp;
      const box = $('#logs-lines');
      const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
      box.append(...fresh.map((line) => h('div', { class: `line${/\tERROR\t|^REPORT .*Status: /.test(line.message) ? ' line-error' : ''}` }, h('span', { class: 'time' }, clock(line.timestamp)), line.message.replace(/\n$/, ''))));
      while (box.childElementCount > MAX_LINES) box.firstElementChild.remove();
      if (atBottom) box.scrollTop = box.scrollHeight;
      $('#logs-summary').textContent = `${box.childElementCount} lines of /aws/lambda/${fn}`;
    } finally {
      this.loading = false;
      if (this.again) {
        this.again = false;
        void this.load();
      }
    }
  }
}
