// The whole browser client. The server renders every page; this script only
// (1) starts GOV.UK Frontend, (2) keeps live pages current with HTML patches over SignalR,
// (3) sends data-mb-form forms with fetch so the page does not reload, (4) copies join links,
// (5) tells screen readers what a patch brought (the words come from the server: data-mb-announce).
// Feature logic belongs in Razor components, not here.
import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { initAll } from "govuk-frontend";
import { Idiomorph } from "idiomorph";

interface Patch {
  version: number;
  regions: { id: string; html: string }[];
  // Broadcast patches are numbered; one with `since` holds only what changed since patch `since`
  // (Live/IMeetingClient.cs). Patches without a number (the page's own catch-up, personal parts) leave it alone.
  seq?: number | null;
  since?: number | null;
}

const reconnectingText = "Connection lost. Trying to reconnect… Your changes are safe.";
const reconnectedText = "Connected again.";
const failedText = "Something went wrong and this was not saved. Please try again.";
const unreachableText = "Could not reach MeetingBoard. Check your connection and try again — your text is still here.";

function boot() {
  // Replaces GOV.UK's inline snippet, which our Content Security Policy does not allow.
  document.body.classList.add("govuk-frontend-supported");
  startComponents(document);
  applyOwnership();
  fitRoomScreen();
  document.addEventListener("submit", onSubmit);
  document.addEventListener("click", onCopyClick);
  document.addEventListener("click", onSoundClick);
  tickTimers();
  window.setInterval(tickTimers, 250);
  const main = liveMain();
  if (main) {
    // What the page opens with is not news: only what patches bring later is announced.
    present = announceable();
    connect(main);
  }
}

// ---------------------------------------------------------------- GOV.UK components

// GOV.UK components change their own markup when they start (character count, accordion…).
// We remember each root's markup from before that, so a patch that brings the same markup
// leaves the running component alone instead of morphing its enhancements away.
const serverMarkup = new WeakMap<Element, string>();

function startComponents(scope: Document | Element) {
  for (const el of Array.from(scope.querySelectorAll("[data-module]"))) {
    if (!isStarted(el)) serverMarkup.set(el, el.outerHTML);
  }
  initAll({
    scope,
    onError(error: unknown) {
      // "already initialised" is expected when we start a scope twice.
      if ((error as Error)?.name !== "InitError") console.error(error);
    },
  });
}

function isStarted(el: Element) {
  const name = el.getAttribute("data-module");
  return name !== null && el.hasAttribute(`data-${name}-init`);
}

// ---------------------------------------------------------------- live patches

function liveMain(): HTMLElement | null {
  return document.querySelector<HTMLElement>("main[data-mb-live]");
}

let currentVersion = 0;
// The number of the last broadcast patch this page applied; null when unknown.
let lastSeq: number | null = null;
// Asks the hub for the whole page again, when a part-patch does not follow the one this page has.
let resync: (() => void) | null = null;

