// Card-table wormholes: columns that send cards on to another card table.
import { operationResource } from "../operation.js";

export class Wormholes extends operationResource({
  create: "CreateWormhole",
  update: "UpdateWormhole",
  delete: "DeleteWormhole",
}) {}
