/**
 * A minimal XML writer for the awsQuery protocol's answers: elements and text, nothing else (no
 * attributes but the root's `xmlns`, no mixed content), which is all AWS's query responses use.
 */

/** What an element may contain: child elements, text, or nothing (`undefined`/`null` are left out). */
export type XmlContent = XmlElement | string | number | boolean | Date | undefined | null | readonly XmlContent[];

export interface XmlElement {
  readonly name: string;
  readonly content: readonly XmlContent[];
  readonly xmlns?: string;
}

/**
 * An element; arrays in `content` are flattened, so a list maps to repeated children.
 *
 * @example renderXml(el('QueueUrl', url)) // '<QueueUrl>http://…</QueueUrl>'
 */
export function el(name: string, ...content: XmlContent[]): XmlElement {
  return { name, content };
}

/** An element only when the value is present: AWS leaves unset members out rather than sending them empty. */
export function field(name: string, value: string | number | boolean | Date | undefined | null): XmlElement | undefined {
  return value === undefined || value === null ? undefined : el(name, value);
}

/** The XML declaration AWS puts before each query response. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function renderXml(content: XmlContent): string {
  if (content === undefined || content === null) return '';
  if (Array.isArray(content)) return content.map((item: XmlContent) => renderXml(item)).join('');
  if (content instanceof Date) return escapeXml(content.toISOString());
  if (typeof content !== 'object') return escapeXml(String(content));
  const element = content as XmlElement;
  const xmlns = element.xmlns ? ` xmlns="${escapeXml(element.xmlns)}"` : '';
  const inner = element.content.map((item) => renderXml(item)).join('');
  return inner === '' ? `<${element.name}${xmlns}/>` : `<${element.name}${xmlns}>${inner}</${element.name}>`;
}

/** The root element of a response, carrying the service's namespace. */
export function rootElement(name: string, xmlns: string | undefined, ...content: XmlContent[]): XmlElement {
  return xmlns ? { name, content, xmlns } : { name, content };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };

/**
 * Escapes text for an element or attribute. A carriage return becomes `&#xD;`: a parser folds a raw
 * `\r\n` into `\n`, which would change a message body and break the client's MD5 check.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (char) => ENTITIES[char]!);
}
