// Gauges: each project has one (a `Gauge` recording kept off the dock, made when first needed),
// and each progress update is a `Gauge::Needle` under it: a position 0–100, a color and an
// optional description. Only the description of a needle changes after it is made.
import { registerRecordingCrud, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { badRequest, forbidden, notFound, paginate, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, appBase, baseRecording, type Json, type RenderCtx } from "../render.js";
import { richText } from "../rich-text-fields.js";
import { bodyOf, canSeeProject, findProject, optionalPersonIds, renderCtx, toId, type ApiRouter } from "../router.js";
import type { Id, Project, Recording } from "../store/model.js";
import type { Store } from "../store/store.js";

const COLORS = ["green", "yellow", "red"] as const;
const RISK: Record<string, number> = { red: 0, yellow: 1, green: 2 };

/** The project's gauge, made (quietly, enabled) the first time anything asks for it. */
export function gaugeOf(store: Store, project: Project): Recording {
  for (const r of store.ofType("Gauge")) if (r.bucketId === project.id) return r;
  return store.insertRecording(
    { type: "Gauge", bucketId: project.id, parentId: null, creatorId: project.creatorId, title: "How far along are we?", enabled: true, inheritsStatus: false, createdAt: project.createdAt },
    { quiet: true, offDock: true },
  );
}

function needlesOf(store: Store, gauge: Recording): Recording[] {
  return store.childrenOf(gauge.id, ["Gauge::Needle"]).filter((n) => n.status === "active").sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

export function renderGauge(ctx: RenderCtx, gauge: Recording): Json {
  const [last, previous] = needlesOf(ctx.store, gauge);
  const base = baseRecording(ctx, gauge);
  delete base.subscription_url;
  return {
    ...base,
    url: `${apiBase(ctx)}/projects/${gauge.bucketId}/gauge.json`,
    app_url: `${appBase(ctx)}/projects/${gauge.bucketId}/gauge`,
    description: (last?.data?.description as string | undefined) ?? "",
    description_attachments: [],
    enabled: gauge.enabled !== false,
    last_needle_color: (last?.data?.color as string | undefined) ?? null,
    last_needle_position: (last?.data?.position as number | undefined) ?? null,
    previous_needle_position: (previous?.data?.position as number | undefined) ?? null,
  };
}

function renderNeedle(ctx: RenderCtx, rec: Recording): Json {
  const d = rec.data ?? {};
  const base = baseRecording(ctx, rec);
  const comments = ctx.store.childrenOf(rec.id, ["Comment"]).filter((c) => c.status === "active").length;
  const gauge = rec.parentId !== null ? ctx.store.recordings.get(rec.parentId) : undefined;
  return {
    ...base,
    url: `${apiBase(ctx)}/projects/${rec.bucketId}/gauge/needles/${rec.id}.json`,
    app_url: `${appBase(ctx)}/projects/${rec.bucketId}/gauge/needles/${rec.id}`,
    comments_count: comments,
    comments_url: `${apiBase(ctx)}/buckets/${rec.bucketId}/recordings/${rec.id}/comments.json`,
    ...(gauge ? { parent: { id: gauge.id, title: gauge.title, type: gauge.type, url: `${apiBase(ctx)}/projects/${gauge.bucketId}/gauge.json`, app_url: `${appBase(ctx)}/projects/${gauge.bucketId}/gauge` } } : {}),
    description: d.description ?? "",
    description_attachments: base.description_attachments ?? [],
    color: d.color,
    position: d.position,
    comment_count: comments,
  };
}

const creating = (c: SimContext) => c.req.method === "POST";

const position: FieldReader = (body, f, c) => {
  if (!creating(c)) return undefined; // fixed once made
  const v = body[f];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 100) throw validationFailed({ [f]: ["must be a whole number from 0 to 100"] });
  return n;
};

const color: FieldReader = (body, f, c) => {
  if (!creating(c)) return undefined;
  const v = body[f];
  if (v === undefined || v === null) return "green";
  if (typeof v !== "string" || !(COLORS as readonly string[]).includes(v)) throw validationFailed({ [f]: [`must be one of ${COLORS.join(", ")}`] });
  return v;
};

const description: FieldReader = (body, f, c) => {
  const v = body[f];
  if (v === undefined) return undefined;
  if (v === null) return "";
  if (typeof v !== "string") throw validationFailed({ [f]: ["must be a string"] });
  return richText(c.var.sim.store, f, v);
};

function gaugeFor(c: SimContext): Recording {
  return gaugeOf(c.var.sim.store, findProject(c, "projectId"));
}

/** Who hears about a new needle: `notify` everyone / working_on / custom (with `subscriptions`). */
function notifyList(c: SimContext, project: Project): Id[] | undefined {
  const body = bodyOf(c);
  const notify = body.notify;
  if (notify === undefined || notify === null || notify === "") return undefined;
  if (notify === "everyone" || notify === "working_on") return [...project.peopleIds];
  if (notify === "custom") return optionalPersonIds(c, body, "subscriptions") ?? [];
  throw validationFailed({ notify: ["must be everyone, working_on or custom"] });
}

export function register(r: ApiRouter): void {
  registerRecordingCrud(r, {
    what: "gauge needle",
    type: "Gauge::Needle",
    paths: { list: "/projects/:projectId/gauge/needles", create: "/projects/:projectId/gauge/needles", item: "/gauge_needles/:needleId" },
    forms: "flat",
    wrap: "gauge_needle",
    fields: { position, color, description },
    required: ["position"],
    parent(c) {
      const gauge = gaugeFor(c);
      if (gauge.enabled === false) throw forbidden("This project's gauge is turned off; turn it on with PUT /projects/{id}/gauge.json first.");
      notifyList(c, c.var.sim.store.projects.get(gauge.bucketId)!); // validate before anything is made
      return gauge;
    },
    listParent: gaugeFor,
    title: () => "Moved the needle",
    render: renderNeedle,
    after(c, rec, action) {
      const store = c.var.sim.store;
      const gauge = rec.parentId !== null ? store.recordings.get(rec.parentId) : undefined;
      if (action === "created") {
        const project = store.projects.get(rec.bucketId);
        const subs = project ? notifyList(c, project) : undefined;
        rec.subscriberIds = [...new Set([c.var.me.id, ...(subs ?? [])])];
      }
      if (gauge) {
        gauge.updatedAt = store.now();
        store.markDirty();
      }
    },
  });

  // The project-scoped form of a needle's address (its `url`).
  r.get("/projects/:projectId/gauge/needles/:needleId", (c) => {
    const gauge = gaugeFor(c);
    const needle = c.var.sim.store.getRecording(toId(c.req.param("needleId")) ?? 0n);
    if (!needle || needle.type !== "Gauge::Needle" || needle.parentId !== gauge.id || needle.status === "trashed") throw notFound();
    return sendJson(c, renderNeedle(renderCtx(c), needle), { lastModified: needle.updatedAt });
  }, { forms: "flat" });

  r.get("/projects/:projectId/gauge", (c) => {
    const gauge = gaugeFor(c);
    return sendJson(c, renderGauge(renderCtx(c), gauge), { lastModified: gauge.updatedAt });
  }, { forms: "flat" });

  r.put("/projects/:projectId/gauge", (c) => {
    const project = findProject(c, "projectId");
    const me = c.var.me;
    if (!me.admin && !me.owner && project.creatorId !== me.id) throw forbidden("Only project admins can turn the gauge on or off.");
    const raw = bodyOf(c).gauge;
    const enabled = raw && typeof raw === "object" ? (raw as Record<string, unknown>).enabled : undefined;
    if (typeof enabled !== "boolean") throw badRequest('Send {"gauge": {"enabled": true}} or {"gauge": {"enabled": false}}.');
    const store = c.var.sim.store;
    const gauge = gaugeOf(store, project);
    if (gauge.enabled !== enabled) {
      gauge.enabled = enabled;
      gauge.updatedAt = store.now();
      store.markDirty();
    }
    return c.body(null, 200);
  }, { forms: "flat" });

  r.get("/reports/gauges", (c) => {
    const store = c.var.sim.store;
    const raw = c.req.query("bucket_ids");
    let projects: Project[];
    if (raw !== undefined && raw !== "") {
      const ids = raw.split(",").map((s) => s.trim()).filter(Boolean).map((s) => {
        const id = toId(s);
        if (id === undefined) throw badRequest(`bucket_ids must be project IDs separated by commas (got ${JSON.stringify(s)})`);
        return id;
      });
      projects = ids.map((id) => store.getProject(id)).filter((p): p is Project => p !== undefined && p.status === "active" && canSeeProject(c, p));
    } else {
      projects = [...store.projects.values()].filter((p) => p.status === "active" && canSeeProject(c, p));
    }
    const ctx = renderCtx(c);
    const rows = projects
      .map((p) => ({ p, g: findGauge(store, p.id) }))
      .filter((x): x is { p: Project; g: Recording } => x.g !== undefined && x.g.enabled !== false && needlesOf(store, x.g).length > 0);
    if (raw === undefined || raw === "") {
      const risk = (g: Recording) => RISK[String(needlesOf(store, g)[0]?.data?.color)] ?? 3;
      rows.sort((a, b) => risk(a.g) - risk(b.g) || a.p.name.localeCompare(b.p.name));
    }
    return paginate(c, rows, (x) => renderGauge(ctx, x.g), (x) => x.g.updatedAt);
  }, { forms: "flat" });
}

/** A project's gauge reading (project JSON): the last needle's color and position, and the one before. */
export function needleSummary(store: Store, bucketId: Id): { last_needle_color: string | null; last_needle_position: number | null; previous_needle_position: number | null } {
  const gauge = findGauge(store, bucketId);
  const [last, previous] = gauge && gauge.enabled !== false ? needlesOf(store, gauge) : [];
  return {
    last_needle_color: (last?.data?.color as string | undefined) ?? null,
    last_needle_position: (last?.data?.position as number | undefined) ?? null,
    previous_needle_position: (previous?.data?.position as number | undefined) ?? null,
  };
}

function findGauge(store: Store, bucketId: Id): Recording | undefined {
  for (const r of store.ofType("Gauge")) if (r.bucketId === bucketId && r.status === "active") return r;
  return undefined;
}

/** Seed: a gauge with two needles in each active project. */
export function seedGauges(store: Store, rnd: () => number): void {
  const NOTES = ["<div>Kickoff done, scoping next.</div>", "<div>Design phase wrapping up.</div>", "<div>Some blockers on review.</div>", "<div>On track for launch.</div>"];
  const now = store.now();
  for (const p of store.projects.values()) {
    if (p.status !== "active") continue;
    const gauge = gaugeOf(store, p);
    let pos = 5 + Math.floor(rnd() * 20);
    const count = 2;
    for (let i = 0; i < count; i++) {
      const at = Math.min(now, Math.max(p.createdAt, now - (count - i) * 7 * 86_400_000));
      const color = COLORS[Math.floor(rnd() * 3)];
      store.insertRecording(
        { type: "Gauge::Needle", bucketId: p.id, parentId: gauge.id, creatorId: p.creatorId, title: "Moved the needle", createdAt: at, data: { position: pos, color, description: NOTES[Math.floor(rnd() * NOTES.length)] } },
        { quiet: true },
      );
      gauge.updatedAt = Math.max(gauge.updatedAt, at);
      pos = Math.min(100, pos + Math.floor(rnd() * 30));
    }
  }
}
