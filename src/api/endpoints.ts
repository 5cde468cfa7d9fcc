// Where requests go, per cloud (SPEC §2, API.md §2.1). Signed requests must never leave the
// machine in clear text: https only, with http allowed for loopback hosts so the emulator works.
import * as l10n from '@vscode/l10n';
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
        throw validationError(l10n.t('The custom cloud needs an endpoint: set "{0}" (it may contain {1}).', 'modelarts.endpoint', '{region}'));
      }
      const template = settings.endpoint;
      const iam = settings.iamEndpoint ? assertSecureUrl(settings.iamEndpoint, l10n.t('IAM endpoint')) : undefined;
      // check the template once with a sample region so a bad setting is reported at once
      assertSecureUrl(template.replace(/\{region\}/g, 'region'));
      const byRegion = new Map<string, string>();
      return {
        cloud,
        get iam(): string {
          if (!iam) throw validationError(l10n.t('The custom cloud needs an IAM endpoint: set "{0}".', 'modelarts.iamEndpoint'));
          return iam;
        },
        modelarts: (region) => {
          let url = byRegion.get(region);
          if (url === undefined) {
            url = assertSecureUrl(template.replace(/\{region\}/g, () => assertRegion(region)));
            byRegion.set(region, url);
          }
          return url;
        },
      };
    }
    default:
      throw validationError(l10n.t('Unknown cloud "{0}": use one of {1}.', String(cloud), CLOUDS.join(', ')));
  }
}

function assertRegion(region: string): string {
  if (!REGION.test(region)) throw validationError(l10n.t('"{0}" is not a valid region name.', region));
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
    return l10n.t('(an unreadable proxy URL)');
  }
}

/** Returns the URL without trailing slashes; throws unless it is https, or http on a loopback host. `what` names it in the user's language. */
export function assertSecureUrl(raw: string, what = l10n.t('endpoint')): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw validationError(l10n.t('The {0} "{1}" is not a valid URL.', what, raw));
  }
  if (url.username || url.password) throw validationError(l10n.t('The {0} must not contain a user name or password.', what));
  if (url.search || url.hash) throw validationError(l10n.t('The {0} must not contain a query or fragment.', what));
  if (url.protocol === 'https:') return raw.replace(/\/+$/, '');
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return raw.replace(/\/+$/, '');
  throw validationError(l10n.t('The {0} "{1}" is not allowed: signed requests go over https only (http is accepted for loopback hosts).', what, raw));
}
