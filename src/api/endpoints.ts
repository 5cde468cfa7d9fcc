// Where requests go, per cloud (SPEC §2, API.md §2.1). Signed requests must never leave the
// machine in clear text: https only, with http allowed for loopback hosts so the emulator works.
import { validationError } from './errors';

export type CloudName = 'huaweicloud' | 'otc' | 'custom';
export const CLOUDS: readonly CloudName[] = ['huaweicloud', 'otc', 'custom'];

export interface EndpointSettings {
  cloud?: CloudName | string;
  /** custom: a URL that may contain `{region}`. */
  endpoint?: string;
  /** custom: the IAM URL. */
  iamEndpoint?: string;
}

export interface Endpoints {
  /** The ModelArts base URL for a region (no trailing slash). */
  modelarts(region: string): string;
  /** The IAM base URL (no trailing slash). */
  readonly iam: string;
  readonly cloud: CloudName;
}

const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Resolves the endpoints of a cloud preset or of custom settings; throws a validation ApiError for bad URLs. */
export function resolveEndpoints(settings: EndpointSettings = {}): Endpoints {
  const cloud = (settings.cloud || 'huaweicloud') as CloudName;
  switch (cloud) {
    case 'huaweicloud':
      return {
        cloud,
        iam: 'https://iam.myhuaweicloud.com',
        modelarts: (region) =>
          `https://modelarts.${assertRegion(region)}.myhuaweicloud.${region === 'ap-southeast-1' ? 'cn' : 'com'}`,
      };
    case 'otc':
      return {
        cloud,
        iam: 'https://iam.eu-de.otc.t-systems.com',
        modelarts: () => 'https://modelarts.eu-de.otc.t-systems.com',
      };
    case 'custom': {
      if (!settings.endpoint) {
        throw validationError('The custom cloud needs an endpoint: set "modelarts.endpoint" (it may contain {region}).');
      }
      const template = settings.endpoint;
      const iam = settings.iamEndpoint ? assertSecureUrl(settings.iamEndpoint, 'IAM endpoint') : undefined;
      // check the template once with a sample region so a bad setting is reported at once
      assertSecureUrl(template.replace(/\{region\}/g, 'region'), 'endpoint');
      const byRegion = new Map<string, string>();
      return {
        cloud,
        get iam(): string {
          if (!iam) throw validationError('The custom cloud needs an IAM endpoint: set "modelarts.iamEndpoint".');
          return iam;
        },
        modelarts: (region) => {
          let url = byRegion.get(region);
          if (url === undefined) {
            url = assertSecureUrl(template.replace(/\{region\}/g, () => assertRegion(region)), 'endpoint');
            byRegion.set(region, url);
          }
          return url;
        },
      };
    }
    default:
      throw validationError(`Unknown cloud "${String(cloud)}": use one of ${CLOUDS.join(', ')}.`);
  }
}

function assertRegion(region: string): string {
  if (!REGION.test(region)) throw validationError(`"${region}" is not a valid region name.`);
  return region;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** True for the hosts every proxy setting leaves alone, in VS Code and in the CLI: localhost, 127.0.0.1, ::1. */
export function isNeverProxied(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '::1'].includes(hostname.replace(/^\[|\]$/g, '').toLowerCase());
}

/** A proxy URL without user name and password, for messages. */
export function describeProxy(proxy: string): string {
  try {
    const u = new URL(proxy);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(an unreadable proxy URL)';
  }
}

/** Returns the URL without trailing slashes; throws unless it is https, or http on a loopback host. */
export function assertSecureUrl(raw: string, what = 'endpoint'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw validationError(`The ${what} "${raw}" is not a valid URL.`);
  }
  if (url.username || url.password) throw validationError(`The ${what} must not contain a user name or password.`);
  if (url.search || url.hash) throw validationError(`The ${what} must not contain a query or fragment.`);
  if (url.protocol === 'https:') return raw.replace(/\/+$/, '');
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return raw.replace(/\/+$/, '');
  throw validationError(
    `The ${what} "${raw}" is not allowed: signed requests go over https only (http is accepted for loopback hosts).`,
  );
}
