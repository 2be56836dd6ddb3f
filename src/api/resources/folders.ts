// Folders (stacks) that group projects on the home screen.
import { operationResource } from "../operation.js";

export class Folders extends operationResource({
  list: "ListFolders",
  get: "GetFolder",
  create: "CreateFolder",
  update: "UpdateFolder",
  delete: "DeleteFolder",
}) {}
