/* A pre-rendered explorer of "Where Are Pixels?" (no kernel, no network).
 *
 * Runs once per explorer, from the inline <script> at the end of its
 * <div class="pv-explorer">. The JSON block before it holds every state's
 * frame as a base image plus a delta image (the pixels that differ from the
 * base, the rest transparent), both lossless and at the frame's native
 * resolution. When a control moves, the base and the delta are drawn into
 * one canvas at native size, and the finished frame becomes the <img>'s
 * source: the browser scales one image, exactly as it would scale the
 * frame pixelviz rendered. (Scaling the two layers separately would blend
 * the base's pixels into every edge of the delta.)
 *
 * State position = mixed radix over the controls, last control fastest,
 * as in widgets._static. The root gets data-state (the state asked for)
 * and data-shown (the state whose frame the <img> shows).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script.parentNode;
  var data = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
  var view = root.querySelector("img.pv-frame");
  var form = root.querySelector("form.pv-controls");
  var caption = root.querySelector(".pv-caption");
  var controls = Array.prototype.slice.call(root.querySelectorAll("[data-pv]"));
  var canvas = document.createElement("canvas");
  canvas.width = data.width;
  canvas.height = data.height;
  var context = canvas.getContext("2d");
  var bases = {};      // base index -> Promise of its decoded image (few, kept)
  var wanted = -1;     // the state the latest control move asked for
  var url = null;      // object URL of the frame shown now

  function decoded(b64) {
    var image = new Image();
    image.src = "data:" + data.mime + ";base64," + b64;
    return image.decode().then(function () { return image; });
  }

  function base(k) {
    if (!(k in bases)) { bases[k] = decoded(data.bases[k]); }
    return bases[k];
  }

  function indexOf(control) {
    var input = control.querySelector("input[type=range], select");
    if (input) { return +input.value; }
    var checked = control.querySelector("input[type=radio]:checked");
    return checked ? +checked.value : 0;
  }

  function position() {
    var p = 0;
    controls.forEach(function (control, k) {
      var i = indexOf(control);
      p = p * data.sizes[k] + i;
      var output = control.querySelector("output");
      if (output) { output.textContent = data.labels[k][i]; }
    });
    return p;
  }

  function compose(p, images) {
    if (p !== wanted) { return; }
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(images[0], 0, 0);
    context.drawImage(images[1], 0, 0);
    canvas.toBlob(function (blob) {
      if (p !== wanted) { return; }
      var next = URL.createObjectURL(blob);
      view.onload = function () {
        if (url) { URL.revokeObjectURL(url); }
        url = next;
        if (p === wanted) { root.dataset.shown = p; }
      };
      view.src = next;
      view.alt = data.alts[p];
    }, "image/png");
  }

  function show() {
    var p = position();
    root.dataset.state = p;
    caption.textContent = data.captions[p];
    if (p === wanted) { return; }
    wanted = p;
    Promise.all([base(data.base[p]), decoded(data.frames[data.index[p]])]).then(function (images) {
      compose(p, images);
    });
  }

  form.addEventListener("input", show);
  form.addEventListener("change", show);
  // The <img> starts on the first state's full frame; a browser that restored other control
  // positions (back button, reload) gets the frame of those.
  wanted = data.start;
  root.dataset.shown = data.start;
  show();
})();
