// The operator console: plain DOM, no library. Every data call goes to the HTTP endpoints next to this page
// (../status, ../logs, ...) and carries the key as the x-functions-key header; the key lives in this tab's
// sessionStorage only and is never put into a URL. Text from the service is only ever set as textContent.
'use strict';

(function () {
  const KEY_ITEM = 'provisioning-console-key';
  const API = new URL('../', document.baseURI);
  const PHASES = ['ASSIGNMENTS', 'MEMBERSHIPS', 'ASSIGNMENT_CHANGES', 'ESCROW', 'USERS', 'ORPHANS', 'GROUPS', 'FINISH'];
  const PHASE_NAMES = {
    ASSIGNMENTS: 'Assignments', MEMBERSHIPS: 'Group memberships', ASSIGNMENT_CHANGES: 'Assignment changes',
    ESCROW: 'Retries', USERS: 'Users', ORPHANS: 'Vanished users', GROUPS: 'Groups', FINISH: 'Finish'
  };
  const SERIES = [
    { key: 'created', label: 'Created', cls: 's-created' },
    { key: 'updated', label: 'Updated', cls: 's-updated' },
    { key: 'suspended', label: 'Suspended', cls: 's-suspended' },
    { key: 'deleted', label: 'Deleted', cls: 's-deleted' },
    { key: 'failedRetriedLater', label: 'Failed', cls: 's-failed' }
  ];

  const $ = (id) => document.getElementById(id);
  let lastStatusText = '';
  let lastStatus = null;
  let heldCycle = null;
  let pollTimer = null;
  let logTokens = [];      // continuation tokens of the pages before the one shown
  let logNextToken = null;
  let logEntries = [];

  // ---- small helpers -------------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  }

  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return el('time', { datetime: iso, text: d.toLocaleString() });
  }

  function seconds(s) {
    if (s === null || s === undefined) return '';
    if (s < 90) return s.toFixed(1) + ' s';
    if (s < 5400) return Math.round(s / 60) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  }

  function fact(dl, term, value) {
    dl.append(el('dt', { text: term }), el('dd', {}, value instanceof Node ? value : document.createTextNode(String(value))));
  }

  function say(message) {
    const n = $('notice');
    n.textContent = message;
    n.hidden = false;
    $('problem').hidden = true;
  }

  function complain(message) {
    const p = $('problem');
    p.textContent = message;
    p.hidden = false;
    $('notice').hidden = true;
  }

  // ---- the key and the calls -------------------------------------------------------------------------------

  function takeKeyFromFragment() {
    const m = /(?:^#|&)key=([^&]+)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem(KEY_ITEM, decodeURIComponent(m[1]));
      // Out of the address bar and the history, so the key is not shared with the next screenshot or bookmark.
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function call(method, route, { query, body, raw } = {}) {
    const url = new URL(route, API);
    for (const [k, v] of Object.entries(query || {})) if (v !== '' && v !== null && v !== undefined) url.searchParams.set(k, v);
    const headers = { Accept: raw ? 'text/csv' : 'application/json' };
    const key = sessionStorage.getItem(KEY_ITEM);
    if (key) headers['x-functions-key'] = key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, 'Unreachable', 'The service did not answer (' + e.message + ').');
    }
    if (res.status === 401 || res.status === 403) {
      showSignIn(key ? 'The key was refused' + (route === 'restart' || route === 'approve-deletions'
        ? ' for this action; in Azure it needs the admin (host) key.' : '.') : 'The service asks for a key.');
      throw new ApiError(res.status, 'Unauthorized', key ? 'The key was refused.' : 'A key is needed.');
    }
    if (raw && res.ok) return res.text();
    let data = null;
    const type = res.headers.get('Content-Type') || '';
    if (type.startsWith('application/json')) data = await res.json();
    if (!res.ok && res.status !== 202 && res.status !== 409) {
      throw new ApiError(res.status, data && data.error || 'HttpError',
        data && data.message ? data.message : 'The service answered ' + res.status + '.');
    }
    return { status: res.status, data };
  }

  function showSignIn(why) {
    $('sign-in').hidden = false;
    $('sign-in-why').firstChild.textContent = why + ' Use the function key from the Azure portal, or the key ';
    $('sign-out').hidden = !sessionStorage.getItem(KEY_ITEM);
  }

  // ---- views -------------------------------------------------------------------------------------------------

  function show(view) {
    for (const b of document.querySelectorAll('.tabs button')) {
      if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    }
    for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + view;
    // A message belongs to the view it was said in.
    $('notice').hidden = true;
    $('problem').hidden = true;
    if (view === 'overview') refreshStatus();
    if (view === 'logs' && logEntries.length === 0) loadLogs(null);
  }

  // ---- overview ----------------------------------------------------------------------------------------------

  function stateWord(s) {
    if (s.state === 'running') return 'Running';
    if (s.state === 'quarantined') return 'Quarantined';
    if (s.state === 'paused') return 'Paused';
    if (s.lastCycle && s.lastCycle.status === 'held' && !s.deletionsApproved) return 'Held';
    return s.steadyState ? 'Steady state' : 'Idle';
  }

  async function refreshStatus() {
    clearTimeout(pollTimer);
    try {
      const { data } = await call('GET', 'status');
      const text = JSON.stringify(data);
      if (text !== lastStatusText) {
        lastStatusText = text;
        lastStatus = data;
        renderStatus(data);
      }
      $('sign-in').hidden = true;
    } catch (e) {
      $('job-state').textContent = 'State unknown';
      if (e.status !== 401 && e.status !== 403) complain(e.message);
    }
    const running = lastStatus && lastStatus.state === 'running';
    // Two refreshes may overlap (a poll and an action's): whichever ends last leaves the only timer.
    clearTimeout(pollTimer);
    pollTimer = setTimeout(refreshStatus, running ? 1500 : 15000);
  }

  function renderStatus(s) {
    const word = stateWord(s);
    const badge = $('job-state');
    badge.textContent = word;
    badge.dataset.state = word.toLowerCase().replace(' ', '-');

    const facts = $('job-facts');
    facts.replaceChildren();
    fact(facts, 'State', word);
    fact(facts, 'Steady state', s.steadyState ? 'yes' : 'no');
    fact(facts, 'Timer cycles', s.paused ? 'paused' : 'on');
    fact(facts, 'Next cycle', s.nextCycle);
    fact(facts, 'Watermark', s.watermarkCommittedAt ? time(s.watermarkCommittedAt) : 'none');
    fact(facts, 'Waiting for a retry', s.escrowed);
    if (s.deletionsApproved) fact(facts, 'Held deletions', 'approved for the next cycle');

    renderCurrent(s.currentCycle);
    renderQuarantine(s);
    renderHeld(s);
    renderRecent(s.recentCycles || []);
    renderChart((s.recentCycles || []).slice().reverse());
    const ids = $('cycle-ids');
    ids.replaceChildren(...(s.recentCycles || []).map((c) => el('option', { value: c.cycleId })));
  }

  // GET status gives {code, reason, since, attempts, nextAttemptAt}; an older service gives {reason, until}.
  function renderQuarantine(s) {
    // A held cycle is reported as TooManyDeletes too; the held panel shows it, with its Approve button.
    const q = s.quarantine && s.quarantine.code !== 'TooManyDeletes' ? s.quarantine : null;
    $('quarantine-panel').hidden = !q;
    if (!q) return;
    const qf = $('quarantine-facts');
    qf.replaceChildren();
    if (q.code) fact(qf, 'Code', el('code', { text: q.code }));
    fact(qf, 'Reason', q.reason || 'not given');
    if (q.since) fact(qf, 'Since', time(q.since));
    const failedInARow = [];
    for (const c of s.recentCycles || []) {
      if (c.status !== 'quarantined' && c.status !== 'failed') break;
      failedInARow.push(c);
    }
    if (q.attempts !== undefined && q.attempts !== null) {
      fact(qf, 'Attempts in this series', String(q.attempts));
    }
    if (failedInARow.length) {
      fact(qf, 'Recent cycles in the series', el('span', {}, ...failedInARow.flatMap((c, i) => [i ? ', ' : '',
        el('button', { type: 'button', className: 'link', 'data-cycle': c.cycleId, text: c.status,
          'aria-label': 'Show the log entries of ' + c.status + ' cycle ' + c.cycleId })])));
    }
    const next = q.nextAttemptAt || q.until;
    fact(qf, 'Next attempt', next && next !== 'null' ? time(next) : 'not scheduled');
  }

  function renderCurrent(c) {
    const panel = $('current-panel');
    panel.hidden = !c;
    if (!c) return;
    $('current-summary').replaceChildren(
      (c.dryRun ? 'Dry run, ' : '') + c.mode + ' cycle ', el('code', { text: c.cycleId }), ', started ', time(c.startedAt),
      ', by ' + c.trigger + '.');
    const list = $('phases');
    list.replaceChildren();
    const at = PHASES.indexOf(c.phase);
    PHASES.forEach((p, i) => {
      if (p === 'ORPHANS' && c.mode !== 'initial') return;
      const state = at < 0 ? 'pending' : i < at ? 'done' : i === at ? 'current' : 'pending';
      const words = { done: 'done', current: 'in progress', pending: 'to come' }[state];
      list.append(el('li', { className: 'phase-' + state, 'aria-current': state === 'current' ? 'step' : null },
        el('span', { className: 'phase-name', text: PHASE_NAMES[p] || p }), el('span', { className: 'phase-state', text: words })));
    });
    const b = c.batches || { enqueued: 0, done: 0 };
    const bar = $('batch-progress');
    bar.max = Math.max(1, b.enqueued);
    bar.value = Math.min(b.done, bar.max);
    $('batch-label').textContent = 'Work batches: ' + b.done + ' of ' + b.enqueued + ' sent so far';
    const n = c.counts || {};
    $('so-far').textContent = 'So far: ' + SERIES.map((x) => (n[x.key] || 0) + ' ' + x.label.toLowerCase()).join(', ')
      + (n.heldByTheDeletionGuard ? ', ' + n.heldByTheDeletionGuard + ' held' : '') + '.';
    const left = $('time-left');
    if (b.done > 0 && b.enqueued > b.done && c.durationSeconds > 0) {
      left.textContent = 'About ' + seconds(c.durationSeconds * (b.enqueued - b.done) / b.done)
        + ' left for the batches sent so far (planning may still add some).';
    } else {
      left.textContent = 'Running for ' + seconds(c.durationSeconds) + '.';
    }
  }

  async function renderHeld(s) {
    const panel = $('held-panel');
    const c = s.lastCycle;
    const held = c && c.status === 'held' && !s.deletionsApproved && s.state !== 'running';
    panel.hidden = !held;
    if (!held || heldCycle === c.cycleId) return;
    heldCycle = c.cycleId;
    $('held-summary').textContent = 'Cycle ' + c.cycleId + ' would have made ' + (c.counts.heldByTheDeletionGuard || 0)
      + ' suspensions and deletions, more than the threshold allows. Nothing of them was done.';
    const body = $('held-table').tBodies[0];
    body.replaceChildren();
    try {
      const { data } = await call('GET', 'logs', { query: { cycleId: c.cycleId, action: 'StagedDelete', top: 100 } });
      for (const e of data.entries) {
        body.append(el('tr', {}, el('td', {}, objectCell(e)), el('td', { text: e.targetId == null ? '' : e.targetId }),
          el('td', { text: wouldDo(e) }), el('td', { text: whyHeld(e) })));
      }
      if (data.continuationToken) body.append(el('tr', {}, el('td', { colspan: 4, text: 'More in Logs (action StagedDelete).' })));
    } catch (e) {
      complain(e.message);
    }
  }

  // A held entry's steps say what it would have done ("held: would suspend") and why (the scoping step).
  function wouldDo(e) {
    const action = (e.steps || []).find((s) => s.name === 'action');
    const m = action && /would (\w+)/.exec(action.detail || '');
    return m ? m[1] : 'suspend or delete';
  }

  function whyHeld(e) {
    const scoping = (e.steps || []).find((s) => s.name === 'scoping');
    return scoping && scoping.detail ? scoping.detail : (e.reason || '');
  }

  function objectCell(e) {
    return el('span', {}, el('span', { text: e.sourceName || e.sourceId }), el('br'), el('code', { className: 'muted', text: e.sourceId }));
  }

  function renderRecent(cycles) {
    const body = $('recent-table').tBodies[0];
    body.replaceChildren();
    if (cycles.length === 0) body.append(el('tr', {}, el('td', { colspan: 11, text: 'No cycle yet.' })));
    for (const c of cycles) {
      const n = c.counts || {};
      body.append(el('tr', {},
        el('td', {}, time(c.startedAt)),
        el('td', {}, el('button', { type: 'button', className: 'link', 'data-cycle': c.cycleId, text: c.cycleId,
          'aria-label': 'Show the log entries of cycle ' + c.cycleId })),
        el('td', { text: c.mode + (c.dryRun ? ' (dry run)' : '') }),
        el('td', {}, el('span', { className: 'status status-' + c.status, text: c.status })),
        ...['created', 'updated', 'suspended', 'deleted', 'heldByTheDeletionGuard', 'failedRetriedLater']
          .map((k) => el('td', { className: 'num', text: String(n[k] || 0) })),
        el('td', { className: 'num', text: seconds(c.durationSeconds) })));
    }
  }

  function renderChart(cycles) {
    const box = $('chart');
    box.replaceChildren();
    if (cycles.length === 0) {
      box.append(el('p', { text: 'No cycle yet.' }));
      return;
    }
    const totals = cycles.map((c) => SERIES.reduce((t, s) => t + ((c.counts || {})[s.key] || 0), 0));
    const max = Math.max(1, ...totals);
    const W = 420, H = 130, pad = 28, bw = Math.min(40, (W - pad) / cycles.length - 6);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + (H + 24), role: 'img', 'aria-labelledby': 'chart-title chart-desc', class: 'bars' });
    const desc = cycles.map((c, i) => 'cycle ' + (i + 1) + ': ' + SERIES.map((s) => ((c.counts || {})[s.key] || 0) + ' ' + s.label.toLowerCase()).join(', ')).join('; ');
    chart.append(svg('desc', { id: 'chart-desc' }, document.createTextNode('Oldest first. ' + desc)));
    chart.append(svg('line', { x1: pad, y1: H, x2: W, y2: H, class: 'axis' }));
    chart.append(svg('text', { x: 0, y: 12, class: 'tick' }, document.createTextNode(String(max))));
    chart.append(svg('text', { x: 0, y: H, class: 'tick' }, document.createTextNode('0')));
    cycles.forEach((c, i) => {
      const x = pad + 6 + i * ((W - pad) / cycles.length);
      let y = H;
      for (const s of SERIES) {
        const v = (c.counts || {})[s.key] || 0;
        if (v === 0) continue;
        const h = Math.max(1, (v / max) * (H - 16));
        y -= h;
        chart.append(svg('rect', { x, y, width: bw, height: h, class: s.cls },
          svg('title', {}, document.createTextNode(s.label + ': ' + v + ' (' + c.cycleId + ')'))));
      }
      chart.append(svg('text', { x, y: H + 16, class: 'tick' }, document.createTextNode(c.mode === 'initial' ? 'init' : 'incr')));
    });
    const legend = el('ul', { className: 'legend' }, ...SERIES.map((s) => el('li', {}, el('span', { className: 'swatch ' + s.cls, 'aria-hidden': 'true' }), s.label)));
    box.append(chart, legend);
  }

  // ---- logs ----------------------------------------------------------------------------------------------------

  function filters() {
    const f = new FormData($('log-filters'));
    return { cycleId: f.get('cycleId').trim(), status: f.get('status'), action: f.get('action'), objectId: f.get('objectId').trim(), top: f.get('top') };
  }

  let logRequest = 0;

  async function loadLogs(token) {
    const body = $('log-table').tBodies[0];
    const mine = ++logRequest;
    try {
      const { data } = await call('GET', 'logs', { query: { ...filters(), continuationToken: token } });
      // Answers can arrive out of order (a reset, then Show): only the latest request's answer is shown.
      if (mine !== logRequest) return;
      logEntries = data.entries;
      logNextToken = data.continuationToken;
      body.replaceChildren();
      if (logEntries.length === 0) body.append(el('tr', {}, el('td', { colspan: 6, text: 'No entry matches these filters.' })));
      logEntries.forEach((e, i) => {
        body.append(el('tr', {},
          el('td', {}, time(e.time)),
          el('td', { text: (e.dryRun ? '~' : '') + e.action }),
          el('td', {}, el('span', { className: 'status status-' + e.status.toLowerCase(), text: e.status })),
          el('td', {}, objectCell(e)),
          el('td', { text: e.targetId == null ? '' : String(e.targetId) }),
          el('td', {}, el('button', { type: 'button', className: 'link', 'data-entry': String(i),
            'aria-label': 'Details of ' + e.action + ' ' + (e.sourceName || e.sourceId), text: summary(e) }))));
      });
      $('log-caption').textContent = logEntries.length + ' entries, newest first' + (logTokens.length ? ', page ' + (logTokens.length + 1) : '');
      $('next-page').disabled = !logNextToken;
      $('first-page').disabled = logTokens.length === 0;
    } catch (e) {
      complain(e.message);
    }
  }

  function summary(e) {
    if (e.reason) return e.reason.length > 80 ? e.reason.slice(0, 79) + '…' : e.reason;
    if (e.modifiedProperties && e.modifiedProperties.length) return e.modifiedProperties.map((p) => p.name).join(', ');
    return 'Details';
  }

  function openDetails(e) {
    const pane = $('details');
    const facts = $('details-facts');
    facts.replaceChildren();
    $('details-title').textContent = e.action + ' ' + (e.sourceName || e.sourceId);
    fact(facts, 'Status', e.status + (e.dryRun ? ' (dry run)' : ''));
    fact(facts, 'Time', time(e.time));
    fact(facts, 'Object', e.objectKind + ' ' + e.sourceId);
    fact(facts, 'Zendesk id', e.targetId == null ? 'none' : String(e.targetId));
    fact(facts, 'Cycle', e.cycleId);
    fact(facts, 'Change id', e.changeId);
    fact(facts, 'Reason', e.reason || 'none');
    const steps = $('details-steps');
    steps.replaceChildren(...(e.steps || []).map((s) => el('li', {}, el('strong', { text: s.name }), ': ' + s.outcome + (s.detail ? ' (' + s.detail + ')' : ''))));
    if (!e.steps || e.steps.length === 0) steps.append(el('li', { text: 'No steps recorded.' }));
    const props = $('details-props').tBodies[0];
    props.replaceChildren(...(e.modifiedProperties || []).map((p) => el('tr', {},
      el('th', { scope: 'row', text: p.name }), el('td', { text: p.oldValue == null ? '(none)' : p.oldValue }),
      el('td', { text: p.newValue == null ? '(none)' : p.newValue }))));
    if (!e.modifiedProperties || e.modifiedProperties.length === 0) props.append(el('tr', {}, el('td', { colspan: 3, text: 'None.' })));
    pane.hidden = false;
    // The pane is sticky beside the table: moving focus there must not scroll the filters away.
    pane.focus({ preventScroll: true });
  }

  async function downloadCsv() {
    try {
      const text = await call('GET', 'logs', { query: { ...filters(), top: 1000, format: 'csv' }, raw: true });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      const a = el('a', { href: url, download: 'provisioning-log.csv' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      say('The CSV holds up to 1000 newest entries that match the filters.');
    } catch (e) {
      complain(e.message);
    }
  }

  // ---- confirmation dialog -----------------------------------------------------------------------------------

  function confirmThen(title, text, action) {
    const d = $('confirm');
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    const opener = document.activeElement;
    const ok = $('confirm-ok');
    const cancel = $('confirm-cancel');
    const done = (go) => {
      ok.onclick = null;
      cancel.onclick = null;
      d.close();
      if (opener && opener.focus) opener.focus();
      if (go) action();
    };
    ok.onclick = () => done(true);
    cancel.onclick = () => done(false);
    d.oncancel = () => done(false);
    d.showModal();
    cancel.focus();
  }

  async function act(route, options, describe) {
    try {
      const { status, data } = await call('POST', route, options);
      if (status === 409) complain(data.message); else say(describe(data));
      lastStatusText = '';
      heldCycle = null;
      refreshStatus();
    } catch (e) {
      complain(e.message);
    }
  }

  function approve() {
    confirmThen('Approve held suspensions and deletions?', 'The next cycle will make the suspensions and deletions the deletion guard held, once. '
      + 'Zendesk users will be suspended or deleted.', () => act('approve-deletions', {}, (d) => d.message + '.'));
  }

  // ---- provision on demand and preview -----------------------------------------------------------------------

  function renderEntry(e) {
    return el('li', {},
      el('p', {}, el('strong', { text: e.action + ' ' + e.status }), ' ', objectCell(e)),
      el('ol', { className: 'steps' }, ...(e.steps || []).map(stepItem)),
      (e.modifiedProperties || []).length ? el('ul', {}, ...e.modifiedProperties.map((p) =>
        el('li', { text: p.name + ': ' + (p.oldValue == null ? '(none)' : p.oldValue) + ' → ' + (p.newValue == null ? '(none)' : p.newValue) }))) : null,
      e.reason ? el('p', { text: 'Reason: ' + e.reason }) : null);
  }

  function stepItem(s) {
    return el('li', {}, el('strong', { text: s.name }), ': ' + s.outcome + (s.detail ? ' (' + s.detail + ')' : ''));
  }

  // A run id this page makes, so it can read the run's steps from the log while the POST is still running.
  function newRunId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return 'console-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // The run's own entry (OperatorAction) holds its steps; the other entries are its objects, newest first.
  function renderRun(objectId, cycleId, steps, entries, title) {
    $('provision-result').replaceChildren(...[
      el('h3', { text: title }),
      el('p', {}, 'Logged under cycle ', el('code', { text: cycleId }), '.'),
      el('h4', { text: 'Steps' }),
      el('ol', { className: 'steps', id: 'provision-steps' }, ...steps.map(stepItem)),
      entries.length ? el('h4', { text: 'Objects' }) : null,
      el('ol', { className: 'entries', id: 'provision-entries' }, ...entries.map(renderEntry))].filter((n) => n !== null));
  }

  function provision(objectId) {
    const out = $('provision-result');
    const runId = newRunId();
    const cycleId = 'ondemand-' + runId;
    let finished = false;
    let shown = '';
    out.hidden = false;
    out.replaceChildren(el('p', { text: 'Provisioning ' + objectId + '…' }));
    out.setAttribute('aria-busy', 'true');
    // Azure Functions cannot stream an answer, so the page reads the log of this run while the POST runs.
    const poll = async () => {
      if (finished) return;
      try {
        // The run's entry keeps the time it was first written, so in a big group's run it is the oldest: read apart.
        const [runs, objects] = await Promise.all([
          call('GET', 'logs', { query: { cycleId, action: 'OperatorAction', top: 5 } }),
          call('GET', 'logs', { query: { cycleId, top: 50 } })]);
        const run = runs.data.entries[0];
        const made = objects.data.entries.filter((e) => e.action !== 'OperatorAction').reverse();
        const text = JSON.stringify([run, made]);
        if (!finished && run && text !== shown) {
          shown = text;
          renderRun(objectId, cycleId, (run.steps || []).filter((s) => s.name !== 'RequestedBy'), made,
            'Provisioning ' + objectId + '…' + (objects.data.continuationToken ? ' (the newest 50 objects are shown)' : ''));
        }
      } catch (e) {
        // A failed read of the progress is no failure of the run: the POST's answer tells the outcome.
      }
      if (!finished) setTimeout(poll, 500);
    };
    setTimeout(poll, 300);
    call('POST', 'provision', { body: { objectId, runId } }).then(({ status, data }) => {
      finished = true;
      if (status === 409) throw new Error(data.message);
      renderRun(objectId, data.cycleId, data.steps || [], data.entries,
        (data.failed ? 'Failed: ' : 'Done: ') + data.objectKind + ' ' + objectId);
    }).catch((e) => {
      finished = true;
      out.replaceChildren(el('h3', { text: 'Not provisioned' }), el('p', { text: e.message }));
    }).finally(() => out.removeAttribute('aria-busy'));
  }

  async function search(text) {
    const out = $('search-result');
    out.replaceChildren(el('p', { text: 'Searching Entra for "' + text + '"…' }));
    try {
      const { data } = await call('GET', 'search', { query: { q: text, top: 10 } });
      if (data.matches.length === 0) {
        out.replaceChildren(el('p', { text: 'No user or group in Entra has a name or mail starting with "' + text + '".' }));
        return;
      }
      const rows = data.matches.map((m) => el('tr', {},
        el('td', { text: m.kind }),
        el('td', {}, el('span', { text: m.displayName || '' }), el('br'), el('code', { className: 'muted', text: m.id })),
        el('td', { text: m.mail || '' }),
        el('td', { text: m.accountEnabled === false ? 'disabled' : m.kind === 'user' ? 'enabled' : '' }),
        el('td', {}, el('button', { type: 'button', 'data-object': m.id, 'data-name': m.displayName || m.id,
          'aria-label': 'Provision ' + (m.displayName || m.id) + '…', text: 'Provision…' }))));
      out.replaceChildren(el('table', { className: 'grid', id: 'search-table' },
        el('caption', { text: data.matches.length + ' found in Entra' }),
        el('thead', {}, el('tr', {}, ...['Kind', 'Name', 'Mail', 'Account', ''].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', {}, ...rows)));
    } catch (e) {
      out.replaceChildren(el('p', { text: e.status === 404 ? 'This version of the service cannot search Entra; enter the object id below.' : e.message }));
    }
  }

  function askToProvision(id, name) {
    confirmThen('Provision ' + name + ' now?', 'The user (or the group with its members) is evaluated and written to Zendesk at once, '
      + 'as a cycle would.', () => provision(id));
  }

  function quotedOrNone(v) {
    return v === null || v === undefined ? '(none)' : '"' + v + '"';
  }

  function table(id, caption, heads, rows) {
    return el('div', { className: 'scroll' }, el('table', { className: 'grid', id },
      el('caption', { text: caption }),
      el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, ...rows)));
  }

  // GET preview: each mapping's sources and result, each scoping clause's verdict, scope, role, and the write.
  function renderPreview(out, objectId, d) {
    const facts = el('dl', { className: 'facts', id: 'preview-facts' });
    fact(facts, 'Scope', (d.inScope ? 'in scope' : 'out of scope') + (d.scopeReason ? ' (' + d.scopeReason + ')' : ''));
    fact(facts, 'Scoping filters', (d.filtersInScope ? 'passed' : 'failed') + (d.filtersReason ? ': ' + d.filtersReason : ''));
    fact(facts, 'Role', d.role || 'none');
    fact(facts, 'Zendesk user', d.zendeskId == null ? 'no matching user' : d.zendeskId + ', matched by ' + d.matchedBy);
    fact(facts, 'Would', d.action || 'None');
    const mappings = (d.mappings || []).map((m) => el('tr', {},
      el('th', { scope: 'row', text: m.target }),
      el('td', { text: m.apply === 'onCreate' ? 'on create' : 'always' }),
      el('td', {}, ...Object.entries(m.sources || {}).flatMap(([k, v], i) => [i ? el('br') : null, el('code', { text: '[' + k + ']' }), ' = ' + quotedOrNone(v)])
        .filter((n) => n !== null)),
      el('td', { text: (m.result == null ? '(nothing flows)' : quotedOrNone(m.result)) + (m.fromDefault ? ' (default)' : '') }),
      el('td', { text: m.problem ? m.problem + ' (left out)' : '' })));
    const clauses = (d.clauses || []).map((c) => el('tr', {},
      el('td', { className: 'num', text: String(c.filter) }), el('td', {}, el('code', { text: c.clause })),
      el('td', { text: c.actual == null ? '' : quotedOrNone(c.actual) }),
      el('td', {}, el('span', { className: 'status status-' + (c.passed ? 'success' : 'failure'), text: c.passed ? 'passed' : 'failed' })),
      el('td', { text: c.why || '' })));
    const changes = (d.changes || []).map((p) => el('tr', {},
      el('th', { scope: 'row', text: p.name }), el('td', { text: quotedOrNone(p.oldValue) }), el('td', { text: quotedOrNone(p.newValue) })));
    out.replaceChildren(...[
      el('h3', { text: 'Preview of ' + objectId + (d.name ? ' (' + d.name + ')' : '') + ': nothing is written' }),
      facts,
      el('h4', { text: 'Mappings' }),
      table('preview-mappings', 'Each mapping: what it read from Entra and its result', ['Zendesk attribute', 'Applies', 'Entra sources', 'Result', 'Problem'], mappings),
      clauses.length ? el('h4', { text: 'Scoping clauses' }) : null,
      clauses.length ? table('preview-clauses', 'Each clause of the scoping filters (filters are ORed, clauses ANDed)', ['Filter', 'Clause', 'Value', 'Verdict', 'Why'], clauses) : null,
      el('h4', { text: 'The write' }),
      changes.length ? table('preview-changes', 'What it would write, against the live Zendesk user', ['Attribute', 'In Zendesk now', 'Would be'], changes)
        : el('p', { text: 'Nothing to write.' }),
      (d.notes || []).length ? el('ul', {}, ...d.notes.map((n) => el('li', { text: n }))) : null,
      el('details', {}, el('summary', { text: 'The preview as JSON' }), el('pre', { text: JSON.stringify(d, null, 2) }))
    ].filter((n) => n !== null));
  }

  async function preview(objectId) {
    const out = $('preview-result');
    out.hidden = false;
    out.replaceChildren(el('p', { text: 'Reading ' + objectId + '…' }));
    try {
      const { data } = await call('GET', 'preview', { query: { objectId } });
      renderPreview(out, objectId, data);
    } catch (e) {
      if (e.status === 404 && (e.code === 'UnknownRoute' || e.code === 'HttpError')) {
        out.replaceChildren(el('h3', { text: 'Not available on this version' }),
          el('p', { text: 'This version of the service has no mapping preview endpoint. Use the command line: mappings preview <objectId>, where available.' }));
      } else {
        out.replaceChildren(el('h3', { text: 'No preview' }), el('p', { text: e.message }));
      }
    }
  }

  // ---- wiring ------------------------------------------------------------------------------------------------

  function showCycleLogs(ev) {
    const b = ev.target.closest('button[data-cycle]');
    if (!b) return;
    $('log-filters').reset();
    $('f-cycle').value = b.dataset.cycle;
    logTokens = [];
    show('logs');
    loadLogs(null);
  }

  function init() {
    takeKeyFromFragment();
    $('sign-out').hidden = !sessionStorage.getItem(KEY_ITEM);
    for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => show(b.dataset.view));

    $('sign-in-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(KEY_ITEM, $('key').value.trim());
      $('key').value = '';
      $('sign-in').hidden = true;
      $('sign-out').hidden = false;
      lastStatusText = '';
      refreshStatus();
    });
    $('sign-out').addEventListener('click', () => {
      sessionStorage.removeItem(KEY_ITEM);
      $('sign-out').hidden = true;
      showSignIn('The key is forgotten.');
    });

    $('approve-held').addEventListener('click', approve);
    $('lift-quarantine').addEventListener('click', () => confirmThen('Lift the quarantine now?',
      'Restart with the quarantine scope: the next cycle starts at its time instead of waiting for the next attempt. '
      + 'If the cause is still there, it will be quarantined again.',
      () => act('restart', { body: { scope: ['quarantine'] } }, (d) => 'Quarantine lifted (' + d.restarted.join(', ') + '); the next cycle is ' + d.nextCycle + '.')));
    $('quarantine-facts').addEventListener('click', showCycleLogs);
    $('approve').addEventListener('click', approve);
    $('recent-table').addEventListener('click', showCycleLogs);

    $('log-filters').addEventListener('submit', (ev) => {
      ev.preventDefault();
      logTokens = [];
      loadLogs(null);
    });
    $('log-filters').addEventListener('reset', () => setTimeout(() => { logTokens = []; loadLogs(null); }, 0));
    $('next-page').addEventListener('click', () => {
      logTokens.push(logNextToken);
      loadLogs(logNextToken);
    });
    $('first-page').addEventListener('click', () => {
      logTokens = [];
      loadLogs(null);
    });
    $('log-table').addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-entry]');
      if (b) openDetails(logEntries[Number(b.dataset.entry)]);
    });
    $('close-details').addEventListener('click', () => { $('details').hidden = true; });
    $('csv').addEventListener('click', downloadCsv);

    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      search($('search-text').value.trim());
    });
    $('search-result').addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-object]');
      if (!b) return;
      $('provision-id').value = b.dataset.object;
      askToProvision(b.dataset.object, b.dataset.name);
    });
    $('provision-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const id = $('provision-id').value.trim();
      askToProvision(id, id);
    });
    $('preview-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      preview($('preview-id').value.trim());
    });

    $('sync-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = new FormData(ev.target);
      const mode = f.get('mode');
      const dry = f.get('dryRun') === 'true';
      confirmThen('Start ' + (dry ? 'a dry-run ' : 'an ') + mode + ' cycle?',
        (mode === 'initial' ? 'Every user and group in scope is evaluated again. ' : 'Changes since the last cycle are provisioned. ')
        + (dry ? 'Nothing is written to Zendesk.' : 'Zendesk is written to.'),
        () => act('sync', { query: { mode, dryRun: dry } }, (d) => d.message));
    });
    $('pause').addEventListener('click', () => confirmThen('Pause timer cycles?', 'No scheduled cycle starts until you resume.',
      () => act('pause', {}, (d) => 'Paused: ' + d.message + '.')));
    $('resume').addEventListener('click', () => confirmThen('Resume timer cycles?', 'Scheduled cycles start again.',
      () => act('resume', {}, (d) => 'Resumed: ' + d.message + '.')));
    $('restart-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const scope = new FormData(ev.target).getAll('scope');
      if (scope.length === 0) {
        complain('Choose at least one thing to clear.');
        return;
      }
      confirmThen('Restart (' + scope.join(', ') + ')?', 'This clears ' + scope.join(', ')
        + '. Links to Zendesk records are kept; the next cycle may be a full one.',
        () => act('restart', { body: { scope } }, (d) => 'Restarted (' + d.restarted.join(', ') + '); the next cycle is ' + d.nextCycle + '.'));
    });

    refreshStatus();
  }

  document.addEventListener('DOMContentLoaded', init);
})();
