// JSON Merge Patch (RFC 7386): a patch is a JSON value; an object patch changes only the keys it
// names, `null` removes a key, anything else (arrays included) replaces the value whole. Edit → Apply
// takes the user's change as the smallest such patch from what they opened to what they wrote, and
// checks it against the cloud's own changes since; patchPlan.ts then applies it to the cloud's
// current inputs and sends the whole result (the cloud resets what a PATCH leaves out).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Applies `patch` to `target` (RFC 7386 §2) and returns the result; neither argument is changed. */
export function applyMergePatch(target: unknown, patch: unknown): Json {
  if (!isJsonObject(patch)) return clone(patch as Json);
  const result: JsonObject = isJsonObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/**
 * The smallest merge patch that turns `from` into `to`: only changed keys, `null` for a removed
 * key, arrays and scalars replaced whole. Undefined when nothing changed. A `null` value inside
 * `to` cannot be expressed by a merge patch (it means "remove"); such a key is treated as removed.
 */
export function createMergePatch(from: unknown, to: unknown): Json | undefined {
  if (!isJsonObject(from) || !isJsonObject(to)) return jsonEqual(from, to) ? undefined : clone(to as Json);
  const patch: JsonObject = {};
  // keys in the order of `from`, then the new ones: the patch reads like the document
  for (const [key, old] of Object.entries(from)) {
    const value = to[key];
    if (value === undefined || value === null) {
      if (old !== null) patch[key] = null;
      continue;
    }
    const sub = isJsonObject(old) && isJsonObject(value) ? createMergePatch(old, value) : jsonEqual(old, value) ? undefined : clone(value);
    if (sub !== undefined) patch[key] = sub;
  }
  for (const [key, value] of Object.entries(to)) {
    if (!(key in from) && value !== null) patch[key] = clone(value);
  }
  return Object.keys(patch).length ? patch : undefined;
}

/** Dotted paths of the leaves a merge patch sets or removes (`inputs.custom.ndots`), sorted. */
export function patchPaths(patch: unknown, prefix = ''): { path: string; removed: boolean }[] {
  if (!isJsonObject(patch)) return prefix ? [{ path: prefix, removed: false }] : [];
  const out: { path: string; removed: boolean }[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === null) out.push({ path, removed: true });
    else if (isJsonObject(value) && Object.keys(value).length) out.push(...patchPaths(value, path));
    else out.push({ path, removed: false });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Whether two patches from the same base touch the same keys: one sets or removes a path that is
 * the other's path or lies above or below it. Disjoint patches can both be applied safely.
 */
export function overlappingPaths(a: unknown, b: unknown): string[] {
  const pa = patchPaths(a).map((p) => p.path);
  const pb = patchPaths(b).map((p) => p.path);
  const within = (x: string, y: string) => x === y || x.startsWith(`${y}.`);
  return pa.filter((x) => pb.some((y) => within(x, y) || within(y, x)));
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
}

/** A copy of a JSON value with object keys sorted at every level (for stable diffs). */
export function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value as Json;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

function clone<T extends Json>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}
