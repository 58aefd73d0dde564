// The API's interactive docs: Swagger UI over /api/v1/openapi.json. Started from this
// file because the Content-Security-Policy runs no inline script. A logged-in reader
// tries the API with their session; writes carry the page's CSRF token as the pages do.
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  var csrf = root.dataset.csrfToken;
  window.SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    requestInterceptor: function (request) {
      if (csrf) {
        request.headers["X-CSRFToken"] = csrf;
      }
      return request;
    },
  });
});
