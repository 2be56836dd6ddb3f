// Read-only views and small actions over stored records: "Everything" lists, reports,
// notifications, hill charts, calendars and campfire line edits.
import type { Sim } from "../context.js";
import type { ApiRouter } from "../router.js";
import { register as everything } from "./everything.js";
import { register as reports } from "./reports.js";
import { register as myReadings } from "./my-readings.js";
import { register as hillCharts } from "./hill-charts.js";
import { register as calendars } from "./calendars.js";

export function register(r: ApiRouter, sim: Sim): void {
  everything(r, sim);
  reports(r, sim);
  myReadings(r, sim);
  hillCharts(r, sim);
  calendars(r, sim);
}
