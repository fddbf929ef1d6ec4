import { buildProgram } from '../../src/cli/main.js';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `jobmatch …` in this process, capturing what it prints and the exit code it sets. */
export async function runCli(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  // Strings only: the test runner reports to its parent through stdout in binary chunks, which must pass.
  const capture = (into: string[], stream: NodeJS.WriteStream, original: typeof process.stdout.write) =>
    ((chunk: unknown, ...rest: unknown[]) => (typeof chunk === 'string' ? into.push(chunk) > 0 : (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest))) as typeof process.stdout.write;
  process.stdout.write = capture(out, process.stdout, write.out);
  process.stderr.write = capture(err, process.stderr, write.err);
  try {
    await buildProgram().exitOverride().parseAsync(['node', 'jobmatch', ...args]);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}
