// `campctl boost <recording> <content>`, `campctl boosts <recording>` and `campctl boost delete
// <boost>` (also `campctl unboost`): small reactions on to-dos, messages, comments and the like.
import { KIND } from "../../api/internal/kinds.js";
import type { OpItem, OpResult } from "../../api/operation.js";
import type { GlobalOptions } from "../internal/context.js";
import { UsageError } from "../internal/errors.js";
import { localTime } from "../internal/time-args.js";
import { collect, idArg, print, printDone, type Row, withClient } from "./shared.js";

/** Longest boost Basecamp takes, in characters (the reference's maxLength). */
export const BOOST_MAX = 16;

type Boost = OpResult<"GetBoost"> & { recording?: { title?: string } };

const BOOST_KIND = ["boosts"];

/** The boost's text: not empty, at most 16 characters (an emoji counts as one per code point). */
export function boostContent(content: string): string {
  const text = content.trim();
  if (text === "") throw new UsageError('A boost needs some content: an emoji or a few words, like campctl boost <recording> "🎉"');
  const length = [...text].length;
  if (length > BOOST_MAX) {
    throw new UsageError(`A boost is at most ${BOOST_MAX} characters; that one has ${length}. Say more in a comment: campctl comments add <recording> "…"`);
  }
  return text;
}

const recordingTitle = (b: Boost): string => b.recording?.title ?? "";

export async function runBoost(recording: string, content: string, g: GlobalOptions): Promise<void> {
  const recordingId = idArg(recording, KIND.recording, "recording");
  const text = boostContent(content);
  await withClient(g, async (conn) => {
    const b = (await conn.client.boosts.boost(recordingId, { content: text })) as Boost;
    const on = recordingTitle(b);
    printDone(g, b, `Boosted ${on ? JSON.stringify(on) : `recording ${String(recordingId)}`} with ${b.content} (boost ${String(b.id)})`);
  });
}

const row = (b: OpItem<"ListRecordingBoosts">): Row => ({ id: b.id, content: b.content ?? "", by: b.booster?.name ?? "", at: localTime(b.created_at) });

export async function runBoostsList(recording: string, g: GlobalOptions): Promise<void> {
  const recordingId = idArg(recording, KIND.recording, "recording");
  await withClient(g, async (conn) => {
    const boosts = await collect(conn.client.boosts.list(recordingId));
    print(g, boosts, boosts.map(row));
  });
}

export async function runBoostDelete(boost: string, g: GlobalOptions): Promise<void> {
  const id = idArg(boost, BOOST_KIND, "boost");
  await withClient(g, async (conn) => {
    // Read first, so the line says which boost went and from what.
    const b = (await conn.client.boosts.get(id)) as Boost;
    await conn.client.boosts.delete(id);
    const on = recordingTitle(b);
    printDone(g, { deleted: b.id, boost: b }, `Removed boost ${String(b.id)} (${b.content}${on ? ` on ${JSON.stringify(on)}` : ""})`);
  });
}
