// A project's dock: add, rename, hide, show, move and remove its tools.
import { operationResource } from "../operation.js";

export class DockTools extends operationResource({
  get: "GetTool",
  /** Add a copy of an existing tool to the project: `create(projectId, { source_recording_id, title })`. */
  create: "CreateTool",
  update: "UpdateTool",
  delete: "DeleteTool",
  enable: "EnableTool",
  disable: "DisableTool",
  reposition: "RepositionTool",
}) {}
