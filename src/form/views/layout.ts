// The page around every view: viewport for phones, the app's own CSS and script, a header
// with the connected identity and the Disconnect button (a POST with its CSRF token).
import { html, type Html } from "../html.js";

export interface PageContext {
  /** Path prefix of the app ("" at the root). */
  base: string;
  csrf: string;
  connected?: { name: string; email?: string };
}

export function layout(ctx: PageContext, title: string, body: Html): Html {
  const who = ctx.connected;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${title} · Basecamp request form</title>
<link rel="stylesheet" href="${ctx.base}/assets/form.css">
<script src="${ctx.base}/assets/form.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the form</a>
<header>
<p class="app">Basecamp request form</p>
${
  who
    ? html`<div class="who"><span>Connected as <strong data-testid="identity">${who.name}</strong>${who.email ? html` (${who.email})` : ""}</span>
<form method="post" action="${ctx.base}/disconnect"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit">Disconnect</button></form></div>`
    : ""
}
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>
`;
}
