import { z } from 'zod';
import { listWords, quote } from './describe-value.js';

// A schema's own words for what it accepts, where the generic ones would say less ("a map").
const expectedWords = z.registry<{ expected: string }>();

// Gives a schema its own words for the "expected …" half of a message.
export function sayExpected<S extends z.core.$ZodType>(schema: S, expected: string): S {
  expectedWords.add(schema, { expected });
  return schema;
}

// Says what a schema accepts, for the "expected …" half of a message: "a non-negative number", "\"udp\" or \"tcp\"".
export function describeSchema(schema: z.core.$ZodType): string {
  const inner = unwrapSchema(schema);
  const own = expectedWords.get(inner)?.expected;
  if (own !== undefined) return own;
  if (inner instanceof z.ZodNumber) return describeNumber(inner);
  if (inner instanceof z.ZodString) return describeString(inner);
  if (inner instanceof z.ZodBoolean) return 'true or false';
  if (inner instanceof z.ZodEnum) return describeChoice(inner.options.map((option) => quote(String(option))));
  if (inner instanceof z.ZodLiteral) return describeChoice([...inner.values].map((value) => JSON.stringify(value)));
  if (inner instanceof z.ZodArray) return describeList(inner);
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) return 'a map';
  if (inner instanceof z.ZodUnion) return describeUnion(inner);
  return inner._zod.def.type;
}

// Looks through the wrappers that only make a key optional or give it a default.
export function unwrapSchema(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodDefault) current = current.removeDefault();
    else return current;
  }
}

// The schema of the value found at a path below this schema; the value decides which option of a union applies.
export function schemaAt(
  schema: z.core.$ZodType,
  path: readonly PropertyKey[],
  value: unknown,
): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = schema;
  let here = value;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const inner = narrowUnion(unwrapSchema(current), here);
    if (inner instanceof z.ZodObject) current = typeof segment === 'string' ? inner.shape[segment] : undefined;
    else if (inner instanceof z.ZodArray) current = inner.element;
    else if (inner instanceof z.ZodRecord) current = inner.valueType;
    else return undefined;
    here = typeof here === 'object' && here !== null ? (here as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  return current;
}

// The option of a union that a value is meant for: by its key for keyed unions, else by its basic type.
export function narrowUnion(schema: z.core.$ZodType, value: unknown): z.core.$ZodType {
  const inner = unwrapSchema(schema);
  if (!(inner instanceof z.ZodUnion)) return inner;
  const keyed = keyedOptions(inner);
  const key = typeof value === 'object' && value !== null ? Object.keys(value)[0] : undefined;
  const option = keyed
    ? keyed.get(key ?? '')?.schema
    : inner.options.find((candidate) => hasSchemaType(candidate, value));
  return option ? narrowUnion(option, value) : inner;
}

// The keys a map schema allows, in the order it declares them.
export function keysOf(schema: z.core.$ZodType | undefined): string[] {
  const inner = schema && unwrapSchema(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

// One option of a keyed union and its place among the union's options.
export interface KeyedOption {
  readonly schema: z.ZodObject;
  readonly index: number;
}

// For a union of maps that each have exactly one key (the steps of a scenario), each option by its key.
export function keyedOptions(union: z.ZodUnion): Map<string, KeyedOption> | undefined {
  const byKey = new Map<string, KeyedOption>();
  for (const [index, option] of union.options.entries()) {
    const inner = unwrapSchema(option);
    if (!(inner instanceof z.ZodObject)) return undefined;
    const keys = Object.keys(inner.shape);
    if (keys.length !== 1 || keys[0] === undefined) return undefined;
    byKey.set(keys[0], { schema: inner, index });
  }
  return byKey;
}

// Whether a value has the basic type a schema wants (text, number, list, map…), whatever its finer rules.
export function hasSchemaType(schema: z.core.$ZodType, value: unknown): boolean {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodNumber) return typeof value === 'number';
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return typeof value === 'string';
  if (inner instanceof z.ZodBoolean) return typeof value === 'boolean';
  if (inner instanceof z.ZodArray) return Array.isArray(value);
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
  if (inner instanceof z.ZodUnion) return inner.options.some((option) => hasSchemaType(option, value));
  return true;
}

function describeNumber(schema: z.ZodNumber): string {
  const noun = schema.isInt ? 'whole number' : 'number';
  const checks = schema._zod.def.checks ?? [];
  const lower = checks.find((check) => check instanceof z.core.$ZodCheckGreaterThan);
  const upper = checks.find((check) => check instanceof z.core.$ZodCheckLessThan);
  const low = lower instanceof z.core.$ZodCheckGreaterThan ? lower._zod.def : undefined;
  const high = upper instanceof z.core.$ZodCheckLessThan ? upper._zod.def : undefined;
  if (high === undefined) {
    if (low === undefined) return `a ${noun}`;
    if (Number(low.value) === 0) return low.inclusive ? `a non-negative ${noun}` : `a positive ${noun}`;
    return low.inclusive ? `a ${noun} of at least ${String(low.value)}` : `a ${noun} above ${String(low.value)}`;
  }
  const max = high.inclusive ? `${String(high.value)}` : undefined;
  const from = low && (low.inclusive ? Number(low.value) : schema.isInt ? Number(low.value) + 1 : undefined);
  if (low === undefined)
    return max === undefined ? `a ${noun} below ${String(high.value)}` : `a ${noun} of at most ${max}`;
  if (from !== undefined && max !== undefined) return `a ${noun} from ${from} to ${max}`;
  const above = from === undefined ? `above ${String(low.value)}` : `of at least ${from}`;
  return `a ${noun} ${above} and ${max === undefined ? `below ${String(high.value)}` : `at most ${max}`}`;
}

function describeString(schema: z.ZodString): string {
  const probe = schema.safeParse('');
  const format = probe.error?.issues.find(
    (issue) => issue.code === 'invalid_format' && !issue.message.startsWith('Invalid'),
  );
  if (format) return format.message;
  return (schema.minLength ?? 0) > 0 ? 'non-empty text' : 'text';
}

function describeList(schema: z.ZodArray): string {
  const min = schema._zod.def.checks?.find((check) => check instanceof z.core.$ZodCheckMinLength);
  const minimum = min instanceof z.core.$ZodCheckMinLength ? min._zod.def.minimum : 0;
  if (minimum > 1) return `a list of at least ${minimum} items`;
  return minimum === 1 ? 'a non-empty list' : 'a list';
}

function describeUnion(union: z.ZodUnion): string {
  const keyed = keyedOptions(union);
  if (keyed) return `a map with exactly one key: ${listWords([...keyed.keys()])}`;
  const parts: string[] = [];
  for (const option of union.options) {
    const inner = unwrapSchema(option);
    const sameAsFirst = inner instanceof z.ZodArray && parts.length > 0 && describeSchema(inner.element) === parts[0];
    const part = sameAsFirst ? 'a list of them' : describeSchema(option);
    if (!parts.includes(part)) parts.push(part);
  }
  return parts.length === 2 && parts[1] === 'a list of them' ? `${parts[0]}, or a list of them` : listWords(parts);
}

function describeChoice(choices: readonly string[]): string {
  return choices.length > 2 ? `one of ${choices.join(', ')}` : listWords(choices);
}
