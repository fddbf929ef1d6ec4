/* global document, setInterval */
// Migration control: routing per capability, guarded rollout progress with the guard's last check against its
// thresholds, the kill switch (behind a confirmation dialog) and the audit log. Every call goes to /api/admin/*
// with the admin token, which stays in this tab's session storage.
import { adminToken, announce, api, ApiError, field, fmt, h, messageBox, replace, showMessage, uid } from './dom.js';

const CAPABILITIES = ['parse', 'embed', 'match'];
const MODES = ['control', 'shadow', 'canary', 'full'];
const MODE_HINT = 'control: control provider only · shadow: control serves, candidate compared in the background · canary: the rollout percentage of users get the candidate · full: the candidate serves everyone.';
const KNOWN_PROVIDERS = ['local', 'openai', 'bedrock', 'huggingface', 'sagemaker'];
const AUDIT_LIMIT = 25;
const DONE = { promote: 'promoted', pause: 'paused', resume: 'resumed' };
const REFRESH_MS = 15_000;

export async function render(main) {
  const error = messageBox('error');
  const notice = messageBox('status');
  // After an action the cards are redrawn, so focus goes to the outcome rather than being lost with the button.
  error.tabIndex = -1;
  notice.tabIndex = -1;
  const capabilities = h('div', { class: 'capabilities' });
  const audit = h('div', { class: 'table-wrap' });
  const confirm = confirmDialog();
  const forms = new Map();
  let snapshot = null;

  const tokenInput = h('input', { type: 'password', name: 'token', autocomplete: 'off', spellcheck: 'false', required: true, minlength: 16 });
  const tokenState = h('p', { class: 'hint' });
  const tokenForm = h(
    'form',
    { class: 'token-form', 'aria-labelledby': 'token-h' },
    h('h2', { id: 'token-h' }, 'Admin token'),
    field('ADMIN_TOKEN of this server', tokenInput, "Kept in this tab's session storage only and sent as a Bearer token to /api/admin."),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Use token'), h('button', { type: 'button', onclick: forget }, 'Forget token')),
    tokenState,
  );
  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    adminToken.set(tokenInput.value.trim());
    tokenInput.value = '';
    load();
  });

  const killAll = h('button', { type: 'button', class: 'danger', onclick: () => kill(undefined) }, 'Kill switch: every capability…');
  const refreshButton = h('button', { type: 'button', onclick: () => load() }, 'Refresh');

  main.append(
    h('p', {}, 'Which provider serves each capability, how far a rollout has got, and how to stop it.'),
    tokenForm,
    error,
    notice,
    h('div', { class: 'toolbar' }, refreshButton, killAll),
    capabilities,
    h('section', { 'aria-labelledby': 'audit-h' }, h('h2', { id: 'audit-h' }, 'Audit log'), audit),
  );

  function forget() {
    adminToken.clear();
    announce('Admin token forgotten.');
    showState();
    replace(capabilities);
    replace(audit);
  }

  function showState() {
    const has = Boolean(adminToken.get());
    tokenState.textContent = has ? 'A token is in use for this tab.' : 'Enter the token to see and change routing.';
    killAll.disabled = !has;
    refreshButton.disabled = !has;
  }

  async function load({ quiet = false } = {}) {
    showState();
    if (!adminToken.get()) return;
    try {
      const [routing, rollouts, auditLog] = await Promise.all([
        api('/api/admin/routing', { admin: true }),
        api('/api/admin/rollouts', { admin: true }),
        api(`/api/admin/audit?limit=${AUDIT_LIMIT}`, { admin: true }),
      ]);
      snapshot = routing;
      showMessage(error, '');
      drawCapabilities(rollouts.rollouts);
      replace(audit, auditTable(auditLog.entries));
      if (!quiet) announce(`Routing loaded, version ${routing.version}.`);
    } catch (err) {
      const refused = err instanceof ApiError && (err.status === 401 || err.status === 403);
      showMessage(error, refused ? `The admin token was refused: ${err.message}` : `Could not load routing: ${err.message}`);
    }
  }

  function drawCapabilities(rollouts) {
    replace(
      capabilities,
      CAPABILITIES.map((capability) => {
        const config = snapshot.config[capability];
        const form = formFor(capability);
        form.fill(config);
        return h(
          'section',
          { class: 'card capability', 'aria-labelledby': `cap-${capability}-h`, dataset: { capability } },
          h('h2', { id: `cap-${capability}-h` }, capability),
          routingFacts(capability, config, snapshot.breakers),
          h('h3', {}, 'Change routing'),
          form.el,
          h('h3', {}, 'Guarded rollout'),
          rolloutView(capability, config, rollouts.find((r) => r.capability === capability)),
          h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger', onclick: () => kill(capability) }, `Kill switch: ${capability}…`)),
        );
      }),
    );
  }

  /** One form per capability, kept across refreshes so a half-typed change is not overwritten. */
  function formFor(capability) {
    let form = forms.get(capability);
    if (form) return form;
    const mode = h('select', { name: 'mode' }, MODES.map((value) => h('option', { value }, value)));
    const candidate = h('input', { type: 'text', name: 'candidate', list: 'known-providers', autocomplete: 'off', pattern: '[a-z][a-z0-9\\-]*' });
    const percent = h('input', { type: 'number', name: 'rolloutPercent', min: 0, max: 100, step: 1, required: true });
    const sample = h('input', { type: 'number', name: 'shadowSampleRate', min: 0, max: 1, step: 0.01, required: true });
    const reason = h('input', { type: 'text', name: 'reason', maxlength: 500 });
    const el = h(
      'form',
      { class: 'routing-form', 'aria-label': `Change ${capability} routing` },
      field('Mode', mode, MODE_HINT),
      field('Candidate provider', candidate, 'Empty for none. Needs credentials on the server.'),
      field('Rollout percentage', percent, 'Share of users served by the candidate in canary mode.'),
      field('Shadow sample rate', sample, '0 to 1: share of control requests also run on the candidate.'),
      field('Reason', reason, 'Kept in the audit log.'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, `Save ${capability} routing`)),
    );
    form = {
      el,
      dirty: false,
      fill(config) {
        if (form.dirty) return;
        mode.value = config.mode;
        candidate.value = config.candidate ?? '';
        percent.value = String(config.rolloutPercent);
        sample.value = String(config.shadowSampleRate);
      },
    };
    el.addEventListener('input', () => (form.dirty = true));
    el.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        mode: mode.value,
        candidate: candidate.value.trim() || null,
        rolloutPercent: Number(percent.value),
        shadowSampleRate: Number(sample.value),
        ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
      };
      try {
        const next = await api(`/api/admin/routing?capability=${capability}`, {
          method: 'PUT',
          admin: true,
          body,
          headers: { 'if-match': `"${snapshot.version}"` },
        });
        form.dirty = false;
        reason.value = '';
        say(`${capability} routing saved: ${next.config[capability].mode}, ${next.config[capability].rolloutPercent} % (version ${next.version}).`);
      } catch (err) {
        if (err.code === 'version_conflict') form.dirty = false;
        fail(err.code === 'version_conflict' ? `Someone else changed routing meanwhile; the form now shows theirs. ${err.message}` : `Not saved: ${err.message}`);
      }
      await load({ quiet: true });
    });
    forms.set(capability, form);
    return form;
  }

  function say(text) {
    showMessage(notice, text);
    showMessage(error, '');
    notice.focus();
  }

  function fail(text) {
    showMessage(error, text);
    error.focus();
  }

  async function kill(capability) {
    const scope = capability ?? 'every capability';
    const answer = await confirm({
      title: `Roll back ${scope}?`,
      body: `${capability ? `${capability} goes` : 'Every capability goes'} back to its control provider at 0 %, shadow traffic stops, and any rollout plan is aborted. Other instances follow within their poll interval.`,
      confirmLabel: 'Roll back now',
      reason: 'kill switch from the dashboard',
    });
    if (!answer.confirmed) return announce('Kill switch cancelled.');
    try {
      await api('/api/admin/rollback', { method: 'POST', admin: true, body: { ...(capability ? { capability } : {}), ...(answer.reason ? { reason: answer.reason } : {}) } });
      for (const c of capability ? [capability] : CAPABILITIES) if (forms.get(c)) forms.get(c).dirty = false;
      say(`Rolled back ${scope}: control provider, 0 %.`);
    } catch (err) {
      fail(`The rollback failed: ${err.message}`);
    }
    await load({ quiet: true });
  }

  async function rolloutCommand(capability, action) {
    if (action === 'abort') {
      const answer = await confirm({
        title: `Abort the ${capability} rollout?`,
        body: `${capability} goes back to its control provider at 0 % and the plan stops. Start a new rollout to try again.`,
        confirmLabel: 'Abort rollout',
        reason: 'aborted from the dashboard',
      });
      if (!answer.confirmed) return announce('Abort cancelled.');
      return runRollout(capability, `/api/admin/rollouts/${capability}/abort`, answer.reason ? { reason: answer.reason } : {}, 'aborted');
    }
    if (action === 'start') return runRollout(capability, `/api/admin/rollouts/${capability}`, {}, 'started');
    return runRollout(capability, `/api/admin/rollouts/${capability}/${action}`, {}, DONE[action]);
  }

  async function runRollout(capability, path, body, done) {
    try {
      const state = await api(path, { method: 'POST', admin: true, body });
      say(`${capability} rollout ${done}: ${state.status}, step ${state.stepIndex + 1} of ${state.plan.steps.length}.`);
    } catch (err) {
      fail(`${capability} rollout: ${err.message}`);
    }
    await load({ quiet: true });
  }

  function rolloutView(capability, config, state) {
    const button = (action, label) => h('button', { type: 'button', class: action === 'abort' ? 'danger' : null, onclick: () => rolloutCommand(capability, action) }, label);
    const active = state && (state.status === 'running' || state.status === 'paused');
    const start = config.candidate
      ? h('div', { class: 'actions' }, button('start', `Start guarded rollout of ${config.candidate}`))
      : h('p', { class: 'hint' }, 'Set a candidate provider to roll one out.');
    if (!state) return h('div', {}, h('p', {}, 'No rollout plan has run for this capability.'), start);

    const steps = state.plan.steps;
    return h(
      'div',
      { class: 'rollout' },
      h(
        'p',
        {},
        h('span', { class: `badge status-${state.status}` }, state.status.replace('_', ' ')),
        ` ${state.candidate}: step ${state.stepIndex + 1} of ${steps.length} (${steps[state.stepIndex]} %).`,
      ),
      h('label', { for: `${capability}-progress` }, 'Rollout progress'),
      h('progress', { id: `${capability}-progress`, max: steps.length, value: state.stepIndex + 1 }, `${state.stepIndex + 1} of ${steps.length}`),
      h(
        'ol',
        { class: 'steps', 'aria-label': 'Steps' },
        steps.map((step, i) => h('li', { class: i < state.stepIndex ? 'done' : i === state.stepIndex ? 'current' : null, 'aria-current': i === state.stepIndex ? 'step' : null }, `${step} %`)),
      ),
      h(
        'p',
        { class: 'hint' },
        `At this step since ${fmt.dateTime(state.stepStartedAt)}; bakes ${state.plan.bakeSeconds} s; failed checks ${state.failedChecks} of ${state.plan.failureLimit}.`,
        state.plan.dryRun ? ' Dry run: routing is never changed.' : '',
        state.reason ? ` Reason: ${state.reason}.` : '',
      ),
      guardChecks(state),
      active
        ? h(
            'div',
            { class: 'actions' },
            button('promote', 'Promote to the next step'),
            state.status === 'running' ? button('pause', 'Pause') : button('resume', 'Resume'),
            button('abort', 'Abort…'),
          )
        : start,
    );
  }

  if (!document.getElementById('known-providers')) {
    document.body.append(h('datalist', { id: 'known-providers' }, KNOWN_PROVIDERS.map((p) => h('option', { value: p }))));
  }
  showState();
  await load();
  // Rollout progress moves on its own (the guard's timer). Not while someone works in a card: redrawing it
  // would take their focus away (half-typed forms survive a redraw anyway), nor behind an open dialog.
  setInterval(() => {
    const busy = capabilities.contains(document.activeElement) || document.querySelector('dialog[open]');
    if (adminToken.get() && !document.hidden && !busy) load({ quiet: true });
  }, REFRESH_MS);
}

