// Access key / secret key (and security token for temporary credentials). The secret parts live in
// private fields, so neither JSON.stringify, util.inspect nor a template string can reveal them.
import * as l10n from '@vscode/l10n';
import { validationError } from './errors';

export const ENV_AK = 'HUAWEICLOUD_SDK_AK';
export const ENV_SK = 'HUAWEICLOUD_SDK_SK';
export const ENV_SECURITY_TOKEN = 'HUAWEICLOUD_SDK_SECURITY_TOKEN';

export class Credentials {
  readonly accessKey: string;
  readonly #secretKey: string;
  readonly #securityToken: string | undefined;

  constructor(accessKey: string, secretKey: string, securityToken?: string) {
    const ak = accessKey.trim();
    const sk = secretKey.trim();
    if (!ak) throw validationError(l10n.t('The access key is empty.'));
    if (!sk) throw validationError(l10n.t('The secret key is empty.'));
    if (!/^[\x21-\x7e]+$/.test(ak)) throw validationError(l10n.t('The access key contains characters that are not allowed.'));
    this.accessKey = ak;
    this.#secretKey = sk;
    this.#securityToken = securityToken?.trim() || undefined;
  }

  /** The secret key; only the signer should ask. */
  revealSecretKey(): string {
    return this.#secretKey;
  }

  /** The security token of temporary credentials, if any; only the request builder should ask. */
  revealSecurityToken(): string | undefined {
    return this.#securityToken;
  }

  get temporary(): boolean {
    return this.#securityToken !== undefined;
  }

  /** True when `other` holds the same access key, secret key and token. */
  equals(other: Credentials | undefined): boolean {
    return !!other && other.accessKey === this.accessKey && other.#secretKey === this.#secretKey && other.#securityToken === this.#securityToken;
  }

  /** The access key shortened for display, e.g. `DEMO…0000`. */
  get maskedAccessKey(): string {
    const ak = this.accessKey;
    return ak.length <= 8 ? ak.slice(0, 2) + '…' : `${ak.slice(0, 4)}…${ak.slice(-4)}`;
  }

  toJSON(): { accessKey: string; temporary: boolean } {
    return { accessKey: this.accessKey, temporary: this.temporary };
  }

  toString(): string {
    return `Credentials(${this.maskedAccessKey}${this.temporary ? ', temporary' : ''})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /** Credentials from the official SDKs' environment variables, or undefined when AK or SK is unset. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
    const ak = env[ENV_AK];
    const sk = env[ENV_SK];
    if (!ak || !sk) return undefined;
    return new Credentials(ak, sk, env[ENV_SECURITY_TOKEN]);
  }
}
