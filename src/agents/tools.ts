// The one table of agent tools. Each tool is defined once (name, title, a description written for a
// model, the JSON schema of its input, whether it writes, and its handler); the MCP server
// (src/cli/mcp.ts) and the VS Code language-model tools (src/languageModelTools.ts) are both made
// from this table, and a unit test holds package.json's languageModelTools to it, so the surfaces
// cannot drift. No vscode import: the handlers run on src/api and src/core only.
//
// Every tool is first prepared, then run. Preparing only reads (names resolved, the plug-in and its
// template read, the PATCH planned) and, for a write, yields the question to ask a person, naming
// plug-in, pool, project and effect as the extension's modal dialogs do (their own l10n strings).
// Running a write sends exactly one request: install one POST, delete one DELETE, upgrade the
// full-inputs path of src/core/patchPlan.ts (sendUpdate re-reads and refuses if the plug-in changed
// since the question was asked). `wait` then tracks with src/api/tracking.ts.
//
// What a model reads (descriptions, summaries, refusals) stays English like the CLI; what a person
// is asked goes through @vscode/l10n.
//
// The tools themselves are in readTools.ts and writeTools.ts, what they share in shared.ts. This file
// is the table and the entry point of dist/agents.js (esbuild.js), so it keeps the public exports.
import { READ_TOOLS } from './readTools';
import { checkArguments } from './schema';
import type { AgentTool, PreparedCall, ToolContext } from './shared';
import { WRITE_TOOLS } from './writeTools';

export { ROW_CAP } from './readTools';
export { annotations, toolError } from './shared';
export type { AgentTool, Confirmation, PreparedCall, ToolContext, ToolErrorInfo, ToolOutput } from './shared';

/** Checks the arguments against the tool's schema, then prepares the call (reads only). */
export async function prepareCall(tool: AgentTool, ctx: ToolContext, args: unknown): Promise<PreparedCall> {
  return tool.prepare(ctx, checkArguments(tool.name, tool.inputSchema, args));
}

/** Every tool, reads first. */
export const AGENT_TOOLS: readonly AgentTool[] = [...READ_TOOLS, ...WRITE_TOOLS];

export function findTool(name: string): AgentTool | undefined {
  return AGENT_TOOLS.find((t) => t.name === name);
}
