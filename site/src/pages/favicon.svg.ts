/** The favicon, written at build time so its title is the shop's name (src/data/shop.ts), not a copy of it. */
import type { APIRoute } from 'astro';
import { shop } from '../data/shop.ts';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const GET: APIRoute = () =>
  new Response(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img"><title>${escapeXml(shop.name)}</title><rect width="32" height="32" rx="7" fill="#1d2430"/><path d="M4 25 L13 11 L18 18 L21 14 L28 25 Z" fill="#f3b98a"/><circle cx="23" cy="8" r="3" fill="#fbe8c8"/></svg>\n`,
    { headers: { 'Content-Type': 'image/svg+xml' } },
  );
