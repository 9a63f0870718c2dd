// The pictures in docs/ (docs/images/*.png), taken from the real pages at 1280×900. They are
// written only when SCREENSHOTS=1 (`SCREENSHOTS=1 node --test browser/tests/50-docs-screenshots.test.mjs`),
// so an ordinary test run never changes files in the repository; otherwise this file is skipped.
// The story follows the docs: a practitioner improves the demo's faulty home visit record with
// the feedback, the mother disagrees with it, and a second tab saves over the first.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, startServer } from '../lib/harness.mjs';
import { SCREENSHOTS, TEST_TIMEOUT_MS, clickButtonAndWait, closePage, openPage, recordBox, screenshot, withServerAndBrowser } from './support.mjs';

const skip = SCREENSHOTS ? false : 'set SCREENSHOTS=1 to write docs/images/*.png';

/** Takes the focus off whatever has it, so that no focus ring shows in a picture. */
async function blur(page) {
  await page.evaluate(() => document.activeElement?.blur());
}

/** Replaces the whole record text and saves a new version; returns the version's notice. */
async function saveVersion(page, text) {
  await recordBox(page).fill(text);
  await clickButtonAndWait(page, 'Save a new version');
  return page.getByRole('status').filter({ hasText: 'Saved as version' }).innerText();
}

describe('screenshots for the documentation', { skip }, () => {
  let server;
  let browser;
  withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('signin.png', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await page.goto(`${server.url}/signin`);
      await screenshot(page, 'signin', { fullPage: true });
    } finally {
      await closePage(page);
    }
  });

  test('workspace, feedback panel, history, family views, conflict', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.practitioner);
      // Record 1: the demo's home visit to the Fenwick family, with things to improve.
      await page.goto(`${server.url}/records/1`);
      const original = await recordBox(page).inputValue();
      assert.match(original, /Mum was non-compliant/);

      // Live feedback on a line typed just now.
      await recordBox(page).focus();
      await page.keyboard.press('Control+End');
      const typed = '\nThe LAC review is next week.';
      await page.keyboard.type(typed);
      await page.waitForFunction(
        (text) => document.querySelector('#feedback-live .rw-marked')?.textContent === text,
        original + typed,
      );
      await blur(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'workspace');
      await screenshot(page.locator('#feedback'), 'feedback-panel');

      // Two better versions, written with the feedback's help.
      const second = original
        .replace('Present:', 'Date and time: Tuesday 4 March 2025, 2pm to 3pm\nPresent:')
        .replace('Mum was non-compliant and would not discuss the plan.', 'Ms Fenwick did not want to talk about the plan today. She said she was too tired.');
      assert.match(await saveVersion(page, second), /Saved as version 2\./);
      const third = second.replace(
        'I will visit again next month.',
        'I will visit again on Tuesday 1 April 2025 at 2pm. Ms Fenwick agreed to this.',
      );
      assert.match(await saveVersion(page, third), /Saved as version 3\./);
      await page.getByRole('link', { name: 'History', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Version 3' }).waitFor();
      await screenshot(page, 'history', { fullPage: true });

      // The mother's disagreement, attached beside the record.
      await page.getByRole('link', { name: 'Back to the record' }).click();
      await page.getByLabel('Whose view', { exact: true }).fill('Mother');
      await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'They disagree with the record' });
      await page
        .getByLabel('What they said', { exact: true })
        .fill('I did talk about the plan. I asked for it to change, because Dale looks after the children when I am at work.');
      await clickButtonAndWait(page, 'Attach their view');
      await page.locator('article.rw-comment').waitFor();
      await blur(page);
      // The page opens at the views; show the end of the record above them too.
      await page.evaluate(() => window.scrollBy(0, -360));
      await screenshot(page, 'family-views');

      // The same record open in a second tab, saved there first.
      const other = await page.context().newPage();
      await other.goto(`${server.url}/records/1`);
      await saveVersion(other, `${third}\nI phoned Ms Fenwick on 5 March to check she had the plan in writing. She had.`);
      await recordBox(page).fill(third.replace('Ms Fenwick agreed to this.', 'Ms Fenwick agreed to this, and asked that Mr Oakes be there too.'));
      await clickButtonAndWait(page, 'Save a new version');
      await page.getByRole('alert').filter({ hasText: 'saved somewhere else' }).waitFor();
      await blur(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'conflict');
    } finally {
      await closePage(page);
    }
  });

  test('admin-people.png, admin-tokens.png, admin-audit.png', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.administrator);
      await page.goto(`${server.url}/admin/people`);
      await screenshot(page, 'admin-people', { fullPage: true });

      await page.goto(`${server.url}/admin/tokens`);
      await page.getByLabel('What it is for', { exact: true }).fill('Case management sync');
      await clickButtonAndWait(page, 'Make token');
      await page.locator('.rw-notice code').waitFor();
      await blur(page);
      await screenshot(page, 'admin-tokens', { fullPage: true });

      await page.goto(`${server.url}/admin/audit?action=record.&record=1`);
      await screenshot(page, 'admin-audit', { fullPage: true });
    } finally {
      await closePage(page);
    }
  });

  test('setup.png', { timeout: TEST_TIMEOUT_MS }, async () => {
    const empty = await startServer({ demo: false });
    const page = await openPage(browser);
    try {
      await page.goto(`${empty.url}/setup`);
      await screenshot(page, 'setup', { fullPage: true });
    } finally {
      await closePage(page);
      await empty.stop();
    }
  });
});
