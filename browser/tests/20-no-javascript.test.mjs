// Recordwell without JavaScript (a locked-down browser, a script that failed to load): every
// form still works, because pages are rendered on the server and the script only adds speed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn } from '../lib/harness.mjs';
import { FAULTY_RECORD, NON_COMPLIANT, TEST_TIMEOUT_MS, clickButtonAndWait, closePage, openPage, recordBox, recordIdOf, withServerAndBrowser } from './support.mjs';

describe('without JavaScript', () => {
  let server;
  let browser;
  withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('sign in, write a record, Check shows findings, Save keeps it, a view can be attached', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    try {
      const scripted = [];
      page.on('request', (r) => {
        if (['fetch', 'xhr'].includes(r.resourceType())) scripted.push(r.url());
      });
      await signIn(page, server.url, server.users.practitioner);
      await page.goto(`${server.url}/records/new`);
      await page.getByLabel('Title', { exact: true }).fill('Review meeting, no script');
      await page.getByLabel('Type of record', { exact: true }).selectOption({ label: 'Detailed record' });
      await recordBox(page).fill(FAULTY_RECORD);
      // Nothing happens while typing: the panel still invites a Check.
      assert.match(await page.locator('#feedback-live').innerText(), /Choose “Check” to see feedback/);
      assert.equal(await page.locator('li.rw-finding').count(), 0);

      await clickButtonAndWait(page, 'Check');
      // The form was posted and the same page came back with findings, and with what was typed.
      assert.equal(new URL(page.url()).pathname, '/records');
      await page.locator('#feedback-live li.rw-finding', { hasText: NON_COMPLIANT }).waitFor();
      assert.ok((await page.locator('li.rw-finding').count()) >= 2);
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Review meeting, no script');
      assert.equal(await page.getByLabel('Type of record', { exact: true }).inputValue(), 'detailed');
      assert.equal(await recordBox(page).inputValue(), FAULTY_RECORD);
      // "Why this matters" opens without a script: it is a plain <details>.
      const finding = page.locator('li.rw-finding', { hasText: NON_COMPLIANT });
      await finding.getByText('Why this matters', { exact: true }).click();
      assert.notEqual(await finding.locator('details').getAttribute('open'), null);

      await clickButtonAndWait(page, 'Save');
      const id = recordIdOf(page);
      await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
      assert.equal(await recordBox(page).inputValue(), FAULTY_RECORD);
      // The record page renders its feedback on the server, too.
      await page.locator('#feedback-live li.rw-finding', { hasText: NON_COMPLIANT }).waitFor();

      const corrected = 'Mum did not go to the two appointments on 3 and 10 March. Pip’s review was held.';
      await recordBox(page).fill(corrected);
      await clickButtonAndWait(page, 'Save a new version');
      await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
      assert.equal(recordIdOf(page), id);
      assert.equal(await page.locator('li.rw-finding', { hasText: NON_COMPLIANT }).count(), 0);

      await page.getByLabel('Whose view', { exact: true }).fill('Mother');
      await page.getByLabel('What they said', { exact: true }).fill('The appointments clashed with my shifts.');
      await clickButtonAndWait(page, 'Attach their view');
      await page.locator('article.rw-comment').getByRole('heading', { name: 'Mother: Their view' }).waitFor();
      assert.deepEqual(scripted, [], 'no request came from a script');
    } finally {
      await closePage(page);
    }
  });
});
