import type { ColourId } from '../../../edge/config.ts';
import { isColourId } from '../../../edge/lib/image-request.ts';
import { colourCookie, colourFromCookies, colourLabel } from '../lib/colour-cookie.ts';

/**
 * The jacket keeps one URL (/images/jacket) whatever the colour: the edge reads the colour cookie and
 * answers with that colour's object. So after a choice the browser must fetch that URL again, bypassing
 * its HTTP cache, and show what comes back. The <img> gets it as a data: URL, which the CSP's img-src
 * already allows (a blob: URL would need a CSP change); re-setting the same src would show the old
 * image from the browser's memory cache.
 */
export function startColourPicker(picker: HTMLFieldSetElement): void {
  const image = document.getElementById(picker.dataset.image ?? '');
  if (!(image instanceof HTMLImageElement)) return;
  const canonicalUrl = image.getAttribute('src') ?? '';
  const baseAlt = image.alt;
  const name = picker.querySelector('[data-colour-name]');
  const status = picker.querySelector('[data-colour-status]');
  let latestRequest = 0;

  const showChoice = (colour: ColourId) => {
    const radio = picker.querySelector<HTMLInputElement>(`input[value="${colour}"]`);
    if (radio) radio.checked = true;
    if (name) name.textContent = colourLabel(colour);
    image.alt = `${baseAlt}, in ${colourLabel(colour).toLowerCase()}`;
  };

  const stored = colourFromCookies(document.cookie);
  if (stored) showChoice(stored);

  picker.addEventListener('change', async (event) => {
    const value = (event.target as HTMLInputElement | null)?.value;
    if (!isColourId(value)) return;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Safari and older browsers.
    document.cookie = colourCookie(value, location.protocol === 'https:');
    showChoice(value);
    // Only the newest choice may update the picture, however the responses race.
    const request = ++latestRequest;
    image.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(canonicalUrl, { cache: 'reload', credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const dataUrl = await asDataUrl(await response.blob());
      if (request !== latestRequest) return;
      image.src = dataUrl;
      image.dataset.colour = value;
      if (status) status.textContent = '';
    } catch {
      if (request === latestRequest && status)
        status.textContent = 'The picture could not be updated; reload the page to see it.';
    } finally {
      if (request === latestRequest) image.removeAttribute('aria-busy');
    }
  });
}

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
