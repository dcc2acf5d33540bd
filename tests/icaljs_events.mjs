// Parse an .ics file with ical.js (Thunderbird's parser) and print its events
// as JSON: uid, summary, description, start/end as UTC ISO (or a date).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const tz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(tz);
}
const out = root.getAllSubcomponents("vevent").map((c) => {
  const e = new ICAL.Event(c);
  const when = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
  return { uid: e.uid, summary: e.summary, description: e.description, start: when(e.startDate), end: when(e.endDate) };
});
process.stdout.write(JSON.stringify(out));
