import { anythingButMatcher } from './anything-but.ts';
import { cidrMatcher } from './cidr.ts';
import { invalid } from './errors.ts';
import { ABSENT, EXISTS, exactString, ignoreCase, prefix, suffix } from './matchers.ts';
import { numericMatcher } from './numeric.ts';
import { isJsonObject, type JsonObject, type ParseContext, type ValueMatcher } from './types.ts';
import { wildcardMatcher } from './wildcard.ts';

/**
 * One match expression such as `{"prefix": "us-"}`. The checks run in the order AWS runs them
 * (operator name, operand type, operand content, then extra keys), so the first problem
 * reported is the one AWS reports.
 */
export function matchExpression(expression: JsonObject, context: ParseContext): ValueMatcher {
  const keys = Object.keys(expression);
  const name = keys[0];
  if (name === undefined) throw invalid('Match expression name not found');
  const operand = expression[name];
  const alone = keys.length === 1;
  const single = (matcher: ValueMatcher): ValueMatcher => {
    if (!alone) throw invalid('Only one key allowed in match expression');
    return matcher;
  };

  switch (name) {
    case 'exactly':
      return single(exactString(requireString(operand, 'exact match pattern must be a string')));
    case 'prefix':
    case 'suffix':
      if (isJsonObject(operand)) return single(affixIgnoringCase(name, operand));
      return single(
        name === 'prefix'
          ? prefix(requireString(operand, 'prefix match pattern must be a string'))
          : suffix(requireString(operand, 'suffix match pattern must be a string')),
      );
    case 'equals-ignore-case':
      return single(ignoreCase(requireString(operand, 'equals-ignore-case match pattern must be a string'), 'equals'));
    case 'numeric': {
      if (!Array.isArray(operand)) throw invalid('Value of numeric must be an array.');
      const matcher = numericMatcher(operand);
      if (!alone) throw invalid('Too many elements in numeric expression');
      return matcher;
    }
    case 'anything-but':
      return anythingButMatcher(operand, alone, context);
    case 'exists':
      if (typeof operand !== 'boolean') throw invalid('exists match pattern must be either true or false.');
      return single(operand ? EXISTS : ABSENT);
    case 'cidr':
      // AWS really does say "prefix" here.
      return single(cidrMatcher(requireString(operand, 'prefix match pattern must be a string')));
    case 'wildcard':
      // Pipes and Lambda filters list wildcard matching as unsupported.
      if (context.dialect === 'filter') throw invalid('Unrecognized match type wildcard');
      return single(wildcardMatcher(requireString(operand, 'wildcard match pattern must be a string')));
    default:
      throw invalid(`Unrecognized match type ${name}`);
  }
}

/** `{"prefix": {"equals-ignore-case": "EventB"}}` and the same for `suffix`. */
function affixIgnoringCase(name: 'prefix' | 'suffix', inner: JsonObject): ValueMatcher {
  const label = name === 'prefix' ? 'Prefix' : 'Suffix';
  const keys = Object.keys(inner);
  const operator = keys[0];
  if (operator === undefined) throw invalid(`${label} expression name not found`);
  if (operator !== 'equals-ignore-case') throw invalid(`Unsupported ${name} pattern: ${operator}`);
  const text = requireString(inner[operator], 'equals-ignore-case match pattern must be a string');
  if (keys.length > 1) throw invalid('Only one key allowed in match expression');
  return ignoreCase(text, name);
}

function requireString(value: unknown, message: string): string {
  if (typeof value !== 'string') throw invalid(message);
  return value;
}
