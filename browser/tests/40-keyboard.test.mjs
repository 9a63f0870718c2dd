// Keyboard only: Tab, Shift+Tab, Enter, arrow keys and typing, no mouse. A practitioner signs in,
// goes to "Write a record", writes one, reads why a finding matters, saves, and attaches a
// family view; at every stop the focus must be visible, on screen, and different from how the
// element looks without it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULTY_RECORD, NON_COMPLIANT, TEST_TIMEOUT_MS, andWaitForPage, closePage, openPage, withServerAndBrowser } from './support.mjs';

/**
 * The element with the focus: what it is, its name as a person would read it, and its look
 * with and without the focus (read by blurring and refocusing it, which the pages do not
 * react to), and where it is.
 */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', name: '' };
    const look = (s) => ({
      outlineStyle: s.outlineStyle,
      outlineWidth: s.outlineWidth,
      outlineColor: s.outlineColor,
      boxShadow: s.boxShadow,
      backgroundColor: s.backgroundColor,
    });
    const withFocus = look(getComputedStyle(el));
    el.blur();
    const without = look(getComputedStyle(el));
    el.focus({ preventScroll: true });
    const label = el.labels && el.labels.length > 0 ? el.labels[0].textContent : '';
    const name = (el.getAttribute('aria-label') || label || el.innerText || '').replace(/\s+/g, ' ').trim();
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name,
      withFocus,
      without,
      refocused: document.activeElement === el,
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  });
}

const transparent = (colour) => /^rgba\(.*,\s*0\)$/.test(colour) || colour === 'transparent';

/**
 * Whether the focus can be seen: an outline that is drawn (a style, a width and a colour), or
 * a box-shadow that the element does not have without the focus.
 */
function focusVisible({ withFocus, without }) {
  const outline = withFocus.outlineStyle !== 'none' && parseFloat(withFocus.outlineWidth) > 0 && !transparent(withFocus.outlineColor);
  const shadow = withFocus.boxShadow !== 'none' && withFocus.boxShadow !== without.boxShadow;
  return outline || shadow;
}

const describeFocus = (f) => `${f.tag}${f.id ? `#${f.id}` : ''} "${f.name}"`;

/** Presses a key and returns what then has the focus, having checked the focus can be seen. */
async function press(page, key) {
  await page.keyboard.press(key);
  const f = await focused(page);
  assert.notEqual(f.tag, 'body', `after ${key}, something has the focus`);
  assert.ok(f.refocused, `the focus stays on ${describeFocus(f)}`);
  assert.ok(focusVisible(f), `the focus on ${describeFocus(f)} is visible: ${JSON.stringify(f.withFocus)} (without focus ${JSON.stringify(f.without)})`);
  assert.ok(f.onScreen, `${describeFocus(f)} is on screen when it has the focus`);
  return f;
}

/** Presses Tab (or Shift+Tab) until `wanted` has the focus, checking every stop on the way. */
async function tabTo(page, wanted, { key = 'Tab', max = 60 } = {}) {
  const path = [];
  for (let i = 0; i < max; i += 1) {
    const f = await press(page, key);
    path.push(describeFocus(f));
    if (wanted(f)) return { focus: f, path };
  }
  throw new Error(`${key} never reached the element wanted; the focus went: ${path.join(' → ')}`);
}

const named = (name, tag) => (f) => f.name === name && (!tag || f.tag === tag);

describe('keyboard only', () => {
  let server;
  let browser;
  withServerAndBrowser((s, b) => ([server, browser] = [s, b]));

  test('sign in, write a record, read a finding, save and attach a view without a mouse', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const page = await openPage(browser);
    const { email, password } = server.users.practitioner;
    try {
      await page.goto(`${server.url}/signin`);

      // The first Tab reaches the skip link, which takes the focus past the header.
      let f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'a "Skip to main content"');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'input#email "Email address"');
      await page.keyboard.type(email);
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'input#password "Password"');
      await page.keyboard.type(password);
      await andWaitForPage(page, () => page.keyboard.press('Enter'));
      assert.equal(new URL(page.url()).pathname, '/records');

      // Every page starts with the skip link; the main navigation follows.
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'a "Skip to main content"');
      const toWrite = await tabTo(page, named('Write a record', 'a'));
      t.diagnostic(`to "Write a record": ${toWrite.path.join(' → ')}`);
      assert.deepEqual(toWrite.path, ['a "Recordwell"', 'a "Records"', 'a "Write a record"'], 'the navigation comes straight after the skip link');
      await andWaitForPage(page, () => page.keyboard.press('Enter'));
      assert.equal(new URL(page.url()).pathname, '/records/new');

      await tabTo(page, named('Title', 'input'));
      await page.keyboard.type('Review meeting, by keyboard');
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'select#record_type "Type of record"');
      // Typing on a closed list picks the option that starts with what was typed (one letter:
      // a slow machine's pause between letters would start a new search).
      await page.keyboard.type('D');
      assert.equal(await page.locator('#record_type').inputValue(), 'detailed');
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'textarea#body "Record"');
      await page.keyboard.type(FAULTY_RECORD);
      await page.locator('#feedback-live li.rw-finding', { hasText: NON_COMPLIANT }).waitFor();

      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'button "Save"');
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'button "Check"');
      // Then into the feedback panel: the first finding's "Why this matters" opens with Enter.
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'summary "Why this matters"');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#feedback-live details').first().evaluate((d) => d.open), true);
      // And back to Save.
      f = await press(page, 'Shift+Tab');
      assert.equal(describeFocus(f), 'button "Check"');
      f = await press(page, 'Shift+Tab');
      assert.equal(describeFocus(f), 'button "Save"');
      await andWaitForPage(page, () => page.keyboard.press('Enter'));
      assert.match(new URL(page.url()).pathname, /^\/records\/\d+$/);
      await page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).waitFor();
      assert.equal(await page.locator('#body').inputValue(), FAULTY_RECORD);

      // Past the text, the findings and the sharing button, to the family view form.
      const toView = await tabTo(page, named('Whose view', 'input'), { max: 80 });
      t.diagnostic(`to "Whose view": ${toView.path.length} stops`);
      await page.keyboard.type('Mother');
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'select#kind "Kind"');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('#kind').inputValue(), 'disagreement');
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'textarea#comment "What they said"');
      await page.keyboard.type('I went to every meeting I was told about.');
      f = await press(page, 'Tab');
      assert.equal(describeFocus(f), 'button "Attach their view"');
      await andWaitForPage(page, () => page.keyboard.press('Enter'));
      await page.locator('article.rw-comment').getByRole('heading', { name: 'Mother: They disagree with the record' }).waitFor();
    } finally {
      await closePage(page);
    }
  });
});
