// Entry point of the `modelarts-plugins` bundle (dist/cli.js); the logic is in cli.ts.
import * as readline from 'readline';
import { runCli } from './cli';

function terminalConfirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  confirm: process.stdin.isTTY ? terminalConfirm : undefined,
  readStdin,
}).then((code) => {
  process.exitCode = code;
});
