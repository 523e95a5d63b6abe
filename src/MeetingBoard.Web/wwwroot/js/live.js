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
