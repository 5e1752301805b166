// Small DOM helpers: no framework, the page must stay light enough to leave open all day.

/** Creates an element: h('td', { class: 'num', title: 'x' }, 'text', childNode). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** 1234 → "1,234"; undefined → "". */
export const count = (value) => (value === undefined || value === null ? '' : Number(value).toLocaleString('en-US'));

/** Milliseconds as "12 ms" or "1.4 s". */
export function ms(value) {
  if (value === undefined || value === null) return '';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}

/** An epoch ms as HH:MM:SS.mmm local time. */
export function clock(at) {
  const date = new Date(at);
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** "2 s ago", "3 min ago". */
export function ago(at) {
  if (!at) return '';
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  return seconds < 60 ? `${seconds} s ago` : seconds < 3600 ? `${Math.round(seconds / 60)} min ago` : `${Math.round(seconds / 3600)} h ago`;
}

/** `queue:shop-orders` → [kind, name]. */
export function splitParticipant(participant) {
  const at = participant.indexOf(':');
  return at < 0 ? ['', participant] : [participant.slice(0, at), participant.slice(at + 1)];
}

/** A participant as a small labelled chip. */
export function chip(participant) {
  const [kind, name] = splitParticipant(participant);
  return h('span', { class: `chip chip-${kind || 'other'}`, title: participant }, kind ? h('i', {}, kind) : '', name);
}

let toastTimer;
/** A short message at the top of the page; errors stay until the next one. */
export function toast(message, kind = 'info') {
  const element = $('#toast');
  element.textContent = message;
  element.dataset.kind = kind;
  element.hidden = false;
  clearTimeout(toastTimer);
  if (kind !== 'error') toastTimer = setTimeout(() => (element.hidden = true), 4000);
}
