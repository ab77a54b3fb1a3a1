import { addToBag } from '../../../edge/config.ts';
import { addItem, conversionUrl, isSku, itemCount, parseBag } from '../lib/bag.ts';

/**
 * "Add to bag": the item goes into the bag in localStorage, and one request goes to the conversion
 * object, which CloudFront logs with the visitor's experiment cookie. `cache: 'no-store'` (and the
 * object's `Cache-Control: no-store`) make every press reach CloudFront: a response from the browser's
 * cache would not be logged, and the conversion would be lost. The button is hidden until this runs, so
 * a visitor without JavaScript never sees a button that does nothing.
 */
export function startAddToBag(button: HTMLButtonElement): void {
  const sku = button.dataset.sku;
  if (!isSku(sku)) return;
  const status = document.getElementById(button.getAttribute('aria-describedby') ?? '');
  button.hidden = false;
  button.addEventListener('click', () => {
    const bag = addItem(parseBag(readStored()), sku);
    const saved = writeStored(JSON.stringify(bag));
    const count = itemCount(bag);
    if (status) {
      status.textContent = saved
        ? `Added. Your bag holds ${count} ${count === 1 ? 'item' : 'items'}.`
        : 'Added for this visit (this browser does not let the shop remember your bag).';
    }
    // The visitor's bag does not depend on the answer: a failed request only loses the count.
    fetch(conversionUrl(addToBag.path, sku), { cache: 'no-store', credentials: 'same-origin' }).catch(
      () => {},
    );
  });
}

/** localStorage can throw (storage disabled, a sandboxed frame) or be full: the bag then lasts the visit. */
function readStored(): string | null {
  try {
    return localStorage.getItem(addToBag.storageKey);
  } catch {
    return null;
  }
}

function writeStored(value: string): boolean {
  try {
    localStorage.setItem(addToBag.storageKey, value);
    return true;
  } catch {
    return false;
  }
}
