// Tests the harness itself, without the recordwell binary: Chromium starts, axe passes a good
// page and fails one with an unlabelled field, and startServer/signIn work against a stand-in
// server that prints what `recordwell serve --demo` prints. If this file fails, the browser
// set-up is broken, not the web platform.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkA11y, launchBrowser, markupProblemsOn, newPage, signIn, startServer, takeMarkupProblems } from '../lib/harness.mjs';

const page = (title, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

const PAGES = {
  '/good': page('Good page', '<form><label for="email">Email address</label><input id="email" type="email"><button type="submit">Send</button></form>'),
  '/bad': page('Bad page', '<form><input id="unlabelled" type="text"><button type="submit">Send</button></form>'),
  '/twice': page(
    'Same id twice',
    '<h2 id="letter">Letter</h2><form><label for="letter">Letter</label><textarea id="letter"></textarea>' +
      '<input name="q" type="search"><input type="hidden" name="csrf" value="x"><button type="submit">Send</button></form>',
  ),
};

describe('harness', () => {
  let http;
  let base;
  let browser;

  before(async () => {
    http = createServer((req, res) => {
      const body = PAGES[req.url];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? page('Not found', '<p>Not found.</p>'));
    });
    await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${http.address().port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => http?.close(resolve));
  });

  test('a page with labelled fields passes checkA11y', { timeout: 60_000 }, async () => {
    const p = await newPage(browser);
    await p.goto(`${base}/good`);
    const results = await checkA11y(p, 'the good page');
    assert.equal(results.violations.length, 0);
    assert.ok(results.passes.length > 0, 'axe ran its rules');
    await p.context().close();
  });

  test('duplicate ids and unlabelled fields are found on every page', { timeout: 60_000 }, async () => {
    const p = await newPage(browser, {}, { watchMarkup: false });
    await p.goto(`${base}/good`);
    assert.deepEqual(await markupProblemsOn(p), []);
    await p.goto(`${base}/twice`);
    assert.deepEqual(await markupProblemsOn(p), [
      'the id "letter" is used 2 times',
      // The label points at the heading (the first "letter"), so the box has none.
      'a textarea (id "letter") has no label',
      'a input named "q" has no label',
    ]);
    await p.context().close();
    // A page from newPage is checked on every load, without being asked.
    const watched = await newPage(browser);
    await watched.goto(`${base}/twice`);
    let seen = [];
    for (let i = 0; i < 50 && seen.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = takeMarkupProblems();
    }
    assert.ok(seen.includes('/twice: the id "letter" is used 2 times'), `the load was checked: ${seen.join('; ')}`);
    await watched.context().close();
  });

  test('a page with an unlabelled field fails checkA11y, naming rule and element', { timeout: 60_000 }, async () => {
    const p = await newPage(browser, {}, { watchMarkup: false });
    await p.goto(`${base}/bad`);
    await assert.rejects(checkA11y(p, 'the bad page'), (err) => {
      assert.match(err.message, /accessibility violation\(s\) on the bad page/);
      assert.match(err.message, /- label \[critical\]: Form elements must have labels/);
      assert.match(err.message, /#unlabelled/);
      return true;
    });
    await p.context().close();
  });

  test('checkA11y explains that a page from browser.newPage() cannot be checked', { timeout: 60_000 }, async () => {
    const p = await browser.newPage();
    await p.goto(`${base}/good`);
    await assert.rejects(checkA11y(p, 'a lone page'), /use newPage\(browser\) from the harness/);
    await p.close();
  });

  test('startServer reads the URL and demo sign-ins, signIn signs in, stop cleans up', { timeout: 60_000 }, async () => {
    // A stand-in for `recordwell serve`, printing the same lines (the sign-ins in two pieces, as a
    // pipe may deliver them) and serving a sign-in form like the real one.
    const dir = await mkdtemp(path.join(tmpdir(), 'recordwell-fake-'));
    const bin = path.join(dir, 'recordwell');
    await writeFile(
      bin,
      `#!${process.execPath}
const http = require('node:http');
const fs = require('node:fs');
const args = process.argv.slice(2);
const dataDir = args[args.indexOf('--data-dir') + 1];
if (args[0] !== 'serve' || !fs.existsSync(dataDir) || args[args.indexOf('--listen') + 1] !== '127.0.0.1:0') process.exit(2);
const form = (error) => '<!doctype html><html lang="en"><head><title>Sign in</title></head><body><main><h1>Sign in</h1>' +
  (error ? '<p role="alert">' + error + '</p>' : '') +
  '<form method="post" action="/signin"><label for="email">Email address</label><input id="email" name="email" type="email">' +
  '<label for="password">Password</label><input id="password" name="password" type="password">' +
  '<button type="submit">Sign in</button></form></main></body></html>';
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/signin') {
      const f = new URLSearchParams(body);
      if (f.get('email') === 'manager@demo.test' && f.get('password') === 's3cret-Pw') {
        res.writeHead(303, { location: '/' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(form('Wrong email address or password.'));
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(req.url === '/signin' ? form() : '<!doctype html><html lang="en"><head><title>Home</title></head><body><main><h1>Home</h1></main></body></html>');
  });
});
server.listen(0, '127.0.0.1', () => {
  if (args.includes('--demo')) {
    process.stdout.write('Demo partnership: Test\\nSign in with:\\n  administrator  admin@demo.test  password: a-Pw\\n  manager        manager@demo.te');
    setTimeout(() => {
      process.stdout.write('st  password: s3cret-Pw\\n(organisation id 1)\\n');
      process.stdout.write('Listening on http://127.0.0.1:' + server.address().port + '\\n');
    }, 50);
  } else {
    process.stdout.write('Listening on http://127.0.0.1:' + server.address().port + '\\n');
  }
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`,
    );
    await chmod(bin, 0o755);
    try {
      const server = await startServer({ bin });
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(server.users, {
        administrator: { email: 'admin@demo.test', password: 'a-Pw' },
        manager: { email: 'manager@demo.test', password: 's3cret-Pw' },
      });
      const p = await newPage(browser);
      await signIn(p, server.url, server.users.manager);
      assert.equal(new URL(p.url()).pathname, '/');
      await assert.rejects(signIn(p, server.url, { email: 'manager@demo.test', password: 'wrong' }), /still on \/signin \(Wrong email address or password\.\)/);
      await p.context().close();

      assert.ok(existsSync(server.dataDir));
      await server.stop();
      await server.stop();
      assert.ok(!existsSync(server.dataDir), 'the data folder is deleted');
      await assert.rejects(fetch(server.url), 'the server is stopped');

      const plain = await startServer({ bin, demo: false });
      assert.deepEqual(plain.users, {});
      await plain.stop();

      // A server that dies before listening is reported with its exit status.
      await assert.rejects(startServer({ bin: '/bin/false' }), /exited \(code 1\) before listening/);
      await assert.rejects(startServer({ bin: path.join(dir, 'missing') }), /no recordwell binary/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    assert.ok(!existsSync(bin));
  });
});
