// Email forwards: a project's inbox, the emails forwarded into it and their replies.
import { operationResource } from "../operation.js";

export class Inboxes extends operationResource({
  get: "GetInbox",
  forwards: "ListForwards",
  forward: "GetForward",
  replies: "ListForwardReplies",
  reply: "GetForwardReply",
}) {}
