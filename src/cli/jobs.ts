import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { resolveEnv } from '../config-file.js';
import { loadConfig } from '../config.js';
import { JobDraftSchema } from '../matching/job-enrich.js';
import { readJobFile } from '../matching/job-file.js';
import { openServices, type Services } from '../services/runtime.js';
import { createLogger } from '../telemetry/logger.js';
import { createProgress } from './progress.js';

/** Services for one CLI command: quiet logs unless LOG_LEVEL says otherwise, closed when done. */
export async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...resolveEnv() });
  const services = await openServices(config, createLogger(config.logLevel, process.stderr as never));
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

const IMPORT_BATCH = 500;

export function registerJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('manage the job index');

  jobs
    .command('import')
    .description('import jobs from JSONL or CSV files (title and description required; the rest is derived)')
    .argument('<files...>', '.jsonl or .csv files')
    .action(async (files: string[]) =>
      withServices(async ({ jobs: service }) => {
        let imported = 0;
        let skipped = 0;
        for (const file of files) {
          const { drafts, lines, issues } = readJobFile(file, await readFile(file, 'utf8'));
          const valid = [];
          for (let i = 0; i < drafts.length; i++) {
            const check = JobDraftSchema.safeParse(drafts[i]);
            if (check.success) valid.push(drafts[i]!);
            else issues.push({ line: lines[i]!, message: check.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
          }
          for (const issue of issues.sort((a, b) => a.line - b.line)) process.stderr.write(`${basename(file)}:${issue.line}: skipped: ${issue.message}\n`);
          for (let i = 0; i < valid.length; i += IMPORT_BATCH) imported += (await service.upsert(valid.slice(i, i + IMPORT_BATCH))).length;
          skipped += issues.length;
        }
        process.stdout.write(`imported ${imported} job(s)${skipped ? `, skipped ${skipped}` : ''}. Run \`jobmatch jobs reindex\` to embed them.\n`);
        if (skipped > 0) process.exitCode = 1;
      }),
    );

  jobs
    .command('reindex')
    .description('embed every job without a current vector in a space (resumable, idempotent)')
    .option('-s, --space <id>', 'embedding space id (default: the local space)')
    .option('-b, --batch-size <n>', 'texts per embed call', (v) => Math.max(1, Number.parseInt(v, 10) || 32), 32)
    .option('-c, --concurrency <n>', 'embed calls in flight', (v) => Math.max(1, Number.parseInt(v, 10) || 2), 2)
    .action(async (opts: { space?: string; batchSize: number; concurrency: number }) =>
      withServices(async ({ jobs: service }) => {
        const spaceId = opts.space ?? [...service.embedders.keys()][0]!;
        const controller = new AbortController();
        // Ctrl-C stops after the batch in flight; the checkpoint lets the next run resume there.
        process.once('SIGINT', () => controller.abort());
        let progress: ReturnType<typeof createProgress> | undefined;
        const report = await service.reindex(spaceId, {
          batchSize: opts.batchSize,
          concurrency: opts.concurrency,
          signal: controller.signal,
          onProgress: ({ processed, total }) => {
            progress ??= createProgress(total, `reindex ${spaceId}`);
            progress.set(processed);
          },
        });
        progress?.stop();
        const from = report.resumedFrom ? ` (resumed after ${report.resumedFrom})` : '';
        process.stdout.write(`embedded ${report.embedded} job(s) in ${spaceId}${from}\n`);
      }),
    );

  jobs
    .command('status')
    .description('vector coverage per embedding space')
    .action(async () =>
      withServices(async ({ jobs: service }) => {
        for (const s of await service.indexStatus()) {
          const resume = s.checkpoint ? `, interrupted reindex resumes after ${s.checkpoint}` : '';
          process.stdout.write(`${s.space.id}: ${s.embedded - s.stale}/${s.total} current (${(s.coverage * 100).toFixed(1)}%), ${s.stale} stale${resume}\n`);
        }
      }),
    );
}
