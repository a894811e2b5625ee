// Readable times: every <time datetime> reads "3 min ago" (or its full local time with data-format="absolute"),
// in the browser's time zone, with the full local time on hover; relative texts are refreshed as time passes.
(function () {
  // dateStyle/timeStyle cannot be combined with timeZoneName: the fields are spelt out
  const full = new Intl.DateTimeFormat(undefined, {year: 'numeric', month: 'short', day: 'numeric', weekday: 'short',
    hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'});
  const relative = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];

  function ago(date) {
    let amount = (date.getTime() - Date.now()) / 1000;
    for (const [size, unit] of steps) {
      if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
      amount /= size;
    }
  }

  function render(element) {
    const date = new Date(element.getAttribute('datetime'));
    if (isNaN(date.getTime())) return;
    element.title = full.format(date);
    if (element.dataset.format === 'keep') return; // the phone's own clock reading stays, the hover adds ours
    element.textContent = element.dataset.format === 'absolute' ? full.format(date) : ago(date);
  }

  function renderAll(root) {
    root.querySelectorAll('time[datetime]').forEach(render);
  }

  renderAll(document);
  setInterval(() => renderAll(document), 30000);
  // live updates swap in server-rendered fragments: give their times the same treatment
  new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(node => {
    if (node.nodeType !== 1) return;
    if (node.matches('time[datetime]')) render(node); else renderAll(node);
  }))).observe(document.body, {childList: true, subtree: true});
})();
