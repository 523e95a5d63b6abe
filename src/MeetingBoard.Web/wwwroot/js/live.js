// Starts Blazor with MeetingBoard's reconnection. While the connection is down a calm banner shows
// (Components/ReconnectBanner.razor) and retries go on for as long as it takes; when the server no
// longer knows this page's circuit (it restarted, or this node died and the balancer sent us to
// another), the page reloads itself into a new circuit, with no click needed.
(() => {
  const reload = () => {
    const banner = document.getElementById('components-reconnect-modal');
    banner?.classList.add('mb-reconnect--reload');
    location.reload();
  };

  // blazor.web.js tells the banner element itself (the event does not bubble).
  document.getElementById('components-reconnect-modal')?.addEventListener('components-reconnect-state-changed', (e) => {
    const state = e.detail?.state;
    if (state === 'rejected' || state === 'resume-failed' || state === 'failed') reload();
  });

  // <details> toggles reach the server with the element's real state (Features/Shared/Disclosure.razor).
  Blazor.registerCustomEventType('detailstoggle', {
    browserEventName: 'toggle',
    createEventArgs: (e) => ({ open: e.target.open === true }),
  });

  Blazor.start({
    // Static pages are plain documents: no enhanced navigation between them.
    ssr: { disableDomPreservation: true },
    circuit: {
      reconnectionOptions: {
        maxRetries: 100000,
        retryIntervalMilliseconds: (attempt) => Math.min(500 * attempt, 3000),
      },
    },
  });

  // The skip link moves focus into the page, not only the scroll position (Blazor's own handling of a
  // same-page link scrolls and leaves focus behind, so the next Tab would start from the top again).
  document.addEventListener('click', (e) => {
    if (!e.target.closest?.('a.mb-skip-link')) return;
    const main = document.getElementById('main-content');
    if (!main) return;
    e.preventDefault();
    main.focus();
  }, true);

  // "Copy link" buttons: the only thing on a page the server cannot do for the browser.
  document.addEventListener('click', async (e) => {
    const button = e.target.closest?.('[data-mb-copy]');
    if (!button) return;
    try {
      await navigator.clipboard.writeText(button.getAttribute('data-mb-copy'));
      button.setAttribute('data-mb-copied', '');
      setTimeout(() => button.removeAttribute('data-mb-copied'), 2000);
    } catch {
      // No clipboard (plain http on a LAN): the link beside the button can still be selected.
    }
  });
})();

// ---------------------------------------------------------------- stage timer (Features/Facilitation)
// The server renders the timer's absolute end (data-mb-timer-ends, ms since 1970) and the time left
// when it rendered; it never ticks. Each device counts down from the end itself. A paused timer has no
// end: the server's words stand. Only the value of the element's one text node is changed, never its
// children, so Blazor's later renders of it still land. Sound at zero is the person's choice, per page.
(() => {
  let soundOn = false;
  let audio;
  const announced = new Set();
  const two = (n) => String(n).padStart(2, '0');
  const format = (total) => {
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  };
  const setText = (el, text) => {
    const node = el.firstChild;
    if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
      if (node.nodeValue !== text) node.nodeValue = text;
    } else if (el.textContent !== text) {
      el.textContent = text;
    }
  };
  const beep = () => {
    if (!audio) return;
    const start = audio.currentTime;
    for (const [offset, freq] of [[0, 660], [0.35, 880]]) {
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
  };
  const tick = () => {
    for (const el of document.querySelectorAll('[data-mb-timer-ends]')) {
      const ends = Number(el.dataset.mbTimerEnds);
      if (!ends) continue;
      const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
      setText(el, left > 0 ? format(left) : 'Time is up');
      const box = el.closest('.mb-timer');
      box?.classList.toggle('mb-timer--done', left === 0);
      if (left === 0 && !announced.has(ends)) {
        announced.add(ends);
        const alert = box?.querySelector('[data-mb-timer-alert]');
        if (alert) alert.textContent = 'The stage timer has reached zero.';
        // Only a timer that ran out while this page watched it; not one long finished when the page opened.
        if (soundOn && ends > Date.now() - 5000) beep();
      }
    }
    for (const b of document.querySelectorAll('button[data-mb-sound]')) {
      const pressed = String(soundOn);
      if (b.getAttribute('aria-pressed') !== pressed) b.setAttribute('aria-pressed', pressed);
      setText(b, soundOn ? 'Sound at zero: on' : 'Play a sound at zero');
    }
  };
  // Browsers allow sound only after a gesture: the button both asks for it and starts Web Audio.
  document.addEventListener('click', (e) => {
    if (!e.target.closest?.('button[data-mb-sound]')) return;
    soundOn = !soundOn;
    if (soundOn) {
      audio ??= new AudioContext();
      void audio.resume();
    }
    tick();
  });
  setInterval(tick, 250);
})();

