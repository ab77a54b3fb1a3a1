/**
 * Real browsers' User-Agent strings, one table for every test and bench. CloudFront derives its device headers
 * (CloudFront-Is-Mobile-Viewer and the rest, rule 4) from this header, so each entry says which class it falls in.
 */
export type DeviceClass = 'desktop' | 'mobile' | 'tablet' | 'smarttv';

export const userAgents = {
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidPhone:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidTablet:
    'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  windowsFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  linuxChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  smartTv:
    'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
} as const;

export type UserAgentName = keyof typeof userAgents;

/** The class CloudFront puts each agent in (a crawler counts as a desktop). */
export const deviceClassOf: Record<UserAgentName, DeviceClass> = {
  iphone: 'mobile',
  androidPhone: 'mobile',
  ipad: 'tablet',
  androidTablet: 'tablet',
  windowsChrome: 'desktop',
  macSafari: 'desktop',
  windowsFirefox: 'desktop',
  linuxChrome: 'desktop',
  smartTv: 'smarttv',
  googlebot: 'desktop',
};

/** One typical agent per class, for a test that needs "a phone", "a tablet", "a desktop". */
export const deviceUserAgents = {
  desktop: userAgents.windowsChrome,
  mobile: userAgents.iphone,
  tablet: userAgents.ipad,
  smarttv: userAgents.smartTv,
} as const satisfies Record<DeviceClass, string>;

/** Every agent of one class. */
export function userAgentsOf(device: DeviceClass): string[] {
  return (Object.keys(userAgents) as UserAgentName[])
    .filter((name) => deviceClassOf[name] === device)
    .map((name) => userAgents[name]);
}
