// The recording workspace in real Chromium, as a practitioner uses it: live feedback while typing
// (and how long it takes), saving, a new version, the history with its differences, a family
// view, autosaved drafts that survive a reload, and the page for a record saved somewhere else.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn } from '../lib/harness.mjs';
import {
  FAULTY_RECORD,
  NON_COMPLIANT,
  TEST_TIMEOUT_MS,
  clickButtonAndWait,
  closePage,
  openPage,
  recordBox,
  recordIdOf,
  withServerAndBrowser,
} from './support.mjs';

/**
 * Watches the live panel from inside the page: notes the time of every keystroke in the record
 * box, and the first time the panel shows feedback on exactly the text now in the box (its
 * marked-up copy of the text equals the box). The difference is the round trip a writer feels:
 * the deliberate pause after typing, the request, the check on the server and the swap.
 */
async function watchLivePanel(page) {
  await page.evaluate(() => {
    const box = document.getElementById('body');
    const panel = document.getElementById('feedback-live');
    const w = { lastKey: 0, updated: 0, sameDocument: true };
    window.rwWatch = w;
    box.addEventListener('input', () => {
      w.lastKey = performance.now();
      w.updated = 0;
    });
    new MutationObserver(() => {
      const marked = panel.querySelector('.rw-marked');
      if (!w.updated && marked && marked.textContent === box.value) w.updated = performance.now();
    }).observe(panel, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * Types into the record box (which must have the focus) and waits for the panel to catch up
 * with it; returns the round trip in milliseconds.
 */
async function typeAndMeasure(page, text) {
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'body', 'the record box has the focus');
  await page.evaluate(() => {
    window.rwWatch.updated = 0;
  });
  await page.keyboard.type(text);
  await page.waitForFunction(() => window.rwWatch.updated > 0);
  return page.evaluate(() => window.rwWatch.updated - window.rwWatch.lastKey);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('the recording workspace', () => {
  let server;
  let browser;
  withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('findings appear in the live panel while typing, without reloading the page', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.practitioner);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Write a record' }).click();
      await page.waitForURL('**/records/new');
      await page.getByRole('heading', { level: 1, name: 'Write a record' }).waitFor();

      await page.getByLabel('Title', { exact: true }).fill('Review meeting');
      await page.getByLabel('Type of record', { exact: true }).selectOption({ label: 'Detailed record' });
      const feedbackRequests = [];
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/records/feedback') feedbackRequests.push(r.method());
      });
      await watchLivePanel(page);

      const timings = [];
      await recordBox(page).click();
      timings.push(await typeAndMeasure(page, FAULTY_RECORD));

      const panel = page.locator('#feedback-live');
      const finding = panel.locator('li.rw-finding', { hasText: NON_COMPLIANT });
      await finding.waitFor();
      assert.ok((await panel.locator('li.rw-finding').count()) >= 2, 'several findings for a short, faulty record');
      assert.match(await finding.innerText(), /Line 1: “non-compliant”/);
      assert.match(await finding.innerText(), /Suggestion: describe what was agreed and what happened/);

      // "Why this matters" is closed until asked for, then explains the finding.
      const details = finding.locator('details');
      assert.equal(await details.evaluate((d) => d.open), false);
      await finding.getByText('Why this matters', { exact: true }).click();
      assert.equal(await details.evaluate((d) => d.open), true);
      const why = await details.locator('p').first().innerText();
      assert.ok(why.trim().length > 30, `an explanation, not a stub: ${JSON.stringify(why)}`);
      assert.match(await details.innerText(), /Check: \S+/);

      // Screen readers hear the count, from the status line the script fills in.
      const count = await panel.locator('li.rw-finding').count();
      assert.equal(await page.locator('#feedback-status').textContent(), `${count} findings.`);

      // Two more edits, for a steadier figure than one measurement.
      await recordBox(page).focus();
      await page.keyboard.press('Control+End');
      for (const more of [' She said she was fine.', ' Plan: visit again on Friday.']) {
        timings.push(await typeAndMeasure(page, more));
      }
      assert.equal(await page.locator('#feedback-live .rw-marked').textContent(), FAULTY_RECORD + ' She said she was fine. Plan: visit again on Friday.');

      assert.ok(await page.evaluate(() => window.rwWatch.sameDocument), 'the page was never reloaded');
      assert.equal(new URL(page.url()).pathname, '/records/new');
      assert.ok(feedbackRequests.length >= 3, `the script asked the server for feedback (${feedbackRequests.length} requests)`);
      assert.ok(feedbackRequests.every((m) => m === 'POST'));

      // And on a full-length record: the demo's first record, a page of a home visit.
      await page.goto(`${server.url}/records/1`);
      await watchLivePanel(page);
      const length = (await recordBox(page).inputValue()).length;
      await recordBox(page).focus();
      await page.keyboard.press('Control+End');
      const long = [];
      for (const more of ['\nMum was non-compliant.', ' The LAC review is next week.']) {
        long.push(await typeAndMeasure(page, more));
      }

      const shown = (xs) => `${xs.map((ms) => `${Math.round(ms)} ms`).join(', ')} (median ${Math.round(median(xs))} ms)`;
      t.diagnostic(`live feedback round trip, last keystroke to panel updated, including the script's 300 ms pause after typing: one-line record ${shown(timings)}; ${length}-character record ${shown(long)}`);
    } finally {
      await closePage(page);
    }
  });

  test('save, save a new version, see the differences in the history, attach a family view', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.practitioner);
      await page.goto(`${server.url}/records/new`);
      await page.getByLabel('Title', { exact: true }).fill('Visit to the Quill family');
      await page.getByLabel('Type of record', { exact: true }).selectOption({ label: 'Contact record' });
      const first = 'Date and time: Tuesday 4 March 2025, 3.45pm.\nI saw Pip alone in her room.\nMum was non-compliant.';
      await recordBox(page).fill(first);
      await clickButtonAndWait(page, 'Save');

      assert.match(new URL(page.url()).pathname, /^\/records\/\d+$/);
      const id = recordIdOf(page);
      await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Visit to the Quill family' }).waitFor();
      assert.equal(await recordBox(page).inputValue(), first);
      assert.match(await page.locator('.rw-meta').first().innerText(), /Contact record · version 1 · private to you/);

      const second = 'Date and time: Tuesday 4 March 2025, 3.45pm.\nI saw Pip alone in her room.\nMs Quill did not go to the appointment on 3 March.';
      await recordBox(page).fill(second);
      await clickButtonAndWait(page, 'Save a new version');
      await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
      assert.equal(recordIdOf(page), id);
      assert.equal(await recordBox(page).inputValue(), second);

      await page.getByRole('link', { name: 'History', exact: true }).click();
      await page.waitForURL(`**/records/${id}/history`);
      await page.getByRole('heading', { level: 1, name: 'History: Visit to the Quill family' }).waitFor();
      const versions = page.locator('li.rw-version');
      assert.equal(await versions.count(), 2);
      await versions.nth(0).getByRole('heading', { level: 2, name: 'Version 2' }).waitFor();
      await versions.nth(1).getByRole('heading', { level: 2, name: 'Version 1' }).waitFor();
      assert.match(await versions.nth(1).innerText(), /First version\./);
      // The newest changes are open, each changed line marked for sight and for screen readers.
      const diff = versions.nth(0).locator('.rw-diff');
      await diff.waitFor();
      const line = async (kind) => (await diff.locator(`.rw-diff__${kind}`).textContent()).replace(/\s+/g, ' ').trim();
      assert.equal(await line('delete'), 'Removed: Mum was non-compliant.');
      assert.equal(await line('insert'), 'Added: Ms Quill did not go to the appointment on 3 March.');
      assert.equal(await diff.locator('.rw-diff__equal').count(), 2);

      await page.getByRole('link', { name: 'Back to the record' }).click();
      await page.waitForURL(`**/records/${id}`);
      await page.getByLabel('Whose view', { exact: true }).fill('Mother');
      await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'They disagree with the record' });
      await page.getByLabel('What they said', { exact: true }).fill('I did go on 3 March. The clinic moved the time and nobody told me.');
      await clickButtonAndWait(page, 'Attach their view');
      assert.equal(new URL(page.url()).hash, '#comments-heading');
      const view = page.locator('article.rw-comment');
      assert.equal(await view.count(), 1);
      await view.getByRole('heading', { level: 3, name: 'Mother: They disagree with the record' }).waitFor();
      assert.match(await view.innerText(), /I did go on 3 March\. The clinic moved the time and nobody told me\./);
      assert.match(await view.innerText(), /Added by Callum Reid, /);
      // A view is attached beside the record: the record itself is unchanged.
      assert.equal(await recordBox(page).inputValue(), second);
      assert.match(await page.locator('.rw-meta').first().innerText(), /version 2/);
    } finally {
      await closePage(page);
    }
  });

  test('typing into a saved record keeps a draft that a reload restores', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.practitioner);
      // Record 4 is one of the demo practitioner's private records (1 to 9; 2 and 3 are shared).
      await page.goto(`${server.url}/records/4`);
      const box = recordBox(page);
      const saved = await box.inputValue();
      assert.ok(saved.length > 0);
      await box.click();
      await page.keyboard.press('Control+End');
      const added = '\nAdded after the visit: Pip asked to see her grandmother more often.';
      await page.keyboard.type(added);

      const status = page.locator('#autosave-status');
      await status.filter({ hasText: 'Draft kept' }).waitFor();
      assert.match(await status.innerText(), /^Draft kept at .+\. Save a new version when you are ready\.$/);

      await page.reload();
      await page.getByRole('status').filter({ hasText: 'have been restored' }).waitFor();
      assert.match(
        await page.getByRole('status').filter({ hasText: 'have been restored' }).innerText(),
        /^Your unsaved changes from .+ have been restored\. Save a new version to keep them\.$/,
      );
      assert.equal(await recordBox(page).inputValue(), saved + added);
      // The draft is not a version: the record is still at the version it was.
      assert.match(await page.locator('.rw-meta').first().innerText(), /version 1 ·/);
    } finally {
      await closePage(page);
    }
  });

  test('saving over a version saved in another tab shows both texts and loses nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const first = await openPage(browser);
    try {
      await signIn(first, server.url, server.users.practitioner);
      await first.goto(`${server.url}/records/new`);
      await first.getByLabel('Title', { exact: true }).fill('Phone call with the school');
      await recordBox(first).fill('Date and time: Monday 3 March 2025, 10am.\nI phoned the school about attendance.');
      await clickButtonAndWait(first, 'Save');
      const id = recordIdOf(first);

      // The same record open in a second tab of the same browser, at version 1.
      const second = await first.context().newPage();
      await second.goto(`${server.url}/records/${id}`);
      await recordBox(second).waitFor();

      const fromFirst = 'Date and time: Monday 3 March 2025, 10am.\nI phoned the school about attendance.\nThe head teacher said Pip has been in every day this term.';
      await recordBox(first).fill(fromFirst);
      await clickButtonAndWait(first, 'Save a new version');
      await first.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();

      const fromSecond = 'Date and time: Monday 3 March 2025, 10am.\nI phoned the school about attendance and spoke to Mr Ash.';
      await recordBox(second).fill(fromSecond);
      const response = second.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/records/${id}`);
      await clickButtonAndWait(second, 'Save a new version');
      assert.equal((await response).status(), 409);

      const alert = second.getByRole('alert').filter({ hasText: 'This record was saved somewhere else while you were writing' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /Version 2 was saved .+ by Callum Reid, after the version you started from\./);
      assert.match(await alert.locator('pre').innerText(), /The head teacher said Pip has been in every day this term\./);
      // The second tab's text is still in the box, and saving again now builds on version 2.
      assert.equal(await recordBox(second).inputValue(), fromSecond);
      assert.equal(await second.locator('input[name=base_version]').inputValue(), '2');

      await clickButtonAndWait(second, 'Save a new version');
      await second.getByRole('status').filter({ hasText: 'Saved as version 3.' }).waitFor();
    } finally {
      await closePage(first);
    }
  });
});
