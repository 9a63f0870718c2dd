// Shared helpers for the browser tests (node --test): start the real `recordwell serve`, drive
// Debian's Chromium through playwright-core, sign in, and check pages with axe.
//
// Chromium comes from Debian (scripts/ensure-chromium.sh), not from Playwright: only the package
// registries are reachable here, so a browser download would fail. That is also why the package is
// playwright-core, which has no download step.

import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/** The repository's root (this file is browser/lib/harness.mjs). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const LISTENING = /Listening on (http:\/\/\S+)/;
const DEMO_USER = /^\s*(administrator|facilitator|manager|practitioner)\s+(\S+@\S+)\s+password:\s+(\S+)/gm;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** The WCAG levels the platform promises (2.2 AA, which includes the 2.0 and 2.1 A/AA rules). */
export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The debug binary that scripts/test.sh builds: $RECORDWELL_BIN, else debug/recordwell in
 * $CARGO_TARGET_DIR (relative to the repository root, where cargo runs), else in target/.
 */
export function recordwellBin() {
  if (process.env.RECORDWELL_BIN) return path.resolve(process.env.RECORDWELL_BIN);
  const target = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR)
    : path.join(REPO_ROOT, 'target');
  return path.join(target, 'debug', 'recordwell');
}

// Servers still running, killed if the test process exits without stopping them, so that a
// failed test never leaves a server (and its temporary folder) behind.
const running = new Set();
process.on('exit', () => {
  for (const s of running) {
    try {
      s.child.kill('SIGKILL');
    } catch {}
    rmSync(s.dataDir, { recursive: true, force: true });
  }
});

