// The cross-point explorer of report.html: choose an outcome, a policy (level or paired difference) and a swept
// parameter; draws the points' means with 95 % whiskers and the LOWESS trend (computed by MarketSim, not here),
// the same outcome against every parameter (small multiples), and a heat map when two parameters form a grid.
// Reads only the JSON embedded in the page and draws with the uPlot inlined before it: fetches nothing.
(function () {
  'use strict';
  var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  var data = JSON.parse(document.getElementById('explorer-data').textContent);
  var metric = document.getElementById('explorer-metric');
  var series = document.getElementById('explorer-series');
  var axis = document.getElementById('explorer-axis');
  var main = document.getElementById('explorer-main');
  var pairs = document.getElementById('explorer-pairs');
  var heat = document.getElementById('explorer-heatmap');
  var link = document.getElementById('explorer-static');
  var charts = [];

  data.statistics.forEach(function (s, i) { metric.add(new Option(s.label, String(i))); });
  data.series.forEach(function (s, i) { series.add(new Option(s.label, String(i))); });
  data.axes.forEach(function (a, i) { axis.add(new Option(a.name, String(i))); });
  // Open on the question a policy sweep is run for: the paired welfare difference, when there is one.
  var welfare = data.statistics.findIndex(function (s) { return s.key === 'mean_welfare'; });
  if (welfare >= 0) metric.value = String(welfare);
  var firstDifference = data.series.findIndex(function (s) { return s.difference; });
  if (firstDifference >= 0) series.value = String(firstDifference);

  function format(x) {
    if (x === null || x === undefined) return '–';
    var a = Math.abs(x);
    return a !== 0 && (a >= 1e5 || a < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(3)));
  }

  function label(stat, s) { return s.difference ? stat.differenceLabel : stat.label; }

  // Points sorted by x with the trend interleaved: uPlot wants one ascending x array shared by every series.
  function columns(stat, si, ai) {
    var v = stat.values[si], x = data.axes[ai].x, trend = v.trend[ai], rows = [];
    for (var i = 0; i < x.length; i++) {
      if (v.m[i] === null) continue;
      var h = v.h[i];
      rows.push({ x: x[i], m: v.m[i], lo: h === null ? null : v.m[i] - h, hi: h === null ? null : v.m[i] + h, t: null });
    }
    for (var k = 0; k < trend.x.length; k++) rows.push({ x: trend.x[k], m: null, lo: null, hi: null, t: trend.y[k] });
    rows.sort(function (a, b) { return a.x - b.x; });
    return {
      x: rows.map(function (r) { return r.x; }), m: rows.map(function (r) { return r.m; }),
      lo: rows.map(function (r) { return r.lo; }), hi: rows.map(function (r) { return r.hi; }),
      t: rows.map(function (r) { return r.t; }),
    };
  }

  // A little room beyond the outermost points, so their dots and whiskers are not cut at the frame.
  function xRange(c) {
    var xs = c.x.filter(function (x) { return x !== null; });
    var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs), pad = (hi - lo) * 0.03 || Math.abs(hi) * 0.05 || 1;
    return [lo - pad, hi + pad];
  }

  function range(c, difference) {
    var all = [].concat(c.m, c.lo, c.hi, c.t).filter(function (y) { return y !== null; });
    if (difference) all.push(0);
    if (all.length === 0) return [0, 1];
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all), pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.1 || 1;
    return [lo - pad, hi + pad];
  }

  function whiskers(c, color, difference) {
    return {
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          if (difference) {
            var zero = u.valToPos(0, 'y', true);
            ctx.strokeStyle = '#888';
            ctx.setLineDash([6, 4]);
            ctx.beginPath(); ctx.moveTo(u.bbox.left, zero); ctx.lineTo(u.bbox.left + u.bbox.width, zero); ctx.stroke();
            ctx.setLineDash([]);
          }
          ctx.strokeStyle = color;
          ctx.globalAlpha = 0.6;
          ctx.lineWidth = 1.5;
          for (var i = 0; i < c.x.length; i++) {
            if (c.lo[i] === null) continue;
            var px = u.valToPos(c.x[i], 'x', true);
            ctx.beginPath(); ctx.moveTo(px, u.valToPos(c.lo[i], 'y', true)); ctx.lineTo(px, u.valToPos(c.hi[i], 'y', true)); ctx.stroke();
          }
          ctx.restore();
        }],
      },
    };
  }

  function chart(target, stat, si, ai, width, height, title) {
    var s = data.series[si], c = columns(stat, si, ai), color = palette[s.color % palette.length], yRange = range(c, s.difference), xSpan = xRange(c);
    var opts = {
      title: title, width: width, height: height,
      scales: { x: { time: false, range: function () { return xSpan; } }, y: { range: function () { return yRange; } } },
      axes: [{ label: data.axes[ai].name }, { label: title ? label(stat, s) : '', size: 70 }],
      series: [
        { label: data.axes[ai].name },
        { label: s.label + ' (mean)', stroke: color, fill: color, paths: function () { return null; }, points: { show: true, size: c.x.length > 150 ? 5 : 8, stroke: color, fill: color } },
        { label: 'trend (LOWESS)', stroke: color, width: 2, spanGaps: true, points: { show: false } },
      ],
      plugins: [whiskers(c, color, s.difference)],
      legend: { show: !!title, live: false },
    };
    return new uPlot(opts, [c.x, c.m, c.t], target);
  }

  function heatmap(stat, si) {
    heat.textContent = '';
    if (!data.grid) return;
    var v = stat.values[si], s = data.series[si], xs = data.axes[0].x, ys = data.axes[1].x;
    var columnValues = Array.from(new Set(xs)).sort(function (a, b) { return a - b; });
    var rowValues = Array.from(new Set(ys)).sort(function (a, b) { return b - a; });
    var cells = {}, finite = [];
    for (var i = 0; i < xs.length; i++) { cells[xs[i] + '|' + ys[i]] = v.m[i]; if (v.m[i] !== null) finite.push(v.m[i]); }
    var lo = Math.min.apply(null, finite), hi = Math.max.apply(null, finite), scale = Math.max(Math.abs(lo), Math.abs(hi));
    function colour(x) {
      var t = s.difference ? (scale > 0 ? x / scale : 0) : (hi > lo ? (x - lo) / (hi - lo) : 0);
      var to = t >= 0 ? [49, 130, 189] : [222, 45, 38], a = Math.min(1, Math.abs(t));
      return 'rgb(' + to.map(function (c) { return Math.round(255 + (c - 255) * a); }).join(',') + ')';
    }
    var table = document.createElement('table');
    table.className = 'heatmap';
    table.createCaption().textContent = 'Heat map: ' + s.label + ': ' + label(stat, s);
    var head = table.insertRow();
    head.appendChild(document.createElement('th')).textContent = data.axes[1].name + ' \\ ' + data.axes[0].name;
    columnValues.forEach(function (x) { head.appendChild(document.createElement('th')).textContent = format(x); });
    rowValues.forEach(function (y) {
      var row = table.insertRow();
      row.appendChild(document.createElement('th')).textContent = format(y);
      columnValues.forEach(function (x) {
        var cell = row.insertCell(), value = cells[x + '|' + y];
        cell.textContent = format(value);
        if (value !== null && value !== undefined) cell.style.background = colour(value);
      });
    });
    heat.appendChild(table);
  }

  function draw() {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    main.textContent = '';
    pairs.textContent = '';
    var stat = data.statistics[Number(metric.value)], si = Number(series.value), ai = Number(axis.value);
    var s = data.series[si];
    var width = Math.max(320, Math.min(1000, main.parentNode.clientWidth || 900));
    charts.push(chart(main, stat, si, ai, width, 420, s.label + ': ' + label(stat, s)));
    data.axes.forEach(function (a, k) {
      var cell = document.createElement('div');
      cell.className = 'pair';
      var heading = cell.appendChild(document.createElement('div'));
      heading.className = 'pair-title';
      heading.textContent = 'against ' + a.name;
      pairs.appendChild(cell);
      charts.push(chart(cell, stat, si, k, 320, 220, ''));
    });
    heatmap(stat, si);
    var figure = stat.values[si].trend[ai].figure;
    link.textContent = '';
    if (figure) {
      link.append('Static version of this view (for print or e-mail): ');
      var a = link.appendChild(document.createElement('a'));
      a.href = figure;
      a.textContent = figure;
    }
    main.setAttribute('data-view', stat.key + '|' + s.label + '|' + data.axes[ai].name);
  }

  [metric, series, axis].forEach(function (select) { select.addEventListener('change', draw); });
  draw();
})();