function routingFacts(capability, config, breakers) {
  const own = breakers.filter((b) => b.capability === capability);
  const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  return h(
    'dl',
    { class: 'facts' },
    fact('Mode', h('span', { class: `badge mode-${config.mode}` }, config.mode)),
    fact('Control', config.control),
    fact('Candidate', config.candidate ?? 'none'),
    fact('Rollout', `${config.rolloutPercent} %`),
    fact('Shadow sample', fmt.pct(config.shadowSampleRate, 0)),
    fact('Circuit breakers', own.length ? own.map((b) => `${b.provider}: ${b.state}`).join(', ') : 'none yet'),
  );
}

/** The guard's last check: each metric's value against its threshold, in words as well as colour. */
function guardChecks(state) {
  const check = state.lastCheck;
  if (!check) return h('p', {}, 'No guard check yet.');
  const t = state.plan.thresholds;
  const m = check.metrics;
  const rows = [
    ['Requests', fmt.int(m.requests), `≥ ${state.plan.minRequests}`, m.requests >= state.plan.minRequests ? 'enough' : 'too few: inconclusive'],
    ['Provider error rate', fmt.pct(m.errorRate, 2), `≤ ${fmt.pct(t.maxErrorRate, 2)}`, m.errorRate <= t.maxErrorRate ? 'pass' : 'fail'],
    ['p95 latency', fmt.ms(m.p95Ms), `≤ ${fmt.ms(t.maxP95Ms)}`, m.p95Ms === null ? 'no data' : m.p95Ms <= t.maxP95Ms ? 'pass' : 'fail'],
    ['Cost per request', fmt.usd(m.costPerRequestUsd), `≤ ${fmt.usd(t.maxCostPerRequestUsd)}`, m.costPerRequestUsd <= t.maxCostPerRequestUsd ? 'pass' : 'fail'],
    ['Shadow agreement', fmt.pct(m.shadowAgreement), `≥ ${fmt.pct(t.minShadowAgreement, 0)}`, m.shadowAgreement === null ? 'not checked (no shadow runs)' : m.shadowAgreement >= t.minShadowAgreement ? 'pass' : 'fail'],
  ];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data guard' },
      h('caption', {}, `Last guard check ${fmt.dateTime(check.at)}: `, h('span', { class: `badge verdict-${check.verdict}` }, check.verdict)),
      h('thead', {}, h('tr', {}, ['Check', 'Last value', 'Threshold', 'Result'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(([name, value, threshold, result]) => h('tr', { class: result === 'fail' ? 'breach' : null }, h('th', { scope: 'row' }, name), h('td', {}, value), h('td', {}, threshold), h('td', {}, result)))),
    ),
    check.failures.length ? h('ul', { class: 'failures' }, check.failures.map((f) => h('li', {}, f))) : null,
  );
}

