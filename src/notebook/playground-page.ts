/**
 * The code of the training playground as it runs in the page (see playground.ts): plain ES2017
 * that uses the `tf` global of TensorFlow.js's browser bundle. It is kept as a string because it
 * never runs in Node; `playgroundHtml` places it in a script element. No template literals and
 * no backticks in here: the string is a String.raw template.
 *
 * It is checked all the same, by test/unit/playground-script.test.ts: TypeScript type-checks it
 * as strict JavaScript (checkJs, lib DOM and ES2017, the types of its JSDoc comments) against the
 * page's globals stated in test/support/playground-page.d.ts (TensorFlow.js's installed types,
 * playground.ts's spec), and ESLint lints it as an ES2017 script (`@eslint/js` recommended) that
 * reads no globals but `window`, `document`, `setTimeout` and `tf`.
 */

/**
 * Defines `window.__multilabelPlaygroundStart(root, spec)`, which builds the controls, the two
 * networks and their pictures inside `root` and exposes `window.__playground` for tests.
 */
export const PLAYGROUND_SCRIPT = String.raw`(function () {
  'use strict';
  // JSDoc types are for the type check; the names Playground* and the tf namespace in them are
  // the page's globals as declared for it.
  if (window.__multilabelPlaygroundStart) return;
  var COMBINATIONS = ['{1,1}', '{0,1}', '{0,0}', '{1,0}'];
  // Points in strong colours, the decision map in light ones of the same hue.
  /** @type {Record<string, string>} */
  var POINT = { '{1,1}': '#1f6fb4', '{0,1}': '#e07b10', '{0,0}': '#2a9d3a', '{1,0}': '#c0392b' };
  /** @type {Record<string, number[]>} */
  var AREA = {
    '{1,1}': [178, 208, 236],
    '{0,1}': [250, 214, 170],
    '{0,0}': [184, 228, 188],
    '{1,0}': [240, 184, 178],
  };
  /** @type {PlaygroundKind[]} */
  var KINDS = ['sigmoid', 'softmax'];
  var TITLE = {
    sigmoid: 'sigmoid outputs + binary cross-entropy',
    softmax: 'softmax outputs + categorical cross-entropy',
  };
  var LOSS = { sigmoid: 'binaryCrossentropy', softmax: 'categoricalCrossentropy' };
  var GRID = 64;
  var MAP_PX = 256;
  var THRESHOLD = 0.5;

  /**
   * mulberry32, the generator of the lesson's library: a seed gives one sequence.
   * @param {number} seed
   */
  function createRng(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** @param {number} pa @param {number} pb */
  function combination(pa, pb) {
    return '{' + (pa >= THRESHOLD ? 1 : 0) + ',' + (pb >= THRESHOLD ? 1 : 0) + '}';
  }

  /**
   * The lesson's buildModel, with the two features of the plane as its input.
   * @param {typeof window.tf} tf
   * @param {PlaygroundKind} output
   * @param {number} seed
   * @param {number} units
   */
  function buildModel(tf, output, seed, units) {
    /** @param {number} s */
    var glorot = function (s) { return tf.initializers.glorotUniform({ seed: s }); };
    var model = tf.sequential();
    model.add(
      tf.layers.dense({
        inputShape: [2],
        units: units,
        activation: 'relu',
        kernelInitializer: glorot(seed),
      }),
    );
    model.add(
      tf.layers.dense({ units: 2, activation: output, kernelInitializer: glorot(seed + 1) }),
    );
    return model;
  }

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string | number>} [attrs]
   * @param {string} [text]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) { node.setAttribute(k, String(a[k])); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /**
   * @param {string} label
   * @param {string} name
   * @param {number} value
   * @param {number} step
   * @param {number} min
   * @param {number} max
   */
  function numberField(label, name, value, step, min, max) {
    var wrap = el('label', { class: 'ml-pg-field' }, label + ' ');
    var input = el('input', {
      type: 'number', name: name, value: String(value), step: String(step),
      min: String(min), max: String(max), 'data-control': name,
    });
    input.style.width = '5.5em';
    wrap.appendChild(input);
    return { wrap: wrap, input: input };
  }

  /**
   * @param {HTMLElement} root
   * @param {PlaygroundPageSpec} spec
   * @returns {PlaygroundApi}
   */
  function start(root, spec) {
    var tf = window.tf;
    var n = spec.x.length;
    var xs = tf.tensor2d(spec.x);
    var ys = tf.tensor2d(spec.y);
    var truth = spec.y.map(function (r) { return combination(r[0], r[1]); });
    var b = spec.bounds;
    var grid = [];
    for (var gy = 0; gy < GRID; gy++)
      for (var gx = 0; gx < GRID; gx++)
        grid.push([
          b.x[0] + ((gx + 0.5) / GRID) * (b.x[1] - b.x[0]),
          b.y[1] - ((gy + 0.5) / GRID) * (b.y[1] - b.y[0]),
        ]);
    var gridTensor = tf.tensor2d(grid);

    // Controls.
    root.textContent = '';
    var style = el('style', {}, [
      '.ml-pg { font-family: system-ui, sans-serif; font-size: 13px; color: #222; }',
      '.ml-pg-controls { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center;',
      '  margin: 4px 0 8px; }',
      '.ml-pg-panels { display: flex; flex-wrap: wrap; gap: 18px; }',
      '.ml-pg-panel h4 { margin: 4px 0; font-size: 13px; }',
      '.ml-pg canvas { display: block; border: 1px solid #bbb; cursor: crosshair; }',
      '.ml-pg-legend span { display: inline-block; margin-right: 12px; }',
      '.ml-pg-legend i { display: inline-block; width: 11px; height: 11px; margin-right: 4px;',
      '  vertical-align: -1px; border: 1px solid #888; }',
      '.ml-pg-info { min-height: 3.2em; margin-top: 6px; white-space: pre;',
      '  font-family: monospace; }',
      '.ml-pg button { padding: 2px 10px; }',
    ].join('\n'));
    root.appendChild(style);
    var controls = el('div', { class: 'ml-pg-controls' });
    var d = spec.defaults;
    var units = numberField('hidden units', 'units', d.hiddenUnits, 1, 1, 64);
    var rate = numberField('learning rate (Adam)', 'learningRate', d.learningRate, 0.005, 1e-4, 1);
    var epochs = numberField('epochs', 'epochs', d.numEpochs, 1, 1, 500);
    var seed = numberField('seed', 'seed', d.seed, 1, 0, 2147483647);
    [units, rate, epochs, seed].forEach(function (f) { controls.appendChild(f.wrap); });
    var trainButton = el('button', { type: 'button', 'data-action': 'train' }, 'Train');
    var pauseButton = el('button', { type: 'button', 'data-action': 'pause' }, 'Pause');
    var resetButton = el('button', { type: 'button', 'data-action': 'reset' }, 'Reset');
    [trainButton, pauseButton, resetButton].forEach(function (x) { controls.appendChild(x); });
    var status = el('span', { class: 'ml-pg-status', 'data-status': '' }, '');
    controls.appendChild(status);
    root.appendChild(controls);

    var legend = el('div', { class: 'ml-pg-legend' }, 'colour = combination {a,b}: ');
    COMBINATIONS.forEach(function (c) {
      var item = el('span');
      var swatch = el('i');
      swatch.style.background = 'rgb(' + AREA[c].join(',') + ')';
      swatch.style.borderColor = POINT[c];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(c));
      legend.appendChild(item);
    });
    root.appendChild(legend);

    var panels = el('div', { class: 'ml-pg-panels' });
    /**
     * Each network's pictures; area is the decision map at one pixel per grid cell.
     * @type {Record<string, { map: HTMLCanvasElement, loss: HTMLCanvasElement,
     *   score: HTMLDivElement, area: HTMLCanvasElement }>}
     */
    var view = {};
    KINDS.forEach(function (kind) {
      var panel = el('div', { class: 'ml-pg-panel', 'data-kind': kind });
      panel.appendChild(el('h4', {}, TITLE[kind]));
      var map = el('canvas', { width: MAP_PX, height: MAP_PX, 'data-map': kind });
      var loss = el('canvas', { width: MAP_PX, height: 110, 'data-loss': kind });
      panel.appendChild(map);
      panel.appendChild(el('div', { class: 'ml-pg-axis' }, spec.axes[0] + ' across, ' +
        spec.axes[1] + ' up; below: training loss per epoch'));
      panel.appendChild(loss);
      var score = el('div', { class: 'ml-pg-score', 'data-score': kind }, '');
      panel.appendChild(score);
      panels.appendChild(panel);
      var area = el('canvas', { width: GRID, height: GRID });
      view[kind] = { map: map, loss: loss, score: score, area: area };
    });
    root.appendChild(panels);
    var info = el('div', { class: 'ml-pg-info', 'data-info': '' },
      'Hover over a point (click to keep it) to see both networks\' answers.');
    root.appendChild(info);

    /**
     * @typedef {{ units: number, learningRate: number, seed: number }} Settings
     * @typedef {{ models: Record<string, tf.Sequential>, rng: () => number, epoch: number,
     *   losses: Record<string, number[]>, state: string, stop: 'pause' | 'reset' | null,
     *   probs: Record<string, ArrayLike<number>>, hover: number, pinned: number,
     *   report: PlaygroundReport, settings: Settings }} State
     */
    // The rest (models, rng, losses, settings, probs, report) reset() below sets before anything
    // reads it.
    var s = /** @type {State} */ ({ epoch: 0, state: 'idle', stop: null, hover: -1, pinned: -1 });

    /**
     * @param {HTMLInputElement} input
     * @param {number} low
     * @param {number} high
     * @param {number} fallback
     */
    function readInt(input, low, high, fallback) {
      var v = Math.round(Number(input.value));
      if (!Number.isFinite(v)) return fallback;
      return Math.min(high, Math.max(low, v));
    }
    function readSettings() {
      var lr = Number(rate.input.value);
      return {
        units: readInt(units.input, 1, 64, d.hiddenUnits),
        learningRate: Number.isFinite(lr) && lr > 0 ? lr : d.learningRate,
        seed: readInt(seed.input, 0, 2147483647, d.seed),
      };
    }
    /** @param {string} state */
    function setState(state) {
      s.state = state;
      root.setAttribute('data-state', state);
      root.setAttribute('data-epoch', String(s.epoch));
      status.textContent = 'epoch ' + s.epoch + ' of ' + readInt(epochs.input, 1, 500, 1) +
        ' · ' + state + ' · seed ' + s.settings.seed;
    }

    function reset() {
      if (s.models) KINDS.forEach(function (k) { s.models[k].dispose(); });
      s.settings = readSettings();
      s.models = {};
      KINDS.forEach(function (kind) {
        var model = buildModel(tf, kind, s.settings.seed, s.settings.units);
        model.compile({ optimizer: tf.train.adam(s.settings.learningRate), loss: LOSS[kind] });
        s.models[kind] = model;
      });
      // The batch order's generator: a seed names the whole run.
      s.rng = createRng(s.settings.seed + 2);
      s.epoch = 0;
      s.losses = { sigmoid: [], softmax: [] };
      redraw();
      setState('idle');
    }

    /** @param {tf.Sequential} model @param {tf.Tensor} x */
    function predictAll(model, x) {
      return tf.tidy(function () {
        return /** @type {tf.Tensor} */ (model.predict(x)).dataSync();
      });
    }

    /**
     * @param {ArrayLike<number>} probs
     * @returns {PlaygroundScores}
     */
    function scoreOf(probs) {
      /** @type {Record<string, number>} */
      var right = {};
      /** @type {Record<string, number>} */
      var rows = {};
      for (var i = 0; i < n; i++) {
        var c = truth[i];
        rows[c] = (rows[c] || 0) + 1;
        if (combination(probs[2 * i], probs[2 * i + 1]) === c) right[c] = (right[c] || 0) + 1;
      }
      /** @type {PlaygroundScores} */
      var out = {};
      Object.keys(rows).sort().reverse().forEach(function (c) {
        out[c] = { rows: rows[c], exactMatch: (right[c] || 0) / rows[c] };
      });
      return out;
    }

    /** @param {HTMLCanvasElement} canvas */
    function context2d(canvas) {
      var ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('this page gives a canvas no 2d context');
      return ctx;
    }

    /** @param {PlaygroundKind} kind */
    function paintArea(kind) {
      var probs = predictAll(s.models[kind], gridTensor);
      var ctx = context2d(view[kind].area);
      var image = ctx.createImageData(GRID, GRID);
      for (var i = 0; i < GRID * GRID; i++) {
        var rgb = AREA[combination(probs[2 * i], probs[2 * i + 1])];
        image.data[4 * i] = rgb[0];
        image.data[4 * i + 1] = rgb[1];
        image.data[4 * i + 2] = rgb[2];
        image.data[4 * i + 3] = 255;
      }
      ctx.putImageData(image, 0, 0);
    }

    /** @param {number[]} p */
    function toPixel(p) {
      return [
        ((p[0] - b.x[0]) / (b.x[1] - b.x[0])) * MAP_PX,
        ((b.y[1] - p[1]) / (b.y[1] - b.y[0])) * MAP_PX,
      ];
    }

    /** @param {PlaygroundKind} kind */
    function drawMap(kind) {
      var ctx = context2d(view[kind].map);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(view[kind].area, 0, 0, MAP_PX, MAP_PX);
      for (var i = 0; i < n; i++) {
        var q = toPixel(spec.x[i]);
        ctx.beginPath();
        ctx.arc(q[0], q[1], 2.2, 0, 2 * Math.PI);
        ctx.fillStyle = POINT[truth[i]];
        ctx.fill();
      }
      var shown = s.pinned >= 0 ? s.pinned : s.hover;
      if (shown >= 0) {
        var h = toPixel(spec.x[shown]);
        ctx.beginPath();
        ctx.arc(h[0], h[1], 6, 0, 2 * Math.PI);
        ctx.lineWidth = 2;
        ctx.strokeStyle = '#000';
        ctx.stroke();
      }
    }

    /** @param {PlaygroundKind} kind */
    function drawLoss(kind) {
      var canvas = view[kind].loss;
      var ctx = context2d(canvas);
      var w = canvas.width, h = canvas.height, pad = 26;
      ctx.clearRect(0, 0, w, h);
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
      var values = s.losses[kind];
      var total = Math.max(readInt(epochs.input, 1, 500, 1), values.length, 1);
      ctx.fillStyle = '#444';
      ctx.font = '10px sans-serif';
      if (values.length === 0) {
        ctx.fillText('loss: press Train', pad, h / 2);
        return;
      }
      var top = Math.max.apply(null, values);
      ctx.fillText(top.toFixed(3), 2, 12);
      ctx.fillText('0', 2, h - pad + 4);
      ctx.fillText('epoch ' + total, w - 52, h - 6);
      ctx.strokeStyle = '#bbb';
      ctx.beginPath();
      ctx.moveTo(pad, 6);
      ctx.lineTo(pad, h - pad);
      ctx.lineTo(w - 4, h - pad);
      ctx.stroke();
      ctx.strokeStyle = kind === 'sigmoid' ? '#1f6fb4' : '#c0392b';
      ctx.lineWidth = 2;
      ctx.beginPath();
      values.forEach(function (v, e) {
        var px = pad + ((e + 1) / total) * (w - 4 - pad);
        var py = h - pad - (v / top) * (h - pad - 8);
        if (e === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
      });
      ctx.stroke();
      ctx.lineWidth = 1;
      ctx.fillText('last ' + values[values.length - 1].toFixed(4), w - 90, 14);
    }

    function redraw() {
      s.probs = {};
      s.report = { epoch: s.epoch };
      KINDS.forEach(function (kind) {
        paintArea(kind);
        s.probs[kind] = predictAll(s.models[kind], xs);
        var score = scoreOf(s.probs[kind]);
        s.report[kind] = score;
        view[kind].score.textContent = 'exact match on the sample: ' + Object.keys(score)
          .map(function (c) { return c + ' ' + score[c].exactMatch.toFixed(3); }).join(', ');
        drawMap(kind);
        drawLoss(kind);
      });
      root.setAttribute('data-report', JSON.stringify(s.report));
      showInfo();
    }

    function showInfo() {
      var i = s.pinned >= 0 ? s.pinned : s.hover;
      if (i < 0) return;
      var p = spec.x[i];
      var lines = [spec.axes[0] + ' = ' + p[0].toFixed(3) + ', ' + spec.axes[1] + ' = ' +
        p[1].toFixed(3) + ', true combination ' + truth[i] + (s.pinned >= 0 ? ' (pinned)' : '')];
      KINDS.forEach(function (kind) {
        var pa = s.probs[kind][2 * i], pb = s.probs[kind][2 * i + 1];
        lines.push((kind + '  ').slice(0, 8) + ' p(a) ' + pa.toFixed(3) + '  p(b) ' +
          pb.toFixed(3) + '  decides ' + combination(pa, pb));
      });
      info.textContent = lines.join('\n');
    }

    /** @param {HTMLCanvasElement} canvas @param {MouseEvent} event */
    function nearest(canvas, event) {
      var r = canvas.getBoundingClientRect();
      var px = ((event.clientX - r.left) / r.width) * MAP_PX;
      var py = ((event.clientY - r.top) / r.height) * MAP_PX;
      var best = -1, bestD = 64;
      for (var i = 0; i < n; i++) {
        var q = toPixel(spec.x[i]);
        var dd = (q[0] - px) * (q[0] - px) + (q[1] - py) * (q[1] - py);
        if (dd < bestD) { bestD = dd; best = i; }
      }
      return best;
    }
    KINDS.forEach(function (kind) {
      var canvas = view[kind].map;
      canvas.addEventListener('mousemove', function (event) {
        var i = nearest(canvas, event);
        if (i === s.hover) return;
        s.hover = i;
        KINDS.forEach(drawMap);
        showInfo();
      });
      canvas.addEventListener('click', function (event) {
        var i = nearest(canvas, event);
        s.pinned = i === s.pinned ? -1 : i;
        KINDS.forEach(drawMap);
        showInfo();
      });
    });

    function pause() { return new Promise(function (done) { setTimeout(done, 0); }); }

    async function trainEpoch() {
      /** @type {number[]} */
      var order = [];
      for (var i = 0; i < n; i++) order.push(i);
      for (var j = n - 1; j > 0; j--) {
        var k = Math.floor(s.rng() * (j + 1));
        var t = order[j]; order[j] = order[k]; order[k] = t;
      }
      var sums = { sigmoid: 0, softmax: 0 };
      for (var start = 0; start < n; start += spec.defaults.batchSize) {
        // A reset stops at once; a pause at the end of the epoch, so a run paused and resumed is
        // the run trained in one go.
        if (s.stop === 'reset') return false;
        var rows = tf.tensor1d(order.slice(start, start + spec.defaults.batchSize), 'int32');
        var xb = tf.gather(xs, rows), yb = tf.gather(ys, rows);
        // Both networks take the same batches in the same order.
        for (var q = 0; q < KINDS.length; q++) {
          // One output and no metrics: one number.
          var loss = /** @type {number} */ (await s.models[KINDS[q]].trainOnBatch(xb, yb));
          sums[KINDS[q]] += loss * rows.shape[0];
        }
        tf.dispose([rows, xb, yb]);
      }
      KINDS.forEach(function (kind) { s.losses[kind].push(sums[kind] / n); });
      return true;
    }

    async function train() {
      if (s.state === 'training') return;
      var target = readInt(epochs.input, 1, 500, d.numEpochs);
      var now = readSettings();
      if (JSON.stringify(now) !== JSON.stringify(s.settings)) reset();
      if (s.epoch >= target) { setState('done'); return; }
      setState('training');
      while (s.epoch < target && !s.stop) {
        var finished = await trainEpoch();
        if (!finished) break;
        s.epoch += 1;
        redraw();
        setState(s.epoch >= target ? 'done' : 'training');
        await pause();
        target = readInt(epochs.input, 1, 500, d.numEpochs);
      }
      var stop = s.stop;
      s.stop = null;
      if (stop === 'reset') reset();
      else if (s.epoch < target) setState('paused');
      else setState('done');
    }

    function requestReset() {
      if (s.state === 'training') s.stop = 'reset'; else reset();
    }

    trainButton.addEventListener('click', function () { train(); });
    pauseButton.addEventListener('click', function () {
      if (s.state === 'training') s.stop = 'pause';
    });
    resetButton.addEventListener('click', requestReset);
    [units, rate, seed].forEach(function (f) {
      f.input.addEventListener('change', requestReset);
    });
    epochs.input.addEventListener('change', function () {
      if (s.state !== 'training') setState(s.state);
    });

    reset();
    /** @type {PlaygroundApi} */
    var api = {
      root: root,
      spec: spec,
      state: function () { return s.state; },
      epoch: function () { return s.epoch; },
      report: function () { return s.report; },
      train: train,
      // The probabilities of network 'kind' with the given weights (shapes and values) for points.
      predictWith: function (kind, weights, points) {
        var model = buildModel(tf, kind, 0, weights[0].shape[1]);
        var tensors = weights.map(function (w) { return tf.tensor(w.values, w.shape); });
        model.setWeights(tensors);
        var out = tf.tidy(function () {
          return /** @type {tf.Tensor2D} */ (model.predict(tf.tensor2d(points))).arraySync();
        });
        tf.dispose(tensors);
        model.dispose();
        return out;
      },
    };
    window.__playground = api;
    root.setAttribute('data-ready', 'true');
    return api;
  }

  window.__multilabelPlaygroundStart = function (root, spec) {
    // The cpu backend: the same arithmetic on every machine, enough for networks this small.
    return window.tf.setBackend('cpu').then(function () { return start(root, spec); });
  };
})();`;
