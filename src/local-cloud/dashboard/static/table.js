import { h } from './dom.js';

/**
 * A table whose rows are kept by key and whose cells are only touched when their text changes, so
 * an overview arriving every second neither rebuilds the DOM nor steals focus from a button.
 *
 * columns: [{ title, value: (item) => string | number, class?, node?: (item) => Node, signature?: (item) => string }]
 * A column with `node` is rebuilt only when its `signature` changes (buttons whose label depends on state).
 */
export class KeyedTable {
  constructor({ id, columns, key }) {
    this.columns = columns;
    this.key = key;
    this.rows = new Map();
    this.body = h('tbody');
    this.element = h(
      'table',
      { class: 'grid', dataset: { table: id } },
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { class: column.class }, column.title)))),
      this.body,
    );
  }

  update(items) {
    const seen = new Set();
    let previous = null;
    for (const item of items) {
      const key = this.key(item);
      seen.add(key);
      let row = this.rows.get(key);
      if (!row) {
        row = h('tr', { dataset: { key } }, this.columns.map((column) => h('td', { class: column.class })));
        this.rows.set(key, row);
      }
      this.columns.forEach((column, index) => fill(row.children[index], column, item));
      // Moved only when out of place: an unchanged table causes no DOM mutation at all.
      const expected = previous ? previous.nextElementSibling : this.body.firstElementChild;
      if (row !== expected) {
        if (previous) previous.after(row);
        else this.body.prepend(row);
      }
      previous = row;
    }
    for (const [key, row] of this.rows) {
      if (!seen.has(key)) {
        row.remove();
        this.rows.delete(key);
      }
    }
  }
}

function fill(cell, column, item) {
  if (column.node) {
    const signature = column.signature ? column.signature(item) : '';
    if (cell.dataset.signature === signature && cell.firstChild) return;
    cell.dataset.signature = signature;
    cell.replaceChildren(column.node(item));
    return;
  }
  const value = column.value(item);
  const text = value === undefined || value === null ? '' : String(value);
  if (cell.textContent !== text) cell.textContent = text;
  if (column.state) {
    const state = column.state(item) ?? '';
    if (cell.dataset.state !== state) cell.dataset.state = state;
  }
}
