// tlslab console: plain JS, no build step. Talks to the JSON API with the session cookie and the
// CSRF token returned at sign-in. Every value from the server is put on the page as text
// (textContent), never as markup, so a device name cannot inject anything.
(function () {
  'use strict';
  const PAGE = 50;
  const REFRESH_MS = 5000;
  const STRICT_KEY = 'c42.sabre.client.certificate.strictValidation';
  let csrf = null;
  let timer = null;
  const devicePage = { offset: 0, filter: '' };
  const auditPage = { offset: 0 };
  const $ = (id) => document.getElementById(id);

  async function api(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined });
    if (res.status === 401 && path !== '/api/login') { showLogin(); throw new Error('signed out'); }
    return res;
  }

  function text(el, value) { el.textContent = value == null ? '' : String(value); return el; }

  function cell(tr, value, className) {
    const td = document.createElement('td');
    text(td, value);
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }

  function showLogin() {
    csrf = null;
    stopAutoRefresh();
    $('login-panel').classList.remove('hidden');
    $('app').classList.add('hidden');
    $('signout').classList.add('hidden');
    $('auto-refresh-label').classList.add('hidden');
    text($('signed-in-as'), '');
    text($('refresh-status'), '');
  }

  function showApp(username) {
    $('login-panel').classList.add('hidden');
    $('app').classList.remove('hidden');
    $('signout').classList.remove('hidden');
    $('auto-refresh-label').classList.remove('hidden');
    text($('signed-in-as'), username);
    refresh();
    startAutoRefresh();
  }

  async function refresh() {
    try {
      await Promise.all([loadWarnings(), loadCertificates(), loadDevices(), loadAudit()]);
      text($('refresh-status'), 'updated ' + new Date().toLocaleTimeString());
    } catch (e) {
      if (csrf) text($('refresh-status'), 'refresh failed: ' + e.message);
    }
  }

  function startAutoRefresh() {
    stopAutoRefresh();
    if ($('auto-refresh').checked) {
      // skipped while the tab is hidden: nobody is looking, and 1,000 devices are not free to list
      timer = setInterval(() => { if (!document.hidden && csrf) refresh(); }, REFRESH_MS);
    }
  }

  function stopAutoRefresh() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  async function loadWarnings() {
    const res = await api('GET', '/api/warnings');
    const warnings = await res.json();
    const banner = $('warning-banner');
    banner.replaceChildren();
    Object.entries(warnings).forEach(([kind, message]) => {
      const div = document.createElement('div');
      div.className = 'banner';
      div.id = 'warning-' + kind;
      text(div, message);
      banner.appendChild(div);
    });
  }

  function expiryClass(days) {
    if (days < 0) return 'expiry-gone';
    return days < 30 ? 'expiry-soon' : 'expiry-ok';
  }

  function expiryText(days) {
    return days < 0 ? 'expired ' + (-days) + ' days ago' : days + ' days to expiry';
  }

  function certBlock(label, info) {
    const div = document.createElement('div');
    const strong = document.createElement('strong');
    text(strong, label);
    const table = document.createElement('table');
    const tbody = document.createElement('tbody');
    const rows = [['Subject', 'subject', info.subject], ['Issuer', 'issuer', info.issuer],
      ['SANs', 'sans', info.subjectAlternativeNames.join(', ')], ['Valid-From', 'validFrom', info.validFrom],
      ['Valid-To', 'validTo', info.validTo], ['Expires in', 'daysToExpiry', expiryText(info.daysToExpiry)],
      ['SHA-1', 'sha1', info.sha1], ['SHA-256', 'sha256', info.sha256]];
    rows.forEach(([k, field, v]) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th'); text(th, k);
      const td = document.createElement('td');
      td.className = field === 'daysToExpiry' ? expiryClass(info.daysToExpiry) : 'mono';
      td.dataset.field = field;
      text(td, v);
      tr.append(th, td);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    div.append(strong, table);
    return div;
  }

  async function loadCertificates() {
    const res = await api('GET', '/api/certificates');
    const c = await res.json();
    const box = $('cert-summary');
    box.replaceChildren();
    const consoleBlock = certBlock('Console 4285 (' + c.console.origin + ')', c.presented['4285']);
    consoleBlock.id = 'cert-console';
    const messagingBlock = certBlock('Messaging 4287/4288' + (c.useHttpsCertificateAtStartup ? ' (console certificate)' : ''),
      c.presented['4287']);
    messagingBlock.id = 'cert-messaging';
    box.append(consoleBlock, messagingBlock);
    const soonest = Math.min(c.presented['4285'].daysToExpiry, c.presented['4287'].daysToExpiry, c.presented['4288'].daysToExpiry);
    const summary = $('cert-expiry');
    summary.className = expiryClass(soonest);
    text(summary, 'Next expiry among the served certificates: ' + expiryText(soonest));
  }

  async function loadDevices() {
    const q = new URLSearchParams({ offset: devicePage.offset, limit: PAGE, filter: devicePage.filter });
    const res = await api('GET', '/api/devices?' + q);
    const page = await res.json();
    if (!res.ok) { text($('device-result'), 'refused: ' + page.error); return; }
    const body = $('device-rows');
    body.replaceChildren();
    page.devices.forEach((d) => {
      const tr = document.createElement('tr');
      tr.id = 'device-' + d.guid;
      tr.dataset.guid = d.guid;
      cell(tr, d.guid, 'mono');
      cell(tr, d.address, 'mono');
      cell(tr, d.version);
      cell(tr, d.lastSeen);
      cell(tr, d.connected ? 'yes' : 'no', 'connected');
      cell(tr, d.effectiveSettings[STRICT_KEY]);
      cell(tr, d.strictReadiness, 'readiness readiness-' + d.strictReadiness.split(':')[0]);
      cell(tr, (d.auditFindings || []).join(', '));
      const actions = document.createElement('td');
      actions.append(deviceButton('Retire', 'retire', d.guid), deviceButton('Delete', 'delete', d.guid));
      tr.appendChild(actions);
      body.appendChild(tr);
    });
    const first = page.matched === 0 ? 0 : page.offset + 1;
    const last = page.offset + page.devices.length;
    text($('device-count'), first + '–' + last + ' of ' + page.matched
      + (page.matched !== page.total ? ' matching (' + page.total + ' devices)' : ' devices'));
    $('device-prev').disabled = page.offset === 0;
    $('device-next').disabled = last >= page.matched;
  }

  function deviceButton(label, action, guid) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'device-' + action;
    text(b, label);
    b.addEventListener('click', async () => {
      const question = action === 'retire'
        ? 'Retire ' + guid + '? It is disconnected now and removed from the list.'
        : 'Delete the record of ' + guid + '?';
      if (!window.confirm(question)) return;
      const res = await api('POST', '/api/devices/' + action, { guid });
      const out = await res.json();
      text($('device-result'), res.ok ? out.message : 'refused: ' + out.error);
      $('device-result').className = res.ok ? '' : 'error';
      refresh();
    });
    return b;
  }

  async function loadAudit() {
    const q = new URLSearchParams({ offset: auditPage.offset, limit: PAGE });
    const res = await api('GET', '/api/audit?' + q);
    const page = await res.json();
    const body = $('audit-rows');
    body.replaceChildren();
    page.rows.forEach((r) => {
      const tr = document.createElement('tr');
      if (!r.succeeded) tr.className = 'failed';
      cell(tr, r.at);
      cell(tr, r.admin);
      cell(tr, r.channel);
      cell(tr, r.command, 'mono');
      cell(tr, r.result);
      body.appendChild(tr);
    });
    const first = page.total === 0 ? 0 : page.offset + 1;
    const last = page.offset + page.rows.length;
    text($('audit-count'), first + '–' + last + ' of ' + page.total + ' entries, newest first');
    $('audit-prev').disabled = page.offset === 0;
    $('audit-next').disabled = last >= page.total;
  }

  // The article: the command line opens by double-clicking the logo (Enter on the focused logo too).
  function toggleCommandLine() {
    const panel = $('command-panel');
    panel.classList.toggle('open');
    if (panel.classList.contains('open')) $('command-input').focus();
  }
  $('logo').addEventListener('dblclick', toggleCommandLine);
  $('logo').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); toggleCommandLine(); } });

  $('auto-refresh').addEventListener('change', startAutoRefresh);

  let filterTimer = null;
  $('device-filter').addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => { devicePage.filter = $('device-filter').value; devicePage.offset = 0; loadDevices(); }, 250);
  });
  $('device-prev').addEventListener('click', () => { devicePage.offset = Math.max(0, devicePage.offset - PAGE); loadDevices(); });
  $('device-next').addEventListener('click', () => { devicePage.offset += PAGE; loadDevices(); });
  $('audit-prev').addEventListener('click', () => { auditPage.offset = Math.max(0, auditPage.offset - PAGE); loadAudit(); });
  $('audit-next').addEventListener('click', () => { auditPage.offset += PAGE; loadAudit(); });

  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await api('POST', '/api/login', { username: $('login-username').value, password: $('login-password').value });
    const body = await res.json();
    if (res.ok) { csrf = body.csrfToken; $('login-password').value = ''; text($('login-error'), ''); showApp(body.username); }
    else text($('login-error'), body.error);
  });

  $('signout').addEventListener('click', async () => { await api('POST', '/api/logout', {}); showLogin(); });

  $('command-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const line = $('command-input').value;
    const res = await api('POST', '/api/command', { command: line });
    const body = await res.json();
    const out = $('command-output');
    const entry = document.createElement('div');
    entry.className = body.ok ? 'accepted' : 'refused';
    text(entry, '> ' + line + '\n' + (body.output || body.error));
    out.appendChild(entry);
    $('command-input').value = '';
    refresh();
  });

  $('cert-import-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('cert-import-file').files[0];
    if (!file) { text($('cert-result'), 'choose a file first'); return; }
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    bytes.forEach((b) => { bin += String.fromCharCode(b); });
    const res = await api('POST', '/api/certificates/import', {
      target: $('cert-import-target').value, content: btoa(bin),
      password: $('cert-import-password').value, alias: $('cert-import-alias').value || null });
    const body = await res.json();
    text($('cert-result'), res.ok ? 'installed ' + body.installed.subject + ' — ' + body.note : 'refused: ' + body.error);
    refresh();
  });

  $('cert-reset').addEventListener('click', async () => {
    const res = await api('POST', '/api/certificates/reset', { target: 'console' });
    const body = await res.json();
    text($('cert-result'), res.ok ? 'console reset to ' + body.installed.sha256 : 'refused: ' + body.error);
    refresh();
  });

  $('cert-export').addEventListener('click', async () => {
    const res = await api('POST', '/api/certificates/export', { target: 'console', password: $('cert-export-password').value });
    if (!res.ok) { text($('cert-result'), 'refused: ' + (await res.json()).error); return; }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url; a.download = 'tlslab-console.p12'; a.click();
    URL.revokeObjectURL(url);
  });

  (async () => {
    const res = await fetch('/api/session', { credentials: 'same-origin' });
    if (res.ok) { const s = await res.json(); csrf = s.csrfToken; showApp(s.username); } else showLogin();
  })();
})();
