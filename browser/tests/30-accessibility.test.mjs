// Every page of the web platform, checked with axe against WCAG 2.2 AA in real Chromium: each in
// the states people meet it in (empty, with findings, with errors, with notices), and again with
// every <details> opened, so that nothing folded away escapes the check.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, signIn, startServer } from '../lib/harness.mjs';
import {
  FAULTY_RECORD,
  NON_COMPLIANT,
  TEST_TIMEOUT_MS,
  andWaitForPage,
  clickButtonAndWait,
  closePage,
  openAllDetails,
  openPage,
  recordBox,
  recordIdOf,
  withServerAndBrowser,
} from './support.mjs';

/** Checks the page as it is, then (if it has any folded-away parts) with them all open. */
async function checkPage(page, label) {
  await checkA11y(page, label);
  if ((await page.locator('details:not([open])').count()) > 0) {
    await openAllDetails(page);
    await checkA11y(page, `${label}, with every <details> open`);
  }
}

/** Goes to a path, checks the page's status, and checks the page. */
async function visitAndCheck(page, url, path, label, status = 200) {
  const response = await page.goto(`${url}${path}`);
  assert.equal(response.status(), status, `${path} answers ${status}`);
  await checkPage(page, label);
}

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  let server;
  let browser;
  withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('pages for people not signed in', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await visitAndCheck(page, server.url, '/signin', 'the sign-in page');

      // An address nobody has: the attempt fails without pausing a demo account.
      await page.getByLabel('Email address', { exact: true }).fill('nobody@demo.recordwell.test');
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await clickButtonAndWait(page, 'Sign in');
      await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
      await checkPage(page, 'the sign-in page after a wrong password');

      await visitAndCheck(page, server.url, '/password-reset', 'the password reset page');
      await page.getByLabel('Email address', { exact: true }).fill('nobody@demo.recordwell.test');
      await clickButtonAndWait(page, 'Send the link');
      await checkPage(page, 'the page after asking for a reset link');

      await visitAndCheck(page, server.url, '/password-reset/no-such-token', 'a password reset link that does not work', 404);
      await visitAndCheck(page, server.url, '/no/such/page', 'the 404 page', 404);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    } finally {
      await closePage(page);
    }
  });

  test("a practitioner's pages: records, writing, findings, errors, record, history, views, conflict", { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.practitioner);
      await visitAndCheck(page, server.url, '/records', 'the records list');
      await visitAndCheck(page, server.url, '/records/new', 'a new record, empty');

      // Live findings (the script's panel), then the same after the Check button.
      await page.getByLabel('Title', { exact: true }).fill('Review meeting');
      await recordBox(page).fill(FAULTY_RECORD);
      await page.locator('#feedback-live li.rw-finding', { hasText: NON_COMPLIANT }).waitFor();
      await checkPage(page, 'a new record with live findings');
      await clickButtonAndWait(page, 'Check');
      await page.locator('#feedback-live li.rw-finding', { hasText: NON_COMPLIANT }).waitFor();
      await checkPage(page, 'a new record after Check');

      // A title of spaces passes the browser's own check but not the server's.
      await page.getByLabel('Title', { exact: true }).fill('   ');
      await clickButtonAndWait(page, 'Save');
      await page.getByRole('alert').filter({ hasText: 'Enter a title' }).waitFor();
      await checkPage(page, 'a new record with an error');

      await page.getByLabel('Title', { exact: true }).fill('Review meeting');
      await clickButtonAndWait(page, 'Save');
      const id = recordIdOf(page);
      await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
      await checkPage(page, 'a record just saved, with its findings');

      await recordBox(page).fill('Mum did not go to the two appointments on 3 and 10 March.');
      await clickButtonAndWait(page, 'Save a new version');
      await page.getByLabel('Whose view', { exact: true }).fill('Mother');
      await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'They disagree with the record' });
      await page.getByLabel('What they said', { exact: true }).fill('The appointments clashed with my shifts.');
      await clickButtonAndWait(page, 'Attach their view');
      await page.locator('article.rw-comment').waitFor();
      await checkPage(page, 'a record with a family view');

      // Sharing makes later changes corrections, which ask for a reason.
      await clickButtonAndWait(page, 'Share with Glenfield Health and Social Care Partnership (demo)');
      await page.getByLabel('Reason for the correction', { exact: true }).waitFor();
      await checkPage(page, 'a shared record (with the reason field)');
      await recordBox(page).fill('Ms Quill did not go to the two appointments on 3 and 10 March.');
      await clickButtonAndWait(page, 'Save a new version');
      await page.getByRole('alert').filter({ hasText: 'say why you are correcting it' }).waitFor();
      await checkPage(page, 'a correction without a reason');

      // The same record corrected in another tab in the meantime.
      const other = await page.context().newPage();
      await other.goto(`${server.url}/records/${id}`);
      await recordBox(other).fill('Ms Quill did not go to the appointment on 3 March.');
      await other.getByLabel('Reason for the correction', { exact: true }).fill('The second appointment was cancelled by the clinic.');
      await clickButtonAndWait(other, 'Save a new version');
      await other.getByRole('status').filter({ hasText: 'Saved as version 3.' }).waitFor();
      // The first tab still shows the correction it could not save, which started from version 2.
      await page.getByLabel('Reason for the correction', { exact: true }).fill('Wrong names.');
      await clickButtonAndWait(page, 'Save a new version');
      await page.getByRole('alert').filter({ hasText: 'saved somewhere else' }).waitFor();
      await checkPage(page, 'the page for a record saved somewhere else');

      await visitAndCheck(page, server.url, `/records/${id}/history`, 'the history of a record with three versions');

      await visitAndCheck(page, server.url, '/records/999999', 'a record that does not exist', 404);
      await visitAndCheck(page, server.url, '/admin/people', 'administration refused to a practitioner', 403);
    } finally {
      await closePage(page);
    }
  });

  test("a colleague's shared record, read only", { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.manager);
      // Record 2 is one the demo practitioner shared with the organisation.
      await visitAndCheck(page, server.url, '/records/2', 'a shared record, read by a colleague');
      assert.equal(await recordBox(page).count(), 0, 'no text box: only the author edits');
      await visitAndCheck(page, server.url, '/records/2/history', 'its history, read by a colleague');
    } finally {
      await closePage(page);
    }
  });

  test("an administrator's pages: people, invitations, API tokens, audit log", { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage(browser);
    try {
      await signIn(page, server.url, server.users.administrator);
      await visitAndCheck(page, server.url, '/admin/people', 'People');

      await page.getByLabel('Email address', { exact: true }).fill('new.colleague@demo.recordwell.test');
      await clickButtonAndWait(page, 'Send invitation');
      const link = page.locator('.rw-notice code');
      await link.waitFor();
      await checkPage(page, 'People, with an invitation link to pass on');

      // The invitation, opened by the person invited (no session).
      const invited = await openPage(browser);
      try {
        const path = new URL(await link.innerText()).pathname;
        await visitAndCheck(invited, server.url, path, 'the invitation page');
        await invited.getByLabel('Your name', { exact: true }).fill('Nia Blake');
        await invited.getByLabel('New password', { exact: true }).fill('short');
        await invited.locator('#password').evaluate((input) => input.removeAttribute('minlength'));
        await clickButtonAndWait(invited, (await invited.locator('main button[type=submit]').innerText()).trim());
        await invited.getByRole('alert').waitFor();
        await checkPage(invited, 'the invitation page with an error');
      } finally {
        await closePage(invited);
      }

      await visitAndCheck(page, server.url, '/admin/tokens', 'API tokens, none yet');
      await page.getByLabel('What it is for', { exact: true }).fill('Case management sync');
      await clickButtonAndWait(page, 'Make token');
      await page.locator('.rw-notice code').filter({ hasText: /^rwt_/ }).waitFor();
      await checkPage(page, 'API tokens, with a new token shown once');
      await clickButtonAndWait(page, 'Revoke Case management sync');
      await checkPage(page, 'API tokens, with a revoked token');

      await visitAndCheck(page, server.url, '/admin/audit', 'the audit log');
      await page.getByLabel('Record number', { exact: true }).fill('2');
      await andWaitForPage(page, () => page.getByRole('button', { name: 'Search', exact: true }).click());
      assert.match(page.url(), /record=2/);
      await checkPage(page, 'the audit log, searched for one record');
    } finally {
      await closePage(page);
    }
  });

  test('the set-up page of a new, empty Recordwell', { timeout: TEST_TIMEOUT_MS }, async () => {
    const empty = await startServer({ demo: false });
    const page = await openPage(browser);
    try {
      await page.goto(empty.url);
      assert.equal(new URL(page.url()).pathname, '/setup', 'an empty Recordwell sends visitors to set-up');
      await page.getByRole('heading', { level: 1, name: 'Set up Recordwell' }).waitFor();
      await checkPage(page, 'the set-up page');

      await page.getByLabel('Organisation name', { exact: true }).fill('Glenfield Health and Social Care Partnership');
      await page.getByLabel('Your name', { exact: true }).fill('Ada Admin');
      await page.getByLabel('Email address', { exact: true }).fill('ada@glenfield.test');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.locator('#password').evaluate((input) => input.removeAttribute('minlength'));
      await clickButtonAndWait(page, 'Create organisation');
      await page.getByRole('alert').waitFor();
      await checkPage(page, 'the set-up page with an error');

      await page.getByLabel('Password', { exact: true }).fill('violin harbour pencil');
      await clickButtonAndWait(page, 'Create organisation');
      assert.equal(new URL(page.url()).pathname, '/admin/people');
      await checkPage(page, 'People, right after set-up');
    } finally {
      await closePage(page);
      await empty.stop();
    }
  });
});
