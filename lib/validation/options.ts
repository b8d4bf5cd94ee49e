import { countryCodes, countryName } from "./countries";
import { sectorLabels, sectors } from "./organisation";

/** Select options for forms, sorted by name, built from the same lists the schemas check against. */
export function countryOptions() {
  return [...countryCodes].map((code) => ({ value: code, label: countryName(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, "en"));
}

export function sectorOptions() {
  return sectors.map((s) => ({ value: s, label: sectorLabels[s] }));
}
