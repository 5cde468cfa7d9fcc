// What every agent tool shares: the types of a tool and of its call (context, output, the question
// a write asks, the prepared call), MCP's annotations, the one form of a tool error, and the
// arguments most tools take (project, pool, plug-in, wait). No vscode import.
import { asApiError, type ProjectRef, type SettleOptions } from '../api';
import type { ScanProject } from '../core/scan';
import type { ProjectSource } from './resolve';
import type { InputSchema, PropertySchema } from './schema';

export interface ToolContext extends ProjectSource {
  /** Progress while a write is tracked (`wait: true`): a count that grows, and a line for a person. */
  onProgress?: (progress: number, message: string) => void;
  /** The tracking schedule; tests shorten it. */
  tracking?: Omit<SettleOptions, 'signal' | 'onPoll' | 'version' | 'answeredBusy'>;
}

/** What a tool returns: a one-line summary and the structured answer (the cloud's, where there is one). */
export interface ToolOutput {
  summary: string;
  data: Record<string, unknown>;
}

/** The question a write asks a person before it sends anything. */
export interface Confirmation {
  title: string;
  message: string;
  detail: string;
}

/** A tool call ready to run: reads done, and for a write the question to ask first. */
export interface PreparedCall {
  confirmation?: Confirmation;
  /** Where a write goes, for logs and for refreshing views afterwards. */
  target?: { projectId: string; pool: string; plugin: string };
  run(): Promise<ToolOutput>;
}

export interface AgentTool {
  name: string;
  title: string;
  description: string;
  inputSchema: InputSchema;
  /** Changes something in the cloud: listed by the MCP server only with --allow-writes. */
  write: boolean;
  /** Removes or replaces something: asks for consent first (MCP elicitation, VS Code confirmation). */
  destructive: boolean;
  prepare(ctx: ToolContext, input: Record<string, unknown>): Promise<PreparedCall>;
}

/** MCP's tool annotations, from the table. */
export function annotations(t: AgentTool): { title: string; readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean } {
  return { title: t.title, readOnlyHint: !t.write, destructiveHint: t.destructive, idempotentHint: !t.write, openWorldHint: true };
}

/** A failed call as a tool error: the cloud's error_code and message, and the advice the extension gives; never a stack. */
export interface ToolErrorInfo {
  kind: string;
  /** The advice, as the extension shows it (includes the cloud's message). */
  message: string;
  error_code?: string;
  error_msg?: string;
  http_status?: number;
  request_id?: string;
}

export function toolError(e: unknown): ToolErrorInfo {
  const err = asApiError(e);
  const out: ToolErrorInfo = { kind: err.kind, message: err.message };
  if (err.errorCode) out.error_code = err.errorCode;
  if (err.errorMsg) out.error_msg = err.errorMsg;
  if (err.status !== undefined) out.http_status = err.status;
  if (err.requestId) out.request_id = err.requestId;
  return out;
}

// ------------------------------------------------------------------ inputs

export const str = (description: string): PropertySchema => ({ type: 'string', description });
export const PROJECT = str('The project: its ID or its name (the region name, e.g. "cn-north-4"). list_projects lists them.');
export const POOL = str('The resource pool: its name (metadata.name, e.g. "pool-4cd0…") or its display name. list_pools lists them.');
export const PLUGIN = str('The plug-in: the name of the template it was installed from, e.g. "node-local-dns".');
export const WAIT = { type: 'boolean', description: 'Track the plug-in after the write until it settles (may take minutes; progress is reported). Default false: answer as soon as the cloud accepted the write.' } as const;
export const schema = (properties: Record<string, PropertySchema>, required: string[] = []): InputSchema => ({ type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false });

export const ref = (p: ScanProject): ProjectRef => ({ id: p.id, region: p.region });
/** An argument the schema checked as a string (checkArguments), or undefined when absent. */
export const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