function connect(main: HTMLElement) {
  currentVersion = Number(main.dataset.mbVersion) || 0;
  const meetingId = main.dataset.mbMeeting ?? "";
  // What the page shows ("board", "lobby", "screen"): the hub sends a page that no longer fits
  // the viewer (say, a lobby page after being let in) to the right one.
  const page = main.dataset.mbPage ?? "";
  const screenKey = main.dataset.mbScreenKey || null;
  const retryDelays = [0, 1000, 2000, 5000];

  const connection = new HubConnectionBuilder()
    .withUrl("/hubs/meeting", { skipNegotiation: true, transport: HttpTransportType.WebSockets })
    // Never give up: a meeting lasts hours and a room screen has nobody to press reload.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelays[ctx.previousRetryCount] ?? 5000 })
    .configureLogging(LogLevel.Warning)
    .build();

  connection.on("Patch", (patch: Patch) => applyPatch(patch));
  connection.on("Navigate", (url: string) => navigate(url));

  const watch = () =>
    connection.invoke("Watch", meetingId, currentVersion, page, screenKey).catch((error) => console.warn("Watch failed", error));
  let resyncing = false;
  resync = () => {
    if (resyncing || connection.state !== HubConnectionState.Connected) return;
    resyncing = true;
    // Version -1 is never current, so the hub sends the whole page; the broadcaster then treats this
    // page as new and sends it everything with its next change.
    connection
      .invoke("Watch", meetingId, -1, page, screenKey)
      .catch((error) => console.warn("Watch failed", error))
      .finally(() => (resyncing = false));
  };

  let lost = false;
  connection.onreconnecting(() => {
    lost = true;
    showBanner(reconnectingText);
  });
  connection.onreconnected(() => {
    lost = false;
    lastSeq = null;
    showBanner(reconnectedText, 4000);
    void watch();
  });

  // The automatic reconnect does not cover the first start, and gives the connection back
  // to us closed if it ever stops; then we start again ourselves, forever.
  let startTimer: number | undefined;
  const start = async () => {
    startTimer = undefined;
    if (connection.state !== HubConnectionState.Disconnected) return;
    try {
      await connection.start();
      lastSeq = null;
      if (lost) showBanner(reconnectedText, 4000);
      lost = false;
      await watch();
    } catch {
      lost = true;
      showBanner(reconnectingText);
      scheduleStart(2000 + Math.random() * 3000);
    }
  };
  const scheduleStart = (delay: number) => {
    if (startTimer === undefined) startTimer = window.setTimeout(start, delay);
  };
  connection.onclose(() => {
    lost = true;
    showBanner(reconnectingText);
    scheduleStart(2000 + Math.random() * 3000);
  });
  // A laptop waking up or a phone back on Wi-Fi need not wait for the next timer.
  window.addEventListener("online", () => {
    if (startTimer !== undefined) {
      clearTimeout(startTimer);
      startTimer = undefined;
    }
    void start();
  });

  void start();
}

function applyPatch(patch: Patch) {
  if (!patch || typeof patch.version !== "number") return;
  if (patch.since != null && patch.since !== lastSeq) {
    // Only the changes since a patch this page does not have: it cannot be applied safely.
    resync?.();
    return;
  }
  if (patch.version < currentVersion) {
    // Older than what the page shows (its own catch-up overtook it): not applied, so what follows it cannot be either.
    if (patch.seq != null) lastSeq = null;
    return;
  }
  if (patch.seq != null) lastSeq = patch.seq;
  for (const region of patch.regions ?? []) {
    const el = document.getElementById(region.id);
    if (!el) continue;
    morph(el, region.html);
    const replaced = document.getElementById(region.id);
    if (replaced) startComponents(replaced.parentElement ?? document);
  }
  currentVersion = patch.version;
  const main = liveMain();
  if (main) main.dataset.mbVersion = String(patch.version);
  applyOwnership();
  fitRoomScreen();
  tickTimers();
  syncSoundButtons();
  announceChanges();
}

function morph(el: Element, html: string) {
  Idiomorph.morph(el, html, {
    morphStyle: "outerHTML",
    callbacks: {
      beforeNodeMorphed(oldNode: Element, newNode: Node) {
        if (!(oldNode instanceof Element)) return true;
        // The field someone is typing in stays exactly as it is. (Idiomorph's ignoreActiveValue is
        // not used: it also stops a focused button's label from changing, so a button just pressed,
        // "Lock meeting", would keep its old words after the patch made it "Unlock meeting".)
        if (oldNode === document.activeElement && isTypingField(oldNode)) return false;
        // Someone else's change must never wipe a draft being typed here.
        if (oldNode.hasAttribute("data-mb-keep") && isEdited(oldNode)) return false;
        // A started GOV.UK component whose server markup has not changed stays as it is.
        const known = serverMarkup.get(oldNode);
        if (known !== undefined && isStarted(oldNode)) {
          if (newNode instanceof Element && newNode.outerHTML === known) return false;
          serverMarkup.delete(oldNode);
        }
        return true;
      },
      beforeAttributeUpdated(name: string, el: Element) {
        // Opening or closing a <details> is this person's choice, not the server's.
        if (name === "open" && el.tagName === "DETAILS") return false;
        // Whose controls show is this page's call (applyOwnership). Letting the patch hide them for a
        // moment would throw out the focus of a keyboard user inside them (found by KeyboardOnlyJourney).
        return !(name === "hidden" && el.hasAttribute("data-mb-owner"));
      },
    },
  });
}

