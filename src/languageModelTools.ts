// The agent tools of src/agents/tools.ts as VS Code language-model tools (agent mode), declared in
// package.json's languageModelTools (held to the table by a unit test) and registered here. They
// sign with the signed-in session and the current profile, never with environment variables of
// their own. A write asks first: prepareInvocation does the reads (the plan of an upgrade
// included) and returns the question the modal dialogs ask, naming plug-in, pool, project and
// effect; invoke then runs that very preparation (and nothing unconfirmed), refusing if the profile
// changed in between.
//
// The tools' code is dist/agents.js, loaded on the first call (see esbuild.js): dist/extension.js
// stays within its budget for everyone who never uses agent mode. It runs on this bundle's own
// client, core and l10n modules, handed over in AGENTS_SHARED.
import * as vscode from 'vscode';
import * as api from './api';
import type * as Agents from './agents/tools';
import type { AgentTool, PreparedCall, ToolContext } from './agents/tools';
import type { Session } from './auth/session';
import { settings } from './config';
import type { PoolsTreeProvider } from './tree/provider';
import { loadBundle } from './util/lazyBundles';
import type { Log } from './util/log';

let agents: typeof Agents | undefined;
function loadAgents(): typeof Agents {
  return (agents ??= loadBundle<typeof Agents>('./agents.js'));
}

/** VS Code's tool names carry the extension's prefix: tools of every extension share one namespace. */
export const LM_TOOL_PREFIX = 'modelarts_';

/** A confirmed preparation runs only within this long; an older one is refused (the plug-in may have moved on). */
const PREPARED_TTL_MS = 10 * 60_000;

export interface LanguageModelTools {
  /** The registered tool objects by VS Code name (tests call them directly). */
  readonly tools: ReadonlyMap<string, vscode.LanguageModelTool<Record<string, unknown>>>;
  readonly disposables: vscode.Disposable[];
}

/** Registers the tools `names` (package.json's languageModelTools); their code loads on the first call. */
export function registerLanguageModelTools(names: readonly string[], deps: { session: Session; tree: PoolsTreeProvider; log: Log }, tracking?: ToolContext['tracking']): LanguageModelTools {
  const prepared = new Map<string, { call?: PreparedCall; ctx?: ToolContext; error?: unknown; profile: string; at: number }>();
  const tools = new Map<string, vscode.LanguageModelTool<Record<string, unknown>>>();
  const disposables: vscode.Disposable[] = [];

  const signalOf = (token: vscode.CancellationToken): AbortSignal => {
    const controller = new AbortController();
    if (token.isCancellationRequested) controller.abort();
    else token.onCancellationRequested(() => controller.abort());
    return controller.signal;
  };
  const context = (token: vscode.CancellationToken): ToolContext => {
    const s = settings(deps.session.profile);
    return { client: deps.session.client(), region: s.region || undefined, knownProjects: s.projects, signal: signalOf(token), tracking };
  };
  const remember = (key: string, entry: { call?: PreparedCall; ctx?: ToolContext; error?: unknown }): void => {
    for (const [k, v] of prepared) if (Date.now() - v.at > PREPARED_TTL_MS) prepared.delete(k); // never invoked
    prepared.set(key, { ...entry, profile: deps.session.profile, at: Date.now() });
  };

  for (const name of names) {
    const tool = (): AgentTool => {
      const t = loadAgents().findTool(name.slice(LM_TOOL_PREFIX.length));
      if (!t) throw new Error(`${name} is contributed but not in src/agents/tools.ts`);
      return t;
    };
    const keyOf = (input: unknown): string => `${name} ${JSON.stringify(input ?? {})}`;
    const lmTool: vscode.LanguageModelTool<Record<string, unknown>> = {
      prepareInvocation: async (options, token) => {
        if (!tool().write) return undefined; // reads need no confirmation; VS Code names the tool
        // the reads behind the question; when they fail, invoke answers with that error and sends nothing
        const key = keyOf(options.input);
        try {
          const ctx = context(token);
          const call = await loadAgents().prepareCall(tool(), ctx, options.input);
          remember(key, { call, ctx });
          const c = call.confirmation!;
          return { invocationMessage: c.title, confirmationMessages: { title: c.title, message: `${c.message}\n\n${c.detail}` } };
        } catch (e) {
          remember(key, { error: e });
          return undefined;
        }
      },
      invoke: async (options, token) => {
        try {
          let call: PreparedCall;
          const t = tool();
          if (t.write) {
            // a write runs only the preparation the person confirmed, on the profile it was made for
            const key = keyOf(options.input);
            const ready = prepared.get(key);
            prepared.delete(key);
            if (!ready || Date.now() - ready.at > PREPARED_TTL_MS) throw api.validationError(vscode.l10n.t('This change was not confirmed (or the confirmation is too old); nothing was sent. Ask again.'));
            if (ready.profile !== deps.session.profile) {
              throw api.validationError(vscode.l10n.t('The profile changed from "{0}" to "{1}" after you confirmed; nothing was sent. Ask again.', ready.profile, deps.session.profile));
            }
            if (!ready.call || !ready.ctx) throw ready.error;
            ready.ctx.signal = signalOf(token); // the write and its tracking answer invoke's cancellation
            call = ready.call;
          } else {
            call = await loadAgents().prepareCall(t, context(token), options.input);
          }
          const out = await call.run();
          if (t.write) afterWrite(deps, t, call);
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify({ summary: out.summary, ...out.data }))]);
        } catch (e) {
          const error = agents ? agents.toolError(e) : { kind: 'response', message: e instanceof Error ? e.message : String(e) };
          deps.log.warn(`Tool ${name} failed: ${error.kind}${error.error_code ? ` ${error.error_code}` : ''}`);
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify({ error }))]);
        }
      },
    };
    tools.set(name, lmTool);
    disposables.push(vscode.lm.registerTool(name, lmTool));
  }
  return { tools, disposables };
}

/** The tree shows what a write changed: its pool is read again. */
function afterWrite(deps: { tree: PoolsTreeProvider; log: Log }, tool: AgentTool, call: PreparedCall): void {
  if (call.target) deps.log.info(`Tool ${tool.name}: ${call.target.plugin} in ${call.target.pool} (project ${call.target.projectId}) sent.`);
  deps.tree.refresh();
}
