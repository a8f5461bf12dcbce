import { expect, test } from '@playwright/test';
import { saveScreenshot, signedInPage } from './support';

// Issue 16, item 4: web addresses in a crud's text are links, safely. Typed with the keyboard, as a person does.

async function postWithTheKeyboard(page, crudText) {
  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await expect(composer.getByLabel('Message', { exact: true })).toBeFocused();
  await page.keyboard.type(crudText);
  await page.keyboard.press('Control+Enter');
  await expect(composer).toBeHidden();
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a web address in a crud is a link to a new tab; a javascript: one is only text', async ({ browser }) => {
    const { page } = await signedInPage(browser, 'Link Writer');
    await page.setViewportSize({ width: 1440, height: 900 });
    const stamp = Date.now().toString(36);
    await postWithTheKeyboard(page, `Docs at https://example.com/docs/${stamp}. Or javascript:alert(document.domain) ${stamp}`);
    const crud = page.getByRole('region', { name: 'Home feed' }).getByRole('article').filter({ hasText: stamp });
    const web = crud.getByRole('link', { name: `https://example.com/docs/${stamp}`, exact: true });
    await expect(web).toHaveAttribute('href', `https://example.com/docs/${stamp}`);
    await expect(web).toHaveAttribute('target', '_blank');
    await expect(web).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    await expect(crud).toContainText('javascript:alert(document.domain)');
    await expect(crud.getByRole('link', { name: /javascript/i })).toHaveCount(0);
    await expect(crud.locator('a[href^="javascript" i]')).toHaveCount(0);
    await saveScreenshot(page, 'crud-with-links');
  });
});