function isTypingField(el: Element): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !["button", "submit", "reset", "checkbox", "radio", "hidden"].includes(el.type);
}

function isEdited(el: Element): boolean {
  if (el instanceof HTMLTextAreaElement) return el.value !== "" && el.value !== el.defaultValue;
  if (el instanceof HTMLSelectElement) return Array.from(el.options).some((o) => o.selected !== o.defaultSelected);
  if (el instanceof HTMLInputElement) {
    if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
    return el.value !== "" && el.value !== el.defaultValue;
  }
  return false;
}

// Edit and remove controls are rendered once per audience, so the server marks whose they are
// and each browser shows only its own. The server still authorises every edit.
function applyOwnership() {
  const viewer = liveMain()?.dataset.mbViewer ?? document.querySelector<HTMLElement>("main")?.dataset.mbViewer ?? "";
  for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-mb-owner]"))) {
    const mine = viewer !== "" && el.getAttribute("data-mb-owner") === viewer;
    if (el.hidden === mine) el.hidden = !mine;
  }
}

// ---------------------------------------------------------------- announcements

// One polite live region per page (#mb-announcer, outside every morphed region). After each patch
// the client compares the announcement keys on the page with those before it and says only what is
// new: never what the page opened with, never a person's own item. What arrives within a moment is
// said together, and more than a few at once (a burst, or catching up after a reconnect) as a count.
interface Announcement {
  key: string;
  text: string;
}

const batchMs = 1500;
const quietMs = 500;
const longestWaitMs = 5000;
const mostToSayOneByOne = 3;
let present = new Set<string>();
let queue: Announcement[] = [];
let queueStarted = 0;
let lastArrival = 0;
let flushTimer: number | undefined;
let sayTimer: number | undefined;
// Texts this page just added: an anonymous item carries no author, so its author's page knows it by its words.
const sentTexts: { text: string; at: number }[] = [];

function announceable(): Set<string> {
  return new Set(Array.from(document.querySelectorAll<HTMLElement>("[data-mb-announce-key]"), (el) => el.dataset.mbAnnounceKey ?? ""));
}

function announceChanges() {
  const viewer = liveMain()?.dataset.mbViewer ?? "";
  const before = present;
  present = announceable();
  for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-mb-announce-key]"))) {
    const key = el.dataset.mbAnnounceKey ?? "";
    if (before.has(key) || queue.some((a) => a.key === key)) continue;
    const mine = viewer !== "" && el.dataset.mbAnnouncePerson === viewer;
    let text = (mine ? el.dataset.mbAnnounceSelf : el.dataset.mbAnnounce) ?? "";
    // An item's announcement names who added it and where; its words are the item's own text.
    const words = key.startsWith("item:") ? el.querySelector(".mb-item__text")?.textContent?.trim() : undefined;
    if (text !== "" && words) text = `${text}: ${words}`;
    if (text === "" || (key.startsWith("item:") && isSentByMe(text))) continue;
    queue.push({ key, text });
    lastArrival = Date.now();
    if (flushTimer === undefined) {
      queueStarted = lastArrival;
      flushTimer = window.setTimeout(flushAnnouncements, batchMs);
    }
  }
}

function flushAnnouncements() {
  flushTimer = undefined;
  const now = Date.now();
  // A burst still arriving is said as one, but nothing waits for long.
  if (now - lastArrival < quietMs && now - queueStarted < longestWaitMs) {
    flushTimer = window.setTimeout(flushAnnouncements, quietMs);
    return;
  }
  const batch = queue;
  queue = [];
  if (batch.length > 0) say(summarise(batch));
}

function summarise(batch: Announcement[]): string {
  const sentence = (t: string) => (/[.!?]$/.test(t) ? t : `${t}.`);
  if (batch.length <= mostToSayOneByOne) return batch.map((a) => sentence(a.text)).join(" ");
  const isItem = (a: Announcement) => /^(item|statement|goal):/.test(a.key);
  const items = batch.filter(isItem).length;
  // Of everything else (the stage, a reveal, the spotlight, whose turn) only the latest of each kind still matters.
  const latest = new Map<string, Announcement>();
  for (const a of batch.filter((a) => !isItem(a))) latest.set(a.key.split(":")[0], a);
  const parts = items > 0 ? [`${items} new ${items === 1 ? "item" : "items"} on the board.`] : [];
  return parts.concat(Array.from(latest.values(), (a) => sentence(a.text))).join(" ");
}

