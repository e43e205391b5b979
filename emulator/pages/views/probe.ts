/**
 * `/emulator/pages/probe/`: a tiny app for trying the frame protocol without
 * the real app: the real b24jssdk (its UMD build) initialises, shows what the
 * portal gave it and calls REST. Bind it as a placement HANDLER, or start a
 * portal with it as appUrl. Takes Bitrix24's form POST like any handler.
 */
import { html } from '../html'
import { ASSETS } from '../layout'

export function probePage(): { status: number, body: string } {
  const body = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Frame probe</title><link rel="stylesheet" href="${ASSETS}/portal.css"></head>
<body class="probe">
<main>
  <h1>Frame probe</h1>
  <p role="status" id="probe-status">Waiting for the portal…</p>
  <dl id="probe-init"></dl>
  <p id="probe-rest"></p>
  <div class="toolbar" id="probe-actions" hidden>
    <button type="button" class="btn" data-action="rest">Call crm.type.list</button>
    <button type="button" class="btn" data-action="title">Set title</button>
    <button type="button" class="btn" data-action="fit">Resize to 640</button>
    <button type="button" class="btn" data-action="refresh">Refresh auth</button>
    <button type="button" class="btn" data-action="slider">Open app in slider</button>
    <button type="button" class="btn" data-action="path">Open the list in a slider</button>
    <button type="button" class="btn" data-action="close">Close application</button>
    <button type="button" class="btn btn-primary" data-action="install">Finish install</button>
  </div>
</main>
<script src="${ASSETS}/b24jssdk.js"></script>
<script type="module" src="${ASSETS}/probe.js"></script>
</body>
</html>`
  return { status: 200, body: body.value }
}
