import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, typeInto, waitForApp } from './support';

// Two people in two browser contexts; whatever one does reaches the other's open page through the real-time
// stream (the stream process bin/test starts), with no reload and no polling to wait for (the badge's
// fallback poll is 30 s, longer than every wait here).
const LIVE = { timeout: 8_000 };
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

const bubbles = (page) => page.locator('.message-thread .message-bubble');

async function postCrud(page, text) {
  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await typeInto(composer.getByLabel('Message', { exact: true }), text);
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(composer).toHaveCount(0);
}

async function sendMessage(page, text) {
  await typeInto(page.getByLabel('Message', { exact: true }), text);
  await page.getByRole('button', { name: 'Send' }).click();
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`at ${size}: a message arrives live in the open conversation and in the conversation list`, async ({ browser }) => {
    test.setTimeout(180_000);
    const ana = await signedInPage(browser, 'Ana Live');
    const ben = await signedInPage(browser, 'Ben Live');
    await ana.page.setViewportSize(viewport);
    await ben.page.setViewportSize(viewport);

    await test.step('Ben has his (empty) Messages open; Ana’s first message brings the conversation to it', async () => {
      await ben.page.goto('/messages');
      await waitForApp(ben.page);
      await expect(ben.page.getByText('No conversations yet')).toBeVisible();
      await ana.page.goto(`/messages/new/${ben.user.handle}`);
      await waitForApp(ana.page);
      await typeInto(ana.page.getByLabel(`Message to @${ben.user.handle}`), 'Hello Ben, live');
      await ana.page.getByRole('button', { name: 'Send' }).click();
      await expect(ana.page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
      const conversation = ben.page.getByRole('main').getByRole('link', { name: /Ana Live/ });
      await expect(conversation).toContainText('Hello Ben, live', LIVE);
      await expect(conversation).toContainText('(unread)');
    });

    await test.step('Ben opens it; Ana’s next messages appear in it as she sends them', async () => {
      await ben.page.getByRole('main').getByRole('link', { name: /Ana Live/ }).click();
      await expect(bubbles(ben.page)).toHaveText(['Hello Ben, live']);
      await sendMessage(ana.page, 'Are you there?');
      await expect(bubbles(ben.page)).toHaveText(['Hello Ben, live', 'Are you there?'], LIVE);
      await sendMessage(ben.page, 'Yes, reading live');
      await expect(bubbles(ana.page)).toHaveText(['Hello Ben, live', 'Are you there?', 'Yes, reading live'], LIVE);
      await saveScreenshot(ben.page, `realtime-conversation-${viewport.width}`);
      await expectNoSeriousA11yViolations(ben.page);
    });

    await test.step('back on his list, a third person’s and then Ana’s messages reorder it live', async () => {
      const cal = await signedInPage(browser, 'Cal Live');
      await ben.page.goto('/messages');
      await waitForApp(ben.page);
      const list = ben.page.getByRole('main').getByRole('listitem');
      await cal.page.goto(`/messages/new/${ben.user.handle}`);
      await waitForApp(cal.page);
      await typeInto(cal.page.getByLabel(`Message to @${ben.user.handle}`), 'Cal says hi');
      await cal.page.getByRole('button', { name: 'Send' }).click();
      await expect(list.first()).toContainText('Cal says hi', LIVE);
      await sendMessage(ana.page, 'Ana again, on top');
      await expect(list.first()).toContainText('Ana again, on top', LIVE);
      await expect(list.first()).toContainText('(unread)');
      await expect(list.nth(1)).toContainText('Cal says hi');
      await cal.page.context().close();
    });
  });

  test(`at ${size}: the badge counts up live, a follower’s Home shows “new cruds” and inserts them, a deleted crud leaves`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const ana = await signedInPage(browser, 'Ana Poster');
    const ben = await signedInPage(browser, 'Ben Reader');
    await ana.page.setViewportSize(viewport);
    await ben.page.setViewportSize(viewport);
    const navigation = ana.page.getByRole('navigation', { name: 'Main' });
    const first = `First of Ana’s, before the follow ${Date.now().toString(36)}`;

    await test.step('Ana posts, then stays on Home; Ben’s follow counts on her badge without a reload', async () => {
      await postCrud(ana.page, first);
      await expect(ana.page.getByRole('article').first()).toContainText(first);
      await expect(navigation.getByLabel(/unread/)).toHaveCount(0);
      await ben.page.goto(`/@${ana.user.handle}`);
      await waitForApp(ben.page);
      await ben.page.getByRole('button', { name: 'Follow', exact: true }).click();
      await expect(navigation.getByLabel('1 unread')).toBeVisible(LIVE);
    });

    await test.step('Ben likes her crud: her badge says 2', async () => {
      await ben.page.getByRole('link', { name: 'Home' }).first().click();
      await waitForApp(ben.page);
      const crud = ben.page.getByRole('article').filter({ hasText: first });
      await crud.getByRole('button', { name: 'Like (0)' }).click();
      await expect(navigation.getByLabel('2 unread')).toBeVisible(LIVE);
      await saveScreenshot(ana.page, `realtime-badge-${viewport.width}`);
    });

    const second = `Second of Ana’s, arriving live ${Date.now().toString(36)}`;
    await test.step('Ana posts again: Ben’s Home offers “1 new crud” and leaves the list as it is', async () => {
      await postCrud(ana.page, second);
      const pill = ben.page.getByRole('status').getByRole('button', { name: '1 new crud' });
      await expect(pill).toBeVisible(LIVE);
      await expect(ben.page.getByRole('article')).toHaveCount(1);
      await expect(ben.page.getByRole('article').first()).toContainText(first);
      await saveScreenshot(ben.page, `realtime-new-cruds-${viewport.width}`);
      await expectNoSeriousA11yViolations(ben.page);
    });

    await test.step('Ben chooses it: the crud goes on top, the pill goes, the focus is on the new crud', async () => {
      await ben.page.getByRole('button', { name: '1 new crud' }).click();
      await expect(ben.page.getByRole('article')).toHaveCount(2);
      await expect(ben.page.getByRole('article').first()).toContainText(second);
      await expect(ben.page.getByRole('button', { name: /new crud/ })).toHaveCount(0);
      await expect(ben.page.getByRole('article').first().locator(':focus')).toHaveCount(1);
    });

    await test.step('Ana deletes her second crud: it leaves Ben’s screen', async () => {
      ana.page.once('dialog', (dialog) => dialog.accept());
      await ana.page.getByRole('article').filter({ hasText: second }).getByRole('button', { name: 'Delete' }).click();
      await expect(ben.page.getByRole('article').filter({ hasText: second })).toHaveCount(0, LIVE);
      await expect(ben.page.getByRole('article')).toHaveCount(1);
    });
  });
}

