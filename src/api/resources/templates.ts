// Project templates, and projects made from them.
import { operationResource } from "../operation.js";

export class Templates extends operationResource({
  list: "ListTemplates",
  get: "GetTemplate",
  create: "CreateTemplate",
  update: "UpdateTemplate",
  delete: "DeleteTemplate",
  /** Start making a project from a template; poll `construction` until it is done. */
  construct: "CreateProjectFromTemplate",
  construction: "GetProjectConstruction",
}) {}
