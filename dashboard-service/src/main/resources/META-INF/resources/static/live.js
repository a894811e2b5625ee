// Live updates over server-sent events (stream.js): the server pushes each changed phone's card, already
// rendered and escaped; this script swaps it in.
(function () {
  const cards = document.getElementById('cards');
  const detail = document.getElementById('live');
  let refreshing = false;

  function fragment(html) {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function updateOverview(update) {
    const existing = document.getElementById('phone-' + update.mac);
    const card = fragment(update.cardHtml);
    if (existing) {
      existing.remove();
      cards.prepend(card);
    } else if (cards.dataset.liveInsert === 'true') {
      cards.prepend(card);
      // the first page keeps its size: the oldest card moves to the next page
      const size = parseInt(cards.dataset.pageSize, 10);
      while (size > 0 && cards.children.length > size) cards.lastElementChild.remove();
      const empty = document.getElementById('no-phones');
      if (empty) empty.remove();
    }
    // the unfiltered overview counts every phone; a filtered one keeps the count its search found
    const count = document.getElementById('phone-count');
    if (count && cards.dataset.liveInsert === 'true' && typeof update.phoneCount === 'number') {
      count.textContent = update.phoneCount + ' phone(s)';
    }
  }

  // the detail page re-reads itself and swaps its live part, so history paging stays server-side
  function refreshDetail() {
    if (refreshing) return;
    refreshing = true;
    fetch(window.location.href, {credentials: 'same-origin'})
      .then(r => r.ok ? r.text() : Promise.reject(r.status))
      .then(html => {
        const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
        if (fresh) document.getElementById('live').replaceWith(fresh);
      })
      .catch(() => {})
      .finally(() => { refreshing = false; });
  }

  if (!cards && !detail) return;
  window.telopsStream('/ui/stream', (update) => {
    if (cards) updateOverview(update);
    if (detail && detail.dataset.phone === update.mac) refreshDetail();
  });
})();