function say(text: string) {
  const region = document.getElementById("mb-announcer");
  if (!region) return;
  // Emptied first, then filled a moment later: screen readers then read a message again even when
  // it is word for word the last one.
  clearTimeout(sayTimer);
  region.textContent = "";
  sayTimer = window.setTimeout(() => (region.textContent = text), 100);
}

function plain(text: string) {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

function rememberSent(form: HTMLFormElement) {
  const field = form.elements.namedItem("text");
  if (!(field instanceof HTMLTextAreaElement) || !/\/items$/.test(new URL(form.action).pathname)) return;
  const now = Date.now();
  while (sentTexts.length > 0 && now - sentTexts[0].at > 60_000) sentTexts.shift();
  sentTexts.push({ text: plain(field.value), at: now });
}

function isSentByMe(announcement: string) {
  const said = plain(announcement);
  return sentTexts.some((s) => s.text !== "" && said.endsWith(`: ${s.text}`));
}

// ---------------------------------------------------------------- connection banner

let bannerTimer: number | undefined;
// Leaving the page closes the socket too; that is no reason to say the connection was lost.
let leaving = false;
window.addEventListener("pagehide", () => (leaving = true));
window.addEventListener("pageshow", () => (leaving = false));

function navigate(url: string) {
  leaving = true;
  location.assign(url);
}

function showBanner(text: string, hideAfterMs?: number) {
  const banner = document.getElementById("mb-connection");
  if (!banner || leaving) return;
  clearTimeout(bannerTimer);
  banner.textContent = text;
  banner.hidden = false;
  if (hideAfterMs !== undefined) {
    bannerTimer = window.setTimeout(() => {
      banner.hidden = true;
      banner.textContent = "";
    }, hideAfterMs);
  }
}

// ---------------------------------------------------------------- room screen

// The room screen cannot scroll. When a column holds more than fits, it takes the first fit step
// at which it does (smaller type, then two columns of cards; see app.scss), found by bisection.
const lastFitStep = 9;

function fitRoomScreen() {
  if (!document.body.classList.contains("mb-room")) return;
  for (const column of Array.from(document.querySelectorAll<HTMLElement>(".mb-room .mb-column"))) {
    const fits = (step: number) => {
      column.dataset.mbFit = String(step);
      return column.scrollHeight <= column.clientHeight + 1;
    };
    if (fits(0)) continue;
    let lo = 1;
    let hi = lastFitStep;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fits(mid)) hi = mid;
      else lo = mid + 1;
    }
    column.dataset.mbFit = String(lo);
  }
}

let resizeTimer: number | undefined;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(fitRoomScreen, 150);
});

// ---------------------------------------------------------------- forms sent with fetch

const pending = new WeakSet<HTMLFormElement>();

