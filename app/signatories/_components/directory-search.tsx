"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import {
  type FormEvent,
  type ReactNode,
  type TransitionStartFunction,
  createContext,
  use,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  useTransition,
} from "react";
import { directoryPath } from "@/lib/paths";
import { countryName } from "@/lib/validation/countries";
import { type DirectoryFormField, directoryFormFields, formSearchString } from "./form-query";

export type DirectorySelect = {
  name: Exclude<DirectoryFormField, "q">;
  label: string;
  /** The blank option ("All countries"); null when the select always has a value (the sort). */
  allLabel: string | null;
  options: { value: string; label: string }[];
};

type Props = {
  action: string;
  values: Partial<Record<DirectoryFormField, string>>;
  defaultSort: string;
  selects: DirectorySelect[];
  clearHref: string | null;
};

/** What a value in force but absent from the counts is called, by field (the menus still offer it, at 0). */
export type ZeroLabels = Partial<Record<DirectorySelect["name"], Record<string, string>>>;

type Transition = {
  pending: boolean;
  startTransition: TransitionStartFunction;
  /** Set when a link inside the directory (pagination, clear filters) is followed: the results heading takes focus once they arrive. */
  focusResultsRef: { current: boolean };
};
const DirectoryTransition = createContext<Transition>({ pending: false, startTransition: (callback) => callback(), focusResultsRef: { current: false } });

/** A same-directory link (pagination, clear or loosen filters): the list changes under the reader, who should land on its heading. */
function directoryLinkTarget(event: { target: EventTarget | null }, directory: string): boolean {
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement)) return false;
  const url = new URL(link.href, window.location.href);
  return url.origin === window.location.origin && url.pathname === directory;
}

/**
 * Shared by the form (in the directory's layout, so it stays mounted between the default view and
 * any search) and the results (the page below it): results stay on screen, marked busy, until the new ones arrive.
 */
export function DirectoryTransitionProvider({ children }: { children: ReactNode }) {
  const [pending, startTransition] = useTransition();
  const focusResultsRef = useRef(false);
  return <DirectoryTransition value={{ pending, startTransition, focusResultsRef }}>{children}</DirectoryTransition>;
}

/** What the results now show, read from the page below: "12 signatories in Germany. Showing 1–12, by name." */
function describeShownResults(container: HTMLElement): { heading: HTMLElement | null; text: string } {
  const heading = container.querySelector<HTMLElement>("h2");
  const range = heading?.nextElementSibling instanceof HTMLParagraphElement ? heading.nextElementSibling.textContent : "";
  const page = container.querySelector('nav[aria-label="Pagination"] p')?.textContent ?? "";
  const text = [heading?.textContent, range, page]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(". ")
    .replace(/\.\./g, ".");
  return { heading, text };
}

/**
 * The results under the form. A live region present from the first render speaks the new count
 * and range after every change (typing, a filter, a page); after a directory link (Next →, clear
 * filters) focus moves to the results heading, so the next Tab reaches the new results instead of
 * starting again from the top of the page.
 */
