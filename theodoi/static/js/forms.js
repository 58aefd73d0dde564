// Small form helpers, in a file because the Content-Security-Policy forbids inline script.
// data-confirm="…" on a form: ask before submitting (forms htmx does not handle).
// data-max-bytes="…" on a file input: say at once that a file is too large, rather than
// after uploading it for minutes only to be refused by the server.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);

document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.dataset || !input.dataset.maxBytes || !input.files) return;
  var limit = Number(input.dataset.maxBytes);
  var big = Array.prototype.find.call(input.files, function (f) { return f.size > limit; });
  input.setCustomValidity(big
    ? "Tệp “" + big.name + "” lớn hơn " + Math.round(limit / 1048576) + " MB: hãy nén hoặc chia nhỏ tệp."
    : "");
  if (big) input.reportValidity();
});