async function onSubmit(event: SubmitEvent) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-mb-form")) return;
  event.preventDefault();
  if (pending.has(form)) return; // a double click

  const submitter = event.submitter instanceof HTMLElement ? event.submitter : null;
  const question = submitter?.dataset.mbConfirm ?? form.dataset.mbConfirm;
  if (question && !window.confirm(question)) return;

  // The command id makes a retry safe: the server applies each id once. It stays the same
  // until the server gives a definite answer.
  const commandId = form.querySelector<HTMLInputElement>("input[name=commandId]");
  if (commandId && commandId.value === "") commandId.value = randomId();

  const body = new URLSearchParams();
  new FormData(form).forEach((value, key) => {
    if (typeof value === "string") body.append(key, value);
  });
  if (submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement) {
    if (submitter.name) body.append(submitter.name, submitter.value);
  }
  const action = submitter?.hasAttribute("formaction")
    ? (submitter as HTMLButtonElement).formAction
    : form.action;

  const hadFocus = form.contains(document.activeElement);
  rememberSent(form);
  form.querySelector(".mb-form-error")?.remove();
  const restore = setBusy(form, submitter);
  pending.add(form);

  let response: Response;
  try {
    response = await fetch(action, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: {
        RequestVerificationToken: document.querySelector<HTMLMetaElement>("meta[name=mb-antiforgery]")?.content ?? "",
        "X-MeetingBoard-Fetch": "1",
      },
    });
  } catch {
    pending.delete(form);
    restore();
    showFormError(form, unreachableText);
    return;
  }

  try {
    const next = response.headers.get("X-MeetingBoard-Navigate");
    if (next) {
      navigate(next);
      return;
    }
    const definite = (response.status >= 200 && response.status < 300) || (response.status >= 400 && response.status < 500);
    if (definite && commandId) commandId.value = "";
    const isHtml = (response.headers.get("Content-Type") ?? "").includes("text/html");

    if (isHtml && response.redirected) {
      // A redirect followed by fetch gives a whole page, not a form: go there instead.
      navigate(response.url);
      return;
    }
    if (isHtml && (response.status === 200 || (response.status >= 400 && response.status < 500))) {
      const html = await response.text();
      const replacement = replaceForm(form, html);
      if (replacement) {
        const closed = response.ok && form.hasAttribute("data-mb-close") && closeDetails(replacement);
        if (!closed) focusAfter(replacement, response.status >= 400, hadFocus);
        return;
      }
    }
    restore();
    if (response.ok && !isHtml) {
      form.reset(); // saved, and the server had nothing to say (e.g. 204)
      if (form.hasAttribute("data-mb-close")) closeDetails(form);
    } else if (!response.ok) {
      // A refusal in plain words (say, a category the stage has just closed) is worth showing as it is.
      const plain = response.status >= 400 && response.status < 500 && (response.headers.get("Content-Type") ?? "").startsWith("text/plain");
      const said = plain ? (await response.text()).trim() : "";
      showFormError(form, said !== "" && said.length <= 300 ? said : failedText);
    }
  } catch {
    restore();
    showFormError(form, failedText);
  } finally {
    pending.delete(form);
  }
}

function setBusy(form: HTMLFormElement, submitter: HTMLElement | null): () => void {
  const buttons = Array.from(
    form.querySelectorAll<HTMLButtonElement | HTMLInputElement>("button:not([type]), button[type=submit], input[type=submit]"),
  );
  const labelled = submitter && buttons.includes(submitter as HTMLButtonElement) ? submitter : buttons[0];
  const before = labelled ? buttonText(labelled) : "";
  // A disabled button drops the focus; a keyboard user gets it back when the button is back.
  const focused = document.activeElement;
  form.setAttribute("aria-busy", "true");
  for (const b of buttons) b.disabled = true;
  if (labelled) setButtonText(labelled, "Saving…");
  return () => {
    form.removeAttribute("aria-busy");
    for (const b of buttons) b.disabled = false;
    if (focused instanceof HTMLElement && focused.isConnected && (document.activeElement === document.body || document.activeElement === null)) {
      focused.focus({ preventScroll: true });
    }
    // A live patch may have re-rendered the button meanwhile (e.g. "Lock meeting" became "Unlock meeting"): keep that.
    if (labelled && buttonText(labelled) === "Saving…") setButtonText(labelled, before);
  };
}

function buttonText(el: HTMLElement) {
  return el instanceof HTMLInputElement ? el.value : el.textContent ?? "";
}

function setButtonText(el: HTMLElement, text: string) {
  if (el instanceof HTMLInputElement) el.value = text;
  else el.textContent = text;
}

function replaceForm(form: HTMLFormElement, html: string): Element | null {
  // A live patch may have re-rendered the form while the request was out.
  const target = form.isConnected ? form : form.id ? document.getElementById(form.id) : null;
  if (!target) return null;
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const replacement = template.content.firstElementChild;
  if (!replacement) return null;
  target.replaceWith(replacement);
  startComponents(replacement.parentElement ?? document);
  applyOwnership();
  fitRoomScreen();
  return replacement;
}

