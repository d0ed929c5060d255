(function () {
  "use strict";
  var slackToken = "xoxp-123456789012-1234567890123-1234567890123-FAKEexample0123456789abcdefABCD";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("pay");
    if (button) {
      button.dataset.token = slackToken;
    }
  });
  window.checkout = { ready: true };
})();
