// Who we are signed in as, and the client built from it. Credentials live only in SecretStorage (one
// JSON entry per named profile), or, for the `default` profile, come from the official SDKs'
// environment variables when nothing is stored. The client is rebuilt when credentials, the profile
// or connection settings change; a 401 marks the session invalid and offers Sign In once, never in
// a loop.
//
// Profiles never mix: every tree node, document and tracker remembers the profile it was loaded
// under and asks `clientFor(profile)`, which refuses (sending nothing) when that is not the current
// profile, so no request is ever signed with another profile's keys.
import * as vscode from 'vscode';
import { ApiError, Credentials, ModelArtsClient, describeProxy, isNeverProxied, resolveEndpoints } from '../api';
import { trustedCertificates } from '../api/trust';
import { DEFAULT_PROFILE, configuredProfiles, isValidProfileName, settings } from '../config';
import { Disposable } from '../util/lifecycle';
import { Log } from '../util/log';

/** The secret of the `default` profile (the key predates profiles); others get a suffix. */
export const SECRET_KEY = 'modelarts.credentials';
/** globalState flag: the user signed out of `default`, so environment credentials are not used until Sign In. */
const SIGNED_OUT_KEY = 'modelarts.signedOut';
/** globalState: the current profile, and the names of profiles with stored keys. */
const PROFILE_KEY = 'modelarts.profile';
const PROFILES_KEY = 'modelarts.profileNames';

export type CredentialSource = 'secretStorage' | 'environment';

interface StoredCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

export function secretKeyOf(profile: string): string {
  return profile === DEFAULT_PROFILE ? SECRET_KEY : `${SECRET_KEY}.${profile}`;
}

function invalidProfileName(profile: string): ApiError {
  return new ApiError({ kind: 'validation', message: vscode.l10n.t('"{0}" is not a valid profile name: use letters, digits, "-", "_" and ".".', profile) });
}

