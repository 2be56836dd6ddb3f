// Bookmarks: the signed-in person's saved recordings.
import { operationResource } from "../operation.js";

export class Bookmarks extends operationResource({
  list: "ListMyBookmarks",
  get: "GetBookmark",
  create: "CreateBookmark",
  delete: "DeleteBookmark",
}) {}
