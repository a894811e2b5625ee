// Draws each <figure data-chart="id"> with uPlot from /ui/charts/{id} (the buckets the projections keep) and reads
// them again every minute. Buckets missing from the answer are 0 for counts and money, gaps for a gauge.
// window.telopsCharts[id] = {raw: the JSON, plot: the uPlot instance (plot.data: x in epoch seconds, then one array
// per series)}, for tests and the curious.
(function () {
  const charts = window.telopsCharts = {};
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

  function seconds(iso) {
    return Math.round(Date.parse(iso) / 1000);
  }

  // ISO-8601 durations the server sends: PT1M, PT1H, PT24H
  function durationSeconds(iso) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso);
    return m ? (Number(m[1] || 0) * 3600 + Number(m[2] || 0) * 60 + Number(m[3] || 0)) : 0;
  }

  function fractionDigits(currency) {
    try {
      return new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
    } catch (e) {
      return 2;
    }
  }

  // aligned arrays for uPlot: every bucket of the window on x, one value per bucket and series
  function aligned(raw) {
    const step = durationSeconds(raw.bucket);
    const from = seconds(raw.from);
    const to = seconds(raw.to);
    const xs = [];
    for (let t = from; t < to && step > 0; t += step) xs.push(t);
    const index = new Map(xs.map((t, i) => [t, i]));
    const gauge = raw.unit === 'gauge';
    const data = [xs];
    for (const s of raw.series) {
      const scale = raw.unit === 'minor' ? Math.pow(10, fractionDigits(s.label)) : 1;
      const ys = xs.map(() => gauge ? null : 0);
      for (const p of s.points) {
        const i = index.get(seconds(p.at));
        if (i !== undefined) ys[i] = p.value / scale;
      }
      data.push(ys);
    }
    return data;
  }

  function draw(figure, raw) {
    const plotBox = figure.querySelector('.plot');
    const empty = figure.querySelector('.chart-empty');
    empty.hidden = raw.series.length > 0;
    const data = aligned(raw);
    const old = charts[raw.chart];
    if (old && old.plot && old.labels === raw.series.map(s => s.label).join('\n')) {
      old.plot.setData(data);
      old.raw = raw;
      return;
    }
    if (old && old.plot) old.plot.destroy();
    const series = [{}].concat(raw.series.map((s, i) => ({
      label: s.label, stroke: palette[i % palette.length], width: 1.5,
      spanGaps: false, points: {show: data[0].length <= 48}
    })));
    const width = Math.max(280, Math.min(plotBox.clientWidth || 600, 1200));
    const plot = new uPlot({width, height: 220, series, scales: {x: {time: true}}}, data, plotBox);
    charts[raw.chart] = {raw, plot, labels: raw.series.map(s => s.label).join('\n')};
  }

  function load(figure) {
    const id = figure.dataset.chart;
    return fetch('/ui/charts/' + encodeURIComponent(id), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(r => r.ok ? r.json() : Promise.reject(r.status))
      .then(raw => draw(figure, raw))
      .catch(() => { figure.classList.add('chart-failed'); });
  }

  function loadAll() {
    const figures = Array.from(document.querySelectorAll('figure.chart[data-chart]'));
    return Promise.all(figures.map(load)).then(() => { window.telopsChartsLoaded = (window.telopsChartsLoaded || 0) + 1; });
  }

  loadAll();
  setInterval(loadAll, 60000);
})();