export class Session extends Disposable {
  private credentials: Credentials | undefined;
  private source: CredentialSource | undefined;
  private cachedClient: ModelArtsClient | undefined;
  private invalidNotified = false;
  private current: string;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when the credentials, their validity, the profile or the connection settings change. */
  readonly onDidChange = this.changed.event;
  private readonly profileChanged = this.register(new vscode.EventEmitter<string>());
  /** Fires (before onDidChange) when another profile becomes current. */
  readonly onDidChangeProfile = this.profileChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    const saved = context.globalState.get<string>(PROFILE_KEY);
    this.current = saved && isValidProfileName(saved) ? saved : DEFAULT_PROFILE;
    // another window (or our own store/delete) changed the secret; our own writes are already applied
    this.register(context.secrets.onDidChange((e) => e.key === secretKeyOf(this.current) && void this.load({ onlyIfChanged: true })));
  }

  private loading: Promise<void> | undefined;

  /** Settles once the credentials have been read at least once (the tree waits for it, so the welcome view never flashes). */
  ready(): Promise<void> {
    return (this.loading ??= this.load());
  }

  /** The current profile's name. */
  get profile(): string {
    return this.current;
  }

  /** Every profile there is: `default`, those with stored keys, and those with settings. */
  profiles(): string[] {
    const stored = this.context.globalState.get<string[]>(PROFILES_KEY, []);
    return [...new Set([DEFAULT_PROFILE, ...stored, ...configuredProfiles(), this.current])].sort((a, b) =>
      a === DEFAULT_PROFILE ? -1 : b === DEFAULT_PROFILE ? 1 : a.localeCompare(b));
  }

  /** Reads the current profile's stored secret (or, for `default`, the environment) and updates the `modelarts.signedIn` context key. */
  async load(options: { onlyIfChanged?: boolean } = {}): Promise<void> {
    const profile = this.current;
    let creds: Credentials | undefined;
    let source: CredentialSource | undefined;
    try {
      const raw = await this.context.secrets.get(secretKeyOf(profile));
      if (raw) {
        const s = JSON.parse(raw) as StoredCredentials;
        creds = new Credentials(s.accessKey, s.secretKey, s.securityToken);
        source = 'secretStorage';
      }
    } catch (e) {
      this.log.warn(`The stored credentials of profile "${profile}" could not be read (${e instanceof ApiError ? e.message : 'malformed entry'}); sign in again.`);
    }
    if (!creds && profile === DEFAULT_PROFILE && !this.context.globalState.get<boolean>(SIGNED_OUT_KEY)) {
      try {
        creds = Credentials.fromEnvironment(this.env);
        source = creds && 'environment';
      } catch (e) {
        this.log.warn(`The credentials in the environment are not usable: ${(e as Error).message}`);
      }
    }
    if (profile !== this.current) return; // switched again while reading: that load wins
    const unchanged = source === this.source && (creds ? creds.equals(this.credentials) : !this.credentials);
    if (options.onlyIfChanged && unchanged) return; // no second refresh of the tree for the same keys
    this.set(creds, source);
  }

  get signedIn(): boolean {
    return !!this.credentials;
  }

  get credentialSource(): CredentialSource | undefined {
    return this.source;
  }

  /** A short account label for the view: profile, masked AK, where it came from, and the cloud. */
  get accountLabel(): string | undefined {
    if (!this.credentials) return this.current === DEFAULT_PROFILE ? undefined : `${this.current} · ${vscode.l10n.t('signed out')}`;
    const from = this.source === 'environment' ? ` ${vscode.l10n.t('from environment')}` : '';
    return `${this.current} · ${this.credentials.maskedAccessKey}${from} · ${settings(this.current).endpoints.cloud}`;
  }

  /** The client for the current credentials and settings; throws a validation ApiError when signed out or misconfigured. */
  client(): ModelArtsClient {
    if (!this.credentials) {
      const message = this.current === DEFAULT_PROFILE
        ? vscode.l10n.t('Not signed in: run "ModelArts: Sign In" first.')
        : vscode.l10n.t('Not signed in to profile "{0}": run "ModelArts: Sign In" first.', this.current);
      throw new ApiError({ kind: 'validation', message });
    }
    if (!this.cachedClient) this.cachedClient = this.createClient(this.credentials, this.current);
    return this.cachedClient;
  }

  /** The client for something loaded under `profile`; refuses, sending nothing, when another profile is current. */
  clientFor(profile: string): ModelArtsClient {
    if (profile !== this.current) {
      throw new ApiError({
        kind: 'validation',
        message: vscode.l10n.t('This item belongs to profile "{0}", but profile "{1}" is current: run "ModelArts: Switch Profile…" to go back to it.', profile, this.current),
      });
    }
    return this.client();
  }

  private createClient(credentials: Credentials, profile: string): ModelArtsClient {
    const s = settings(profile);
    return new ModelArtsClient({
      credentials,
      endpoints: resolveEndpoints(s.endpoints),
      timeoutMs: s.timeoutMs,
      onRequest: (e) => this.log.request(e),
      onClockSkew: (message) => this.log.warn(message),
      // no `ca` unless asked: VS Code's own certificate support (http.systemCertificates) stays in charge
      ca: trustedCertificates(s.caCertificates, vscode.l10n.t('the setting "{0}"', 'modelarts.caCertificates')),
      globalAgentUnlessCa: true,
      trustHint: vscode.l10n.t('add the PEM file of its certificate authority to the setting "{0}"', 'modelarts.caCertificates'),
      // only to name the proxy in errors: VS Code's proxy support carries the requests
      proxyFor: (url) => {
        const http = vscode.workspace.getConfiguration('http');
        const proxy = http.get<string>('proxy');
        return proxy && http.get<string>('proxySupport') !== 'off' && !isNeverProxied(url.hostname) ? describeProxy(proxy) : undefined;
      },
      userAgent: `modelarts-plugins-vscode/${this.context.extension?.packageJSON?.version ?? '0'} vscode/${vscode.version}`,
    });
  }

  /**
   * Checks the keys with one signed IAM call (with `profile`'s settings), then stores them under that
   * profile and makes it current. Throws (and stores nothing) when they are refused.
   */
  async signIn(accessKey: string, secretKey: string, securityToken?: string, profile: string = this.current): Promise<void> {
    if (!isValidProfileName(profile)) throw invalidProfileName(profile);
    const creds = new Credentials(accessKey, secretKey, securityToken);
    try {
      await this.createClient(creds, profile).listProjects();
    } catch (e) {
      // 403: the keys are valid but may not list projects (IAM permission); projects can come from settings
      if (!(e instanceof ApiError && e.status === 403)) throw e;
      this.log.warn(`The keys were accepted, but IAM refused to list projects (${e.errorCode ?? 403}); set "modelarts.projects".`);
    }
    const stored: StoredCredentials = { accessKey: creds.accessKey, secretKey: creds.revealSecretKey(), securityToken: creds.revealSecurityToken() };
    if (profile === DEFAULT_PROFILE) await this.context.globalState.update(SIGNED_OUT_KEY, undefined);
    await this.rememberProfile(profile, true);
    await this.context.secrets.store(secretKeyOf(profile), JSON.stringify(stored));
    await this.makeCurrent(profile);
    this.set(creds, 'secretStorage');
    this.log.info(`Signed in to profile "${profile}" with access key ${creds.maskedAccessKey}.`);
  }

  /** Removes the current profile's keys only. */
  async signOut(): Promise<void> {
    const profile = this.current;
    // the flag first: deleting the secret fires onDidChange, whose reload must not fall back to the environment
    if (profile === DEFAULT_PROFILE) await this.context.globalState.update(SIGNED_OUT_KEY, true);
    await this.context.secrets.delete(secretKeyOf(profile));
    await this.rememberProfile(profile, false);
    this.set(undefined, undefined);
    this.log.info(`Signed out of profile "${profile}".`);
  }

  /** Removes the keys of every profile and goes back to `default`, signed out. */
  async signOutAll(): Promise<void> {
    await this.context.globalState.update(SIGNED_OUT_KEY, true);
    for (const p of this.profiles()) await this.context.secrets.delete(secretKeyOf(p));
    await this.context.globalState.update(PROFILES_KEY, undefined);
    await this.makeCurrent(DEFAULT_PROFILE);
    this.set(undefined, undefined);
    this.log.info('Signed out of every profile.');
  }

  /** Makes `profile` current and reads its keys; nothing is sent. */
  async switchProfile(profile: string): Promise<void> {
    if (!isValidProfileName(profile)) throw invalidProfileName(profile);
    if (profile === this.current) return;
    await this.makeCurrent(profile); // drops the old keys and client: nothing goes out with them from here on
    await this.load();
    this.log.info(`Switched to profile "${profile}".`);
  }

  private async makeCurrent(profile: string): Promise<void> {
    if (profile === this.current) return;
    this.current = profile;
    this.credentials = undefined;
    this.source = undefined;
    this.cachedClient = undefined;
    await this.context.globalState.update(PROFILE_KEY, profile === DEFAULT_PROFILE ? undefined : profile);
    this.profileChanged.fire(profile);
  }

  private async rememberProfile(profile: string, present: boolean): Promise<void> {
    if (profile === DEFAULT_PROFILE) return;
    const names = new Set(this.context.globalState.get<string[]>(PROFILES_KEY, []));
    if (present) names.add(profile);
    else names.delete(profile);
    await this.context.globalState.update(PROFILES_KEY, names.size ? [...names].sort() : undefined);
  }

  /** Called when a setting the client depends on changes. */
  settingsChanged(): void {
    this.cachedClient = undefined;
    this.changed.fire();
  }

  /** Reacts to a failed call: on an authentication error, offers Sign In once per set of credentials. True when it showed that offer. */
  handleError(err: unknown): boolean {
    if (!(err instanceof ApiError) || !err.isAuthError || this.invalidNotified) return false;
    this.invalidNotified = true;
    const signIn = vscode.l10n.t('Sign In');
    const showLogs = vscode.l10n.t('Show Logs');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('ModelArts refused the credentials: {0}', err.describe()), signIn, showLogs)
      .then((choice) => {
        if (choice === signIn) void vscode.commands.executeCommand('modelarts.signIn');
        else if (choice === showLogs) this.log.show();
      });
    return true;
  }

  private set(creds: Credentials | undefined, source: CredentialSource | undefined): void {
    this.credentials = creds;
    this.source = source;
    this.cachedClient = undefined;
    this.invalidNotified = false;
    void vscode.commands.executeCommand('setContext', 'modelarts.signedIn', !!creds);
    this.changed.fire();
  }
}
