import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { configureAuth } from '../lib/amplify-loader';

afterEach(() => cleanup());

// findBy*/waitFor give up after 3 s rather than 1 s: `bin/test quick` runs the SPA's tests beside three other
// suites on two cores, where a render can take over a second. A test that waits for something never shown still
// fails, only later.
configure({ asyncUtilTimeout: 3000 });

// Amplify (mocked at its module where a test needs Cognito) is asked only when this browser may hold a
// session (lib/amplify-loader.js). Tests start as if it does, so the mocks decide who is signed in;
// amplify-loader.test.js checks the case of a browser that has never signed in.
beforeEach(() => window.localStorage.setItem('cruddur.auth.session-in-this-test', '1'));
// No Cognito settings: Amplify's module is what tests stand in for.
configureAuth(null);

// The test DOM (happy-dom) opens and closes <dialog> but neither focuses nor handles Escape. These follow the
// HTML standard as far as the tests need: showModal() opens the dialog and runs its focusing steps (the first
// descendant with the autofocus attribute, else the first focusable one, as browsers do), close() closes it and
// fires "close", and Escape asks the topmost modal dialog to close: it fires a cancelable "cancel" and closes
// unless that is cancelled.
const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

const modals = [];

HTMLDialogElement.prototype.showModal = function showModal() {
  this.open = true;
  modals.push(this);
  const focusTarget = this.querySelector('[autofocus]') ?? [...this.querySelectorAll(FOCUSABLE)].find((element) => !element.disabled);
  focusTarget?.focus();
};

HTMLDialogElement.prototype.close = function close() {
  if (!this.open) return;
  this.open = false;
  if (modals.includes(this)) modals.splice(modals.indexOf(this), 1);
  this.dispatchEvent(new Event('close'));
};

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || event.defaultPrevented) return;
  const top = modals.findLast((dialog) => dialog.isConnected && dialog.open);
  if (top && top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close();
});
