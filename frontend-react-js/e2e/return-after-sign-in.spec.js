import { expect, test } from '@playwright/test';
import { signedInPage, uniqueUser, waitForApp } from './support';

// Issue 16, item 5: signing in (or up) from a page that needs an account brings you back to it. Typed with
// the keyboard, as a person does.

async function typeInto(page, label, text) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(text);
}

/** Signs up and confirms (the local Cognito takes any code): from the confirmation, the person is signed in. */
async function signUpWithTheKeyboard(page, user) {
  await typeInto(page, 'Name', user.name);
  await typeInto(page, 'Email', user.email);
  await typeInto(page, 'Username', user.handle);
  await typeInto(page, 'Password', user.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/confirm/);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(user.email);
  await typeInto(page, 'Confirmation code', '123456');
  await page.keyboard.press('Enter');
}

test.use({ viewport: { width: 1440, height: 900 } });

test('signing in from /messages lands back on /messages', async ({ browser }) => {
  const user = uniqueUser();
  const first = await browser.newContext();
  const signUpPage = await first.newPage();
  await signUpPage.goto('/signup');
  await waitForApp(signUpPage);
  await signUpWithTheKeyboard(signUpPage, user);
  await expect(signUpPage).not.toHaveURL(/\/confirm/);
  await first.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/messages');
  await expect(page).toHaveURL(/\/signin$/);
  await waitForApp(page);
  await typeInto(page, 'Email', user.email);
  await typeInto(page, 'Password', user.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/messages$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await context.close();
});

test('"Sign in to reply" on a crud’s page, and Sign in in the navigation, come back to that page', async ({ browser }) => {
  const { page: author, user } = await signedInPage(browser, 'Ana Author');
  await author.getByRole('button', { name: 'Crud' }).click();
  await author.keyboard.type(`Sign in and answer me ${user.handle}`);
  await author.keyboard.press('Control+Enter');
  const crud = author.getByRole('region', { name: 'Home feed' }).getByRole('article').filter({ hasText: user.handle });
  await crud.getByRole('link', { name: /open this crud/ }).click();
  await expect(author).toHaveURL(/\/status\//);
  const crudPath = new URL(author.url()).pathname;

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(crudPath);
  await waitForApp(page);
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await typeInto(page, 'Email', user.email);
  await typeInto(page, 'Password', user.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${crudPath}$`));
  await expect(page.getByLabel(`Reply to @${user.handle}`)).toBeVisible();

  await test.step('the navigation’s Sign in on a search comes back to the search', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('dialog', { name: 'Sign out of Cruddur?' }).getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Crud' })).toHaveCount(0);
    await page.goto('/search?term=answer');
    await waitForApp(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click();
    await typeInto(page, 'Email', user.email);
    await typeInto(page, 'Password', user.password);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/search\?term=answer$/);
  });
  await context.close();
});

test('signing up from /messages: once the email is confirmed, the person is signed in and back on /messages', async ({ page }) => {
  const user = uniqueUser();
  await page.goto('/messages');
  await expect(page).toHaveURL(/\/signin$/);
  await waitForApp(page);
  await page.getByRole('link', { name: 'Sign up' }).last().click();
  await expect(page).toHaveURL(/\/signup$/);
  await signUpWithTheKeyboard(page, user);
  await expect(page).toHaveURL(/\/messages$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Crud' })).toBeVisible();
  // The password was kept in memory only.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + JSON.stringify(history.state));
  expect(stored).not.toContain(user.password);
});

test('confirming after a reload (the password is gone from memory) leads to sign in with the email filled in', async ({ page }) => {
  const user = uniqueUser();
  await page.goto('/messages');
  await waitForApp(page);
  await page.getByRole('link', { name: 'Sign up' }).last().click();
  await typeInto(page, 'Name', user.name);
  await typeInto(page, 'Email', user.email);
  await typeInto(page, 'Username', user.handle);
  await typeInto(page, 'Password', user.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/confirm/);
  await page.reload();
  await waitForApp(page);
  await typeInto(page, 'Confirmation code', '123456');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(user.email);
  await typeInto(page, 'Password', user.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/messages$/);
});
