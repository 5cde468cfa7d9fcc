// `modelarts-plugins mcp`: the agent tools of src/agents/tools.ts as an MCP server over stdio, signed
// with the CLI's own client (same options, credentials, proxies and CAs). Stdout carries only the
// protocol; one line per call goes to stderr, never an argument's value or a secret.
//
// Read-only by default: without --allow-writes the write tools are neither listed nor callable.
// Before delete_plugin and upgrade_plugin the person is asked (MCP elicitation) when the client can
// ask, naming plug-in, pool, project and effect as the extension's dialogs do; declined sends
// nothing. A client that cannot ask gets the annotations (readOnlyHint, destructiveHint) as its cue;
// --no-confirm turns the question off for unattended automation. With `wait`, tracking reports
// progress notifications when the request carried a progress token, and stops on cancellation.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Readable, Writable } from 'stream';
import { validationError, type ModelArtsClient } from '../api';
import { AGENT_TOOLS, annotations, findTool, prepareCall, toolError, type AgentTool, type ToolContext, type ToolOutput } from '../agents/tools';

export interface McpOptions {
  allowWrites: boolean;
  /** Ask the person before a destructive call when the client supports elicitation (default true). */
  confirm: boolean;
  /** Region of a project given by ID that IAM does not list (--region). */
  region?: string;
  version: string;
  /** A line for stderr. */
  log: (line: string) => void;
  /** The tracking schedule of `wait`; tests shorten it. */
  tracking?: ToolContext['tracking'];
}

const INSTRUCTIONS = 'Tools for the plug-ins of Huawei Cloud ModelArts resource pools. Start with list_projects; project takes an ID or a name, pool a name or display name. '
  + 'Fleet questions: fleet_inventory, version_drift. Writes (install_plugin, upgrade_plugin, delete_plugin) exist only when the server was started with --allow-writes; '
  + 'upgrade_plugin keeps every input it is not told to change.';

function result(output: ToolOutput): CallToolResult {
  const structured = { summary: output.summary, ...output.data };
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

function errorResult(e: unknown): CallToolResult {
  const error = toolError(e);
  return { content: [{ type: 'text', text: JSON.stringify({ error }) }], structuredContent: { error }, isError: true };
}

/** The MCP server for `client`, not yet connected. */
export function createMcpServer(client: ModelArtsClient, opts: McpOptions): Server {
  const server = new Server({ name: 'modelarts-plugins', title: 'ModelArts Plug-ins', version: opts.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const offered = (t: AgentTool): boolean => opts.allowWrites || !t.write;

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: AGENT_TOOLS.filter(offered).map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, annotations: annotations(t) })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    const tool = findTool(name);
    if (!tool || !offered(tool)) {
      opts.log(`call ${name}: refused (${tool ? 'a write tool without --allow-writes' : 'unknown tool'})`);
      return errorResult(validationError(tool
        ? `${name} changes the cloud; this server was started read-only. Restart it with --allow-writes to use it. Nothing was sent.`
        : `There is no tool "${name}". Tools: ${AGENT_TOOLS.filter(offered).map((t) => t.name).join(', ')}.`));
    }
    const token = extra._meta?.progressToken;
    // notifications are sent before the answer (a progress after the answer is dropped by the client)
    const notified: Promise<unknown>[] = [];
    const ctx: ToolContext = {
      client,
      region: opts.region,
      signal: extra.signal,
      tracking: opts.tracking,
      onProgress: token === undefined ? undefined : (progress, message) => {
        notified.push(extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, message } }).catch(() => undefined));
      },
    };
    try {
      const prepared = await prepareCall(tool, ctx, args);
      if (tool.destructive && opts.confirm && prepared.confirmation && server.getClientCapabilities()?.elicitation) {
        const c = prepared.confirmation;
        const answer = await server.elicitInput({ message: `${c.message}\n\n${c.detail}`, requestedSchema: { type: 'object', properties: {} } }, { signal: extra.signal });
        if (answer.action !== 'accept') {
          opts.log(`call ${name}: ${answer.action === 'decline' ? 'declined' : 'cancelled'} by the person; nothing sent`);
          return result({ summary: `Not done: the person ${answer.action === 'decline' ? 'declined' : 'cancelled'} the confirmation. Nothing was sent.`, data: { sent: false, confirmation: answer.action } });
        }
      }
      const out = await prepared.run();
      await Promise.all(notified);
      opts.log(`call ${name}: ok`);
      return result(out);
    } catch (e) {
      const info = toolError(e);
      opts.log(`call ${name}: ${info.kind}${info.error_code ? ` ${info.error_code}` : ''}`);
      return errorResult(e);
    }
  });
  return server;
}

/** Serves MCP on the given streams until the client closes them; exit code 0. */
export async function serveMcp(client: ModelArtsClient, opts: McpOptions, streams: { stdin: Readable; stdout: Writable }): Promise<number> {
  const server = createMcpServer(client, opts);
  const transport = new StdioServerTransport(streams.stdin, streams.stdout);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    streams.stdin.once('end', () => resolve());
    streams.stdin.once('close', () => resolve());
  });
  await server.connect(transport);
  opts.log(`MCP server on stdio, ${opts.allowWrites ? 'writes allowed' : 'read-only'}${opts.allowWrites && !opts.confirm ? ', no confirmation' : ''}.`);
  await closed;
  await server.close().catch(() => undefined);
  return 0;
}
