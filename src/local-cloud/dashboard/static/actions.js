import { api, ApiError, enc } from './api.js';
import { $, h, toast } from './dom.js';

let overview;
/** The latest overview, for the dialogs' defaults and choices. */
export function useOverview(latest) {
  overview = latest;
}

const parseJson = (field, text) => {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, { field, message: `${field}: not valid JSON` });
  }
};

/** Each action: its dialog (or none, for one-click actions) and what it sends. */
const ACTIONS = {
  invoke: (fn) => ({
    title: `Invoke ${fn}`,
    fields: [
      { name: 'payload', label: 'event (JSON)', type: 'textarea', value: '{}' },
      { name: 'async', label: 'asynchronously (Lambda “Event”: queued, retried)', type: 'checkbox' },
    ],
    keepOpen: true,
    run: (values) => api('POST', `functions/${enc(fn)}/invoke`, { payload: parseJson('payload', values.payload), async: values.async }),
  }),
  fault: (fn) => {
    const fault = overview?.faults?.[fn] ?? { errorRate: 0, latencyMs: 0, duplicateRate: 0 };
    return {
      title: `Fault injection: ${fn}`,
      note: 'Off again after a restart of the cloud. All zero turns it off.',
      fields: [
        { name: 'errorRate', label: 'error rate (%)', type: 'number', value: Math.round(fault.errorRate * 100), min: 0, max: 100 },
        { name: 'latencyMs', label: 'added latency (ms)', type: 'number', value: fault.latencyMs, min: 0, max: 60000 },
        { name: 'duplicateRate', label: 'duplicate delivery (%)', type: 'number', value: Math.round(fault.duplicateRate * 100), min: 0, max: 100 },
      ],
      extra: { label: 'Turn off', run: () => api('DELETE', `functions/${enc(fn)}/fault`) },
      run: (values) =>
        api('PUT', `functions/${enc(fn)}/fault`, { errorRate: Number(values.errorRate) / 100, latencyMs: Number(values.latencyMs), duplicateRate: Number(values.duplicateRate) / 100 }),
    };
  },
  send: (queue) => ({
    title: `Send a message to ${queue}`,
    fields: [
      { name: 'body', label: 'body', type: 'textarea', value: '{}' },
      { name: 'delaySeconds', label: 'delay (s)', type: 'number', value: 0, min: 0, max: 900 },
    ],
    run: (values) => api('POST', `queues/${enc(queue)}/messages`, { body: values.body, delaySeconds: Number(values.delaySeconds) }),
  }),
  purge: (queue) => ({ title: `Purge ${queue}?`, note: 'Deletes every message of the queue (at most once a minute, as on AWS).', fields: [], run: () => api('POST', `queues/${enc(queue)}/purge`) }),
  redrive: (queue) => {
    const sources = overview?.queues.find((q) => q.name === queue)?.deadLetterSources ?? [];
    return {
      title: `Redrive ${queue}`,
      note: `Moves its messages back (StartMessageMoveTask). Source queue${sources.length === 1 ? '' : 's'}: ${sources.join(', ')}.`,
      fields: [
        { name: 'destination', label: 'to', type: 'select', options: [['', 'the queue each message came from'], ...(overview?.queues ?? []).filter((q) => q.name !== queue).map((q) => [q.name, q.name])] },
        { name: 'maxPerSecond', label: 'messages per second (empty: as fast as possible)', type: 'number', min: 1, max: 500 },
      ],
      run: (values) => api('POST', `queues/${enc(queue)}/redrive`, { ...(values.destination && { destination: values.destination }), ...(values.maxPerSecond && { maxPerSecond: Number(values.maxPerSecond) }) }),
    };
  },
  'put-event': (bus) => ({
    title: 'Put an event',
    fields: [
      { name: 'bus', label: 'event bus', type: 'select', value: bus || 'default', options: (overview?.buses ?? [{ name: 'default' }]).map((b) => [b.name, b.name]) },
      { name: 'source', label: 'source', type: 'text', value: 'dashboard' },
      { name: 'detailType', label: 'detail-type', type: 'text', value: '' },
      { name: 'detail', label: 'detail (JSON object)', type: 'textarea', value: '{}' },
    ],
    keepOpen: true,
    run: (values) => api('POST', 'events', { bus: values.bus, source: values.source, detailType: values.detailType, detail: values.detail }),
  }),
  pause: (uuid) => ({ immediate: true, run: () => api('POST', `event-source-mappings/${enc(uuid)}/pause`), done: 'paused' }),
  resume: (uuid) => ({ immediate: true, run: () => api('POST', `event-source-mappings/${enc(uuid)}/resume`), done: 'resumed' }),
  logs: (fn) => ({ immediate: true, run: async () => window.dispatchEvent(new CustomEvent('eventloom:logs', { detail: fn })) }),
};

export async function openAction(action, target) {
  const spec = ACTIONS[action]?.(target);
  if (!spec) return;
  if (spec.immediate) {
    try {
      await spec.run();
      if (spec.done) toast(`${target}: ${spec.done}`);
    } catch (error) {
      toast(error.message, 'error');
    }
    return;
  }
  showDialog(spec);
}

function showDialog(spec) {
  const dialog = $('#dialog');
  $('#dialog-title').textContent = spec.title;
  const fields = $('#dialog-fields');
  fields.replaceChildren(...(spec.note ? [h('p', { class: 'muted' }, spec.note)] : []), ...spec.fields.map(field));
  for (const id of ['#dialog-error', '#dialog-result']) $(id).hidden = true;
  const menu = dialog.querySelector('menu');
  menu.querySelector('.extra')?.remove();
  if (spec.extra) menu.prepend(h('button', { type: 'button', class: 'extra', onclick: () => submit(spec.extra.run, spec) }, spec.extra.label));
  const form = $('#dialog-form');
  form.onsubmit = (event) => {
    event.preventDefault();
    void submit(() => spec.run(values(form)), spec);
  };
  $('#dialog-cancel').onclick = () => dialog.close();
  dialog.showModal();
}

async function submit(run, spec) {
  const error = $('#dialog-error');
  error.hidden = true;
  for (const input of $('#dialog-fields').querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  try {
    const result = await run();
    if (spec.keepOpen) {
      const shown = $('#dialog-result');
      shown.textContent = JSON.stringify(result, null, 2);
      shown.hidden = false;
    } else {
      $('#dialog').close();
      toast(`${spec.title}: done`);
    }
  } catch (failure) {
    error.textContent = failure.message;
    error.hidden = false;
    if (failure.field) $(`#dialog-fields [name="${failure.field}"]`)?.setAttribute('aria-invalid', 'true');
  }
}

function field(spec) {
  let input;
  if (spec.type === 'textarea') input = h('textarea', { name: spec.name, rows: 6, spellcheck: 'false' }, spec.value ?? '');
  else if (spec.type === 'select') input = h('select', { name: spec.name }, spec.options.map(([value, label]) => h('option', { value, selected: value === spec.value }, label)));
  else if (spec.type === 'checkbox') input = h('input', { name: spec.name, type: 'checkbox' });
  else input = h('input', { name: spec.name, type: spec.type, value: spec.value ?? '', min: spec.min, max: spec.max, step: spec.type === 'number' ? 'any' : undefined });
  return h('label', { class: spec.type === 'checkbox' ? 'check' : 'field' }, spec.type === 'checkbox' ? [input, spec.label] : [h('span', {}, spec.label), input]);
}

function values(form) {
  const result = {};
  for (const element of form.querySelectorAll('#dialog-fields [name]')) result[element.name] = element.type === 'checkbox' ? element.checked : element.value;
  return result;
}
