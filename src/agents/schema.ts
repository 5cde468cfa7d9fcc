// The small JSON Schema subset the agent tools take (an object of strings, booleans, string arrays and
// free-form objects), and the one check of a call's arguments against it, shared by the MCP server
// and the VS Code tools: whatever a client or model sends, a bad argument is refused before anything
// is read or sent.
import { validationError } from '../api';

export interface PropertySchema {
  type: 'string' | 'boolean' | 'object' | 'array';
  description: string;
  items?: { type: 'string' };
}

export interface InputSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
  additionalProperties: false;
}

/** The arguments as an object that fits `schema`; throws a validation ApiError naming the first problem. */
export function checkArguments(tool: string, schema: InputSchema, args: unknown): Record<string, unknown> {
  const value = args ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) throw validationError(`${tool}: the arguments must be a JSON object. Nothing was sent.`);
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(key in schema.properties)) {
      throw validationError(`${tool}: unknown argument "${key}"; it takes ${Object.keys(schema.properties).join(', ') || 'no arguments'}. Nothing was sent.`);
    }
  }
  for (const key of schema.required ?? []) {
    if (input[key] === undefined || input[key] === null) throw validationError(`${tool}: "${key}" is required. Nothing was sent.`);
  }
  for (const [key, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    const p = schema.properties[key];
    const ok = p.type === 'string' ? typeof v === 'string' && v.trim() !== ''
      : p.type === 'boolean' ? typeof v === 'boolean'
        : p.type === 'array' ? Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '')
          : typeof v === 'object' && !Array.isArray(v);
    if (!ok) {
      const want = p.type === 'string' ? 'a non-empty string' : p.type === 'array' ? 'an array of non-empty strings' : p.type === 'object' ? 'a JSON object' : 'true or false';
      throw validationError(`${tool}: "${key}" must be ${want}. Nothing was sent.`);
    }
  }
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));
}
