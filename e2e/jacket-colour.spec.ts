import { expect, type Locator, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { type ColourId, jacketColours } from '../edge/config.ts';
import { colourDistance, type Rgb, rgb } from '../site/integrations/hex-colour.ts';
import { jacketProduct, productPath } from '../site/src/data/catalogue.ts';

const jacketPage = productPath(jacketProduct);
const colourIds = Object.keys(jacketColours.colours) as ColourId[];

/** The colour of most pixels on screen inside the jacket image, read from a real screenshot. */
async function renderedColour(jacket: Locator): Promise<Rgb> {
  const { dominant } = await sharp(await jacket.screenshot()).stats();
  return [dominant.r, dominant.g, dominant.b];
}

async function expectJacketColour(page: Page, colour: ColourId): Promise<void> {
  const jacket = page.getByRole('img', { name: /jacket/i }).first();
  const target = rgb(jacketColours.colours[colour]);
  await expect
    .poll(async () => colourDistance(await renderedColour(jacket), target), {
      message: `the jacket on screen is ${colour} (${jacketColours.colours[colour]})`,
      timeout: 10_000,
    })
    // sharp's dominant colour is bucketed into 8-value bins, and AVIF/JPEG shift colours slightly.
    .toBeLessThanOrEqual(24);
}

test.describe('jacket colour', () => {
  test('choosing a swatch stores the colour and turns the jacket that colour, surviving a reload', async ({
    page,
    context,
  }) => {
    const colour = colourIds.find((c) => c !== jacketColours.default) as ColourId;
    await page.goto(jacketPage);
    await expectJacketColour(page, jacketColours.default);

    await page.getByRole('radio', { name: new RegExp(colour, 'i') }).check();
    await expectJacketColour(page, colour);
    const cookie = (await context.cookies()).find((c) => c.name === jacketColours.cookie);
    expect(cookie?.value, 'colour cookie').toBe(colour);
    expect(cookie?.path).toBe('/');
    expect(cookie?.sameSite).toBe('Lax');

    await page.reload();
    await expectJacketColour(page, colour);
    await expect(page.getByRole('radio', { name: new RegExp(colour, 'i') })).toBeChecked();
  });

  test('an unknown colour in the cookie shows the default colour', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: jacketColours.cookie, value: 'ultraviolet', url: baseURL ?? '' }]);
    await page.goto(jacketPage);
    await expectJacketColour(page, jacketColours.default);
  });
});
