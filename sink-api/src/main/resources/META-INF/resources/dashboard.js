// The dashboard: plain JS and inline SVG, nothing fetched but this API. Every text from the API
// goes into the page as a text node or an attribute, never as HTML (Content-Security-Policy too).
'use strict';
const $ = id => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

// An element with attributes and children (nodes or strings, which become text nodes).
function el(name, attributes = {}, ...children) {
  const node = name.startsWith('svg:') ? document.createElementNS(SVG, name.slice(4)) : document.createElement(name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  node.append(...children);
  return node;
}
const state = { indicators: [], geo: new Map(), selectedGeo: '01000' };

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || response.statusText);
  }
  return response.json();
}

function indicator() {
  return state.indicators.find(d => d.id === $('indicator').value);
}

// SDMX flags: CONF_STATUS A (a small value) or D (withheld to protect another), OBS_STATUS P (provisional).
function format(cell, unit) {
  if (cell.suppressed) {
    return el('span', { class: 'withheld', title: cell.confStatus === 'A' ? 'withheld: fewer than 5'
      : 'withheld: would reveal another withheld value' }, 'x');
  }
  if (cell.value === null) return '–';
  const text = cell.value.toLocaleString('en-GB', { maximumFractionDigits: 2 }) + (unit === '%' ? ' %' : '');
  return cell.obsStatus === 'P'
    ? el('span', { class: 'provisional', title: 'provisional: late reports may still revise it' }, text, ' p')
    : text;
}

function query(params) {
  return new URLSearchParams(params).toString();
}

async function loadSnapshot() {
  const d = indicator();
  const params = { level: $('level').value, granularity: $('granularity').value, period: $('period').value };
  const snapshot = await getJson('/v1/snapshot?' + query(params));
  $('snapshot-csv').href = '/v1/snapshot?' + query({ ...params, format: 'csv' });
  $('table-title').textContent = `${d.names.en}, ${snapshot.period}`;
  const body = $('table').tBodies[0];
  body.replaceChildren(...snapshot.rows.map(row => {
    const cell = row.values[d.id];
    const tr = el('tr', {}, el('td', {}, row.name), el('td', {}, row.geo),
      el('td', { class: 'value' }, format(cell, d.unit)));
    tr.dataset.geo = row.geo;
    tr.className = row.geo === state.selectedGeo ? 'selected' : '';
    tr.onclick = () => { state.selectedGeo = row.geo; refresh(); };
    return tr;
  }));
}

async function loadSeries() {
  const d = indicator();
  const params = { geo: state.selectedGeo, granularity: $('granularity').value };
  const series = await getJson(`/v1/indicators/${d.id}?` + query(params));
  $('series-csv').href = `/v1/indicators/${d.id}?` + query({ ...params, format: 'csv' });
  const unit = state.geo.get(state.selectedGeo);
  $('chart-title').textContent = `${d.names.en}, ${unit.names.nl} (${unit.code})`;
  $('chart').replaceChildren(chart(series.points, d.unit));
  const period = $('period');
  const chosen = period.value;
  period.replaceChildren(new Option('Latest released', 'latest'),
    ...series.points.map(p => p.period).reverse().map(p => new Option(p, p)));
  period.value = chosen;
  if (!period.value) period.value = 'latest';
}

// A line over time; withheld or undefined periods are gaps, marked on the axis.
function chart(points, unit) {
  const width = 640, height = 280, left = 50, bottom = 30, top = 10;
  const values = points.map(p => p.value).filter(v => v !== null);
  const max = Math.max(1, ...values);
  const x = i => left + (points.length < 2 ? 0 : i * (width - left - 10) / (points.length - 1));
  const y = v => top + (height - top - bottom) * (1 - v / max);
  let path = '', pen = 'M';
  const marks = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      pen = 'M';
      if (p.suppressed) {
        marks.push(el('svg:rect', { class: 'gap', x: x(i) - 2, y: height - bottom - 4, width: 4, height: 4 },
          el('svg:title', {}, `${p.period}: withheld`)));
      }
      return;
    }
    path += `${pen}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
    pen = 'L';
    marks.push(el('svg:circle', { class: 'dot', cx: x(i).toFixed(1), cy: y(p.value).toFixed(1), r: 2.5 },
      el('svg:title', {}, `${p.period}: ${p.value}`)));
  });
  const labels = points.length ? [0, points.length - 1].map(i =>
    el('svg:text', { x: x(i), y: height - 8, 'text-anchor': i ? 'end' : 'start' }, points[i].period)) : [];
  return el('svg:svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'chart' },
    el('svg:line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#999' }),
    el('svg:text', { x: left - 6, y: top + 8, 'text-anchor': 'end' }, max.toLocaleString('en-GB') + (unit === '%' ? '%' : '')),
    el('svg:text', { x: left - 6, y: height - bottom, 'text-anchor': 'end' }, '0'),
    el('svg:path', { class: 'line', d: path }), ...marks, ...labels);
}

async function refresh() {
  const granularity = $('granularity').value;
  for (const option of $('indicator').options) {
    option.disabled = !state.indicators.find(d => d.id === option.value).granularities.includes(granularity);
  }
  if (indicator().granularities.indexOf(granularity) < 0) $('indicator').value = 'protected_persons';
  $('definition').textContent = indicator().definition;
  try {
    await Promise.all([loadSnapshot(), loadSeries()]);
    $('status').textContent = '';
    document.body.dataset.loaded = $('indicator').value;
  } catch (e) {
    $('status').textContent = 'Could not load: ' + e.message;
  }
}

async function start() {
  const [indicators, geo] = await Promise.all([getJson('/v1/indicators'), getJson('/v1/geo')]);
  state.indicators = indicators;
  geo.forEach(unit => state.geo.set(unit.code, unit));
  $('indicator').replaceChildren(...indicators.map(d => new Option(d.names.en, d.id)));
  ['indicator', 'level', 'period'].forEach(id => $(id).addEventListener('change', refresh));
  $('granularity').addEventListener('change', () => { $('period').value = 'latest'; refresh(); });
  await refresh();
}

start();
