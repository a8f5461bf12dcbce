import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, signUpAndSignIn, uniqueUser, waitForApp } from './support';

// Typed as a person types: a short pause between keys (well under the availability check's wait).
const KEY_DELAY_MS = 40;

const field = (page, label) => page.getByLabel(label, { exact: true });
const navigation = (page) => page.getByRole('navigation', { name: 'Main' });

/** Clicks into the field, clears what is there and types `text` with the keyboard. */
async function clickAndType(page, label, text) {
  await field(page, label).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text, { delay: KEY_DELAY_MS });
}

/** Tabs to the next field, checks it is the one expected, and types into it. */
async function tabAndType(page, label, text) {
  await page.keyboard.press('Tab');
  await expect(field(page, label)).toBeFocused();
  await page.keyboard.type(text, { delay: KEY_DELAY_MS });
}

/** Fills the sign-up form from Name to Password, a field at a time with Tab between them. */
async function typeSignUp(page, user) {
  await clickAndType(page, 'Name', user.name);
  await tabAndType(page, 'Email', user.email);
  await tabAndType(page, 'Username', user.handle);
  await tabAndType(page, 'Password', user.password);
}

test('the sign-up form says whether a username is free, and refuses a taken one', async ({ page, browser }) => {
  // A person who already has a username (nobody is seeded in the e2e stack).
  const { page: ownerPage, user: owner } = await signedInPage(browser, 'Username Owner');
  await ownerPage.context().close();
  const newcomer = { ...uniqueUser(), name: 'New Comer', handle: owner.handle };

  await page.goto('/signup');
  await waitForApp(page);

  await test.step('a taken username is marked as taken while typing', async () => {
    await typeSignUp(page, newcomer);
    await expect(page.getByText(`@${owner.handle} is taken`)).toBeVisible();
    await expect(field(page, 'Username')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page, 'Username')).toHaveAccessibleDescription(new RegExp(`@${owner.handle} is taken`));
    await saveScreenshot(page, 'signup-username-taken');
  });

  await test.step('Sign up is refused and the form stays', async () => {
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('alert')).toHaveText(`Username: @${owner.handle} is taken. Choose another one.`);
    await expect(page).toHaveURL(/\/signup$/);
    await expect(field(page, 'Email')).toHaveValue(newcomer.email);
  });

  await test.step('a free username is marked as available, and signs up', async () => {
    const free = uniqueUser().handle;
    await clickAndType(page, 'Username', free);
    await expect(page.getByText(`@${free} is available`)).toBeVisible();
    await expect(field(page, 'Username')).toHaveAccessibleDescription(new RegExp(`@${free} is available`));
    await expect(field(page, 'Username')).not.toHaveAccessibleDescription(/is taken/);
    await expect(field(page, 'Username')).not.toHaveAttribute('aria-invalid');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'signup-username-available');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page).toHaveURL(/\/confirm\?email=/);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a username taken between sign-up and first sign-in is chosen again, then Home', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const ana = { ...uniqueUser(), name: 'Ana Late' };
    const wanted = ana.handle;
    const chosen = uniqueUser().handle;

    await test.step('Ana signs up with a username no one has yet', async () => {
      await page.goto('/signup');
      await waitForApp(page);
      await typeSignUp(page, ana);
      await expect(page.getByText(`@${wanted} is available`)).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/confirm\?email=/);
    });

    await test.step('before Ana confirms, Ben signs up with the same username and signs in first', async () => {
      const benContext = await browser.newContext();
      await signUpAndSignIn(await benContext.newPage(), { ...uniqueUser(), name: 'Ben Quick', handle: wanted });
      await benContext.close();
    });

    await test.step('Ana confirms (which signs her in), and is asked for another username', async () => {
      await clickAndType(page, 'Confirmation code', '123456');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: 'Choose your username' })).toBeVisible();
      await expect(page.getByText(`Someone else took @${wanted} before you first signed in.`)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Crud' })).toHaveCount(0);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'choose-username-phone');
    });

    await test.step('the wanted username is still taken; a free one is available and saved', async () => {
      await clickAndType(page, 'Username', wanted);
      await expect(page.getByText(`@${wanted} is taken`)).toBeVisible();
      await clickAndType(page, 'Username', chosen);
      await expect(page.getByText(`@${chosen} is available`)).toBeVisible();
      await page.getByRole('button', { name: 'Save' }).click();
    });

    await test.step('Ana lands signed in on Home as the chosen username', async () => {
      await expect(page).toHaveURL(/\/$/);
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Crud' })).toBeVisible();
      await expect(navigation(page).getByRole('link', { name: 'Profile' })).toHaveAttribute('href', `/@${chosen}`);
      await saveScreenshot(page, 'choose-username-home-phone');
    });

    await test.step('her profile has the chosen username', async () => {
      await navigation(page).getByRole('link', { name: 'Profile' }).click();
      await waitForApp(page);
      await expect(page.getByRole('region', { name: 'Profile' })).toContainText(`@${chosen}`);
      await expect(page.getByRole('region', { name: 'Profile' })).toContainText('Ana Late');
    });
  });
});
