// Files that live elsewhere, linked into a vault: cloud files and Google documents.
import { operationResource } from "../operation.js";

export class CloudFiles extends operationResource({
  get: "GetCloudFile",
  create: "CreateCloudFile",
  update: "UpdateCloudFile",
}) {}

export class GoogleDocuments extends operationResource({
  get: "GetGoogleDocument",
  create: "CreateGoogleDocument",
  update: "UpdateGoogleDocument",
}) {}
