// `campctl cards list <table|project>` (every card, column by column) and `campctl cards show <card>`.
import { KIND } from "../../api/internal/kinds.js";
import type { Card, CardTableColumn } from "../../api/types.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { resolveTool, toolArg, type ToolKind } from "../internal/project-tool.js";
import { oneLine } from "../internal/text.js";
import { collect, idArg, names, openedOnWeb, print, printFields, type Row, withClient } from "./shared.js";

const TABLE: ToolKind = { kinds: KIND.cardTable, dock: "kanban_board", what: "card table", probe: (c, id) => c.cardTables.get(id) };

const steps = (c: Card): string => (c.steps?.length ? `${c.steps.filter((s) => s.completed).length}/${c.steps.length}` : "");

export async function runCardsList(table: string | undefined, o: { column?: string }, g: GlobalOptions): Promise<void> {
  toolArg(table, TABLE);
  await withClient(g, async (conn) => {
    const t = await conn.client.cardTables.get(await resolveTool(conn.client, table, TABLE, conn.settings.projectId));
    let columns: CardTableColumn[] = t.lists ?? [];
    if (o.column !== undefined) {
      const want = o.column.trim().toLowerCase();
      columns = columns.filter((c) => c.title.toLowerCase() === want || String(c.id) === want);
      if (!columns.length) throw new UsageError(`The card table has no column ${JSON.stringify(o.column)}; it has ${(t.lists ?? []).map((c) => c.title).join(", ")}.`);
    }
    const cards: Array<Card & { column: string }> = [];
    for (const col of columns) {
      for (const card of await collect(conn.client.cardTables.cards(col.id))) cards.push({ ...card, column: col.title });
    }
    print(
      g,
      cards,
      cards.map((c) => ({ column: c.column, id: c.id, title: c.title, due: c.due_on ?? "", assignees: names(c.assignees), steps: steps(c), done: c.completed ? "✓" : "" })),
    );
  });
}

export async function runCardsShow(card: string, o: { web?: boolean }, g: GlobalOptions): Promise<void> {
  const id = idArg(card, KIND.card, "card");
  await withClient(g, async (conn) => {
    const c = await conn.client.cardTables.card(id);
    if (await openedOnWeb(g, o, c.app_url)) return;
    const fields: Row = {
      id: c.id,
      title: c.title,
      column: c.parent?.title ?? "",
      completed: c.completed,
      due: c.due_on ?? "",
      assignees: names(c.assignees),
      steps: (c.steps ?? []).map((s) => `${s.completed ? "✓" : "·"} ${s.title}`).join("; "),
      content: oneLine(c.content, 200),
      project: c.bucket?.name ?? "",
      creator: c.creator?.name ?? "",
      url: c.app_url,
    };
    printFields(g, c, fields);
  });
}
