/** A piece of an `Fn::Sub` string: literal text or a `${Name}` / `${Resource.Attribute}` variable. */
export type SubPart = { readonly literal: string } | { readonly variable: string };

/**
 * Splits an `Fn::Sub` template into literals and variables. `${!Literal}` is the escape for a
 * literal `${Literal}`; an unclosed `${` stays literal text, as CloudFormation leaves it.
 */
export function parseSub(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    const close = open === -1 ? -1 : template.indexOf('}', open + 2);
    if (open === -1 || close === -1) {
      literal += template.slice(i);
      break;
    }
    literal += template.slice(i, open);
    const inner = template.slice(open + 2, close);
    if (inner.startsWith('!')) {
      literal += `\${${inner.slice(1)}}`;
    } else {
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push({ variable: inner.trim() });
    }
    i = close + 1;
  }
  if (literal !== '') parts.push({ literal });
  return parts;
}

/** The names an `Fn::Sub` template refers to (for dependency order). */
export function subVariables(template: string): string[] {
  return parseSub(template).flatMap((part) => ('variable' in part ? [part.variable] : []));
}
