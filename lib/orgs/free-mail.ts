/**
 * Public email providers: an address there proves nothing about an organisation.
 * Kept as data so moderators can extend it without touching the logic.
 */
export const freeMailDomains: ReadonlySet<string> = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
  "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.co.jp", "ymail.com", "rocketmail.com", "aol.com",
  "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io",
  "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.ru", "yandex.com",
  "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com", "126.com", "naver.com", "daum.net",
  "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "libero.it", "orange.fr", "free.fr", "laposte.net",
  "t-online.de", "btinternet.com", "comcast.net", "verizon.net", "att.net", "rediffmail.com",
  "example.com", "example.org", "example.net", "mailinator.com", "guerrillamail.com", "10minutemail.com",
]);

export function isFreeMailDomain(domain: string): boolean {
  return freeMailDomains.has(domain.toLowerCase());
}