test('at 390×844: choosing “new cruds” while reading further down keeps the crud being read in place', async ({ browser }) => {
  test.setTimeout(180_000);
  const ana = await signedInPage(browser, 'Ana Prolific');
  const ben = await signedInPage(browser, 'Ben Scroller');
  await ben.page.setViewportSize({ width: 390, height: 844 });
  for (const n of [1, 2, 3, 4]) {
    await postCrud(ana.page, `Ana’s crud number ${n}, long enough to wrap over a couple of lines on a phone screen`);
  }
  await ben.page.goto(`/@${ana.user.handle}`);
  await waitForApp(ben.page);
  await ben.page.getByRole('button', { name: 'Follow', exact: true }).click();
  await ben.page.getByRole('link', { name: 'Home' }).first().click();
  await waitForApp(ben.page);
  await expect(ben.page.getByRole('article')).toHaveCount(4);
  // Ben reads crud number 2, scrolled down to it.
  const reading = ben.page.getByRole('article').filter({ hasText: 'number 2' });
  // Scrolled again on each poll: a render that lands just after the first scroll (the list refetched as the
  // stream connects) may take the page back to the top.
  await expect
    .poll(async () => {
      await reading.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 300));
      return ben.page.evaluate(() => window.scrollY);
    })
    .toBeGreaterThan(0);
  const before = await reading.boundingBox();

  await postCrud(ana.page, 'Ana’s fifth, while Ben reads further down');
  await ben.page.getByRole('button', { name: '1 new crud' }).click();
  await expect(ben.page.getByRole('article')).toHaveCount(5);
  await expect(ben.page.getByRole('article').first()).toContainText('fifth');
  const after = await reading.boundingBox();
  expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(2);
});
