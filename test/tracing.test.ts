import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { context, trace, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { CapabilityRouting } from '../src/routing/config.js';
import { setRouting } from '../src/services/routing-admin.js';
import { SAMPLE_RESUME, startServerWithOpenAi, type ServerWithOpenAi } from './helpers/openai-server.js';

/**
 * OpenTelemetry: with an SDK registered (as an application would), every provider call is a span with the
 * GenAI attributes, nested under the caller's active span; cache hits make none; failures carry the error
 * code, never the text.
 */
describe('OpenTelemetry spans of provider calls', () => {
  const exporter = new InMemorySpanExporter();
  const contextManager = new AsyncLocalStorageContextManager();
  let running: ServerWithOpenAi;
  let n = 0;

  before(async () => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    running = await startServerWithOpenAi();
  });
  after(async () => {
    await running.stop();
    trace.disable();
    context.disable();
  });
  beforeEach(() => {
    exporter.reset();
    running.emulator.setFault(null);
  });

  const setParseRouting = (patch: Partial<CapabilityRouting>) => setRouting(running.server.services.router.source, { body: patch, capability: 'parse' }, 'test');

  const parse = async (text: string) => {
    const res = await fetch(`${running.server.url}/api/parse-resume`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': 'trace-user' },
      body: JSON.stringify({ text }),
    });
    await res.arrayBuffer();
    return res.status;
  };

  it('records a span per provider call with model, tokens and cost, and none for a cache hit', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', shadowSampleRate: 0 });
    const text = `${SAMPLE_RESUME}\nReference ${++n}\n`;
    assert.equal(await parse(text), 200);
    assert.equal(await parse(text), 200);

    const spans = exporter.getFinishedSpans();
    assert.deepEqual(spans.map((s) => s.name), ['jobmatch.parse openai']);
    const [span] = spans;
    assert.equal(span!.attributes['gen_ai.provider.name'], 'openai');
    assert.equal(typeof span!.attributes['gen_ai.request.model'], 'string');
    assert.ok((span!.attributes['gen_ai.usage.input_tokens'] as number) > 0);
    assert.ok((span!.attributes['jobmatch.cost_usd'] as number) > 0);
    assert.equal(span!.attributes['jobmatch.role'], 'primary');
    assert.equal(span!.attributes['jobmatch.cohort'], 'candidate');
    assert.equal(span!.status.code, SpanStatusCode.UNSET);
    // Nothing personal: no attribute holds resume text or the user id.
    for (const value of Object.values(span!.attributes)) {
      assert.ok(!String(value).includes('Priya') && !String(value).includes('trace-user'));
    }
  });

  it('marks a failed call with its error code, then the fallback call succeeds in its own span', async () => {
    await setParseRouting({ mode: 'full', control: 'local', candidate: 'openai', shadowSampleRate: 0, retries: 0 });
    running.emulator.setFault({ kind: 'refusal', times: 1 });
    assert.equal(await parse(`${SAMPLE_RESUME}\nReference ${++n}\n`), 200);

    const spans = exporter.getFinishedSpans();
    assert.deepEqual(spans.map((s) => [s.name, s.attributes['jobmatch.role']]), [
      ['jobmatch.parse openai', 'primary'],
      ['jobmatch.parse local', 'fallback'],
    ]);
    assert.equal(spans[0]!.status.code, SpanStatusCode.ERROR);
    assert.equal(spans[0]!.attributes['error.type'], 'model_error');
  });

  it('nests under the caller\'s active span', async () => {
    const router = running.server.services.router;
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('caller', async (parent) => {
      await router.parse({ text: `${SAMPLE_RESUME}\nReference ${++n}\n` }, { userId: 'trace-user' });
      parent.end();
    });
    const spans = exporter.getFinishedSpans();
    const caller = spans.find((s) => s.name === 'caller');
    const call = spans.find((s) => s.name.startsWith('jobmatch.parse'));
    assert.ok(caller && call);
    assert.equal(call.parentSpanContext?.spanId, caller.spanContext().spanId);
    assert.equal(call.spanContext().traceId, caller.spanContext().traceId);
  });
});
