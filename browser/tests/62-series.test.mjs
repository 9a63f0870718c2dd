// A workshop series in real Chromium, page by page: a facilitator makes a series from the
// built-in template and adds a participant and a manager; the participant writes their own-life
// record, adds and votes for core elements, names a change to test, maps an asset and drafts a
// recommendation; the facilitator publishes and the manager answers it. Every page is checked
// with axe (and, as on every page the tests load, for ids used twice and unlabelled fields);
// with SCREENSHOTS=1 the pictures in docs/workshops.md are written.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, launchBrowser, signIn, startServer } from '../lib/harness.mjs';
import { TEST_TIMEOUT_MS, clickButtonAndWait, closePage, isoDay, openAllDetails, openPage, screenshot } from './support.mjs';

describe('a workshop series, page by page', () => {
  let server;
  let browser;
  let facilitator;
  let participant;
  let manager;
  let seriesUrl;

  async function go(page, path) {
    const response = await page.goto(`${server.url}${path}`);
    assert.ok(response.ok(), `${path} answers ${response.status()}`);
  }

  async function a11y(page, label) {
    await openAllDetails(page);
    await checkA11y(page, label);
  }

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    facilitator = await openPage(browser);
    participant = await openPage(browser);
    manager = await openPage(browser);
    await signIn(facilitator, server.url, server.users.facilitator);
    await signIn(participant, server.url, server.users.practitioner);
    await signIn(manager, server.url, server.users.manager);
  });

  after(async () => {
    for (const p of [facilitator, participant, manager]) await closePage(p);
    await browser?.close();
    await server?.stop();
  });

  test('the facilitator makes a series and adds people', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(facilitator, '/cohorts');
    await facilitator.getByLabel('Title', { exact: true }).fill('Recording across services');
    const programme = facilitator.getByLabel('Programme', { exact: true });
    const series = await programme.locator('option', { hasText: 'workshop series' }).getAttribute('value');
    await programme.selectOption(series);
    await facilitator.getByLabel('First day', { exact: true }).fill(isoDay(7));
    await facilitator.getByLabel('Second day', { exact: true }).fill(isoDay(35));
    await facilitator.getByLabel('Third day', { exact: true }).fill(isoDay(63));
    await clickButtonAndWait(facilitator, 'Create the cohort');
    seriesUrl = new URL(facilitator.url()).pathname;
    assert.match(seriesUrl, /^\/cohorts\/\d+$/);
    for (const [email, part] of [
      [server.users.practitioner.email, 'participant'],
      [server.users.manager.email, 'manager'],
    ]) {
      await facilitator.locator('#person-email').fill(email);
      await facilitator.locator('#person-role').selectOption(part);
      await clickButtonAndWait(facilitator, 'Add');
    }
    await go(facilitator, seriesUrl);
    await a11y(facilitator, 'the series home (facilitator)');
  });

  test('workshop one: own life, the elements board, priorities, a change to test', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(participant, `${seriesUrl}/own-life`);
    await participant.getByLabel('Your record', { exact: true }).fill('I overslept; my neighbour drove the children to school.');
    await participant.getByLabel('How did it feel to be written about?', { exact: true }).fill('Exposed.');
    await clickButtonAndWait(participant, 'Save');
    await participant.getByText('Only you can read it.').waitFor();
    await a11y(participant, 'own-life record');

    await go(participant, `${seriesUrl}/boards/elements`);
    for (const card of ["The person's own words", 'A clear chronology']) {
      await participant.getByLabel('An element of good recording', { exact: true }).fill(card);
      await clickButtonAndWait(participant, 'Add the card');
    }
    await participant.getByRole('button', { name: /^Vote for card/ }).first().click();
    await participant.waitForLoadState('load');
    await participant.getByRole('button', { name: /^Take my vote back/ }).first().waitFor();
    await a11y(participant, 'the elements board');
    await screenshot(participant, 'series-board', { fullPage: true });
    await go(facilitator, `${seriesUrl}/boards/elements?view=projector`);
    await a11y(facilitator, 'the elements board on a projector');

    await go(facilitator, `${seriesUrl}/priorities`);
    await a11y(facilitator, 'priorities across services');
    await screenshot(facilitator, 'series-priorities', { fullPage: true });

    await go(participant, `${seriesUrl}/practice`);
    await participant.locator('#change-1').fill("Write the child's own words first.");
    await clickButtonAndWait(participant, 'Save the test (test 1)');
    await participant.locator('#log-note-1').fill('Did it on two visits.');
    await clickButtonAndWait(participant, 'Add to the log (test 1)');
    await a11y(participant, 'a change to test');
    await screenshot(participant, 'series-practice');
    await go(facilitator, `${seriesUrl}/practice`);
    await a11y(facilitator, 'tests of change (facilitator)');
  });

  test('workshops two and three: assets, recommendations, answers', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(participant, `${seriesUrl}/boards/assets`);
    await participant.getByLabel('An asset that supports recording', { exact: true }).fill('Supervision that reads records');
    await participant.getByLabel(/^Cultural/).check();
    await clickButtonAndWait(participant, 'Add the card');
    await a11y(participant, 'the assets map');

    await go(participant, `${seriesUrl}/recommendations`);
    await participant.getByLabel('A recommendation', { exact: true }).fill('Read one record together in every supervision');
    await participant.getByLabel('For a team', { exact: true }).check();
    await participant.getByLabel(/^Asset: Supervision/).check();
    await clickButtonAndWait(participant, 'Add the recommendation');
    await a11y(participant, 'recommendations (participant)');

    await go(facilitator, `${seriesUrl}/recommendations`);
    await clickButtonAndWait(facilitator, 'Publish the recommendations');
    await a11y(facilitator, 'recommendations (facilitator, published)');

    await go(manager, `${seriesUrl}/recommendations`);
    await manager.getByLabel('In progress', { exact: true }).check();
    await manager.getByLabel('What is being done, or why not now', { exact: true }).fill('Starting in May.');
    await clickButtonAndWait(manager, 'Answer');
    await a11y(manager, 'recommendations (leader)');
    await go(participant, `${seriesUrl}/recommendations`);
    await participant.getByText('Starting in May.').waitFor();
    await screenshot(participant, 'series-recommendations', { fullPage: true });

    await go(facilitator, `${seriesUrl}/update`);
    await a11y(facilitator, 'emerging learning');
    await go(facilitator, `${seriesUrl}/impact`);
    await a11y(facilitator, 'practice impact');
  });
});
