import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// jsdom has <dialog> but not its methods. These follow the HTML standard as far as the tests need:
// showModal() opens the dialog and runs its focusing steps (the first descendant with the autofocus
// attribute, else the first focusable one, as browsers do), close() closes it and fires "close".
const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

HTMLDialogElement.prototype.showModal = function showModal() {
  this.open = true;
  const focusTarget = this.querySelector('[autofocus]') ?? [...this.querySelectorAll(FOCUSABLE)].find((element) => !element.disabled);
  focusTarget?.focus();
};

HTMLDialogElement.prototype.close = function close() {
  if (!this.open) return;
  this.open = false;
  this.dispatchEvent(new Event('close'));
};
