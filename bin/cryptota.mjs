#!/usr/bin/env node
// The `cryptota` command: the built CLI (out/main/cli.js, from `npm run build`) when it is
// up to date, else the TypeScript sources through tsx's loader (see ./cliBuild.mjs).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chooseCli } from './cliBuild.mjs';

// Until the CLI frame installs its own handlers, an interruption still exits 130.
const interruptedWhileLoading = () => process.exit(130);
process.once('SIGINT', interruptedWhileLoading);
process.once('SIGTERM', interruptedWhileLoading);
// A reader that stops early (`cryptota runs | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const cli = chooseCli(join(dirname(fileURLToPath(import.meta.url)), '..'));
if (cli.from === 'source') {
  // Said to a person at a terminal only: scripts and tests read stderr for the command's own messages.
  if (cli.hint && process.stderr.isTTY) process.stderr.write(`${cli.hint}\n`);
  const { register } = await import('tsx/esm/api');
  register();
}
const { main } = await import(pathToFileURL(cli.file).href);
process.off('SIGINT', interruptedWhileLoading);
process.off('SIGTERM', interruptedWhileLoading);
process.exitCode = await main(process.argv.slice(2));
