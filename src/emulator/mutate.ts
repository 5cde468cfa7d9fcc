// Bad answers on purpose: the `mutate` fault takes the real answer to a request and breaks it in
// one of the ways a broken gateway, proxy or service could: a value of the wrong type, a missing
// field, a huge string, deep nesting, a 10 MB body, bytes that are not UTF-8, a cut-off body.
// Deterministic per seed, so a failing case can be replayed with the same seed.

export type MutationKind =
  | 'wrongType'
  | 'missingField'
  | 'nullField'
  | 'hugeString'
  | 'deepNesting'
  | 'bigBody'
  | 'invalidUtf8'
  | 'truncated'
  | 'notAnObject';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'wrongType', 'missingField', 'nullField', 'hugeString', 'deepNesting', 'bigBody', 'invalidUtf8', 'truncated', 'notAnObject',
];

export interface Mutation {
  kind: MutationKind;
  /** Where in the JSON it happened, e.g. `items.2.status.phase`; '' for the whole body. */
  at: string;
  body: Buffer;
}

/** Sizes of the large cases; a test that wants smaller ones passes its own. */
export interface MutationSizes {
  hugeStringBytes: number;
  bigBodyBytes: number;
  nestingDepth: number;
}

export const DEFAULT_SIZES: MutationSizes = { hugeStringBytes: 1 << 20, bigBodyBytes: 10 << 20, nestingDepth: 5000 };

/** mulberry32: a tiny seeded generator, good enough to pick mutations reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Slot {
  parent: Json[] | { [k: string]: Json };
  key: string | number;
  path: string;
}

function slots(value: Json, path = '', out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i, path: join(path, i) }), slots(v, join(path, i), out)));
  else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.push({ parent: value, key: k, path: join(path, k) });
      slots(value[k], join(path, k), out);
    }
  }
  return out;
}

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

function otherType(v: Json, pick: () => number): Json {
  const choices: Json[] = [42, 'a string', true, null, [], { unexpected: 1 }, -1e308, ''];
  const same = (c: Json) => (Array.isArray(c) ? Array.isArray(v) : c === null ? v === null : typeof c === typeof v && !Array.isArray(v));
  const different = choices.filter((c) => !same(c));
  return different[Math.floor(pick() * different.length)];
}

/** Breaks a valid JSON answer in one way chosen by `seed` (or the given kind). */
export function mutateBody(text: string, seed: number, sizes: MutationSizes = DEFAULT_SIZES, kind?: MutationKind): Mutation {
  const pick = random(seed);
  kind ??= MUTATION_KINDS[Math.floor(pick() * MUTATION_KINDS.length)];
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    value = { body: text };
  }
  const all = slots(value);
  const slot = all.length ? all[Math.floor(pick() * all.length)] : undefined;
  const set = (v: Json): string => {
    if (!slot) return '';
    (slot.parent as Record<string | number, Json>)[slot.key] = v;
    return slot.path;
  };
  const out = (at: string, body: string | Buffer): Mutation => ({ kind: kind!, at, body: typeof body === 'string' ? Buffer.from(body) : body });
  switch (kind) {
    case 'wrongType':
      return out(set(slot ? otherType(slot.parent[slot.key as never] as Json, pick) : null), JSON.stringify(slot ? value : 42));
    case 'missingField': {
      if (slot && !Array.isArray(slot.parent)) delete (slot.parent as Record<string, Json>)[slot.key];
      else if (slot) (slot.parent as Json[]).splice(slot.key as number, 1);
      return out(slot?.path ?? '', JSON.stringify(slot ? value : {}));
    }
    case 'nullField':
      return out(set(null), JSON.stringify(slot ? value : null));
    case 'hugeString':
      return out(set('x'.repeat(sizes.hugeStringBytes)), JSON.stringify(slot ? value : 'x'.repeat(sizes.hugeStringBytes)));
    case 'deepNesting': {
      const deep = '['.repeat(sizes.nestingDepth) + ']'.repeat(sizes.nestingDepth);
      const marker = '"__deep__"';
      const at = set('__deep__');
      return out(at, (slot ? JSON.stringify(value) : marker).replace(marker, deep));
    }
    case 'bigBody': {
      // valid JSON, just large: a padding field as big as asked
      const pad = Math.max(0, sizes.bigBodyBytes - text.length);
      const big = value && typeof value === 'object' && !Array.isArray(value) ? { ...value, padding: ' '.repeat(pad) } : { value, padding: ' '.repeat(pad) };
      return out('padding', JSON.stringify(big));
    }
    case 'invalidUtf8': {
      const raw = Buffer.from(text);
      const at = Math.floor(pick() * raw.length);
      return out(`byte ${at}`, Buffer.concat([raw.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), raw.subarray(at)]));
    }
    case 'truncated': {
      const at = Math.floor(pick() * text.length);
      return out(`byte ${at}`, text.slice(0, at));
    }
    case 'notAnObject':
      return out('', JSON.stringify([42, 'not', 'what', 'you', 'expected'][Math.floor(pick() * 5)]));
  }
}