export function DirectoryResults({ children }: { children: ReactNode }) {
  const { pending, focusResultsRef } = use(DirectoryTransition);
  const container = useRef<HTMLDivElement>(null);
  const search = useSearchParams().toString();
  const [announcement, setAnnouncement] = useState("");
  const shownSearch = useRef(search);

  useEffect(() => {
    if (shownSearch.current === search || !container.current) return;
    shownSearch.current = search;
    const { heading, text } = describeShownResults(container.current);
    setAnnouncement(text);
    if (focusResultsRef.current && heading) {
      focusResultsRef.current = false;
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [search, focusResultsRef]);

  return (
    <>
      <p role="status" className="mt-3 min-h-5 text-sm text-muted">
        {pending ? "Updating…" : ""}
      </p>
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-results-announcement="">
        {announcement}
      </p>
      <div
        ref={container}
        aria-busy={pending}
        className={`mt-2 transition-opacity ${pending ? "opacity-70" : ""}`}
        onClickCapture={(event) => {
          if (directoryLinkTarget(event, directoryPath)) focusResultsRef.current = true;
        }}
      >
        {children}
      </div>
    </>
  );
}

/** What a value in force that no one listed has is called in its menu, or undefined when it is not a valid value. */
function zeroLabel(name: DirectorySelect["name"], value: string, zeroLabels: ZeroLabels): string | undefined {
  if (name === "country") return countryName(value);
  if (name === "version") return /^[1-9][0-9]{0,8}$/.test(value) ? `Version ${value}` : undefined;
  return zeroLabels[name]?.[value];
}

/**
 * The form with the values of the address. The static default view renders it with none
 * (force-static), a search with its own, on the server as in the browser.
 */
export function DirectorySearchFromUrl({ action, defaultSort, selects, zeroLabels }: Omit<Props, "values" | "clearHref"> & { zeroLabels: ZeroLabels }) {
  const params = useSearchParams();
  const values: Partial<Record<DirectoryFormField, string>> = {};
  for (const field of directoryFormFields) {
    const value = params.get(field);
    if (value !== null && value !== "") values[field] = value;
  }
  values.sort ??= defaultSort;
  const filtered = directoryFormFields.some((field) => field !== "sort" && values[field]);
  const withCurrent = selects.map((select) => {
    const current = values[select.name];
    if (current === undefined || select.options.some((o) => o.value === current)) return select;
    const label = zeroLabel(select.name, current, zeroLabels);
    return label === undefined ? select : { ...select, options: [...select.options, { value: current, label: `${label} (0)` }] };
  });
  return (
    <DirectorySearch
      action={action}
      values={values}
      defaultSort={defaultSort}
      selects={withCurrent}
      clearHref={filtered ? `${action}${formSearchString({ sort: values.sort }, defaultSort)}` : null}
    />
  );
}

const TYPING_PAUSE_MS = 250;
const inputClass = "field-input";

const noSubscription = () => () => {};

/**
 * The directory's GET form. Without JavaScript it submits like any form; with it, typing (after a
 * short pause) and each change replace the URL in a transition, so the server renders the new
 * results while the old ones stay on screen, marked busy, and focus stays where it was.
 */
export function DirectorySearch({ action, values, defaultSort, selects, clearHref }: Props) {
  const router = useRouter();
  const { startTransition, focusResultsRef } = use(DirectoryTransition);
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const formRef = useRef<HTMLFormElement>(null);
  const typingTimer = useRef<number | undefined>(undefined);
  const shown = formSearchString(values, defaultSort);
  // Query strings this form asked for, so their arrival is not mistaken for an outside navigation;
  // `latest` is the one the form's fields stand for now (starting with the page it was served on,
  // so text typed before hydration is kept).
  const requested = useRef(new Set<string>());
  const latest = useRef(shown);

  useEffect(() => {
    if (shown === latest.current) {
      requested.current.clear();
      return;
    }
    // A result overtaken by a later keystroke: the form already holds the newer text.
    if (requested.current.has(shown)) return;
    // A link (clear filters, remove one filter) moved the URL: show the values the page now lists.
    requested.current.clear();
    latest.current = shown;
    const form = formRef.current;
    if (!form) return;
    for (const field of directoryFormFields) {
      const element = form.elements.namedItem(field);
      if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) {
        element.value = values[field] ?? (field === "sort" ? defaultSort : "");
      }
    }
  }, [shown, values, defaultSort]);

  useEffect(() => () => window.clearTimeout(typingTimer.current), []);

  // A link the reader follows wins over a search still waiting for the typing pause: the pending
  // update is dropped at the press (pointerdown, or the click a keyboard's Enter makes), so it
  // cannot replace the address after the link has been followed.
  useEffect(() => {
    const cancelPendingSearch = (event: Event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (link) window.clearTimeout(typingTimer.current);
    };
    document.addEventListener("pointerdown", cancelPendingSearch, true);
    document.addEventListener("click", cancelPendingSearch, true);
    return () => {
      document.removeEventListener("pointerdown", cancelPendingSearch, true);
      document.removeEventListener("click", cancelPendingSearch, true);
    };
  }, []);

  function navigate() {
    window.clearTimeout(typingTimer.current);
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const search = formSearchString(Object.fromEntries(directoryFormFields.map((field) => [field, String(data.get(field) ?? "")])), defaultSort);
    if (search === latest.current) return;
    requested.current.add(search);
    latest.current = search;
    startTransition(() => router.replace(`${action}${search}`, { scroll: false }));
  }

  function onChange(event: FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.name === "q") {
      window.clearTimeout(typingTimer.current);
      typingTimer.current = window.setTimeout(navigate, TYPING_PAUSE_MS);
    } else {
      navigate();
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate();
  }

  return (
    <form
      ref={formRef}
      action={action}
      method="get"
      role="search"
      aria-label="Search and filter signatories"
      data-enhanced={hydrated ? "true" : undefined}
      onChange={onChange}
      onSubmit={onSubmit}
      className="rounded-md border border-ink-200 bg-ink-50 p-4 dark:border-ink-800 dark:bg-ink-900"
    >
      <label htmlFor="directory-q" className="font-semibold">
        Search by name or domain
      </label>
      <div className="mt-1 flex flex-col gap-2 sm:flex-row">
        <input
          id="directory-q"
          type="search"
          name="q"
          defaultValue={values.q ?? ""}
          maxLength={100}
          autoComplete="off"
          enterKeyHint="search"
          spellCheck={false}
          className={`${inputClass} min-w-0 flex-1`}
        />
        {/* Needed without JavaScript (it applies the filters too); with it, results follow each change. */}
        <button
          type="submit"
          className={
            hydrated
              ? "rounded-md border border-ink-300 px-4 py-2 font-semibold text-ink-700 hover:border-accord-600 dark:border-ink-600 dark:text-ink-200"
              : "rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800"
          }
        >
          Search
        </button>
      </div>
      <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {selects.map((select) => (
          <div key={select.name} className="min-w-0">
            <label htmlFor={`directory-${select.name}`} className="text-sm font-medium">
              {select.label}
            </label>
            <select
              id={`directory-${select.name}`}
              name={select.name}
              defaultValue={values[select.name] ?? (select.allLabel === null ? defaultSort : "")}
              className={`${inputClass} mt-1`}
            >
              {select.allLabel !== null ? <option value="">{select.allLabel}</option> : null}
              {select.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {clearHref ? (
        <p className="mt-4">
          <Link
            href={clearHref}
            onClick={() => {
              focusResultsRef.current = true;
            }}
            className="link-accent"
          >
            Clear filters
          </Link>
        </p>
      ) : null}
    </form>
  );
}
