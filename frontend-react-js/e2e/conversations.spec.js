import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, waitForApp } from './support';

// Conversations as people expect them: who it is with, a way back, an unread badge, and "New message".

const bubbles = (page) => page.locator('.message-thread .message-bubble');

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height}: New message finds a person by typing; the header names them, Back works, the badge clears on reading`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const ana = await signedInPage(browser, 'Ana Unread');
    const ben = await signedInPage(browser, 'Ben Writer');
    await ana.page.setViewportSize(viewport);
    await ben.page.setViewportSize(viewport);
    const text = `Hello Ana, from New message ${Date.now().toString(36)}`;

    await test.step('Ben opens Messages, chooses New message, and Escape closes it', async () => {
      await ben.page.goto('/messages');
      await waitForApp(ben.page);
      await ben.page.getByRole('button', { name: 'New message' }).click();
      const dialog = ben.page.getByRole('dialog', { name: 'New message' });
      await expect(dialog.getByRole('combobox', { name: 'Find a person' })).toBeFocused();
      await ben.page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });

    await test.step('Ben types part of Ana’s username, picks her with the keyboard and sends', async () => {
      await ben.page.getByRole('button', { name: 'New message' }).click();
      const dialog = ben.page.getByRole('dialog', { name: 'New message' });
      const field = dialog.getByRole('combobox', { name: 'Find a person' });
      await field.pressSequentially(ana.user.handle, { delay: 20 });
      const option = dialog.getByRole('option', { name: new RegExp(`@${ana.user.handle}$`) });
      await expect(option).toBeVisible();
      // Other test accounts may match too: arrow down to Ana, as a person would.
      const options = dialog.getByRole('option');
      for (let step = 0; step < (await options.count()) && (await option.getAttribute('aria-selected')) !== 'true'; step += 1) {
        await ben.page.keyboard.press('ArrowDown');
      }
      await expect(option).toHaveAttribute('aria-selected', 'true');
      await expect(field).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id')) ?? '');
      await ben.page.keyboard.press('Enter');
      await expect(ben.page).toHaveURL(new RegExp(`/messages/new/${ana.user.handle}$`));
      await expect(ben.page.getByRole('heading', { level: 1, name: 'Ana Unread' })).toBeVisible();
      const box = ben.page.getByLabel(`Message to @${ana.user.handle}`);
      await expect(box).toBeFocused();
      await ben.page.keyboard.type(text);
      await ben.page.keyboard.press('Tab');
      await expect(ben.page.getByRole('button', { name: 'Send' })).toBeFocused();
      await ben.page.keyboard.press('Enter');
      await expect(ben.page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
      await expect(bubbles(ben.page)).toHaveText([text]);
    });

    await test.step('the conversation header names Ana and links to her profile; Back returns to Messages', async () => {
      const header = ben.page.getByRole('main').locator('header').first();
      await expect(header.getByRole('heading', { level: 1 })).toHaveText('Ana Unread');
      await expect(header.getByRole('link', { name: `@${ana.user.handle}` })).toHaveAttribute('href', `/@${ana.user.handle}`);
      await saveScreenshot(ben.page, `conversation-header-${viewport.width}`);
      await header.getByRole('link', { name: 'Back to Messages' }).click();
      await expect(ben.page).toHaveURL(/\/messages$/);
      await expect(ben.page.getByRole('main').getByRole('link', { name: /Ana Unread/ })).toContainText(text);
    });

    await test.step('Ana sees an unread badge on Messages, which clears once she reads the conversation', async () => {
      await ana.page.reload();
      await waitForApp(ana.page);
      const navigation = ana.page.getByRole('navigation', { name: 'Main' });
      const messagesLink = navigation.getByRole('link', { name: /Messages/ });
      await expect(messagesLink.getByLabel('1 unread conversation')).toBeVisible();
      await saveScreenshot(ana.page, `messages-badge-${viewport.width}`);
      await messagesLink.click();
      await waitForApp(ana.page);
      const conversation = ana.page.getByRole('main').getByRole('link', { name: /Ben Writer/ });
      await expect(conversation).toContainText('(unread)');
      await conversation.click();
      await expect(ana.page.getByRole('heading', { level: 1, name: 'Ben Writer' })).toBeVisible();
      await expect(bubbles(ana.page)).toHaveText([text]);
      await expect(messagesLink.getByLabel(/unread/)).toHaveCount(0);
      await expectNoSeriousA11yViolations(ana.page);
      // Still read after a reload: the server knows.
      await ana.page.reload();
      await waitForApp(ana.page);
      await expect(ana.page.getByRole('heading', { level: 1, name: 'Ben Writer' })).toBeVisible();
      await expect(messagesLink.getByLabel(/unread/)).toHaveCount(0);
    });
  });
}
