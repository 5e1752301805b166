/**
 * The parameters of one awsQuery request (`Action=…&Version=…&Attribute.1.Name=…`), read by their
 * dotted names. A list arrives in one of the two shapes AWS's query serializers write: flattened
 * (`AttributeName.1`, `SendMessageBatchRequestEntry.1.Id`) or wrapped (`Entries.member.1.Id`, a map as
 * `Tags.entry.1.key`); readers here accept both.
 *
 * @example
 * const params = QueryParams.parse('Action=CreateQueue&QueueName=q&Attribute.1.Name=DelaySeconds&Attribute.1.Value=5');
 * params.get('QueueName'); // 'q'
 * params.map(['Attribute']); // { DelaySeconds: '5' }
 */
export class QueryParams {
  readonly #entries: ReadonlyMap<string, string>;

  constructor(entries: ReadonlyMap<string, string>) {
    this.#entries = entries;
  }

  /** A form-encoded body or a URL's query string (without `?`). A repeated name keeps its first value. */
  static parse(text: string): QueryParams {
    const entries = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(text)) if (!entries.has(name)) entries.set(name, value);
    return new QueryParams(entries);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value of a scalar parameter; `''` is the value of this scope itself (a list item that is a string). */
  get(name: string): string | undefined {
    return this.#entries.get(name);
  }

  names(): string[] {
    return [...this.#entries.keys()];
  }

  /** The parameters under `prefix.`, with the prefix taken off (`Attribute.1.Name` → scope('Attribute.1') → `Name`). */
  scope(prefix: string): QueryParams {
    const scoped = new Map<string, string>();
    for (const [name, value] of this.#entries) {
      if (name === prefix) scoped.set('', value);
      else if (name.startsWith(`${prefix}.`)) scoped.set(name.slice(prefix.length + 1), value);
    }
    return new QueryParams(scoped);
  }

  /**
   * The items of a list under the first of `names` present, in index order; each item is a scope
   * (`item.get('')` for a string item, `item.get('Id')` for a structure's member). An empty list
   * (`AttributeName=`, as botocore sends it) gives `[]`; an absent one `undefined`.
   */
  list(names: readonly string[]): QueryParams[] | undefined {
    for (const name of names) {
      const scoped = this.scope(name);
      if (scoped.size === 0) continue;
      const items = new Map<number, Map<string, string>>();
      for (const [key, value] of scoped.#entries) {
        const parts = key.split('.');
        // wrapped lists put `member` (maps `entry`) before the index
        if (parts[0] === 'member' || parts[0] === 'entry') parts.shift();
        const index = Number(parts[0]);
        if (!Number.isInteger(index) || index < 1) continue;
        const item = items.get(index) ?? new Map<string, string>();
        item.set(parts.slice(1).join('.'), value);
        items.set(index, item);
      }
      return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => new QueryParams(item));
    }
    return undefined;
  }

  /** A list of strings (`AttributeName.1=All`). */
  strings(names: readonly string[]): string[] | undefined {
    return this.list(names)?.flatMap((item) => {
      const value = item.get('');
      return value === undefined ? [] : [value];
    });
  }

  /**
   * A map of strings under the first of `names` present: items with a key member (`Name`, `Key` or
   * `key`) and a value member (`Value` or `value`).
   */
  map(names: readonly string[]): Record<string, string> | undefined {
    const entries = this.mapEntries(names);
    if (!entries) return undefined;
    const map: Record<string, string> = {};
    for (const { key, value } of entries) map[key] = value.get('') ?? '';
    return map;
  }

  /** The entries of a map whose values are structures (SQS message attributes): each value as a scope. */
  mapEntries(names: readonly string[]): { key: string; value: QueryParams }[] | undefined {
    const items = this.list(names);
    if (!items) return undefined;
    return items.flatMap((item) => {
      const key = item.get('Name') ?? item.get('Key') ?? item.get('key');
      if (key === undefined) return [];
      const valueName = ['Value', 'value'].find((name) => item.scope(name).size > 0) ?? 'Value';
      return [{ key, value: item.scope(valueName) }];
    });
  }
}