function focusAfter(form: Element, failed: boolean, hadFocus: boolean) {
  if (failed) {
    const summary = form.querySelector<HTMLElement>(".govuk-error-summary");
    const field = form
      .querySelector(".govuk-error-message")
      ?.closest(".govuk-form-group")
      ?.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select");
    const target = summary ?? field;
    if (target) {
      if (target === summary && !summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
      target.focus();
    }
  } else if (hadFocus) {
    form.querySelector<HTMLElement>("textarea, input:not([type]), input[type=text], input[type=search], input[type=email], input[type=number]")?.focus();
  }
}

// data-mb-close: a form inside a <details> (such as "Change" on an item) folds it away once saved,
// and focus goes back to its summary so keyboard users stay where they were.
function closeDetails(form: Element): boolean {
  const details = form.closest("details");
  if (!details) return false;
  const hadFocus = details.contains(document.activeElement) || document.activeElement === document.body;
  details.open = false;
  if (hadFocus) details.querySelector<HTMLElement>("summary")?.focus();
  return true;
}

function showFormError(form: HTMLFormElement, text: string) {
  if (!form.isConnected) return;
  const p = document.createElement("p");
  p.className = "govuk-error-message mb-form-error";
  p.setAttribute("role", "alert");
  const prefix = document.createElement("span");
  prefix.className = "govuk-visually-hidden";
  prefix.textContent = "Error: ";
  p.append(prefix, text);
  form.prepend(p);
}

function randomId(): string {
  // crypto.randomUUID needs a secure context; meetings often run on a plain-http LAN address.
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// ---------------------------------------------------------------- copy buttons

function onCopyClick(event: MouseEvent) {
  const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>("button[data-mb-copy]");
  if (!button) return;
  event.preventDefault();
  const text = button.getAttribute("data-mb-copy") ?? "";
  void copyText(text).then((copied) => {
    if (!copied) return;
    if (button.dataset.mbLabel === undefined) button.dataset.mbLabel = button.textContent ?? "";
    button.textContent = "Copied";
    window.setTimeout(() => {
      button.textContent = button.dataset.mbLabel ?? "";
      delete button.dataset.mbLabel;
    }, 2000);
  });
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  // The Clipboard API is missing on plain-http LAN addresses.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

// ---------------------------------------------------------------- stage timer

// The server sends the timer's absolute end time (data-mb-timer-ends, ms since 1970) and never
// ticks; each device counts down locally from it. A paused timer has no end, only what is left.
let soundOn = false;
let audio: AudioContext | undefined;
const announced = new Set<string>();

function tickTimers() {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-mb-timer-ends]"))) {
    const ends = Number(el.dataset.mbTimerEnds);
    if (!ends) continue; // paused: the server's text stands
    const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
    const text = left > 0 ? formatSeconds(left) : "Time is up";
    if (el.textContent !== text) el.textContent = text;
    const box = el.closest(".mb-timer");
    box?.classList.toggle("mb-timer--done", left === 0);
    const key = String(ends);
    if (left === 0 && !announced.has(key)) {
      announced.add(key);
      const alert = box?.querySelector<HTMLElement>("[data-mb-timer-alert]");
      if (alert) alert.textContent = "The stage timer has reached zero.";
      // Only a timer that ran out while this page watched it; not one long finished when the page opened.
      if (soundOn && ends > Date.now() - 5000) beep();
    }
  }
}

function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

// Browsers allow sound only after a gesture: the button both asks for it and starts Web Audio.
function onSoundClick(event: MouseEvent) {
  const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>("button[data-mb-sound]");
  if (!button) return;
  soundOn = !soundOn;
  if (soundOn) {
    audio ??= new AudioContext();
    void audio.resume();
  }
  syncSoundButtons();
}

function syncSoundButtons() {
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>("button[data-mb-sound]"))) {
    b.setAttribute("aria-pressed", String(soundOn));
    b.textContent = soundOn ? "Sound at zero: on" : "Play a sound at zero";
  }
}

function beep() {
  if (!audio) return;
  const start = audio.currentTime;
  for (const [offset, freq] of [[0, 660], [0.35, 880]] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.32);
  }
}

// Last, so every module-level binding above exists before boot() uses it.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