function tail(text, max = 4000) {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

// A long test run can log a lot; the start-up error messages need only the end.
const KEEP_CHARS = 64 * 1024;
const keepEnd = (text) => (text.length > KEEP_CHARS ? text.slice(-KEEP_CHARS) : text);

/**
 * Starts `recordwell serve` on a free port with a fresh, empty data folder.
 *
 * @param {{demo?: boolean, env?: Record<string, string>, bin?: string}} [options]
 *   demo: seed the fictional demo partnership (and print its sign-in details);
 *   env: extra environment variables for the server; bin: the binary (default recordwellBin()).
 * @returns {Promise<{url: string, users: Record<string, {email: string, password: string}>,
 *   dataDir: string, stop: () => Promise<void>}>} users holds the demo sign-ins by role; stop()
 *   ends the server (SIGTERM) and deletes dataDir.
 */
export async function startServer({ demo = true, env = {}, bin = recordwellBin() } = {}) {
  if (!existsSync(bin)) {
    throw new Error(`no recordwell binary at ${bin}: build it with \`cargo build -p recordwell\` or set RECORDWELL_BIN`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'recordwell-web-'));
  const args = ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir];
  if (demo) args.push('--demo');
  const child = spawn(bin, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, dataDir };
  running.add(server);

  let stdout = '';
  let stderr = '';
  const users = {};
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = keepEnd(stderr + chunk);
  });
  // Settles when the process ends, or when it never started ('error' without 'exit').
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ error }));
  });

  let stopping;
  const stop = () => {
    // SIGTERM lets the server finish requests in flight and close its database; SIGKILL only if
    // it hangs. Safe to call more than once.
    stopping ??= (async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      running.delete(server);
      await rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const describe = () =>
    `${bin} ${args.join(' ')}\n--- stderr ---\n${tail(stderr) || '(empty)'}\n--- stdout ---\n${tail(stdout) || '(empty)'}`;

  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`recordwell serve did not print "Listening on http://…" within ${START_TIMEOUT_MS / 1000} s\n${describe()}`)),
        START_TIMEOUT_MS,
      );
      exited.then(({ code, signal, error }) => {
        clearTimeout(timer);
        reject(
          error
            ? new Error(`could not start ${bin}: ${error.message}`)
            : new Error(`recordwell serve exited (${signal ?? `code ${code}`}) before listening\n${describe()}`),
        );
      });
      child.stdout.on('data', (chunk) => {
        stdout = keepEnd(stdout + chunk);
        // The demo prints its sign-ins before the Listening line; read them from the whole output
        // each time, since a line may arrive split across chunks.
        for (const [, role, email, password] of stdout.matchAll(DEMO_USER)) users[role] = { email, password };
        const m = LISTENING.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    // A server that dies mid-test shows up as refused connections in the browser; say why here.
    exited.then(({ code, signal }) => {
      if (!stopping) {
        process.stderr.write(`recordwell serve (${url}) exited unexpectedly (${signal ?? `code ${code}`})\n${describe()}\n`);
      }
    });
    return { url, users, dataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Launches Debian's Chromium headless ($CHROMIUM, else /usr/bin/chromium). */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: run scripts/ensure-chromium.sh (or set CHROMIUM)`);
  }
  return chromium.launch({
    executablePath,
    // The network flags keep Chromium from calling home: this machine has no network beyond the
    // package registries, and the refused connections only slow it down and clutter the logs.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a fresh browser context (its own cookies, so one test's session never leaks into
 * another's). checkA11y needs such a page: axe cannot analyse one made by browser.newPage().
 * Every page it loads is checked for duplicate ids and unlabelled fields (see markupProblems),
 * unless `{ watchMarkup: false }` (for the harness's own tests of bad pages). Close it with
 * `await page.context().close()`.
 */
export async function newPage(browser, contextOptions = {}, { watchMarkup: watch = true } = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  if (watch) watchMarkup(page);
  return page;
}

/**
 * Markup problems found so far on any page a test opened: an id used twice (a label then names
 * the wrong element, and links jump to the wrong place) and a form field without a label (a
 * screen reader announces it as nothing). Every page load is checked; assertMarkupClean throws
 * if any was found, and a file whose tests never call it fails anyway when node exits.
 */
const markupProblems = [];

/** Runs in the page: the problems in its markup as it is now. */
function findMarkupProblems() {
  const problems = [];
  const count = new Map();
  for (const el of document.querySelectorAll('[id]')) count.set(el.id, (count.get(el.id) || 0) + 1);
  for (const [id, n] of count) if (n > 1) problems.push(`the id "${id}" is used ${n} times`);
  const fields = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea',
  );
  const text = (el) => (el?.textContent || '').trim();
  for (const f of fields) {
    const byLabel = [...(f.labels || [])].some((l) => text(l));
    const byAria = (f.getAttribute('aria-label') || '').trim() !== '';
    const byIds = (f.getAttribute('aria-labelledby') || '').split(/\s+/).some((id) => text(document.getElementById(id)));
    if (!byLabel && !byAria && !byIds) {
      problems.push(`a ${f.tagName.toLowerCase()}${f.name ? ` named "${f.name}"` : ''}${f.id ? ` (id "${f.id}")` : ''} has no label`);
    }
  }
  return problems;
}

/** The markup problems of the page as it is now (empty if it navigated away meanwhile). */
export async function markupProblemsOn(page) {
  try {
    return await page.evaluate(findMarkupProblems);
  } catch {
    return []; // the page navigated or closed meanwhile: its next load is checked instead
  }
}

/** Checks the page as it is now; adds what it finds to the list. */
export async function checkMarkup(page) {
  const found = await markupProblemsOn(page);
  const where = new URL(page.url()).pathname;
  for (const problem of found) {
    const line = `${where}: ${problem}`;
    if (!markupProblems.includes(line)) markupProblems.push(line);
  }
}

function watchMarkup(page) {
  page.on('load', () => {
    checkMarkup(page);
  });
}

/** The markup problems found so far, emptying the list (for the harness's own test). */
export function takeMarkupProblems() {
  return markupProblems.splice(0);
}

/** Throws a list of every markup problem found so far (see markupProblems). */
export function assertMarkupClean() {
  if (markupProblems.length > 0) {
    throw new Error(`markup problems on pages the tests visited:\n${markupProblems.map((p) => `- ${p}`).join('\n')}`);
  }
}

process.on('beforeExit', () => {
  if (markupProblems.length > 0 && !process.exitCode) {
    console.error(`markup problems on pages the tests visited:\n${markupProblems.map((p) => `- ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
});

/**
 * Signs in through the real form at `${url}/signin` and waits for the page that follows.
 * Throws if the browser is still on the sign-in page afterwards (wrong details, say), with what
 * the page said, so that a failed sign-in is reported where it happens.
 */
export async function signIn(page, url, { email, password } = {}) {
  if (!email || !password) {
    throw new Error('signIn needs {email, password} (from startServer({demo: true}).users[role])');
  }
  await page.goto(`${url}/signin`);
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await navigated;
  await page.waitForLoadState('load');
  if (new URL(page.url()).pathname === '/signin') {
    const said = (await page.locator('[role=alert], .rw-error, .rw-errors').allInnerTexts()).join(' ').trim();
    throw new Error(`sign-in as ${email} failed: still on /signin${said ? ` (${said})` : ''}`);
  }
}

/**
 * Checks the page as it is now with axe against WCAG 2.2 AA; throws a readable list of every
 * violation (rule, impact, what it asks, and the selectors of the elements) if there is any.
 * Returns axe's results otherwise.
 */
export async function checkA11y(page, label) {
  let results;
  try {
    results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  } catch (err) {
    if (/browser\.newContext\(\)/.test(err.message)) {
      throw new Error(`checkA11y(${label}): the page must come from a browser context: use newPage(browser) from the harness, not browser.newPage()`);
    }
    throw err;
  }
  if (results.violations.length > 0) {
    const lines = results.violations.map((v) => {
      const targets = v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n');
      return `- ${v.id} [${v.impact}]: ${v.help}\n${targets}`;
    });
    throw new Error(
      `${results.violations.length} accessibility violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`,
    );
  }
  return results;
}
