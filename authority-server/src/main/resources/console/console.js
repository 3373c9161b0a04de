// tlslab console: plain JS, no build step. Talks to the JSON API with the session cookie and the
// CSRF token returned at sign-in.
(function () {
  'use strict';
  let csrf = null;
  const $ = (id) => document.getElementById(id);

  async function api(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined });
    if (res.status === 401 && path !== '/api/login') { showLogin(); throw new Error('signed out'); }
    return res;
  }

  function text(el, value) { el.textContent = value; return el; }

  function showLogin() {
    csrf = null;
    $('login-panel').classList.remove('hidden');
    $('app').classList.add('hidden');
    $('signout').classList.add('hidden');
    text($('signed-in-as'), '');
  }

  function showApp(username) {
    $('login-panel').classList.add('hidden');
    $('app').classList.remove('hidden');
    $('signout').classList.remove('hidden');
    text($('signed-in-as'), username);
    refresh();
  }

  async function refresh() {
    await Promise.all([loadWarnings(), loadCertificates(), loadDevices()]);
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

  function certBlock(label, info) {
    const div = document.createElement('div');
    div.innerHTML = '<strong></strong><table><tbody></tbody></table>';
    text(div.querySelector('strong'), label);
    const rows = [['Subject', info.subject], ['Issuer', info.issuer], ['SANs', info.subjectAlternativeNames.join(', ')],
      ['Valid-From', info.validFrom], ['Valid-To', info.validTo], ['SHA-1', info.sha1], ['SHA-256', info.sha256]];
    rows.forEach(([k, v]) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th'); text(th, k);
      const td = document.createElement('td'); td.className = 'mono'; text(td, v);
      tr.append(th, td);
      div.querySelector('tbody').appendChild(tr);
    });
    return div;
  }

  async function loadCertificates() {
    const res = await api('GET', '/api/certificates');
    const c = await res.json();
    const box = $('cert-summary');
    box.replaceChildren();
    const consoleBlock = certBlock('Console 4285 (' + c.console.origin + ')', c.presented['4285']);
    consoleBlock.id = 'cert-console';
    const messagingBlock = certBlock('Messaging 4287/4288' + (c.useHttpsCertificateAtStartup ? ' (console certificate)' : ''), c.presented['4287']);
    messagingBlock.id = 'cert-messaging';
    box.append(consoleBlock, messagingBlock);
  }

  async function loadDevices() {
    const res = await api('GET', '/api/devices');
    const devices = await res.json();
    const body = $('device-rows');
    body.replaceChildren();
    devices.forEach((d) => {
      const tr = document.createElement('tr');
      tr.id = 'device-' + d.guid;
      const strictApplies = d.effectiveSettings['c42.sabre.client.certificate.strictValidation'];
      [d.guid, d.version, d.connected ? 'yes' : 'no', d.lastHandshake + ' ' + d.tlsProtocol + ' ' + d.engine,
        strictApplies, d.strictReadiness, (d.auditFindings || []).join(', ')].forEach((v) => {
        const td = document.createElement('td'); text(td, v); tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  $('logo').addEventListener('click', () => {
    const panel = $('command-panel');
    panel.classList.toggle('open');
    if (panel.classList.contains('open')) $('command-input').focus();
  });

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
    text(entry, '> ' + line + '\n' + (body.output || body.error));
    if (!body.ok) entry.className = 'refused';
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
