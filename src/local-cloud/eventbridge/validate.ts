import { exceedsDepth, MAX_DOCUMENT_DEPTH } from '../protocol/json-depth.ts';
import { quoteValue } from '../protocol/errors.ts';
import { validation } from './errors.ts';

/** CreateEventBus's Name: AWS's pattern and length; a custom bus name may not contain `/` either. */
const BUS_NAME = { pattern: /^[/.\-_A-Za-z0-9]+$/, source: '[/\\.\\-_A-Za-z0-9]+', max: 256 };
/** A rule's Name and a target's Id. */
const RULE_NAME = { pattern: /^[.\-_A-Za-z0-9]+$/, source: '[\\.\\-_A-Za-z0-9]+', max: 64 };

export function checkBusName(name: string): void {
  checkName('name', name, BUS_NAME);
  // AWS: "Custom event bus names can't contain the / character" (only partner buses, which are not emulated, have one).
  if (name.includes('/')) throw validation(`Event bus name ${quoteValue(name, 64)} is not valid: a custom event bus name can't contain the / character.`);
}

export function checkRuleName(name: string): void {
  checkName('name', name, RULE_NAME);
}

export function checkTargetId(member: string, id: string): void {
  checkName(member, id, RULE_NAME);
}

/**
 * A JSON document carried in a string member (an event's Detail, TestEventPattern's Event, a
 * pattern): refused past MAX_DOCUMENT_DEPTH, before the matcher or a serializer recurses into it.
 */
export function checkDocumentDepth(member: string, text: string): void {
  if (exceedsDepth(text, MAX_DOCUMENT_DEPTH)) throw validation(`Parameter ${member} is not valid. Reason: it nests deeper than ${MAX_DOCUMENT_DEPTH} levels.`);
}

function checkName(member: string, value: string, rule: { pattern: RegExp; source: string; max: number }): void {
  if (value.length > rule.max) throw constraint(member, value, `Member must have length less than or equal to ${rule.max}`);
  if (!rule.pattern.test(value)) throw constraint(member, value, `Member must satisfy regular expression pattern: ${rule.source}`);
}

function constraint(member: string, value: string, text: string) {
  const shown = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return validation(`1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${text}`);
}
