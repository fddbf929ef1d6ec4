import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { WORKPLACES, type JobMatch } from '../domain/index.js';
import { matchJobs } from '../services/match.js';
import { parseResume } from '../services/resume.js';
import { withServices } from './jobs.js';

function formatMatch(rank: number, m: JobMatch): string {
  const j = m.job;
  const where = [j.location, j.workplace !== 'onsite' ? j.workplace : null].filter(Boolean).join(', ');
  const lines = [`${String(rank).padStart(2)}. ${m.score.toFixed(3)}  ${j.title}${j.company ? ` — ${j.company}` : ''}${where ? ` (${where})` : ''}  [${j.id}]`];
  for (const r of m.reasons) lines.push(`      ${r}`);
  const b = m.breakdown;
  lines.push(`      semantic ${b.semantic.toFixed(2)}  lexical ${b.lexical.toFixed(2)}  skills ${b.skills.toFixed(2)}  title ${b.title.toFixed(2)}  experience ${b.experience.toFixed(2)}`);
  return lines.join('\n');
}

export function registerMatchCommand(program: Command): void {
  program
    .command('match')
    .description('rank jobs for a resume file (PDF, DOCX, text) with explanations')
    .argument('<resume>', 'resume file')
    .option('-n, --limit <n>', 'how many jobs', (v) => Math.min(100, Math.max(1, Number.parseInt(v, 10) || 10)), 10)
    .option('--location <text>', 'only jobs whose location contains this (remote jobs always pass)')
    .addOption(new Option('--workplace <kinds...>', 'only these workplaces').choices([...WORKPLACES]))
    .addOption(new Option('--strategy <s>', 'ranking strategy').choices(['hybrid', 'semantic', 'lexical']).default('hybrid'))
    .option('-s, --space <id>', 'embedding space id')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'summary']).default('summary'))
    .action(async (file: string, opts: { limit: number; location?: string; workplace?: Array<(typeof WORKPLACES)[number]>; strategy: 'hybrid' | 'semantic' | 'lexical'; space?: string; format: 'json' | 'summary' }) =>
      withServices(async ({ jobs, parser }) => {
        const { resume } = await parseResume({ bytes: new Uint8Array(await readFile(file)) }, parser);
        const result = await matchJobs({ resume }, { jobs, parser }, {
          limit: opts.limit,
          spaceId: opts.space,
          strategy: opts.strategy,
          filters: { location: opts.location, workplace: opts.workplace },
        });
        if (opts.format === 'json') {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const p = result.profile;
        process.stdout.write(`Profile: ${p.title ?? 'no title'}, ${p.yearsExperience?.toFixed(1) ?? '?'} years, ${p.skills.length} skills — ranked ${result.strategy}${result.spaceId ? ` in ${result.spaceId}` : ''}\n`);
        for (const w of result.warnings) process.stdout.write(`warning: ${w}\n`);
        result.matches.forEach((m, i) => process.stdout.write(`${formatMatch(i + 1, m)}\n`));
      }),
    );
}
