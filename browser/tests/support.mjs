// Helpers shared by the browser tests (not a test file itself: node --test runs *.test.mjs only).
// They wrap playwright-core for the things every test does: open a page with generous timeouts,
// submit a form and wait for the page that follows, and (with SCREENSHOTS=1) save the pictures
// used in docs/.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before } from 'node:test';
import { REPO_ROOT, assertMarkupClean, checkMarkup, launchBrowser, newPage, startServer } from '../lib/harness.mjs';

/** The size of every page: wide enough for the workspace's two columns, as in the docs. */
export const VIEWPORT = { width: 1280, height: 900 };

/**
 * How long to wait for anything to appear. The machine that runs these tests is small and
 * shared, so a debug build of the server can be slow; a generous wait costs nothing when
 * things work.
 */
export const WAIT_MS = 15_000;

/**
 * The per-test time limit for node:test: a test loads up to thirty pages and runs axe on many,
 * each allowed WAIT_MS or more; a limit only matters when something hangs.
 */
export const TEST_TIMEOUT_MS = 300_000;

/** Whether to write the documentation's screenshots (docs/images/*.png). */
export const SCREENSHOTS = process.env.SCREENSHOTS === '1';

/** A record with something to say: a judgement word, and initials nobody has spelt out. */
export const FAULTY_RECORD = 'Mum was non-compliant and the LAC review was held.';

/** The message of the finding FAULTY_RECORD always gets. */
export const NON_COMPLIANT = '"non-compliant" passes judgement without saying what happened';

/**
 * A page in its own browser context (its own cookies), at the docs' window size, that waits up
 * to WAIT_MS for elements and twice that for page loads. Close with closePage.
 */
export async function openPage(browser, contextOptions = {}) {
  const page = await newPage(browser, { viewport: VIEWPORT, ...contextOptions });
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(2 * WAIT_MS);
  return page;
}

/**
 * Closes the page's whole browser context, after checking the page as it is now for duplicate
 * ids and unlabelled fields; throws if any page the tests visited had them.
 */
export async function closePage(page) {
  if (page && !page.isClosed()) await checkMarkup(page);
  await page?.context().close();
  assertMarkupClean();
}

/**
 * Does something that loads a new page (clicking a submit button, pressing Enter in a form) and
 * waits until that page has loaded. Playwright's click does not wait for the navigation it
 * starts, and a form posted to the address it is on leaves the URL unchanged, so waiting for a
 * URL is not enough.
 */
export async function andWaitForPage(page, action) {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
    timeout: 2 * WAIT_MS,
  });
  await action();
  await navigated;
  await page.waitForLoadState('load');
}

/** Clicks a button by its exact accessible name and waits for the page it leads to. */
export async function clickButtonAndWait(page, name) {
  await andWaitForPage(page, () => page.getByRole('button', { name, exact: true }).click());
}

/** The record's main text box ("Record"; exact, or "Reason for the correction" would match too). */
export function recordBox(page) {
  return page.getByLabel('Record', { exact: true });
}

/** The record id in a /records/{id}… address. */
export function recordIdOf(page) {
  const m = /^\/records\/(\d+)/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not on a record page: ${page.url()}`);
  return Number(m[1]);
}

/**
 * The server settings that send its email to a local SMTP sink (`startSmtpSink`), with the test
 * clock on so that tests can move through the weeks (see advanceClock).
 */
export function sinkEnv(sink) {
  return {
    RECORDWELL_SMTP__HOST: '127.0.0.1',
    RECORDWELL_SMTP__PORT: String(sink.port),
    RECORDWELL_SMTP__SECURITY: 'none',
    RECORDWELL_SMTP__FROM: 'Recordwell <rw@test.example>',
    RECORDWELL_TEST_CLOCK: 'true',
  };
}

/** A date as YYYY-MM-DD, `days` from today (UTC). */
export function isoDay(days = 0) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first http(s) link in an email's text whose path starts with `prefix`. */
export function linkIn(message, prefix) {
  const m = new RegExp(`https?://[^\\s]+${prefix}[^\\s]*`).exec(message.body);
  if (!m) throw new Error(`no ${prefix} link in "${message.subject}":\n${message.body}`);
  return m[0];
}

/**
 * Moves the server's test clock on by `days` (the server must run with RECORDWELL_TEST_CLOCK),
 * from a page signed in as an administrator, and runs the jobs that fall due. Throws unless the
 * server says it did.
 */
export async function advanceClock(adminPage, days) {
  const answer = await adminPage.evaluate(async (d) => {
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const r = await fetch('/admin/clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
      body: JSON.stringify({ advance_days: d }),
    });
    return { status: r.status, body: await r.text() };
  }, days);
  if (answer.status !== 200) throw new Error(`moving the clock ${days} days: ${answer.status} ${answer.body}`);
}

/** Opens every <details> (findings' "Why this matters", history's versions) so axe sees inside. */
export async function openAllDetails(page) {
  await page.locator('details').evaluateAll((all) => {
    for (const d of all) d.open = true;
  });
}

/**
 * With SCREENSHOTS=1, saves a picture of the page (or of one element, given a locator) as
 * docs/images/NAME.png; otherwise does nothing. The text caret is hidden and animations
 * stopped, so that the pictures change only when the pages do.
 */
export async function screenshot(target, name, { fullPage = false } = {}) {
  if (!SCREENSHOTS) return;
  const dir = path.join(REPO_ROOT, 'docs', 'images');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  const options = { path: file, animations: 'disabled', caret: 'hide' };
  if ('mainFrame' in target) {
    // A whole page shorter than the window is cut at its footer, not padded with white.
    const height = fullPage ? await target.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)) : Infinity;
    if (height < VIEWPORT.height) {
      await target.screenshot({ ...options, clip: { x: 0, y: 0, width: VIEWPORT.width, height } });
    } else {
      await target.screenshot({ ...options, fullPage });
    }
  } else {
    await target.screenshot(options);
  }
  console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
}

/**
 * For a describe block whose tests share one demo server and one browser: starts both before
 * the tests and stops both after them. `use(server, browser)` hands them to the block, e.g.
 * `withServerAndBrowser((s, b) => ([server, browser] = [s, b]))`.
 */
export function withServerAndBrowser(use, serverOptions = {}) {
  let server;
  let browser;
  before(async () => {
    server = await startServer(serverOptions);
    browser = await launchBrowser();
    use(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    assertMarkupClean();
  });
}
