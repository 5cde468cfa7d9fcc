import * as assert from 'assert';
import { applyMergePatch, createMergePatch, jsonEqual, overlappingPaths, patchPaths, sortKeys } from '../../src/api/mergePatch';

// RFC 7386 Appendix A, verbatim: [original, patch, result].
const RFC_EXAMPLES: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

// RFC 7386 §3.
const RFC_TARGET = {
  title: 'Goodbye!',
  author: { givenName: 'John', familyName: 'Doe' },
  tags: ['example', 'sample'],
  content: 'This will be unchanged',
};
const RFC_PATCH = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
const RFC_RESULT = {
  title: 'Hello!',
  author: { givenName: 'John' },
  tags: ['example'],
  content: 'This will be unchanged',
  phoneNumber: '+01-123-456-7890',
};

function hasNull(v: unknown): boolean {
  return v === null || (typeof v === 'object' && Object.values(v as object).some(hasNull));
}

suite('merge patch (RFC 7386)', () => {
  RFC_EXAMPLES.forEach(([original, patch, result], i) => {
    test(`applies Appendix A example ${i + 1} without changing its arguments`, () => {
      const o = JSON.stringify(original);
      const p = JSON.stringify(patch);
      assert.deepStrictEqual(applyMergePatch(original, patch), result);
      assert.strictEqual(JSON.stringify(original), o);
      assert.strictEqual(JSON.stringify(patch), p);
    });
  });

  test('applies the §3 example', () => {
    assert.deepStrictEqual(applyMergePatch(RFC_TARGET, RFC_PATCH), RFC_RESULT);
  });

  test('creates exactly the §3 patch from its target and result', () => {
    assert.deepStrictEqual(createMergePatch(RFC_TARGET, RFC_RESULT), RFC_PATCH);
  });

  RFC_EXAMPLES.forEach(([original, , result], i) => {
    if (hasNull(result)) return; // a null in the wanted document cannot be produced by a merge patch
    test(`creates a patch that turns Appendix A example ${i + 1}'s original into its result`, () => {
      const patch = createMergePatch(original, result);
      assert.deepStrictEqual(applyMergePatch(original, patch === undefined ? {} : patch), result);
    });
  });

  test('creates nothing for equal documents, whatever the key order', () => {
    assert.strictEqual(createMergePatch({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }), undefined);
  });

  test('creates only the changed leaves of plug-in inputs, null for a removed key', () => {
    const from = { version: '1.6.36', inputs: { custom: { ndots: '8', nameserver: '135.0.0.1', search: '1321' }, flavor: { name: 'HA', replicas: 2 } } };
    const to = { version: '1.6.36', inputs: { custom: { ndots: '5', nameserver: '135.0.0.1' }, flavor: { name: 'HA', replicas: 2 } } };
    assert.deepStrictEqual(createMergePatch(from, to), { inputs: { custom: { ndots: '5', search: null } } });
  });

  test('replaces an array whole when one element changes', () => {
    assert.deepStrictEqual(createMergePatch({ r: [{ a: 1 }, { a: 2 }] }, { r: [{ a: 1 }, { a: 3 }] }), { r: [{ a: 1 }, { a: 3 }] });
  });

  test('lists the paths a patch sets and removes', () => {
    assert.deepStrictEqual(patchPaths({ version: '2', inputs: { custom: { ndots: '5', search: null } } }), [
      { path: 'inputs.custom.ndots', removed: false },
      { path: 'inputs.custom.search', removed: true },
      { path: 'version', removed: false },
    ]);
  });

  test('finds where two patches of the same base touch the same keys', () => {
    assert.deepStrictEqual(overlappingPaths({ inputs: { custom: { ndots: '5' } } }, { inputs: { flavor: { name: 'x' } } }), []);
    assert.deepStrictEqual(overlappingPaths({ inputs: { custom: { ndots: '5' } } }, { inputs: { custom: null } }), ['inputs.custom.ndots']);
    assert.deepStrictEqual(overlappingPaths({ version: '2' }, { version: '3' }), ['version']);
  });

  test('compares and sorts JSON', () => {
    assert.ok(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
    assert.ok(!jsonEqual({ a: [1, 2] }, { a: [2, 1] }));
    assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: undefined as unknown as number }));
    assert.strictEqual(JSON.stringify(sortKeys({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 0 } })), '{"a":{"c":0,"d":[{"y":2,"z":1}]},"b":1}');
  });
});
