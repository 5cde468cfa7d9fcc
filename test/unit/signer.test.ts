import * as assert from 'assert';
import {
  EMPTY_BODY_SHA256,
  Query,
  buildCanonicalRequest,
  canonicalQueryString,
  canonicalUri,
  formatSdkDate,
  parseAuthorization,
  parseQueryString,
  parseSdkDate,
  sha256Hex,
  signRequest,
  signature,
  stringToSign,
} from '../../src/api/signer';
// The official Node SDK signer, used only here, as the reference implementation.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkIsJson: (headers: Record<string, string>) => boolean = require('@huaweicloud/huaweicloud-sdk-core/auth/ICredential').isJsonContentType;

const PROJECT = '0123456789abcdef0123456789abcdef';
const OTC_HOST = 'modelarts.eu-de.otc.t-systems.com';
const AK = 'AKEXAMPLE0000000000';
const SK = 'SKEXAMPLE0000000000000000000000000000000';
const DATE_C = parseSdkDate('20250317T122918Z')!;
const NODE_HEADERS = { 'content-type': 'application/json', 'X-Project-Id': PROJECT };

suite('signer: published vectors (API.md §3.8)', () => {
  test('Go SDK test1: GET with only x-sdk-date signed', () => {
    const { canonicalRequest, signedHeaders } = buildCanonicalRequest({
      method: 'GET', path: '/path', query: { limit: '1' }, headers: { 'X-Sdk-Date': '20060102T150405Z' },
    });
    assert.strictEqual(canonicalRequest, `GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n${EMPTY_BODY_SHA256}`);
    const sts = stringToSign(canonicalRequest, '20060102T150405Z');
    assert.strictEqual(sts, 'SDK-HMAC-SHA256\n20060102T150405Z\n85c3b7730f308aee452b16138a42a914397e43a8f0d732dfa521c0ef2afa98a4');
    assert.strictEqual(signedHeaders, 'x-sdk-date');
    assert.strictEqual(signature('SecretKey', sts), '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
  });

  test('Go SDK test2: POST whose signed body ends with a newline', () => {
    const sign = (body: string): string => {
      const { canonicalRequest } = buildCanonicalRequest({
        method: 'POST', path: '/path', query: { key: 'value' }, headers: { 'X-Sdk-Date': '20060102T150405Z' }, body,
      });
      return signature('SecretKey', stringToSign(canonicalRequest, '20060102T150405Z'));
    };
    assert.strictEqual(sign('{"Name":"test","Id":1}\n'), 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
    assert.notStrictEqual(sign('{"Name":"test","Id":1}'), 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
  });

  test('Signing Guide: hashed canonical request of the vpcs example', () => {
    const { canonicalRequest } = buildCanonicalRequest({
      method: 'GET',
      path: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
      query: { limit: '2', marker: '13551d6b-755d-4757-b956-536f674975c0' },
      headers: { 'Content-Type': 'application/json', Host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z' },
    });
    assert.strictEqual(sha256Hex(canonicalRequest), 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
  });

  test('Go SDK canonical query: unicode, reserved characters, multi-values', () => {
    const q = canonicalQueryString({ limit: 1, enable: true, test: '一 (&=?!#%.*)', path: '/tmp/123', multi: [3, 1, 2] });
    assert.strictEqual(q, 'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29');
  });

  const vectors: { id: string; method: string; path: string; query?: Query; headers: Record<string, string>; body?: string; signed: string; sig: string }[] = [
    {
      id: 'B (DELETE plug-in)', method: 'DELETE', path: `/v2/${PROJECT}/pools/pool-a1b2c3/plugins/node-local-dns`,
      headers: NODE_HEADERS, signed: 'content-type;host;x-project-id;x-sdk-date',
      sig: '118dc6a7d910f5d228307a3ea5a7c0d5e7d7d5359077f170ede2e14261fc01b5',
    },
    {
      id: 'C (query with space and slash)', method: 'GET', path: `/v2/${PROJECT}/plugintemplates`,
      query: { templateName: 'node-local-dns', poolName: 'pool a/b' }, headers: NODE_HEADERS,
      signed: 'content-type;host;x-project-id;x-sdk-date', sig: '6cfbf472a74591a31985fd17201f6565c2ef2d7944830acf4dd75526e96b10f9',
    },
    {
      id: 'D (POST with JSON body)', method: 'POST', path: `/v2/${PROJECT}/pools/pool-a1b2c3/plugins`, headers: NODE_HEADERS,
      body: '{"apiVersion":"v2","kind":"Plugin","spec":{"template":{"name":"node-local-dns","version":"1.6.36"}}}',
      signed: 'content-type;host;x-project-id;x-sdk-date', sig: 'e2a789a90693fbfaaa3168456440b7f586cd9925af7f820b3ac5d8fd91bae601',
    },
    {
      id: 'E (PATCH, UNSIGNED-PAYLOAD)', method: 'PATCH', path: `/v2/${PROJECT}/pools/pool-a1b2c3/plugins/node-local-dns`,
      headers: { 'content-type': 'application/merge-patch+json', 'X-Project-Id': PROJECT, 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      body: '{"spec":{"template":{"name":"node-local-dns","version":"1.6.63"}}}',
      signed: 'content-type;host;x-project-id;x-sdk-content-sha256;x-sdk-date', sig: '7581b552587df165f4cf8ecbd87c8d9b470affb32620a10ca77afbbc74935800',
    },
  ];
  for (const v of vectors) {
    test(`ModelArts vector ${v.id}`, () => {
      const r = signRequest({ method: v.method, host: OTC_HOST, path: v.path, query: v.query, headers: v.headers, body: v.body }, AK, SK, DATE_C);
      assert.strictEqual(r.headers.Authorization, `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${v.signed}, Signature=${v.sig}`);
    });
  }

  test('a non-JSON content type gets UNSIGNED-PAYLOAD by itself, as the SDK adds it (vector E without the header)', () => {
    const r = signRequest({
      method: 'PATCH', host: OTC_HOST, path: vectors[3].path, body: vectors[3].body,
      headers: { 'content-type': 'application/merge-patch+json', 'X-Project-Id': PROJECT },
    }, AK, SK, DATE_C);
    assert.strictEqual(r.headers['X-Sdk-Content-Sha256'], 'UNSIGNED-PAYLOAD');
    assert.strictEqual(r.signature, vectors[3].sig);
  });

  test('vector A: Go inputs under Node rules (host signed)', () => {
    const r = signRequest({ method: 'GET', host: 'example.huaweicloud.com', path: '/path', query: { limit: '1' } }, 'AccessKey', 'SecretKey', parseSdkDate('20060102T150405Z'));
    assert.strictEqual(r.signature, '7eb88c06474c7197e670e0ae61651746453587eb5fad98074266578511cf3c01');
  });

  test('vector B canonical request and string to sign, byte for byte', () => {
    const r = signRequest({ method: 'DELETE', host: OTC_HOST, path: vectors[0].path, headers: NODE_HEADERS }, AK, SK, DATE_C);
    assert.strictEqual(r.canonicalRequest, [
      'DELETE', `/v2/${PROJECT}/pools/pool-a1b2c3/plugins/node-local-dns/`, '',
      'content-type:application/json', `host:${OTC_HOST}`, `x-project-id:${PROJECT}`, 'x-sdk-date:20250317T122918Z', '',
      'content-type;host;x-project-id;x-sdk-date', EMPTY_BODY_SHA256,
    ].join('\n'));
    assert.strictEqual(r.stringToSign, 'SDK-HMAC-SHA256\n20250317T122918Z\nd35f5c6fca522037c992fa3364d0ff9d46d70694644a3a912491f975785b8948');
  });
});

suite('signer: building blocks', () => {
  test('X-Sdk-Date formats in UTC and parses back', () => {
    const d = new Date(Date.UTC(2025, 2, 17, 12, 29, 18, 789));
    assert.strictEqual(formatSdkDate(d), '20250317T122918Z');
    assert.strictEqual(parseSdkDate('20250317T122918Z')!.getTime(), Date.UTC(2025, 2, 17, 12, 29, 18));
    assert.strictEqual(parseSdkDate('2025-03-17T12:29:18Z'), undefined);
  });

  test('canonical URI encodes segments and appends one slash', () => {
    assert.strictEqual(canonicalUri(''), '/');
    assert.strictEqual(canonicalUri('/'), '/');
    assert.strictEqual(canonicalUri('/a b/ü'), '/a%20b/%C3%BC/');
    assert.strictEqual(canonicalUri('/already/'), '/already/');
  });

  test('empty query values keep "="; undefined values are left out', () => {
    assert.strictEqual(canonicalQueryString({ b: '', a: 'x', c: undefined }), 'a=x&b=');
    assert.strictEqual(canonicalQueryString(undefined), '');
  });

  test('parseQueryString decodes and keeps multi-values and empty values', () => {
    assert.deepStrictEqual(parseQueryString('a=1&a=2&b=&c&d=%E4%B8%80%20x'), { a: ['1', '2'], b: [''], c: [''], d: ['一 x'] });
  });

  test('parseQueryString keeps a malformed escape as sent instead of throwing', () => {
    // %zz is no escape and %E4 alone no UTF-8: the gateway signs such text as it came
    assert.deepStrictEqual(parseQueryString('a=%zz&%E4=1&b=%41'), { a: ['%zz'], '%E4': ['1'], b: ['A'] });
  });

  test('parseAuthorization accepts the SDK form and rejects others', () => {
    const r = signRequest({ method: 'GET', host: 'h', path: '/p' }, AK, SK, DATE_C);
    assert.deepStrictEqual(parseAuthorization(r.headers.Authorization), { accessKey: AK, signedHeaders: ['host', 'x-sdk-date'], signature: r.signature });
    assert.strictEqual(parseAuthorization('Bearer abc'), undefined);
    assert.strictEqual(parseAuthorization(undefined), undefined);
  });

  test('a different secret, body, query or header gives a different signature', () => {
    const base = { method: 'POST', host: 'h', path: '/p', query: { a: '1' }, headers: { 'X-Project-Id': 'x' }, body: '{}' };
    const sig = signRequest(base, AK, SK, DATE_C).signature;
    assert.notStrictEqual(signRequest(base, AK, SK + 'x', DATE_C).signature, sig);
    assert.notStrictEqual(signRequest({ ...base, body: '{ }' }, AK, SK, DATE_C).signature, sig);
    assert.notStrictEqual(signRequest({ ...base, query: { a: '2' } }, AK, SK, DATE_C).signature, sig);
    assert.notStrictEqual(signRequest({ ...base, headers: { 'X-Project-Id': 'y' } }, AK, SK, DATE_C).signature, sig);
  });
});

suite('signer: agreement with the official Node SDK signer', () => {
  // A small seeded PRNG so that a failure names a reproducible case.
  function rng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';
  const WILD = [...UNRESERVED, ...' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}', 'é', 'ü', '一', '插件', '😀', '\u00a0'];

  function pick<T>(r: () => number, xs: readonly T[]): T {
    return xs[Math.floor(r() * xs.length)];
  }
  function str(r: () => number, alphabet: readonly string[], min: number, max: number): string {
    const n = min + Math.floor(r() * (max - min + 1));
    let s = '';
    for (let i = 0; i < n; i++) s += pick(r, alphabet);
    return s;
  }

  const CASES = 600;
  test(`${CASES} generated requests sign identically`, () => {
    const r = rng(20261129);
    const mismatches: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const method = pick(r, ['GET', 'POST', 'DELETE', 'PATCH', 'PUT']);
      const segments = Array.from({ length: 1 + Math.floor(r() * 5) }, () => str(r, [...UNRESERVED], 1, 12));
      const path = '/' + segments.join('/') + (r() < 0.2 ? '/' : '');
      const query: Record<string, string | string[]> = {};
      const nq = Math.floor(r() * 5);
      for (let q = 0; q < nq; q++) {
        const name = str(r, r() < 0.7 ? [...UNRESERVED] : WILD, 1, 8);
        const kind = r();
        query[name] = kind < 0.15 ? '' : kind < 0.35 ? Array.from({ length: 2 + Math.floor(r() * 3) }, () => str(r, WILD, 0, 6)) : str(r, WILD, 0, 16);
      }
      const headers: Record<string, string> = { 'content-type': 'application/json', 'X-Project-Id': str(r, [...'0123456789abcdef'], 32, 32) };
      if (r() < 0.3) headers['X-Security-Token'] = str(r, [...UNRESERVED, '+', '/', '='], 20, 200);
      let body: unknown;
      if (method !== 'GET' && r() < 0.7) body = { name: str(r, WILD, 0, 20), n: Math.floor(r() * 1000), nested: { ok: r() < 0.5, list: [str(r, WILD, 0, 5)] } };
      if (method === 'PATCH' && r() < 0.5) headers['content-type'] = 'application/merge-patch+json';
      else if (r() < 0.1) headers['content-type'] = 'application/json;charset=UTF-8';
      const host = pick(r, ['modelarts.cn-north-4.myhuaweicloud.com', 'iam.myhuaweicloud.com', '127.0.0.1:8443', OTC_HOST]);
      const date = new Date(Date.UTC(2020 + Math.floor(r() * 8), Math.floor(r() * 12), 1 + Math.floor(r() * 28), Math.floor(r() * 24), Math.floor(r() * 60), Math.floor(r() * 60)));
      const ak = str(r, [...UNRESERVED], 10, 24);
      const sk = str(r, [...UNRESERVED, '+', '/'], 20, 40);

      const ours = signRequest({ method, host, path, query, headers, body: body === undefined ? undefined : JSON.stringify(body) }, ak, sk, date);
      // what BaseCredentials adds before calling the signer
      const sdkHeaders: Record<string, string> = { ...headers, 'X-Sdk-Date': formatSdkDate(date) };
      if (!sdkIsJson(headers)) sdkHeaders['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
      const theirs = AKSKSigner.sign(
        { endpoint: `https://${host}${path}`, method, headers: sdkHeaders, queryParams: query, data: body },
        { getAk: () => ak, getSk: () => sk },
      );
      if (ours.headers.Authorization !== theirs.Authorization) {
        mismatches.push(`case ${i}: ${method} ${path} ${JSON.stringify(query)}\n  ours   ${ours.headers.Authorization}\n  theirs ${theirs.Authorization}`);
      }
    }
    assert.deepStrictEqual(mismatches.slice(0, 3), [], `${mismatches.length} of ${CASES} differ`);
  });
});
