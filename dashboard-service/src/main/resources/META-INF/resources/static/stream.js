// Opens one of the page's server-sent event streams and keeps the header's live indicator in step with it.
// EventSource reconnects by itself after a network blip. A page kept in the back/forward cache would hold its
// stream open (browsers allow 6 connections a host), so the stream closes on pagehide, and a page restored from
// that cache reloads to read it afresh.
window.telopsStream = function (url, onMessage) {
  const indicator = document.getElementById('live-indicator');
  const setLive = (on) => {
    if (!indicator) return;
    indicator.textContent = on ? 'live' : 'offline';
    indicator.className = on ? 'live on' : 'live off';
  };
  const source = new EventSource(url);
  window.addEventListener('pagehide', () => source.close());
  window.addEventListener('pageshow', (event) => { if (event.persisted) window.location.reload(); });
  source.onopen = () => setLive(true);
  source.onerror = () => setLive(false);
  source.onmessage = (message) => onMessage(JSON.parse(message.data));
};
