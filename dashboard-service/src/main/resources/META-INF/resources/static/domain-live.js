// Live parts of the domain views (lines, devices, trunks...). An element that should follow a topic says so:
//   <section id="unique-id" data-live-topic="telops.vats-trunks" [data-live-key="trunk-42"] [data-live-src="/url"]>
// When the server reports a committed change of that topic (and, if given, of that key), the element is
// re-read from data-live-src (default: this page) and swapped for the element with the same id there.
// Rendering and escaping stay on the server; a burst of changes costs one fetch per element at a time.
(function () {
  const followers = () => Array.from(document.querySelectorAll('[data-live-topic]'));
  if (followers().length === 0) return;
  const inFlight = new Set();
  const again = new Set();

  function refresh(id) {
    if (inFlight.has(id)) { again.add(id); return; }
    const element = document.getElementById(id);
    if (!element) return;
    inFlight.add(id);
    fetch(element.dataset.liveSrc || window.location.href, {credentials: 'same-origin'})
      .then(r => r.ok ? r.text() : Promise.reject(r.status))
      .then(html => {
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
        const current = document.getElementById(id);
        if (fresh && current) current.replaceWith(document.importNode(fresh, true));
      })
      .catch(() => {})
      .finally(() => {
        inFlight.delete(id);
        if (again.delete(id)) refresh(id);
      });
  }

  window.telopsStream('/ui/stream/domains', (change) => {
    for (const element of followers()) {
      if (element.dataset.liveTopic !== change.topic || !element.id) continue;
      const key = element.dataset.liveKey;
      if (key && !change.keys.includes(key)) continue;
      refresh(element.id);
    }
  });
})();
