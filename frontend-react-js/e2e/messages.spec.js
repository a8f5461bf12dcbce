import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, typeInto, waitForApp } from './support';

/** The conversation's bubbles, top to bottom. */
const bubbles = (page) => page.locator('.message-thread .message-bubble');

test('two people exchange messages and see each other’s in order; a third cannot open them', async ({ browser }) => {
  test.setTimeout(180_000);
  const ana = await signedInPage(browser, 'Ana Messenger');
  const ben = await signedInPage(browser, 'Ben Messenger');
  const eve = await signedInPage(browser, 'Eve Outsider');
  let conversationUrl;

  await test.step('Ana opens Ben’s profile and starts a conversation', async () => {
    await ana.page.goto(`/@${ben.user.handle}`);
    await waitForApp(ana.page);
    await ana.page.getByRole('link', { name: 'Message', exact: true }).click();
    await expect(ana.page).toHaveURL(new RegExp(`/messages/new/${ben.user.handle}$`));
    await typeInto(ana.page.getByLabel(`Message to @${ben.user.handle}`), 'Hi Ben, first message');
    await ana.page.getByRole('button', { name: 'Send' }).click();
    await expect(ana.page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
    conversationUrl = new URL(ana.page.url()).pathname;
    await expect(bubbles(ana.page)).toHaveText(['Hi Ben, first message']);
  });

  await test.step('Ben finds it in his messages and replies', async () => {
    await ben.page.getByRole('link', { name: 'Messages' }).first().click();
    await waitForApp(ben.page);
    const conversation = ben.page.getByRole('main').getByRole('link', { name: /Ana Messenger/ });
    await expect(conversation).toContainText('Hi Ben, first message');
    await saveScreenshot(ben.page, 'messages-list');
    await expectNoSeriousA11yViolations(ben.page);
    await conversation.click();
    await expect(ben.page).toHaveURL(new RegExp(`${conversationUrl}$`));
    await expect(bubbles(ben.page)).toHaveText(['Hi Ben, first message']);
    await typeInto(ben.page.getByLabel('Message', { exact: true }), 'Hello Ana, a reply');
    await ben.page.getByRole('button', { name: 'Send' }).click();
    await expect(bubbles(ben.page)).toHaveText(['Hi Ben, first message', 'Hello Ana, a reply']);
  });

  await test.step('each sees the other’s new message without reloading, in order', async () => {
    await expect(bubbles(ana.page)).toHaveText(['Hi Ben, first message', 'Hello Ana, a reply']);
    await typeInto(ana.page.getByLabel('Message', { exact: true }), 'Third, from Ana');
    await ana.page.getByRole('button', { name: 'Send' }).click();
    const all = ['Hi Ben, first message', 'Hello Ana, a reply', 'Third, from Ana'];
    await expect(bubbles(ana.page)).toHaveText(all);
    await expect(bubbles(ben.page)).toHaveText(all);
    await saveScreenshot(ana.page, 'conversation');
    await expectNoSeriousA11yViolations(ana.page);
  });

  await test.step('Ben’s conversation list brings Ana’s newest message without a reload', async () => {
    await ben.page.goto('/messages');
    await waitForApp(ben.page);
    const conversation = ben.page.getByRole('main').getByRole('link', { name: /Ana Messenger/ });
    await expect(conversation).toBeVisible();
    await typeInto(ana.page.getByLabel('Message', { exact: true }), 'Fourth, while Ben reads his list');
    await ana.page.getByRole('button', { name: 'Send' }).click();
    // The real-time stream brings it to the open list (no polling); the timeout allows for a loaded machine.
    await expect(conversation).toContainText('Fourth, while Ben reads his list', { timeout: 30_000 });
  });

  await test.step('Ben’s Message button on Ana’s profile opens the same conversation', async () => {
    await ben.page.goto(`/@${ana.user.handle}`);
    await waitForApp(ben.page);
    await ben.page.getByRole('link', { name: 'Message', exact: true }).click();
    await expect(ben.page).toHaveURL(new RegExp(`${conversationUrl}$`));
  });

  await test.step('a third person cannot open the conversation', async () => {
    await eve.page.goto(conversationUrl);
    await waitForApp(eve.page);
    await expect(eve.page.getByText('This conversation does not exist or is not yours')).toBeVisible();
    await expect(bubbles(eve.page)).toHaveCount(0);
    await saveScreenshot(eve.page, 'conversation-not-found');
  });
});
