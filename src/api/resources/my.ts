// The signed-in person's own corner: notifications, drafts, notes, preferences, priorities.
import { operationResource } from "../operation.js";

export class My extends operationResource({
  /** Notifications (readings), unread first (`query: { limit_bubble_ups }`). */
  notifications: "GetMyNotifications",
  bubbleUps: "GetBubbleUps",
  /** Mark readings as read: `markAsRead({ readables: [sgid, …] })`. */
  markAsRead: "MarkAsRead",
  drafts: "ListMyDrafts",
  questionReminders: "GetQuestionReminders",
  note: "GetMyNote",
  updateNote: "UpdateMyNote",
  preferences: "GetMyPreferences",
  updatePreferences: "UpdateMyPreferences",
  /** Put an assignment on the Up Next list. */
  prioritize: "PrioritizeAssignment",
  deprioritize: "DeprioritizeAssignment",
  reorderUpNext: "ReorderUpNext",
}) {}
