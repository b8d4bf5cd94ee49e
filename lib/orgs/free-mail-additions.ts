/**
 * Our own additions to the maintained free and disposable mail list (the npm package
 * free-email-domains-list, pinned in package.json). Add a domain here when a public provider is
 * found missing upstream; the list is exact domains, ASCII or Unicode (both are compared as ASCII).
 */
export const freeMailAdditions: readonly string[] = [
  // Large providers, kept here too so a smaller upstream release can never drop them silently.
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "live.com", "msn.com",
  "outlook.de", "outlook.fr", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.co.jp", "ymail.com", "rocketmail.com",
  "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com",
  "tuta.io", "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "mail.com", "mail.ru", "yandex.ru", "yandex.com",
  "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com", "126.com", "naver.com", "daum.net", "seznam.cz", "wp.pl",
  "o2.pl", "interia.pl", "libero.it", "orange.fr", "free.fr", "laposte.net", "t-online.de", "btinternet.com",
  "comcast.net", "verizon.net", "att.net", "rediffmail.com", "mailinator.com", "guerrillamail.com", "10minutemail.com",
  // Reserved documentation domains (RFC 2606): nobody's organisation.
  "example.com", "example.org", "example.net",
];
