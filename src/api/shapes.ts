// What the client checks in a list before handing it on: each item must carry the fields the
// views rely on, with the right types and a sane size. An item that does not is left out and said
// ("items.3: spec.template.name is missing"), so a partly broken answer still shows what it can and
// nothing downstream meets a number where it expects a string. Items that pass are the cloud's own
// objects, untouched.

type Kind = 'string' | 'name' | 'object' | 'stringArray' | 'stringRecord' | 'versionList';
type Check = readonly [path: string, kind: Kind, required?: 'required'];

/** Longest string accepted in a checked field; names are shorter (the API's own limits are far below). */
const MAX_TEXT = 10_000;
const MAX_NAME = 256;

export const PROJECT_SHAPE: readonly Check[] = [['id', 'name', 'required'], ['name', 'name', 'required']];
export const POOL_SHAPE: readonly Check[] = [
  ['metadata', 'object', 'required'], ['metadata.name', 'name', 'required'], ['metadata.labels', 'stringRecord'],
  ['metadata.creationTimestamp', 'string'], ['spec', 'object'], ['spec.type', 'string'], ['spec.scope', 'stringArray'],
  ['status', 'object'], ['status.phase', 'string'], ['status.message', 'string'],
];
export const PLUGIN_SHAPE: readonly Check[] = [
  ['spec', 'object', 'required'], ['spec.template', 'object', 'required'], ['spec.template.name', 'name', 'required'],
  ['spec.template.version', 'string'], ['metadata', 'object'], ['metadata.name', 'string'], ['metadata.creationTimestamp', 'string'],
  ['status', 'object'], ['status.phase', 'string'], ['status.version', 'string'], ['status.reason', 'string'],
];

/** What the install wizard, Upgrade, the edit schema and the drift report read of a template. */
export const TEMPLATE_SHAPE: readonly Check[] = [
  ['metadata', 'object', 'required'], ['metadata.name', 'name', 'required'], ['metadata.annotations', 'stringRecord'],
  ['spec', 'object', 'required'], ['spec.versions', 'versionList', 'required'], ['spec.description', 'string'],
];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `a string of ${v.length} characters`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v).slice(0, 20)}`;
}

function fits(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string' && v.length <= MAX_TEXT;
    case 'name':
      return typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
    case 'object':
      return isObject(v);
    case 'stringArray':
      return Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === 'string' && x.length <= MAX_TEXT);
    case 'stringRecord':
      return isObject(v) && Object.values(v).every((x) => typeof x === 'string' && x.length <= MAX_TEXT);
    case 'versionList': // the versions are sorted and compared by their `version`
      return Array.isArray(v) && v.length <= 1000 && v.every((x) => isObject(x) && fits(x.version, 'name'));
  }
}

/** The first way `value` breaks `shape`, or undefined when it fits. */
export function shapeProblem(value: unknown, shape: readonly Check[]): string | undefined {
  if (!isObject(value)) return `is ${describe(value)}, not an object`;
  for (const [path, kind, required] of shape) {
    let v: unknown = value;
    for (const key of path.split('.')) v = isObject(v) ? v[key] : undefined;
    if (v === undefined || v === null) {
      if (required) return `${path} is missing`;
      continue;
    }
    if (!fits(v, kind)) return `${path} is ${describe(v)}, not ${kind === 'name' ? 'a name' : kind === 'object' ? 'an object' : kind === 'string' ? 'a text' : kind === 'versionList' ? 'a list of versions' : 'a list of texts'}`;
  }
  return undefined;
}

/** The items that fit `shape`, and one line per item left out. */
export function keepValid<T>(items: readonly unknown[], shape: readonly Check[], listName: string): { items: T[]; problems: string[] } {
  const kept: T[] = [];
  const problems: string[] = [];
  items.forEach((item, i) => {
    const problem = shapeProblem(item, shape);
    if (problem) problems.push(`${listName}.${i} ${problem}`);
    else kept.push(item as T);
  });
  return { items: kept, problems };
}
