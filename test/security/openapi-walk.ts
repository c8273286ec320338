/**
 * Reading the API's own OpenAPI description: every operation, its parameters with a valid value each, and every
 * property of its JSON body (nested objects and array items included), so a new operation or field is attacked
 * without this file changing.
 */
import { plausibleText } from './plausible.ts';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  examples?: unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(doc: OpenApi): Operation[] {
  const resolve = (s: JsonSchema | undefined): JsonSchema | null => {
    if (!s) return null;
    if (!s.$ref) return s;
    return resolve(doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')]);
  };
  const deref = (s: JsonSchema | null): JsonSchema | null => {
    if (!s) return null;
    const props = s.properties ? Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, deref(resolve(v)) ?? {}])) : undefined;
    const items = s.items ? (deref(resolve(s.items)) ?? undefined) : undefined;
    return { ...s, ...(props ? { properties: props } : {}), ...(items ? { items } : {}) };
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      parameters: op.parameters ?? [],
      body: deref(resolve(op.requestBody?.content?.['application/json']?.schema)),
    })),
  );
}

/** A valid value for a schema: its first enum value or example, its default, else one by its type and name. */
export function sampleFor(schema: JsonSchema, name: string): unknown {
  const enumValue = schema.enum?.find((v) => v !== null);
  if (enumValue !== undefined) return enumValue;
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  const type = [schema.type ?? 'string'].flat().find((t) => t !== 'null') ?? 'string';
  if (type === 'object') return baseBody(schema);
  if (type === 'array') return schema.items ? [sampleFor(schema.items, name)] : [];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return false;
  return plausibleText(name) ?? 'Test value';
}

/** The object with its required properties only, each valid: the payload is then the only odd value. */
export function baseBody(schema: JsonSchema): Record<string, unknown> {
  return Object.fromEntries((schema.required ?? []).map((k) => [k, sampleFor(schema.properties?.[k] ?? {}, k)]));
}

/** Every property's path in the body: ['surname'], ['address', 'postcode'], ['items', 0, 'name']... */
export function propertyPaths(schema: JsonSchema, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    paths.push([...prefix, key]);
    paths.push(...propertyPaths(child, [...prefix, key]));
    if (child.items) paths.push(...propertyPaths(child.items, [...prefix, key, 0]));
  }
  return paths;
}

/** A copy of the body with the value at `path` replaced, building the objects and arrays on the way. */
export function withValue(body: Record<string, unknown>, schema: JsonSchema, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let at: Record<string | number, unknown> = copy;
  let s: JsonSchema | undefined = schema;
  path.forEach((key, i) => {
    const next: JsonSchema | undefined = typeof key === 'number' ? s?.items : s?.properties?.[key];
    if (i === path.length - 1) {
      at[key] = value;
      return;
    }
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = next && typeof path[i + 1] === 'number' ? [] : next ? baseBody(next) : {};
    at = at[key] as Record<string | number, unknown>;
    s = next;
  });
  return copy;
}