function auditTable(entries) {
  if (entries.length === 0) return h('p', {}, 'No routing changes yet: the environment configuration applies.');
  return h(
    'table',
    { class: 'data audit' },
    h('caption', {}, `Latest ${entries.length} routing changes, newest first`),
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Reason', 'Version', 'Changes'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      entries.map((e) => {
        const changes = diff(e.before, e.after);
        return h(
          'tr',
          {},
          h('td', {}, fmt.dateTime(e.at)),
          h('td', {}, e.actor),
          h('td', {}, e.action),
          h('td', {}, e.reason ?? '—'),
          h('td', { class: 'num' }, String(e.version)),
          h('td', {}, changes.length ? h('ul', { class: 'changes' }, changes.map((c) => h('li', {}, c))) : e.before ? 'no change' : 'first stored config'),
        );
      }),
    ),
  );
}

/** "parse.rolloutPercent: 0 → 25" for every leaf that differs; nothing for the first stored config. */
function diff(before, after) {
  return before === null || before === undefined ? [] : leafChanges(before, after, '');
}

function leafChanges(before, after, path) {
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => leafChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  const show = (v) => (v === undefined ? 'unset' : JSON.stringify(v));
  return show(before) === show(after) ? [] : [`${path}: ${show(before)} → ${show(after)}`];
}

/** One <dialog> reused for every confirmation; resolves with the choice and the reason typed. */
function confirmDialog() {
  const title = h('h2', { id: uid('dialog-title') });
  const text = h('p', { id: uid('dialog-text') });
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 500 });
  const confirmButton = h('button', { type: 'submit', value: 'confirm', class: 'danger' });
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': title.id, 'aria-describedby': text.id },
    h(
      'form',
      { method: 'dialog' },
      title,
      text,
      field('Reason (kept in the audit log)', reason),
      h('div', { class: 'actions' }, h('button', { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true }, 'Cancel'), confirmButton),
    ),
  );
  document.body.append(dialog);
  return ({ title: heading, body, confirmLabel, reason: defaultReason }) =>
    new Promise((resolve) => {
      title.textContent = heading;
      text.textContent = body;
      confirmButton.textContent = confirmLabel;
      reason.value = defaultReason;
      dialog.returnValue = '';
      dialog.addEventListener('close', () => resolve({ confirmed: dialog.returnValue === 'confirm', reason: reason.value.trim() }), { once: true });
      dialog.showModal();
    });
}
