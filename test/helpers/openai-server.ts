import { startOpenAiEmulator, type OpenAiEmulator } from '../emulators/openai.js';
import { startTestServer } from './server.js';

/** A short resume every routing test parses: contact, one role, education, skills. */
export const SAMPLE_RESUME = `Priya Natarajan
Pune, India | priya.n@example.com

Experience
Data Analyst, Lotus Analytics — 2020 – Present
- Built dashboards in Tableau and SQL

Education
BSc Statistics, University of Pune, 2019

Skills
SQL, Tableau, Python, Excel
`;

export interface ServerWithOpenAi {
  server: Awaited<ReturnType<typeof startTestServer>>;
  emulator: OpenAiEmulator;
  stop(): Promise<void>;
}

/**
 * The real server with the OpenAI provider pointed at the wire emulator. The SDK reads the key from its own
 * environment variable, as in production (it never passes through our config), so it is set for the test's
 * lifetime and restored by `stop()`.
 */
export async function startServerWithOpenAi(env: Record<string, string> = {}): Promise<ServerWithOpenAi> {
  const emulator = await startOpenAiEmulator({ apiKey: 'sk-test' });
  const savedKey = process.env.OPENAI_API_KEY;
  process.env.OPENAI_API_KEY = 'sk-test';
  const server = await startTestServer({ JOBMATCH_SAMPLE_JOBS: 'false', JOBMATCH_GUARD: 'false', OPENAI_BASE_URL: emulator.url, ...env });
  return {
    server,
    emulator,
    async stop() {
      await server.stop();
      await emulator.close();
      if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = savedKey;
    },
  };
}
