// Reporting: where the CLI writes and reads (CliIo), how an answer is printed (the cloud's JSON as
// sent, or a table with a warning for what the table left out), and how a failure becomes stderr
// lines and an exit code: 0 success, 1 refused by the cloud or the network, 2 usage or validation.
import type { Readable, Writable } from 'stream';
import { ApiError } from '../api';
import { UsageError } from './usage';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Asks a yes/no question on the terminal; undefined when stdin is not a terminal. */
  confirm?: (question: string) => Promise<boolean>;
  /** The whole of standard input (for `--inputs -`). */
  readStdin?: () => Promise<string>;
  /** The byte streams `mcp` speaks the protocol on; default the process's stdin and stdout. */
  streams?: { stdin: Readable; stdout: Writable };
}

/** Prints an answer: `text` as the cloud sent it (json), or the table, warning about entries the table left out. */
export type Print = (text: string, table: () => string, problems?: string[]) => void;

export function printer(output: string, io: CliIo): Print {
  return (text, table, problems) => {
    io.stdout((output === 'json' ? text.trimEnd() : table()) + '\n');
    if (problems?.length) {
      io.stderr(`modelarts-plugins: warning: ${problems.length} entr${problems.length === 1 ? 'y' : 'ies'} of the answer ${output === 'json' ? 'would be' : 'were'} left out by the table view: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}\n`);
    }
  };
}

/** A failure on stderr; returns the exit code. */
export function report(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.stderr(`modelarts-plugins: ${e.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (e instanceof ApiError) {
    if (e.kind === 'validation') {
      io.stderr(`modelarts-plugins: ${e.message}\n`);
      return 2;
    }
    const lines = [`modelarts-plugins: ${e.message}`];
    if (e.status !== undefined) lines.push(`  HTTP status: ${e.status}`);
    if (e.errorCode) lines.push(`  error_code:  ${e.errorCode}`);
    if (e.errorMsg) lines.push(`  error_msg:   ${e.errorMsg}`);
    if (e.requestId) lines.push(`  request id:  ${e.requestId}`);
    io.stderr(lines.join('\n') + '\n');
    return 1;
  }
  io.stderr(`modelarts-plugins: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  return 1;
}
