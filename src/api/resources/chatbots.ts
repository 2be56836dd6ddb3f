// Chatbots: integrations that post to a campfire with their own key.
import { operationResource } from "../operation.js";

export class Chatbots extends operationResource({
  list: "ListChatbots",
  get: "GetChatbot",
  create: "CreateChatbot",
  update: "UpdateChatbot",
  delete: "DeleteChatbot",
}) {}
