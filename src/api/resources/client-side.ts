// What a project shares with its clients: approvals, correspondences, their replies, visibility.
import { operationResource } from "../operation.js";

export class ClientSide extends operationResource({
  approvals: "ListClientApprovals",
  approval: "GetClientApproval",
  correspondences: "ListClientCorrespondences",
  correspondence: "GetClientCorrespondence",
  replies: "ListClientReplies",
  reply: "GetClientReply",
  /** Show a recording to clients or hide it: `setVisibility(id, { visible_to_clients: true })`. */
  setVisibility: "SetClientVisibility",
}) {}
