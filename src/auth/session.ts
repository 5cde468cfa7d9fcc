// Who we are signed in as, and the client built from it. Credentials live only in SecretStorage (one
// JSON entry), or come from the official SDKs' environment variables when nothing is stored. The
// client is rebuilt when credentials or connection settings change; a 401 marks the session
// invalid and offers Sign In once, never in a loop.
import * as vscode from 'vscode';
import { ApiError, Credentials, ModelArtsClient, describeProxy, isNeverProxied, resolveEndpoints } from '../api';
import { trustedCertificates } from '../api/trust';
import { settings } from '../config';
import { Disposable } from '../util/lifecycle';
import { Log } from '../util/log';

export const SECRET_KEY = 'modelarts.credentials';
/** globalState flag: the user signed out, so environment credentials are not used until Sign In. */
const SIGNED_OUT_KEY = 'modelarts.signedOut';

export type CredentialSource = 'secretStorage' | 'environment';

interface StoredCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

export class Session extends Disposable {
  private credentials: Credentials | undefined;
  private source: CredentialSource | undefined;
  private cachedClient: ModelArtsClient | undefined;
  private invalidNotified = false;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when the credentials, their validity or the connection settings change. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    super();
    // another window (or our own store/delete) changed the secret; our own writes are already applied
    this.register(context.secrets.onDidChange((e) => e.key === SECRET_KEY && void this.load({ onlyIfChanged: true })));
  }

  private loading: Promise<void> | undefined;

  /** Settles once the credentials have been read at least once (the tree waits for it, so the welcome view never flashes). */
  ready(): Promise<void> {
    return (this.loading ??= this.load());
  }

  /** Reads the stored secret (or the environment) and updates the `modelarts.signedIn` context key. */
  async load(options: { onlyIfChanged?: boolean } = {}): Promise<void> {
    let creds: Credentials | undefined;
    let source: CredentialSource | undefined;
    try {
      const raw = await this.context.secrets.get(SECRET_KEY);
      if (raw) {
        const s = JSON.parse(raw) as StoredCredentials;
        creds = new Credentials(s.accessKey, s.secretKey, s.securityToken);
        source = 'secretStorage';
      }
    } catch (e) {
      this.log.warn(`The stored credentials could not be read (${e instanceof ApiError ? e.message : 'malformed entry'}); sign in again.`);
    }
    if (!creds && !this.context.globalState.get<boolean>(SIGNED_OUT_KEY)) {
      try {
        creds = Credentials.fromEnvironment(this.env);
        source = creds && 'environment';
      } catch (e) {
        this.log.warn(`The credentials in the environment are not usable: ${(e as Error).message}`);
      }
    }
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

  /** A short account label for the view: masked AK, where it came from, and the cloud. */
  get accountLabel(): string | undefined {
    if (!this.credentials) return undefined;
    const from = this.source === 'environment' ? ' from environment' : '';
    return `${this.credentials.maskedAccessKey}${from} · ${settings().endpoints.cloud}`;
  }

  /** The client for the current credentials and settings; throws a validation ApiError when signed out or misconfigured. */
  client(): ModelArtsClient {
    if (!this.credentials) throw new ApiError({ kind: 'validation', message: 'Not signed in: run "ModelArts: Sign In" first.' });
    if (!this.cachedClient) this.cachedClient = this.createClient(this.credentials);
    return this.cachedClient;
  }

  private createClient(credentials: Credentials): ModelArtsClient {
    const s = settings();
    return new ModelArtsClient({
      credentials,
      endpoints: resolveEndpoints(s.endpoints),
      timeoutMs: s.timeoutMs,
      onRequest: (e) => this.log.request(e),
      onClockSkew: (message) => this.log.warn(message),
      // no `ca` unless asked: VS Code's own certificate support (http.systemCertificates) stays in charge
      ca: trustedCertificates(s.caCertificates, 'the setting "modelarts.caCertificates"'),
      globalAgentUnlessCa: true,
      trustHint: 'add the PEM file of its certificate authority to the setting "modelarts.caCertificates"',
      // only to name the proxy in errors: VS Code's proxy support carries the requests
      proxyFor: (url) => {
        const http = vscode.workspace.getConfiguration('http');
        const proxy = http.get<string>('proxy');
        return proxy && http.get<string>('proxySupport') !== 'off' && !isNeverProxied(url.hostname) ? describeProxy(proxy) : undefined;
      },
      userAgent: `modelarts-plugins-vscode/${this.context.extension?.packageJSON?.version ?? '0'} vscode/${vscode.version}`,
    });
  }

  /** Checks the keys with one signed IAM call, then stores them. Throws (and stores nothing) when they are refused. */
  async signIn(accessKey: string, secretKey: string, securityToken?: string): Promise<void> {
    const creds = new Credentials(accessKey, secretKey, securityToken);
    try {
      await this.createClient(creds).listProjects();
    } catch (e) {
      // 403: the keys are valid but may not list projects (IAM permission); projects can come from settings
      if (!(e instanceof ApiError && e.status === 403)) throw e;
      this.log.warn(`The keys were accepted, but IAM refused to list projects (${e.errorCode ?? 403}); set "modelarts.projects".`);
    }
    const stored: StoredCredentials = { accessKey: creds.accessKey, secretKey: creds.revealSecretKey(), securityToken: creds.revealSecurityToken() };
    await this.context.globalState.update(SIGNED_OUT_KEY, undefined);
    await this.context.secrets.store(SECRET_KEY, JSON.stringify(stored));
    this.set(creds, 'secretStorage');
    this.log.info(`Signed in with access key ${creds.maskedAccessKey}.`);
  }

  async signOut(): Promise<void> {
    // the flag first: deleting the secret fires onDidChange, whose reload must not fall back to the environment
    await this.context.globalState.update(SIGNED_OUT_KEY, true);
    await this.context.secrets.delete(SECRET_KEY);
    this.set(undefined, undefined);
    this.log.info('Signed out.');
  }

  /** Called when a setting the client depends on changes. */
  settingsChanged(): void {
    this.cachedClient = undefined;
    this.changed.fire();
  }

  /** Reacts to a failed call: on an authentication error, offers Sign In once per set of credentials. */
  handleError(err: unknown): void {
    if (!(err instanceof ApiError) || !err.isAuthError || this.invalidNotified) return;
    this.invalidNotified = true;
    void vscode.window
      .showWarningMessage(`ModelArts refused the credentials: ${err.describe()}`, 'Sign In', 'Show Logs')
      .then((choice) => {
        if (choice === 'Sign In') void vscode.commands.executeCommand('modelarts.signIn');
        else if (choice === 'Show Logs') this.log.show();
      });
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