// ---------------------------------------------------------------- room screen
// The room screen is read from the back of a room and cannot scroll. When a column holds more than
// fits, it takes the first fit step at which it does (smaller type, then two columns of cards; see
// app.css), found by bisection. When even the last step does not fit, the column turns its pages by
// itself, saying "Page 1 of 2", so nothing is silently cut. Only attributes and scroll positions of
// elements Blazor renders are touched: Blazor owns their content.
(() => {
  const lastFitStep = 9;
  const lastVoicesStep = 4;
  const pageEvery = 12000;
  let page = 0;

  // Columns share the width by how much each holds (measured at full size in equal widths, each
  // between 0.6 and 2 of an equal share), so a crowded column is not squeezed small beside empty ones.
  const share = (board, columns) => {
    board.style.gridTemplateColumns = '';
    for (const column of columns) { column.dataset.mbFit = '0'; column.scrollTop = 0; }
    const needs = columns.map((c) => Math.max(c.scrollHeight, c.clientHeight / 2));
    const total = needs.reduce((a, b) => a + b, 0);
    board.style.gridTemplateColumns = needs
      .map((n) => `minmax(0, ${Math.min(2, Math.max(0.6, (columns.length * n) / total)).toFixed(2)}fr)`)
      .join(' ');
  };

  // One region (a board column, or the reveal's table of scores): the first step at which it fits,
  // found by bisection; if even its last step does not fit, it turns its pages.
  const fitRegion = (region, lastStep) => {
    const fits = (step) => {
      region.dataset.mbFit = String(step);
      return region.scrollHeight <= region.clientHeight + 1;
    };
    region.scrollTop = 0;
    if (fits(0)) { delete region.dataset.mbPages; turn(region); return; }
    let lo = 1, hi = lastStep;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fits(mid)) hi = mid; else lo = mid + 1;
    }
    region.dataset.mbFit = String(lo);
    const pages = region.scrollHeight <= region.clientHeight + 1 ? 1 : Math.ceil(region.scrollHeight / region.clientHeight);
    if (pages > 1) region.dataset.mbPages = String(pages); else delete region.dataset.mbPages;
    turn(region);
  };

  const fit = () => {
    const board = document.querySelector('.mb-room .mb-board');
    if (board && board.offsetParent !== null) {
      const columns = [...board.querySelectorAll('.mb-column')];
      share(board, columns);
      for (const column of columns) fitRegion(column, lastFitStep);
    }
    // A reveal: the table of scores takes the room from its top to the bottom of the scaling panel,
    // and steps its type down no further than 0.8 before it turns pages.
    for (const voices of document.querySelectorAll('.mb-room .mb-results--large .mb-results__voices')) {
      const panel = voices.closest('.mb-scaling--active');
      if (!panel) continue;
      voices.style.maxHeight = '';
      const room = Math.floor(panel.getBoundingClientRect().bottom - voices.getBoundingClientRect().top);
      voices.style.maxHeight = `${Math.max(room, 120)}px`;
      fitRegion(voices, lastVoicesStep);
    }
  };

  const turn = (column) => {
    const pages = Number(column.dataset.mbPages || 1);
    if (pages < 2) { delete column.dataset.mbPageLabel; return; }
    const at = page % pages;
    column.scrollTop = at * column.clientHeight;
    column.dataset.mbPageLabel = `Page ${at + 1} of ${pages}`;
  };

  let queued = 0;
  const later = () => { cancelAnimationFrame(queued); queued = requestAnimationFrame(fit); };
  const start = () => {
    if (!document.querySelector('.mb-room')) return false;
    // The whole body, not the room element: when the circuit starts it replaces the prerendered
    // room with its own, and an observer of the old element would never fire again.
    new MutationObserver(later).observe(document.body, { subtree: true, childList: true, characterData: true });
    window.addEventListener('resize', later);
    setInterval(() => { page++; document.querySelectorAll('.mb-room [data-mb-pages]').forEach(turn); }, pageEvery);
    later();
    return true;
  };
  // The room screen's content arrives with the page or with its circuit's first render.
  if (!start()) {
    const wait = new MutationObserver(() => { if (start()) wait.disconnect(); });
    wait.observe(document.body, { subtree: true, childList: true });
  }
})();

